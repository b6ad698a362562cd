# s0400 - clients that stop sending (docs/http-api.md, docs/reliability.md): half a body or a
# Content-Length and no body, the client going away or waiting.  Apache
# gives up after its Timeout (CGILAB_TIMEOUT, 5 s here); the program ends
# then too, leaves no process behind, and writes nothing.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/stress/load.sh"
. "$top/tests/table.sh"
T=5
lab_start CGILAB_TIMEOUT=$T
U=$BASE/cgi-bin/users.cgi

req POST "$U" -H 'Content-Type: application/json' --data '{"name":"먼저"}'
expect_status 201 "a user before"
db_rows >"$WORK/before"

# open_partial CASE LENGTH PART: a connection (its fd in FD) that has
# sent a POST with Content-Length LENGTH and only the bytes PART.
open_partial() {
	exec {FD}<>"/dev/tcp/127.0.0.1/$PORT"
	printf 'POST /cgi-bin/users.cgi?case=%s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
	    "$1" "$PORT" "$2" "$3" >&"$FD"
}

# logged_status CASE: the status the access log has for the case, once
# the request is over (at most 2 Timeouts and then some).
logged_status() {
	local s
	for _ in $(seq $(((2 * T + 20) * 10))); do
		s=$(awk -v q="case=$1 " 'index($0, q) { s = $(NF - 2) } END { print s }' "$RUN/logs/access.log")
		[ -n "$s" ] && break
		sleep 0.1
	done
	echo "$s"
}

# answer_from RAW: STATUS, the headers file and the body of a raw answer.
answer_from() {
	STATUS=$(head -n 1 "$1" | cut -d' ' -f2)
	awk 'BEGIN { RS = "\r\n\r\n" } NR == 1 { print; exit }' "$1" >"$WORK/headers"
	awk 'BEGIN { RS = "\r\n\r\n" } NR > 1 { printf "%s%s", sep, $0; sep = RS }' "$1" >"$WORK/body"
	BODY=$(cat "$WORK/body")
}

# waiting_for_body: a users.cgi is running, waiting for the rest.
waiting_for_body() {
	for _ in $(seq 50); do
		cgi_running users.cgi && return 0
		sleep 0.1
	done
	return 1
}

# 1. Half a body, then the client goes away.
open_partial half-gone 40 '{"name":"반쪽'
exec {FD}>&-
STATUS=$(logged_status half-gone)
BODY=
: >"$WORK/headers"
: >"$WORK/body"
expect_answer F06
check "half a body, client gone: no users.cgi is left" wait_no_cgi users.cgi

# 2. A Content-Length and no body, then the client goes away.
open_partial none-gone 40 ''
exec {FD}>&-
STATUS=$(logged_status none-gone)
expect_answer F09
check "no body, client gone: no users.cgi is left" wait_no_cgi users.cgi

# 3 and 4, at once: the client waits, with no body or half a body.
open_partial none-waiting 40 ''
none=$FD
open_partial half-waiting 40 '{"name":"반쪽'
half=$FD
check "while the clients wait, users.cgi waits for the body" waiting_for_body
timeout $((T + 30)) cat <&"$none" >"$WORK/none.raw" &
r1=$!
timeout $((T + 30)) cat <&"$half" >"$WORK/half.raw" &
r2=$!
wait $r1
wait $r2
exec {none}>&- {half}>&-
answer_from "$WORK/none.raw"
expect_answer F07
answer_from "$WORK/half.raw"
expect_answer F08
check "clients that wait: no users.cgi is left after the Timeout" wait_no_cgi users.cgi
check "the access log has them as 408 too" \
    test "$(logged_status none-waiting) $(logged_status half-waiting)" = "408 408"

check "nothing of the cut-off requests was written" test "$(db_rows)" = "$(cat "$WORK/before")"
req POST "$U" -H 'Content-Type: application/json' --data '{"name":"나중"}'
expect_status 201 "the server takes whole requests as before"
check "no program crashed or died without an answer (error log)" error_log_clean
