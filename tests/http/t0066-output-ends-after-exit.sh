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
cookie=$(curl -s -o /dev/null -D - "$BASE/cgi-bin/session.cgi/login?name=lee" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)

# ends PROGRAM DESCRIPTION [NAME=value ...]
ends() {
	local prog=$1 what=$2 out
	shift 2
	out=$(as_children env -i PATH=/usr/bin:/bin GATEWAY_INTERFACE=CGI/1.1 \
	    SERVER_PROTOCOL=HTTP/1.1 HTTP_HOST=127.0.0.1 CGILAB_DB="$DB" "$@" \
	    timeout -k 1 60 "$ends_first" 20 "$RUN/cgi-bin/$prog" 2>"$WORK/err")
	check "$prog, $what: the output ends after the process ($out)" \
	    grep -q ' 0 times still running' <<<"$out"
	check "$prog, $what: it answered each time" \
	    bash -c "! grep -q ' 0 bytes of output' <<<'$out'"
}

ends hello.cgi "the page" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/hello.cgi
ends cookie.cgi "the page" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/cookie.cgi
ends users.cgi "the list" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi
ends users.cgi "one user" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi PATH_INFO=/1
ends users.cgi "a user that is not there (404)" REQUEST_METHOD=GET \
    SCRIPT_NAME=/cgi-bin/users.cgi PATH_INFO=/999
ends login.cgi "the page" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/login.cgi
ends session.cgi "the signed-in page" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/session.cgi \
    HTTP_COOKIE="$cookie"
ends session.cgi "an unknown path (404)" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/session.cgi \
    PATH_INFO=/nowhere

# No process of the programs is left behind (the test's own user runs
# them; as root, the lab's children's user).
sleep 0.2
check "no program is left running" \
    bash -c "! pgrep -f '^$RUN/cgi-bin/' >/dev/null"
