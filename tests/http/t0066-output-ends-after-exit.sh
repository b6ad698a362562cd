# t0066 - a program's output ends only once the program has ended
# (docs/performance.md, "The end of a CGI process").  At the end of a
# program's output, Apache's mod_cgid sends the process SIGTERM and, when
# it is still there, sleeps 10 ms before looking again (mod_cgi under
# prefork: 47 ms), and the next request on the connection waits that
# long.  tests/ends-first.c runs each program as mod_cgid does, 20 times,
# and counts the times its process was still there when its output ended:
# never, for every program and path.
. "$(dirname "$0")/../lib.sh"
lab_start

ends_first=$WORK/ends-first
cc -O2 -o "$ends_first" "$top/tests/ends-first.c" ||
    fail "tests/ends-first.c did not build"

req POST "$BASE/cgi-bin/users.cgi" -H 'Content-Type: application/json' -d '{"name":"kim"}'
expect_status 201 "a user to list"
cookie=$(signed_in_cookie session lee)
check "a session to show" test -n "$cookie"

# ends PROGRAM DESCRIPTION STATUS [NAME=value ...]: 20 runs, each
# answering STATUS, none still running when its output ended.
ends() {
	local prog=$1 what=$2 status=$3 out
	shift 3
	out=$(as_children env -i PATH=/usr/bin:/bin GATEWAY_INTERFACE=CGI/1.1 \
	    SERVER_PROTOCOL=HTTP/1.1 HTTP_HOST=127.0.0.1 CGILAB_DB="$DB" "$@" \
	    timeout -k 1 60 "$ends_first" 20 "$RUN/cgi-bin/$prog" 2>"$WORK/err")
	check "$prog, $what: the output ends after the process ($out)" \
	    grep -q ' 0 times still running' <<<"$out"
	check "$prog, $what: every answer is $status" \
	    grep -qx ".*; answers: Status: $status" <<<"$out"
}

ends hello.cgi "the page" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/hello.cgi
ends cookie.cgi "the page" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/cookie.cgi
ends users.cgi "the list" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi
ends users.cgi "one user" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi \
    PATH_INFO=/1
ends users.cgi "a user that is not there" "404 Not Found" REQUEST_METHOD=GET \
    SCRIPT_NAME=/cgi-bin/users.cgi PATH_INFO=/999
ends login.cgi "the page" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/login.cgi
ends session.cgi "the signed-in page" "200 OK" REQUEST_METHOD=GET \
    SCRIPT_NAME=/cgi-bin/session.cgi HTTP_COOKIE="$cookie"
ends session.cgi "an unknown path" "404 Not Found" REQUEST_METHOD=GET \
    SCRIPT_NAME=/cgi-bin/session.cgi PATH_INFO=/nowhere

# Run by hand (no GATEWAY_INTERFACE), a program starts no holder and
# answers as before.
out=$(as_children env -i PATH=/usr/bin:/bin REQUEST_METHOD=GET \
    SCRIPT_NAME=/cgi-bin/users.cgi CGILAB_DB="$DB" \
    timeout -k 1 60 "$ends_first" 5 "$RUN/cgi-bin/users.cgi" 2>"$WORK/err")
check "users.cgi run by hand answers ($out)" grep -q '; answers: Status: 200 OK$' <<<"$out"

# No process of the programs is left behind.
sleep 0.2
check "no program is left running" \
    bash -c "! pgrep -f '^$RUN/cgi-bin/' >/dev/null"
