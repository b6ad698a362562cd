# t0530 - what Apache itself answers under the programs' URLs is the JSON
# error, with Retry-After where trying again helps (docs/reliability.md
# F15, F16), and mod_cgid's daemon survives a worker that goes away
# while it answers it: it is started with SIGPIPE ignored, as systemd
# starts Apache.  (Killing workers under load: tests/stress/s0110.)
. "$(dirname "$0")/../lib.sh"
. "$top/tests/table.sh"
lab_start
U=$BASE/cgi-bin/users.cgi
J=(-H 'Content-Type: application/json')

req POST "$U" "${J[@]}" --data '{"name":"그대로"}'
expect_status 201 "a user to keep"
before=$(db_users)

# The children of the Apache parent that run one thread: mod_cgid's daemon
# is the one that ignores SIGCHLD (it never waits for its CGIs).
parent=$(cat "$RUN/logs/httpd.pid")
daemon=
for p in $(ps --ppid "$parent" -o pid=,nlwp= | awk '$2 == 1 { print $1 }'); do
	ign=$(sed -n 's/^SigIgn:\t*//p' "/proc/$p/status")
	[ $((0x$ign >> 16 & 1)) = 1 ] && daemon=$p
done
check "mod_cgid's daemon is found (pid ${daemon:-none})" test -n "$daemon"
ign=$(sed -n 's/^SigIgn:\t*//p' "/proc/${daemon:-0}/status" 2>/dev/null)
check "mod_cgid's daemon ignores SIGPIPE (SigIgn ${ign:-?}): a write to a worker that died cannot kill it" \
    test $((0x${ign:-0} >> 12 & 1)) = 1

# A program that cannot be run: Apache's 500.
chmod 0644 "$RUN/cgi-bin/users.cgi"
req POST "$U" "${J[@]}" --data '{"name":"실행 불가"}'
expect_answer F15
chmod 0755 "$RUN/cgi-bin/users.cgi"
check "a program that could not run changed nothing" test "$(db_users)" = "$before"

# mod_cgid's daemon out of reach (its socket moved away): after trying for
# a while mod_cgid gives up with a 503.
sock=$(ls -d "$RUN"/logs/cgid.sock* | head -n 1)
mv "$sock" "$WORK/cgid.sock.away"
# (mod_cgid tries for about 30 s before it gives up.)
req POST "$U" "${J[@]}" --data '{"name":"데몬 없음"}' --max-time 90
expect_answer F16
mv "$WORK/cgid.sock.away" "$sock"
check "a request answered 503 changed nothing" test "$(db_users)" = "$before"
req GET "$U"
expect_status 200 "with the daemon back, programs answer"

# Apache's own refusals under the programs' URLs, before any program
# runs, are JSON errors too: a program's name that is not one (404), a
# file there that is not served (403), a method Apache refuses itself
# (TRACE: 405), a body over Apache's own limit (413).
req GET "$BASE/cgi-bin/nope.cgi"
expect_error 404 "no such program under /cgi-bin/: Apache's 404"
req GET "$BASE/cgi-bin/users.c"
expect_error 403 "a source file's name under /cgi-bin/: Apache's 403"
req GET "$BASE/fcgi-bin/nope.fcgi"
expect_error 403 "no such program under /fcgi-bin/: Apache's 403"
req TRACE "$BASE/cgi-bin/hello.cgi"
expect_error 405 "TRACE to a program: Apache's 405"
req TRACE "$BASE/"
expect_error 405 "TRACE to a page: the same (Apache refuses it before the path's configuration)"
head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' 'x' >"$WORK/big"
req POST "$U" "${J[@]}" --data-binary @"$WORK/big"
expect_error 413 "a body over Apache's 1 MiB: Apache's 413"
check "…which changed nothing" test "$(db_users)" = "$before"
