# t0067 - a CGI program answers with few page faults (docs/performance.md,
# "Page faults").  In a new process the first touch of each page is a
# page fault, 10 to 15 microseconds each on a virtual machine: a program
# that opened SQLite took about 50.  The programs make their image, the
# top of their stack and their small variables present at their start
# (lib/cgi_start.c), so each answer here takes fewer than 20: fewer than
# a trivial static program built as an ordinary one takes (about 25).
# tests/page-faults.c counts them with the kernel's software event.  Making
# a page present costs too, so the pages made present, faulted or not
# (getrusage's minor faults), stay under 150: the arena's 1 MiB block
# made present at once would be 256 more.  The programs linked dynamically
# (CGI_LINK=dynamic) take the loader's faults: not checked.
. "$(dirname "$0")/../lib.sh"
if [ "$(cat "$top/build/cgi-link" 2>/dev/null)" != static ]; then
	skip "the CGI programs are not linked statically (build/cgi-link)"
	exit 0
fi
lab_start

faults=$WORK/page-faults
cc -O2 -o "$faults" "$top/tests/page-faults.c" || fail "tests/page-faults.c did not build"

req POST "$BASE/cgi-bin/users.cgi" -H 'Content-Type: application/json' -d '{"name":"kim"}'
expect_status 201 "a user to list"
cookie=$(signed_in_cookie session lee)
check "a session to show" test -n "$cookie"

# As root the counter runs as root (perf_event_paranoid may refuse a
# user) and the programs as Apache's children do.
user=()
[ "$(id -u)" -eq 0 ] && user=(-u www-data)

# few PROGRAM DESCRIPTION STATUS [NAME=value ...]: of 5 runs, each
# answering STATUS, the fewest page faults is under 20 and the fewest
# pages made present under 150.
few() {
	local prog=$1 what=$2 status=$3 out rc=0 present
	shift 3
	out=$(env -i PATH=/usr/bin:/bin GATEWAY_INTERFACE=CGI/1.1 \
	    SERVER_PROTOCOL=HTTP/1.1 HTTP_HOST=127.0.0.1 CGILAB_DB="$DB" "$@" \
	    timeout -k 1 60 "$faults" "${user[@]}" 5 "$RUN/cgi-bin/$prog" 2>"$WORK/err") || rc=$?
	if [ "$rc" -eq 3 ]; then
		skip "$prog, $what: page faults cannot be counted here ($(cat "$WORK/err"))"
		return
	fi
	check "$prog, $what: every answer is $status ($out $(cat "$WORK/err"))" \
	    grep -qx ".*; answers: Status: $status" <<<"$out"
	check "$prog, $what: fewer than 20 page faults ($out)" \
	    test "${out%% *}" -lt 20 2>/dev/null
	present=$(sed -n 's/.* \([0-9]*\) minor faults.*/\1/p' <<<"$out")
	check "$prog, $what: fewer than 150 pages made present ($out)" \
	    test "${present:-999}" -lt 150
}

few hello.cgi "the page" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/hello.cgi
few cookie.cgi "the page" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/cookie.cgi
few users.cgi "the list" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi
few users.cgi "one user" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi \
    PATH_INFO=/1
few login.cgi "the page" "200 OK" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/login.cgi
few session.cgi "the signed-in page" "200 OK" REQUEST_METHOD=GET \
    SCRIPT_NAME=/cgi-bin/session.cgi HTTP_COOKIE="$cookie"
