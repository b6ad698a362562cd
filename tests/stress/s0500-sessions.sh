# s0500 - 8 clients logging in and out of session.cgi at once
# (docs/sessions.md, docs/reliability.md): every greeting names the
# person whose cookie it is, whichever Apache process serves it; after
# logout the form, and no session is left.  And an expired session is
# the form, with its cookie cleared.
#
# Each client is one curl process with its own cookie jar, going round
# login -> greeting -> logout -> form.
# store: any
. "$(dirname "$0")/../lib.sh"
. "$top/tests/stress/load.sh"
. "$top/tests/table.sh"
CLIENTS=8
ROUNDS=${STRESS_SESSION_ROUNDS:-25}
lab_start
S=$BASE/cgi-bin/session.cgi
GUEST=%EC%86%90%EB%8B%98	# 손님, percent-encoded

req GET "$S"
expect_status 200 "without a session: the form"

# Client c's plan: in round k it logs in as "손님 c<c>-<k>" (the '+' of
# the query is a space), is greeted, logs out, and gets the form.
L=$WORK/sessions
mkdir -p "$L"
for c in $(seq $CLIENTS); do
	seq "$ROUNDS" | awk -v c="$c" -v s="$S" -v g="$GUEST" -v dir="$L" \
	    -v max="$LOAD_REQUEST_MAX" '
	function request(url) {
		if (n++)
			print "next"
		printf "url = \"%s\"\ncookie = \"%s/c%d.none\"\ncookie-jar = \"%s/c%d.jar\"\n", url, dir, c, dir, c
		printf "max-time = %d\n", max
		printf "write-out = \"\\n@@\\t%d\\t%%{http_code}\\t%%header{set-cookie}\\n\"\n", n
	}
	{
		request(s "/login?name=" g "+c" c "-" $1)
		request(s)
		request(s "/logout")
		request(s)
	}' >"$L/c$c.cfg"
done

load_start "$L" $CLIENTS
load_wait "$L" $CLIENTS
# load_parse put the Set-Cookie where users' retry-after goes (field 3)
# and the body in field 6.
problems=$(for c in $(seq $CLIENTS); do
	awk -F '\t' -v c="$c" '
	function problem(m) { print "client " c " round " k ": " m " (" $2 ", " $3 ", " substr($6, 1, 80) ")" }
	{
		k = int((NR - 1) / 4) + 1
		step = (NR - 1) % 4
		name = "손님 c" c "-" k
		if (step == 0) {
			if ($2 != 302) problem("login: not 302")
			if ($3 !~ /^session=[^;]+;/) problem("login: no session cookie")
		} else if (step == 1) {
			if ($2 != 200) problem("greeting: not 200")
			body = $6
			sub(/[ \n]+$/, "", body)
			if (body != name "님 안녕하세요") problem("the greeting is not for " name)
		} else if (step == 2) {
			if ($2 != 302) problem("logout: not 302")
			if ($3 !~ /^session=.*Max-Age=0/) problem("logout: the cookie is not cleared")
		} else {
			if ($2 != 200) problem("after logout: not 200")
			if ($6 ~ /안녕하세요/ || $6 !~ /<form/) problem("after logout: not the form")
		}
	}
	END { if (NR != 4 * rounds) print "client " c ": " NR " answers, not " 4 * rounds }' \
	    rounds="$ROUNDS" "$L/c$c.res"
done)
statuses=$(load_statuses "$L")
check "$CLIENTS clients × $ROUNDS logins and logouts: all answered ($statuses)" \
    test "$statuses" = "$((CLIENTS * ROUNDS * 2)) 200 $((CLIENTS * ROUNDS * 2)) 302"
[ -n "$problems" ] && printf '%s\n' "$problems" | head -n 20
check "every greeting names the person whose cookie it is; logout always ends it" test -z "$problems"
left=$(db_sessions || echo "the store could not be read")
check "every logout deleted its session: none is left" test -z "$left"
check "no program crashed or died without an answer (error log)" error_log_clean

# An expired session, its cookie sent anyway (a browser may): a server
# whose sessions last 1 s.
lab_start RUN_DIR="$WORK/run-ttl" CGILAB_SESSION_TTL=1
S=$BASE/cgi-bin/session.cgi
req GET "$S/login?name=$GUEST+expired"
expect_status 302 "a login on the 1-second server"
sid=$(header Set-Cookie | sed -n 's/^session=\([^;]*\);.*/\1/p')
check "the login set a session cookie" test -n "$sid"
sleep 2.5
req GET "$S" -H "Cookie: session=$sid"
expect_answer S16
