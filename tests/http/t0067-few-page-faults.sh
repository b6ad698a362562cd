# t0067 - a CGI program answers with few page faults (docs/performance.md,
# "Page faults").  In a new process the first touch of each page is a
# page fault, 10 to 15 microseconds each on a virtual machine: a program
# that opened SQLite took about 50.  The programs make their image, the
# top of their stack and their small variables present at their start
# (lib/cgi_start.c), so each answer here takes fewer than 20: fewer than
# a trivial static program built as an ordinary one takes (about 25).
# tests/page-faults.c counts them with the kernel's software event.
. "$(dirname "$0")/../lib.sh"
lab_start

faults=$WORK/page-faults
cc -O2 -o "$faults" "$top/tests/page-faults.c" || fail "tests/page-faults.c did not build"

req POST "$BASE/cgi-bin/users.cgi" -H 'Content-Type: application/json' -d '{"name":"kim"}'
expect_status 201 "a user to list"
cookie=$(curl -s -o /dev/null -D - "$BASE/cgi-bin/session.cgi/login?name=lee" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)
check "a session to show" test -n "$cookie"

# few PROGRAM DESCRIPTION STATUS [NAME=value ...]: the fewest page faults
# of 5 runs, each answering STATUS, is under 20.
few() {
	local prog=$1 what=$2 status=$3 out rc=0
	shift 3
	out=$(as_children env -i PATH=/usr/bin:/bin GATEWAY_INTERFACE=CGI/1.1 \
	    SERVER_PROTOCOL=HTTP/1.1 HTTP_HOST=127.0.0.1 CGILAB_DB="$DB" "$@" \
	    timeout -k 1 60 "$faults" 5 "$RUN/cgi-bin/$prog" 2>"$WORK/err") || rc=$?
	if [ "$rc" -eq 2 ] && grep -q perf_event_open "$WORK/err"; then
		skip "$prog, $what: page faults cannot be counted here ($(cat "$WORK/err"))"
		return
	fi
	check "$prog, $what: answers $status ($out)" \
	    grep -qx ".*; answer: Status: $status" <<<"$out"
	check "$prog, $what: fewer than 20 page faults ($out)" \
	    test "${out%% *}" -lt 20 2>/dev/null
}

few hello.cgi "the page" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/hello.cgi
few cookie.cgi "the page" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/cookie.cgi
few users.cgi "the list" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi
few users.cgi "one user" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi \
    PATH_INFO=/1
few login.cgi "the page" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/login.cgi
few session.cgi "the signed-in page" "200 OK" REQUEST_METHOD=GET \
    SCRIPT_NAME=/cgi-bin/session.cgi HTTP_COOKIE="$cookie"
