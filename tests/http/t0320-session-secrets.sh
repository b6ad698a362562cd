# t0320 - the session id is a secret (docs/sessions.md): after a login,
# cookie.cgi (which logs the cookies that came back) leaves no session id
# in any log of the run directory; the store keeps only the id's SHA-256,
# never the id (the SQLite file and its WAL, the Redis keys); and a login
# or logout by GET from another site is refused (403, JSON saying why)
# and changes nothing: no Set-Cookie, no session made or deleted.  The
# lab's own pages (Sec-Fetch-Site: same-origin), a typed address (none)
# and clients that send neither header (curl) keep logging in by GET.
# store: any
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
S=$BASE$CGI_DIR/session$CGI_EXT
L=$BASE$CGI_DIR/login$CGI_EXT
C=$BASE$CGI_DIR/cookie$CGI_EXT

sid_of_answer() {
	header Set-Cookie | sed -n 's/^session=\([0-9a-f]*\);.*/\1/p'
}

# --- no session id in a log ---------------------------------------------------
req GET "$S/login?name=kim"
expect_status 302 "login: 302"
SID=$(sid_of_answer)
check "login: a session id in the cookie" test "${#SID}" = 32
req GET "$C" -H "Cookie: mycookie=test; session=$SID; name=kim"
expect_status 200 "cookie.cgi with the session cookie: 200"
expect_body "Hello Cookie" "cookie.cgi: Hello Cookie"
check "cookie.cgi still logs which cookies came back (names, the lesson's value)" \
    grep -q "cgilab\[cookie\]: $CGI_DIR/cookie$CGI_EXT mycookie=test; session=\[hidden\]; name=\[hidden\]" \
    "$RUN/logs/error.log"
check "no log of the run directory holds the session id" \
    bash -c "! grep -rqF '$SID' '$RUN/logs'"
req GET "$C" -H "Cookie: __Host-session=$SID"
check "…nor the __Host- session cookie's" bash -c "! grep -rqF '$SID' '$RUN/logs'"

# --- the store holds the id's hash, not the id --------------------------------
HASH=$(session_key "$SID")
if [ "$STORE" = redis ]; then
	keys=$(redis_cli KEYS 'cgilab:session:*')
	check "Redis: no key holds the session id" bash -c "! grep -qF '$SID' <<<'$keys'"
	check "Redis: the key is cgilab:session:<sha256 of the id>" \
	    test "$(redis_cli GET "cgilab:session:$HASH")" = kim
else
	check "SQLite: no row has the session id" \
	    test "$(sql "SELECT count(*) FROM sessions WHERE id = '$SID'")" = 0
	check "SQLite: the row's id is the id's SHA-256" \
	    test "$(sql "SELECT name FROM sessions WHERE id = '$HASH'")" = kim
	check "SQLite: the id is nowhere in the database's files" \
	    bash -c "! grep -qaF '$SID' '$DB' '$DB-wal' 2>/dev/null"
fi
req GET "$S" -H "Cookie: session=$SID"
expect_body 'kim님 안녕하세요' "the cookie's id still greets"

# --- login and logout by GET from another site --------------------------------
before=$(db_sessions)
for h in 'Sec-Fetch-Site: cross-site' 'Sec-Fetch-Site: same-site' \
    'Origin: http://evil.example' "Origin: http://127.0.0.1:$((PORT + 1))"; do
	req GET "$S/login?name=attacker" -H "$h"
	expect_error 403 "session login by GET with $h: refused"
	expect_no_header Set-Cookie "session login by GET with $h: no Set-Cookie"
	req GET "$S/login?name=attacker" -H "$h" -H "Cookie: session=$SID"
	expect_error 403 "session login by GET with $h and the victim's cookie: refused"
	req GET "$S/logout" -H "$h" -H "Cookie: session=$SID"
	expect_error 403 "session logout by GET with $h: refused"
	expect_no_header Set-Cookie "session logout by GET with $h: no Set-Cookie"
	req GET "$L/login?name=attacker" -H "$h"
	expect_error 403 "cookie login by GET with $h: refused"
	expect_no_header Set-Cookie "cookie login by GET with $h: no Set-Cookie"
	req GET "$L/logout" -H "$h" -H 'Cookie: name=kim'
	expect_error 403 "cookie logout by GET with $h: refused"
	expect_no_header Set-Cookie "cookie logout by GET with $h: no Set-Cookie"
done
check "the refusal says why" grep -q "this site's own pages" "$WORK/body"
check "refused logins and logouts changed no session" test "$(db_sessions)" = "$before"
req GET "$S" -H "Cookie: session=$SID"
expect_body 'kim님 안녕하세요' "the victim's session still greets"

# The greeting itself changes nothing: another site may show it.
req GET "$S" -H 'Sec-Fetch-Site: cross-site' -H "Cookie: session=$SID"
expect_status 200 "the greeting from another site: 200"

for h in 'Sec-Fetch-Site: same-origin' 'Sec-Fetch-Site: none' \
    "Origin: http://127.0.0.1:$PORT" ''; do
	req GET "$S/login?name=lee" ${h:+-H "$h"}
	expect_status 302 "session login by GET with '${h:-no such header}': 302"
	check "…with a session cookie" test -n "$(sid_of_answer)"
	req GET "$L/login?name=lee" ${h:+-H "$h"}
	expect_status 302 "cookie login by GET with '${h:-no such header}': 302"
	expect_header Set-Cookie 'name=lee; .*' "…with the name cookie"
done
req GET "$S/logout" -H 'Sec-Fetch-Site: same-origin' -H "Cookie: session=$SID"
expect_status 302 "logout from the lab's own page: 302"
db_session "$SID" >/dev/null
check "…deletes the session" test $? = 1
