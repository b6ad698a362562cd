# t0245 - the instructor's controls (docs/lab.md): make reset empties the
# users and sessions of a running lab and says how many it removed; make
# run with both ports busy names both in one message and touches nothing
# in the run directory.
# store: any
. "$(dirname "$0")/../lib.sh"
lab_start

for n in 김철수 영희 kim; do
	req POST "$BASE/user" -H 'Content-Type: application/json' --data "{\"name\":\"$n\"}"
	expect_status 201 "POST /user $n"
done
req GET "$BASE/cgi-bin/session.cgi/login?name=kim"
expect_status 302 "a session login"
req GET "$BASE/users"
etag=$(header ETag)
check "three users before the reset" test "$(db_users | wc -l)" -eq 3
check "one session before the reset" test "$(db_sessions | wc -l)" -eq 1

out=$(make -s -C "$top" reset RUN_DIR="$RUN" 2>&1)
rc=$?
check "make reset succeeds on a running lab ($out)" test "$rc" -eq 0
check "…and says what it removed" bash -c "[[ \"\$1\" == *'removed 3 users and 1 session'* ]]" _ "$out"
check "no user rows are left" test -z "$(db_users)"
check "no session rows are left" test -z "$(db_sessions)"
req GET "$BASE/users"
expect_status 200 "GET /users after the reset"
expect_body '{}' "…is empty"
check "…under a new ETag" test "$(header ETag)" != "$etag"
req GET "$BASE/users" -H "If-None-Match: $etag"
expect_status 200 "the old list's ETag is not a 304 any more"

req POST "$BASE/user" -H 'Content-Type: application/json' --data '{"name":"new"}'
expect_status 201 "the lab works on after the reset"
check "…with a new id, not one given before" bash -c "[ \"\$(printf '%s\n' \"\$1\" | cut -d= -f1)\" -gt 3 ]" _ "$(db_users)"

lab_stop
out=$(make -s -C "$top" reset RUN_DIR="$RUN" 2>&1)
check "make reset on a stopped lab ($out)" bash -c "[[ \"\$1\" == *'removed 1 user and 0 sessions'* ]]" _ "$out"
check "…leaves no user rows" test -z "$(db_users)"

# Both ports held by another program (a listener on loopback, stopped by
# its PID): make run names both at once and changes nothing in RUN_DIR.
if [ "$STORE" = sqlite ]; then
	# The kernel picks two free ports and the listener holds them from the
	# moment they are named: no other test can take one in between.
	held=$(mktemp)
	python3 -c '
import socket, sys, time
socks = []
for _ in range(2):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(64)
    socks.append(s)
with open(sys.argv[1], "w") as f:
    f.write(" ".join(str(s.getsockname()[1]) for s in socks) + "\n")
time.sleep(300)
' "$held" >/dev/null 2>&1 &
	pids=($!)
	for i in $(seq 100); do
		[ -s "$held" ] && break
		sleep 0.1
	done
	read -r PORT TLS_PORT <"$held"
	rm -f "$held"
	check "a listener holds two ports ($PORT $TLS_PORT)" \
	    bash -c '(exec 3<>"/dev/tcp/127.0.0.1/$1") && (exec 3<>"/dev/tcp/127.0.0.1/$2")' _ "$PORT" "$TLS_PORT"
	listing() { find "$RUN" -printf '%p %s %T@ %m %u\n' | sort; find "$RUN" -type f -exec md5sum {} + | sort; }
	before=$(listing)
	out=$(timeout 120 make -s -C "$top" run RUN_DIR="$RUN" PORT="$PORT" TLS_PORT="$TLS_PORT" 2>&1)
	rc=$?
	after=$(listing)
	kill "${pids[@]}"
	wait "${pids[@]}" 2>/dev/null
	check "make run with both ports busy fails" test "$rc" -ne 0 -a "$rc" -ne 124
	msg=$(printf '%s\n' "$out" | grep 'in use')
	check "…with one message naming both ports ($msg)" \
	    bash -c "[ \$(printf '%s\n' \"\$1\" | wc -l) -eq 1 ] && [[ \"\$1\" == *\"$PORT\"*\"$TLS_PORT\"*'in use'*'PORT='*'TLS_PORT='* ]]" _ "$msg"
	check "…and changes nothing in the run directory" test "$before" = "$after"
fi

# A reset of a Redis store with a password: the password is on no command
# line, which any user of the machine can read (ps, /proc).  redis-cli is
# watched through a wrapper first in PATH that notes its arguments.
if [ "$STORE" = redis ]; then
	spy=$(realpath "$WORK")/spy
	wrap_program "$spy" redis-cli "printf '%s\\n' \"\$*\" >>$(printf %q "$spy/args")"
	redis_cli CONFIG SET requirepass 'p4ss@wd' >/dev/null
	out=$(PATH=$spy:$PATH RUN_DIR=$RUN CGILAB_STORE="redis://:p4ss%40wd@127.0.0.1:$REDIS_PORT/0" \
	    "$top/scripts/lab" reset 2>&1)
	rc=$?
	redis-cli -p "$REDIS_PORT" -a 'p4ss@wd' --no-auth-warning CONFIG SET requirepass '' >/dev/null
	check "a reset of a Redis store with a password succeeds (exit $rc: $out)" \
	    bash -c "[ $rc = 0 ] && [[ \"\$1\" == *'removed'* ]]" _ "$out"
	check "…and the password was on no command line ($(tr '\n' ' ' <"$spy/args" 2>/dev/null))" \
	    bash -c "[ -s '$spy/args' ] && ! grep -q 'p4ss' '$spy/args'"
	# A % that starts no escape is refused, as the programs refuse it,
	# before any password goes anywhere.
	out=$(RUN_DIR=$RUN CGILAB_STORE="redis://:p4ss%zz@127.0.0.1:$REDIS_PORT/0" "$top/scripts/lab" reset 2>&1)
	rc=$?
	check "a password with a broken %-escape: the reset refuses it, saying why (exit $rc: $out)" \
	    bash -c "[ $rc != 0 ] && [[ \"\$1\" == *'two hex digits'* ]]" _ "$out"
fi
