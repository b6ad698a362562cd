# t0800 - make bench never rots: a smoke run with tiny durations prints
# the one table with every row, and every POST run's write check passes
# (each 201's id is a row; on Redis, a field of the users hash), and so
# does every sign-out run's (each 302 removed a session of its own).  No
# timing is asserted: other work on the machine makes any figure from a
# 2-second run meaningless.  The bench's directory is kept (in $WORK) to
# see that it stopped the Redis rows' servers.
. "$(dirname "$0")/../lib.sh"
out=$WORK/bench.out
# One connection count (16, the targets'), one second each, and
# instructions counted for two rows only: at 1 and 16 connections and
# every count, callgrind's and the second count's seconds made this test
# take 220 s of the suite's time (the code is the same for every row and
# count).
# A date first in PATH counts its runs: the loop that times the machine's
# fork+exec rate must run nothing but the program it measures.
wrap_program "$WORK/spy" date "echo x >>$(printf %q "$WORK/spy/date.runs")"
PATH=$WORK/spy:$PATH TMPDIR=$WORK BENCH_KEEP=1 make -C "$top" -s bench BENCH_SECONDS=1 BENCH_WARMUP=0 \
    BENCH_CONNS=16 BENCH_IR='users20|redis-users20' >"$out" 2>&1
rc=$?
STATUS=$rc
check "make bench (tiny) succeeds" test "$rc" -eq 0
[ "$rc" -eq 0 ] || tail -20 "$out" >&2

row() {	# LABEL MODE PROTO: the row's first line, with a req/s figure
	grep -qE "^$1 +$2 +$3 +16 +[0-9]+ " "$out"
}
check "row: static file" row 'static file \([0-9]+ B\)' - h1
check "row: trivial CGI" row 'trivial CGI' cgi h1
check "row: trivial CGI built as ours" row 'trivial CGI, built as ours' cgi h1
for mode in cgi fcgi; do
	check "row: GET /users (20 users), $mode" row 'GET /users \(20 users\)' "$mode" h1
	check "row: GET /users (1,000 users), $mode" row 'GET /users \(1,000 users\)' "$mode" h1
	check "row: GET one user, $mode" row 'GET one user' "$mode" h1
	check "row: POST a user, $mode" row 'POST a user' "$mode" h1
	for flow in login session; do
		check "row: $flow sign in, $mode" row "$flow: sign in \\(302\\)" "$mode" h1
		check "row: $flow signed-in page, $mode" row "$flow: signed-in page" "$mode" h1
		[ "$flow" = session ] &&
		    check "row: session sign out, $mode" row "session: sign out \\(302\\)" "$mode" h1
	done
done
# A target's ratio compares figures taken seconds apart: each group of
# rows compared with the trivial CGI built as ours measures it too, first.
for first in 'GET /users \(20 users\) +cgi' 'GET /users \(1,000 users\) +cgi' \
    'login: sign in \(302\) +cgi' 'session: sign in \(302\) +cgi'; do
	check "the trivial CGI built as ours is measured just before: $first" \
	    bash -c "grep -E '^[^ ]' '$out' | grep -B1 -E '^$first ' | head -1 |
	        grep -qE '^trivial CGI, built as ours'"
done
check "every row is measured (at 16 connections)" \
    test "$(grep -cE ' h[12] +16 +[0-9]+ ' "$out")" -ge 20
check "row: static file over HTTP/2" row 'static file \([0-9]+ B\)' - h2
check "row: GET /users (20 users) over HTTP/2, fcgi" row 'GET /users \(20 users\)' fcgi h2
check "users.cgi's instructions per execution are counted" \
    grep -qE '^GET /users \(20 users\) +cgi +h1 +16 .* [0-9]{5,}$' "$out"
check "the targets are listed" test "$(grep -c '^target: ' "$out")" -ge 20
check "every POST run was checked, and passed" \
    test "$(grep -c '^write check POST a user, .*: passed: ' "$out")" -eq 2
check "the write check passed" grep -qx 'write check: passed' "$out"

# The Redis rows (docs/redis.md): a second lab server on a redis-server the bench starts
# and stops itself (make deps installs redis-server for the bench).
for mode in cgi fcgi; do
	check "row: Redis: GET /users (20 users), $mode" row 'Redis: GET /users \(20 users\)' "$mode" h1
	check "row: Redis: POST a user, $mode" row 'Redis: POST a user' "$mode" h1
done
check "the Redis rows have both ratios, at each count" \
    test "$(grep -A1 -E '^Redis: ' "$out" | grep -cE 'h1 +16 +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{2} +[0-9]+( |$)')" -eq 4
check "users.cgi on Redis: its instructions per execution are counted" \
    grep -qE '^Redis: GET /users \(20 users\) +cgi +h1 +16 .* [0-9]{5,}$' "$out"
check "every Redis POST run was checked in Redis, and passed" \
    test "$(grep -c '^write check Redis: POST a user, .*: passed: .* of them users in Redis;' "$out")" -eq 2
kept=$(ls -d "$WORK"/cgilab-bench.*/ 2>/dev/null | head -1)
check "the bench's redis-server was stopped (its log ends it, its pid file is gone)" \
    bash -c "grep -q 'ready to exit' '$kept/redis/redis.log' && test ! -e '$kept/redis/redis.pid'"
check "…and the Redis rows' lab server too" \
    bash -c "test -d '$kept/run-redis/logs' && test ! -e '$kept/run-redis/logs/httpd.pid'"
[ "$FAIL" -eq 0 ] || grep -E '^(Redis|write check|users.fcgi proc)' "$out" >&2
check "the bench prints the machine's fork+exec rate and the static file's" \
    grep -qE '^the machine: fork\+exec of a static binary, one at a time: [0-9]+/s; the static file: [0-9.]+ req/s' "$out"
date_runs=$(wc -l 2>/dev/null <"$WORK/spy/date.runs" || echo 0)
# The bench runs date for its heading and once for each sign-out row's
# sessions (3 times here), so the spy is seen to work.
check "…and runs no date while it times it (date ran $date_runs times in the whole bench)" \
    test "$date_runs" -ge 1 -a "$date_runs" -lt 20
check "every target says held or not held" \
    bash -c "grep '^target: ' '$out' | grep -qv ': \\(held\\|not held\\|not measured\\)\$' && exit 1; grep -q '^target: ' '$out'"
check "the sign-in and sign-out rows are checked against the store" \
    grep -q '^write check session: sign out (302), fcgi, 16 conn: passed' "$out"
# Each sign-out signs out a session of its own, made for the run: every
# answer a 302, no session sent twice, each one's row removed.
check "every sign-out run signed out sessions of its own, and passed" \
    test "$(grep -cE '^write check session: sign out \(302\), (cgi|fcgi), 16 conn: passed: [1-9][0-9]* answers 302, 0 other answers, 0 requests with a session already used; [1-9][0-9]* of the [0-9]+ sessions made removed$' "$out")" -eq 2
check "…and the sessions it made and did not use are gone" \
    test "$(as_children sqlite3 "$kept/run/db/cgilab.db" "SELECT count(*) FROM sessions WHERE name = 'bench-out'")" = 0

# A bench whose Apache stops while it runs (TERM: Apache removes its pid
# file) still stops its lab's FastCGI pools when it ends: no process of
# its run directory is left.  The bench runs in a session of its own, so
# that whatever of it is left at the end is stopped by its group.
mkdir "$WORK/stopped"
TMPDIR=$(realpath "$WORK/stopped") setsid make -C "$top" -s bench BENCH_SECONDS=2 BENCH_WARMUP=0 \
    BENCH_CONNS=1 BENCH_ONLY=static BENCH_IR=none >"$WORK/stopped.out" 2>&1 &
bench=$!
run=
for _ in $(seq 600); do
	run=$(ls -d "$WORK"/stopped/cgilab-bench.*/run 2>/dev/null | head -n 1)
	[ -n "$run" ] && [ -s "$run/logs/httpd.pid" ] && [ -S "$run/fcgi/users.sock" ] && break
	sleep 0.1
done
run=$(realpath "${run:-/nonexistent}")
apache=$(cat "$run/logs/httpd.pid" 2>/dev/null)
check "a second bench started its lab, pools and all (Apache ${apache:-none})" \
    bash -c "[ -n '$apache' ] && [ -S '$run/fcgi/users.sock' ] && tr '\\0' '\\n' </proc/$apache/cmdline | grep -qxF -- '$run'"
[ -z "$apache" ] || kill -TERM "$apache"
timeout 120 tail --pid="$bench" -f /dev/null
check "…its Apache stopped, the bench ended" bash -c "! kill -0 $bench 2>/dev/null"
kill -TERM -- "-$bench" 2>/dev/null
wait "$bench" 2>/dev/null
check "…and left no process of its run directory" gone_within 10 "$run"
# What it left, if anything, is stopped here.
kill_naming "$run"
