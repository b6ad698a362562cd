# t0310 - session.cgi (docs/sessions.md, session.js): who you are, kept on the
# server.  Every row of its table against the real Apache and the rows of the
# sessions table: the cookie holds only a random id; the session greets
# from any Apache process and after a restart; a second login replaces
# it, logout deletes it; unknown, malformed and expired ids give the form
# and a clearing cookie; the TTL is CGILAB_SESSION_TTL, enforced by the
# server; expired rows are purged by a later login.  On Redis (it runs on
# both stores): the sessions are keys that Redis expires itself, and a
# stuck Redis is a 503 as a locked database is.
# store: any
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
S=$BASE$CGI_DIR/session$CGI_EXT
IMF='(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-3][0-9] (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-5][0-9] GMT'
ATTRS='Path=/; HttpOnly; SameSite=Lax'
CLEARED="session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; $ATTRS"
KIM=%EA%B9%80%EC%B2%A0%EC%88%98	# 김철수
FORM="<form action=\"$CGI_DIR/session$CGI_EXT/login\" method=\"get\">"

expect_form() {
	expect_status "$1" "$2: $1"
	expect_header Content-Type 'text/html; charset=utf-8' "$2: text/html; charset=utf-8"
	check "$2: the form submitting to $CGI_DIR/session$CGI_EXT/login" grep -qF "$FORM" "$WORK/body"
}

# expect_login DESCRIPTION [TTL]: 302 to the program with a new session
# cookie; sets SID to its id.
expect_login() {
	local ttl=${2:-300} left e
	expect_status 302 "$1: 302"
	expect_header Location "$CGI_DIR/session$CGI_EXT" "$1: Location: $CGI_DIR/session$CGI_EXT"
	expect_header Set-Cookie "session=[0-9a-f]{32}; Expires=$IMF; Max-Age=$ttl; $ATTRS" \
	    "$1: Set-Cookie session=<32 hex>; Expires; Max-Age=$ttl; Path=/; HttpOnly; SameSite=Lax"
	SID=$(header Set-Cookie | sed -n 's/^session=\([0-9a-f]*\);.*/\1/p')
	e=$(header Set-Cookie | sed -n 's/.*; Expires=\([^;]*\);.*/\1/p')
	left=$(($(date -d "$e" +%s) - $(date +%s)))
	check "$1: Expires is about $ttl s ahead ($left s)" test "$left" -ge $((ttl - 10)) -a "$left" -le $((ttl + 10))
}

# expect_expiry ID TTL DESCRIPTION: the store keeps session ID for TTL s:
# in SQLite expires - created; in Redis the key expires (EXPIRETIME) when
# the cookie of the last answer does, within 2 s, and no later than TTL
# from now.
expect_expiry() {
	local e r ms
	if [ "$STORE" = redis ]; then
		e=$(date -d "$(header Set-Cookie | sed -n 's/.*; Expires=\([^;]*\);.*/\1/p')" +%s)
		r=$(redis_cli EXPIRETIME "cgilab:session:$(session_key "$1")")
		ms=$(redis_cli PTTL "cgilab:session:$(session_key "$1")")
		check "$3 (the key at $r, the cookie at $e, $ms ms left)" \
		    test "$((r - e))" -ge -2 -a "$((r - e))" -le 2 -a "$ms" -gt 0 -a "$ms" -le $(($2 * 1000))
	else
		check "$3" test "$(db_session_ttl "$1")" = "$2"
	fi
}

# expect_refused_session DESCRIPTION: the form and the cookie cleared.
expect_refused_session() {
	expect_form 200 "$1"
	expect_header Set-Cookie "$CLEARED" "$1: the stale cookie is cleared"
}

# --- malformed ids never reach the store --------------------------------------
req GET "$S"
expect_form 200 "GET without a cookie: the form"
expect_no_header Set-Cookie "GET without a cookie: no Set-Cookie"
expect_header Cache-Control 'no-store' "the answer depends on the cookie: Cache-Control: no-store"
[ "$STORE" = redis ] && conns=$(redis_connections)
for bad in 0123456789ABCDEF0123456789ABCDEF 0123456789abcdef0123456789abcde \
    0123456789abcdef0123456789abcdef0 1700000000000 "' OR '1'='1" ../../etc/passwd \
    0123456789abcdef%200123456789abcde ''; do
	req GET "$S" -H "Cookie: session=$bad"
	expect_refused_session "a malformed id '$bad'"
done
if [ "$STORE" = redis ]; then
	check "no malformed id reached Redis (one connection: this check's)" \
	    test "$(($(redis_connections) - conns))" = 1
else
	check "no malformed id opened the database (it is still the empty file the lab made)" test ! -s "$DB"
fi
req GET "$S" -H 'Cookie: session=0123456789abcdef0123456789abcdef'
expect_refused_session "an unknown id"
if [ "$STORE" = redis ]; then
	conns=$((conns + 1))
	check "an unknown, well-formed id is looked up (a connection to Redis)" \
	    test "$(($(redis_connections) - conns))" -ge 2
else
	check "an unknown, well-formed id is looked up (the database now exists)" test -e "$DB"
fi

# --- login: a fresh id in the cookie, the name in the sessions table ----------
req GET "$S/login?name=$KIM"
expect_login "GET /login?name=김철수"
A=$SID
check "the cookie holds only the id, not the name" test -z "$(header Set-Cookie | grep -F "$KIM")"
check "no Secure over plain HTTP" test -z "$(header Set-Cookie | grep -i secure)"
check "the session row: name 김철수" test "$(db_session "$A")" = 김철수
expect_expiry "$A" 300 "the session row: expires = created + 300"
if [ "$STORE" = sqlite ]; then
	now=$(date +%s)
	check "the row's created is now" test "$(sql "SELECT abs(created - $now) <= 5 FROM sessions WHERE id = '$(session_key "$A")'")" = 1
fi

req GET "$S" -H "Cookie: session=$A"
expect_status 200 "GET with the session: 200"
expect_header Content-Type 'text/plain; charset=utf-8' "greeting: text/plain; charset=utf-8"
expect_body '김철수님 안녕하세요' "greeting: <name>님 안녕하세요"
expect_no_header Set-Cookie "greeting: no Set-Cookie"

req POST "$S/login" --data-urlencode 'name=  영희 '
expect_login "POST /login (form-encoded)"
B=$SID
check "two logins, two ids" test "$A" != "$B"
check "POST login: the row holds the trimmed name" test "$(db_session "$B")" = 영희
req GET "$S/login?name=a+b"
expect_login "GET /login?name=a+b"
check "'+' in the query is a space" test "$(db_session "$SID")" = 'a b'

# --- the session greets whichever Apache process serves the request ----------
ok=0
for i in $(seq 12); do
	req GET "$S" -H "Cookie: session=$A"
	[ "$STATUS" = 200 ] && [ "$BODY" = '김철수님 안녕하세요' ] && ok=$((ok + 1))
done
check "12 requests one after another, each a new connection: all greet ($ok)" test "$ok" = 12
seq 24 | xargs -P 8 -I{} curl -s -o "$WORK/par.{}" --max-time 30 -H "Cookie: session=$A" "$S"
ok=0
for f in "$WORK"/par.*; do [ "$(cat "$f")" = '김철수님 안녕하세요' ] && ok=$((ok + 1)); done
check "24 requests, 8 at a time: all greet ($ok)" test "$ok" = 24

# --- a second login replaces the session; the old id is refused -------------
req GET "$S/login?name=%EC%B2%A0%EC%88%98" -H "Cookie: session=$A"
expect_login "a second login with the session cookie"
A2=$SID
check "the second login issues a fresh id" test "$A2" != "$A"
db_session "$A" >/dev/null
check "the replaced session's row is deleted" test $? = 1
req GET "$S" -H "Cookie: session=$A"
expect_refused_session "the old id after a second login"
req GET "$S" -H "Cookie: session=$A2"
expect_body '철수님 안녕하세요' "the new id greets"
req GET "$S" -H "Cookie: session=$B"
expect_body '영희님 안녕하세요' "another browser's session is untouched"

# --- invalid names: 400 and the form, no session ----------------------------
rows=$(db_sessions) || rows="the store could not be read"
check "the sessions so far are in the store" test "$(printf '%s\n' "$rows" | grep -c "^$(session_key "$B")=영희$")" = 1
req GET "$S/login?name="
expect_form 400 "an empty name"
check "an empty name: the reason" grep -qF '<p id="error" role="alert" lang="en">The name is empty; type at least one character.</p>' "$WORK/body"
expect_no_header Set-Cookie "an empty name: no cookie"
req GET "$S/login"
expect_form 400 "a missing name"
req GET "$S/login?name=a%0Ab"
expect_form 400 "a name with a line feed"
long='<script>"'"'"'&'$(printf 'x%.0s' $(seq 100))
req GET "$S/login" -G --data-urlencode "name=$long"
expect_form 400 "a too-long name"
check "the too-long name comes back escaped" grep -qF 'value="&lt;script&gt;&quot;&#39;&amp;xxx' "$WORK/body"
check "invalid names made no session" test "$(db_sessions)" = "$rows"

# --- a POSTed login or logout from another origin: 403 -----------------------
req POST "$S/login" --data 'name=evil' -H 'Origin: http://evil.example'
expect_error 403 "POST login from another origin: 403"
expect_no_header Set-Cookie "…no cookie"
req POST "$S/login" --data 'name=evil' -H 'Sec-Fetch-Site: cross-site'
expect_error 403 "POST login with Sec-Fetch-Site: cross-site: 403"
check "refused logins made no session" test "$(db_sessions)" = "$rows"
req POST "$S/logout" -H "Cookie: session=$B" -H 'Sec-Fetch-Site: cross-site'
expect_error 403 "POST logout from another site: 403"
check "…and the session is still there" test "$(db_session "$B")" = 영희

# --- logout deletes the row and clears the cookie ----------------------------
req GET "$S/logout" -H "Cookie: session=$A2"
expect_status 302 "GET /logout: 302"
expect_header Location "$CGI_DIR/session$CGI_EXT" "logout: Location: $CGI_DIR/session$CGI_EXT"
expect_header Set-Cookie "$CLEARED" "logout: the cookie cleared (Max-Age=0, Expires in the past)"
db_session "$A2" >/dev/null
check "logout deletes the row" test $? = 1
req GET "$S" -H "Cookie: session=$A2"
expect_refused_session "the id after logout"
req POST "$S/logout" -H "Cookie: session=$B" -H 'Sec-Fetch-Site: same-origin'
expect_status 302 "POST /logout from the site itself: 302"
db_session "$B" >/dev/null
check "POST logout deletes the row" test $? = 1
req GET "$S/logout"
expect_status 302 "logout without a session: 302 all the same"
expect_header Set-Cookie "$CLEARED" "…with the clearing cookie"

# A browser's round trip: cookie jar, following the redirects.
req GET "$S/login?name=%EB%B8%8C%EB%9D%BC%EC%9A%B0%EC%A0%80" -c "$WORK/jar" -b "$WORK/jar" -L
expect_body '브라우저님 안녕하세요' "a browser-like login (cookie jar, follow the 302) is greeted"
req GET "$S/logout" -c "$WORK/jar" -b "$WORK/jar"
req GET "$S" -c "$WORK/jar" -b "$WORK/jar"
expect_form 200 "…and after its logout, the form"

# --- the session survives an Apache stop and start ---------------------------
req GET "$S/login?name=%EC%9E%AC%EC%8B%9C%EC%9E%91"
expect_login "a login before the restart"
C=$SID
lab_stop
check "Apache stopped (nothing answers on its port)" test "$(curl -s -o /dev/null -w '%{http_code}' "$S")" = 000
lab_start PORT="$PORT"
S=$BASE$CGI_DIR/session$CGI_EXT
req GET "$S" -H "Cookie: session=$C"
expect_status 200 "after an Apache stop and start: 200"
expect_body '재시작님 안녕하세요' "…the session still greets"

# --- CGILAB_SESSION_TTL: the expiry is enforced by the server ---------------
# Redis drops an expired key itself, so its check of the TTL must come
# before that: 5 s leaves room for a busy machine.
short=1
[ "$STORE" = redis ] && short=5
lab_start CGILAB_SESSION_TTL=$short CGILAB_BUSY_TIMEOUT=300 RUN_DIR="$WORK/run-ttl"
S=$BASE$CGI_DIR/session$CGI_EXT
req GET "$S/login?name=short"
expect_login "login with CGILAB_SESSION_TTL=$short" $short
D=$SID
expect_expiry "$D" $short "the row expires $short s after it was made"
sleep $((short + 1))
req GET "$S" -H "Cookie: session=$D"
expect_refused_session "the session $((short + 1)) seconds later (sent past its Max-Age)"
db_session "$D" >/dev/null
held=$?
if [ "$STORE" = redis ]; then
	check "Redis dropped the expired key by itself" test $held = 1
else
	check "reading an expired session does not write: the row is still there" test $held = 0
fi
req GET "$S/login?name=later"
expect_login "a later login, by someone else" $short
E=$SID
db_session "$D" >/dev/null
check "a later login purges the expired rows" test $? = 1
check "…and keeps its own" test "$(db_session "$E")" = later

# --- a locked database: 503, not a hang, not a half login --------------------
# (On Redis: a paused redis-server, which accepts the connection and
# never answers.  A write it has read may still be done when it goes on,
# after the client has its 503; so there the check is the answer only.)
if [ "$STORE" = redis ]; then
	redis_pause
else
	if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=www-data --regid=www-data --clear-groups); else as=(); fi
	{ echo 'BEGIN EXCLUSIVE;'; echo "DELETE FROM sessions;"; sleep 2; echo 'ROLLBACK;'; } |
	    "${as[@]}" sqlite3 -batch "$DB" &
	locker=$!
	sleep 0.5
fi
req GET "$S/login?name=blocked"
expect_error 503 "a login while the database is locked: 503"
expect_header Retry-After '[0-9]+' "…with Retry-After"
expect_no_header Set-Cookie "…and no cookie"
if [ "$STORE" = redis ]; then
	redis_resume
	req GET "$S/login?name=again"
	expect_login "Redis going on: a login works again" $short
	req GET "$S" -H "Cookie: session=$SID"
	expect_body 'again님 안녕하세요' "…and its session greets"
else
	wait "$locker"
	check "the locked-out login left no row" test "$(sql "SELECT count(*) FROM sessions WHERE name = 'blocked'")" = 0
fi

# --- Secure over HTTPS: the program itself, as Apache runs it with HTTPS=on ---
: >"$WORK/direct.db"	# as scripts/lab makes it
out=$(env -i REQUEST_METHOD=GET PATH_INFO=/login QUERY_STRING=name=kim HTTPS=on \
    CGILAB_DB="$WORK/direct.db" CGILAB_SESSION_TTL=60 "$top/build/cgi-bin/session.cgi")
check "over HTTPS (HTTPS=on) the session cookie is __Host-session, Secure, Max-Age from the TTL" \
    grep -qE "^Set-Cookie: __Host-session=[0-9a-f]{32}; Expires=$IMF; Max-Age=60; $ATTRS; Secure"$'\r'"$" <<<"$out"
