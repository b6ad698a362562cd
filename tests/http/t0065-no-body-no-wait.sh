# t0065 - a request without a body is answered without reading standard
# input (RFC 9112 §6.3: a request has a body only when it has a
# Content-Length or a Transfer-Encoding; Apache passes them as
# CONTENT_LENGTH and HTTP_TRANSFER_ENCODING, docs/http-api.md).
#
# Each program is run the way mod_cgid runs it, but with a standard input
# that the test holds open and never ends: a program that waits for the
# end of its input before answering hangs there (timeout 5 ends it, and
# the exit status is not 0).  A request that does declare a body is still read whole.
. "$(dirname "$0")/../lib.sh"
lab_start

# held PROGRAM [NAME=value ...]: runs PROGRAM once with the CGI
# environment given, its stdin a FIFO this shell keeps open for writing
# (fd 7) and never writes to, for at most 5 s; sets RC and OUT.
held() {
	local prog=$1
	shift
	rm -f "$WORK/stdin"
	mkfifo -m 0644 "$WORK/stdin"
	exec 7<>"$WORK/stdin"
	as_children env -i PATH=/usr/bin:/bin GATEWAY_INTERFACE=CGI/1.1 \
	    SERVER_PROTOCOL=HTTP/1.1 HTTP_HOST=127.0.0.1 CGILAB_DB="$DB" "$@" \
	    timeout -k 1 5 "$prog" <"$WORK/stdin" >"$WORK/out" 2>"$WORK/err"
	RC=$?
	exec 7>&-
	OUT=$(tr -d '\r' <"$WORK/out")
}

# Make the database (and a user to list) through the server first.
req POST "$BASE/cgi-bin/users.cgi" -H 'Content-Type: application/json' -d '{"name":"kim"}'
expect_status 201 "a user to list"

for dir in cgi-bin fcgi-bin; do
	ext=${dir%-bin}
	for p in hello cookie users login session; do
		prog=$RUN/$dir/$p.$ext
		[ -x "$prog" ] || { fail "$prog is not built"; continue; }
		held "$prog" REQUEST_METHOD=GET SCRIPT_NAME=/$dir/$p.$ext \
		    REQUEST_URI=/$dir/$p.$ext
		check "$p.$ext: GET without a body answers without waiting for stdin (exit $RC)" \
		    test "$RC" -eq 0
		check "$p.$ext: GET without a body answers 200" \
		    grep -q '^Status: 200' "$WORK/out"
	done
done

held "$RUN/cgi-bin/users.cgi" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi
check "users.cgi GET lists the user without stdin's end" \
    grep -q '"kim"' "$WORK/out"
# HEAD and a POST declaring no body: nothing to read either.
held "$RUN/cgi-bin/users.cgi" REQUEST_METHOD=HEAD SCRIPT_NAME=/cgi-bin/users.cgi
check "users.cgi HEAD answers without waiting for stdin (exit $RC)" test "$RC" -eq 0
held "$RUN/cgi-bin/users.cgi" REQUEST_METHOD=POST SCRIPT_NAME=/cgi-bin/users.cgi \
    CONTENT_TYPE=application/json
check "users.cgi POST with neither length nor coding answers at once (exit $RC)" \
    test "$RC" -eq 0
check "users.cgi POST with no body: 400" grep -q '^Status: 400' "$WORK/out"
held "$RUN/cgi-bin/session.cgi" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/session.cgi \
    PATH_INFO=/login QUERY_STRING=name=lee
check "session.cgi GET /login answers without waiting for stdin (exit $RC)" \
    test "$RC" -eq 0
check "session.cgi GET /login: 302" grep -q '^Status: 302' "$WORK/out"
check "session.cgi GET /login: the session is in the store" \
    test "$(sql "SELECT count(*) FROM sessions WHERE name = 'lee'")" = 1

# A body declared by a transfer coding (chunked HTTP/1.1, or HTTP/2
# without content-length) is read to the end of input.
printf '{"name":"park"}' | as_children env -i REQUEST_METHOD=POST \
    SCRIPT_NAME=/cgi-bin/users.cgi HTTP_HOST=127.0.0.1 CGILAB_DB="$DB" \
    CONTENT_TYPE=application/json HTTP_TRANSFER_ENCODING=chunked \
    timeout 5 "$RUN/cgi-bin/users.cgi" >"$WORK/out" 2>"$WORK/err"
check "users.cgi POST with Transfer-Encoding reads the body: 201" \
    grep -q '^Status: 201' "$WORK/out"
check "users.cgi POST with Transfer-Encoding: the user is in the store" \
    test "$(sql "SELECT count(*) FROM users WHERE name = 'park'")" = 1

# Through Apache: chunked HTTP/1.1 and HTTP/2 without content-length.
req POST "$BASE/cgi-bin/users.cgi" -H 'Content-Type: application/json' \
    -H 'Transfer-Encoding: chunked' -d '{"name":"choi"}'
expect_status 201 "chunked POST through Apache: 201"
check "chunked POST: the user is in the store" \
    test "$(sql "SELECT count(*) FROM users WHERE name = 'choi'")" = 1
req GET "$BASE/cgi-bin/users.cgi"
expect_status 200 "GET through Apache: 200"
check "GET through Apache lists every user" \
    test "$(jq -c '[.[]] | sort' <"$WORK/body")" = '["choi","kim","park"]'
