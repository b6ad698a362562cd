# t0090 - the lab's FastCGI pools (docs/fastcgi.md): started before
# Apache, a dead process started again by its supervisor, and after the
# lab stops, for whatever reason, no process of the run directory left
# (counted through /proc: Apache, multiwatch and the programs all name
# the run directory on their command lines).
. "$(dirname "$0")/../lib.sh"

# pool_pids PROGRAM: the pids of the program's pool, sorted.
pool_pids() {
	local pg
	pg=$(cat "$RUN/fcgi/$1.pid")
	ps -o pid= -g "$pg" | tr -d ' ' | sort -n | paste -sd' '
}

lab_start CGILAB_FCGI_PROCS=3
req GET "$BASE/fcgi-bin/users.fcgi"
expect_status 200 "users.fcgi answers through its pool"
check "a socket per program in the run directory" \
    test -S "$RUN/fcgi/users.sock" -a -S "$RUN/fcgi/session.sock"
pids=$(pool_pids users)
check "the users pool is multiwatch and 3 processes ($pids)" \
    test "$(echo "$pids" | wc -w)" = 4

# A process that dies is started again by its supervisor.
victim=$(pgrep -g "$(cat "$RUN/fcgi/users.pid")" -f "^$RUN/fcgi-bin/users.fcgi\$" | head -n 1)
kill -KILL "$victim"
for _ in $(seq 50); do
	[ "$(echo "$(pool_pids users)" | wc -w)" = 4 ] && ! kill -0 "$victim" 2>/dev/null && break
	sleep 0.1
done
check "a killed users.fcgi is replaced (now: $(pool_pids users))" \
    test "$(echo "$(pool_pids users)" | wc -w)" = 4
req GET "$BASE/fcgi-bin/users.fcgi"
expect_status 200 "users.fcgi still answers"

# The supervisor itself killed: its processes go on serving, and the
# lab's stop still ends them (they are in the pool's process group).
kill -KILL "$(cat "$RUN/fcgi/users.pid")"
sleep 0.3
req GET "$BASE/fcgi-bin/users.fcgi"
expect_status 200 "users.fcgi answers with its supervisor gone"
lab_stop
check "scripts/lab stop leaves no process of the run directory ($(procs_naming "$RUN") left)" \
    gone_within 10 "$RUN"

# make run's way: scripts/lab run in the foreground.  Apache killed:
# the lab ends and takes the pools with it.
run_lab() {
	free_ports
	# (A background job of a script ignores SIGINT: a terminal's Ctrl-C
	# does not, so it is restored.)
	setsid env --default-signal=INT RUN_DIR="$RUN" PORT="$PORT" TLS_PORT="$TLS_PORT" \
	    "$top/scripts/lab" run >"$WORK/run.out" 2>&1 &
	LAB=$!
	for _ in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return 0
		sleep 0.1
	done
	return 1
}
check "scripts/lab run serves" run_lab
req GET "http://127.0.0.1:$PORT/fcgi-bin/users.fcgi"
expect_status 200 "users.fcgi answers under scripts/lab run"
kill -KILL "$(cat "$RUN/logs/httpd.pid")"
check "Apache killed: scripts/lab run ends" timeout 20 tail --pid="$LAB" -f /dev/null
check "Apache killed: no process of the run directory left" gone_within 10 "$RUN"

# Ctrl-C: SIGINT to the foreground process group.
check "scripts/lab run serves again" run_lab
kill -INT -- "-$LAB"
check "Ctrl-C: scripts/lab run ends" timeout 20 tail --pid="$LAB" -f /dev/null
check "Ctrl-C: no process of the run directory left ($(procs_naming "$RUN"))" gone_within 10 "$RUN"

# Ctrl-C while the pools start (each pool's spawn-fcgi 3 seconds slow,
# through a wrapper first in PATH, as on a loaded machine): the pools
# started so far go too.
slow=$(realpath "$WORK")/slow
wrap_program "$slow" spawn-fcgi 'sleep 3'
free_ports
setsid env --default-signal=INT PATH="$slow:$PATH" RUN_DIR="$RUN" PORT="$PORT" TLS_PORT="$TLS_PORT" \
    "$top/scripts/lab" run >"$WORK/run.out" 2>&1 &
LAB=$!
for _ in $(seq 100); do
	[ -s "$RUN/fcgi/users.pid" ] && [ "$(procs_naming "$RUN")" != 0 ] && break
	sleep 0.05
done
check "a slow pool start began ($(procs_naming "$RUN") processes of the run directory)" \
    test "$(procs_naming "$RUN")" != 0 -a ! -S "$RUN/fcgi/users.sock"
kill -INT -- "-$LAB"
check "Ctrl-C while the pools start: scripts/lab run ends" timeout 20 tail --pid="$LAB" -f /dev/null
check "…and no process of the run directory is left" gone_within 10 "$RUN"
# The same for scripts/lab start, which a Ctrl-C stops before it returns;
# it then ends by the signal, so that a script that ran it stops too (as
# tests/lib.sh's lab_start, which tries a start again when one fails).
free_ports
setsid env --default-signal=INT PATH="$slow:$PATH" RUN_DIR="$RUN" PORT="$PORT" TLS_PORT="$TLS_PORT" \
    bash -c '"$0" start; echo "the caller went on"' "$top/scripts/lab" >"$WORK/start.out" 2>&1 &
LAB=$!
for _ in $(seq 100); do
	[ -s "$RUN/fcgi/users.pid" ] && [ "$(procs_naming "$RUN")" != 0 ] && break
	sleep 0.05
done
check "a slow pool start began under scripts/lab start" \
    test "$(procs_naming "$RUN")" != 0 -a ! -S "$RUN/fcgi/users.sock"
kill -INT -- "-$LAB"
check "Ctrl-C while the pools start: scripts/lab start ends" timeout 20 tail --pid="$LAB" -f /dev/null
check "…and no process of the run directory is left" gone_within 10 "$RUN"
check "…and the script that ran it stopped too" bash -c "! grep -q 'the caller went on' '$WORK/start.out'"

# scripts/lab stop against scripts/lab run.
check "scripts/lab run serves a third time" run_lab
RUN_DIR=$RUN "$top/scripts/lab" stop
check "scripts/lab stop: scripts/lab run ends" timeout 20 tail --pid="$LAB" -f /dev/null
check "scripts/lab stop: no process of the run directory left" gone_within 10 "$RUN"

# CGILAB_FCGI_REUSE=on (docs/fastcgi.md): Apache keeps its connections to
# the pools open (the default is a connection per request).  Requests
# without a body and with one, in turn, over the kept connections, each
# get their own answer.
lab_start CGILAB_FCGI_REUSE=on
check "Apache started with the pools' connections reused (-D FCGI_REUSE)" \
    bash -c "tr '\0' ' ' <'/proc/$(cat "$RUN/logs/httpd.pid")/cmdline' | grep -q -- '-D FCGI_REUSE'"
bad=0
for i in $(seq 12); do
	req POST "$BASE/fcgi-bin/users.fcgi" -H 'Content-Type: application/json' --data "{\"name\":\"r$i\"}"
	[ "$STATUS" = 201 ] || bad=$((bad + 1))
	req GET "$BASE/fcgi-bin/users.fcgi/$i"
	[ "$STATUS" = 200 ] && grep -q "\"r$i\"" "$WORK/body" || bad=$((bad + 1))
	req OPTIONS "$BASE/fcgi-bin/users.fcgi"
	[ "$STATUS" = 204 ] || bad=$((bad + 1))
done
check "with reuse, 36 requests with and without bodies each got their own answer ($bad did not)" test "$bad" = 0
check "…and the 12 users are rows" test "$(db_users | wc -l)" = 12
lab_stop
