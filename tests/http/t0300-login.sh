# t0300 - login.cgi (docs/sessions.md, cookie2.js): who you are, kept in a
# cookie.  Every row of its table against the real Apache: the form, login by a
# GET query and by a POSTed form, the cookie's attributes exactly, the
# greeting, 400 with the form and an escaped reason, logout, bad cookies
# as "not logged in", and the cross-origin guard on POSTs.
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
L=$BASE$CGI_DIR/login$CGI_EXT
# An IMF-fixdate (RFC 9110 §5.6.7).
IMF='(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-3][0-9] (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-5][0-9] GMT'
ATTRS='Path=/; HttpOnly; SameSite=Lax'
CLEARED="name=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; $ATTRS"
KIM=%EA%B9%80%EC%B2%A0%EC%88%98	# 김철수, percent-encoded UTF-8
FORM="<form action=\"$CGI_DIR/login$CGI_EXT/login\" method=\"get\">"

# expect_form STATUS DESCRIPTION: the login form, as HTML, with STATUS.
expect_form() {
	expect_status "$1" "$2: $1"
	expect_header Content-Type 'text/html; charset=utf-8' "$2: text/html; charset=utf-8"
	check "$2: the form submitting to $CGI_DIR/login$CGI_EXT/login" grep -qF "$FORM" "$WORK/body"
	check "$2: the form's name field" grep -qF '<input id="name" name="name"' "$WORK/body"
}

# expect_refused DESCRIPTION REASON: 400, the form, the reason escaped,
# and no cookie.
expect_refused() {
	expect_form 400 "$1"
	check "$1: the reason is on the page" grep -qF "<p id=\"error\" role=\"alert\" lang=\"en\">$2</p>" "$WORK/body"
	expect_no_header Set-Cookie "$1: no cookie"
}

# expires_in: seconds from now to the Expires of the last Set-Cookie.
expires_in() {
	local e
	e=$(header Set-Cookie | sed -n 's/.*; Expires=\([^;]*\);.*/\1/p')
	echo $(($(date -d "$e" +%s) - $(date +%s)))
}

# --- GET /cgi-bin/login.cgi, no valid name cookie: the form ---------------
req GET "$L"
expect_form 200 "GET without a cookie"
expect_no_header Set-Cookie "GET without a cookie: no Set-Cookie"
expect_header Cache-Control 'no-store' "the answer depends on the cookie: Cache-Control: no-store"
cp "$WORK/body" "$WORK/program-form.html"
if [ "$CGI_EXT" = .cgi ]; then	# the static page submits to the CGI
	req GET "$BASE/login.html"
	expect_status 200 "GET /login.html (the static form): 200"
	check "the program's form is htdocs/login.html, byte for byte" cmp -s "$WORK/body" "$WORK/program-form.html"
fi
req HEAD "$L"
expect_status 200 "HEAD of the form: 200"
check "HEAD: no body" test "$(raw_bytes_after_head "HEAD $CGI_DIR/login$CGI_EXT HTTP/1.0")" = 0

# --- login by GET query: 302, the cookie exactly ----------------------------
req GET "$L/login?name=$KIM"
expect_status 302 "GET /login?name=김철수: 302"
expect_header Location "$CGI_DIR/login$CGI_EXT" "login: Location: $CGI_DIR/login$CGI_EXT"
expect_header Set-Cookie "name=$KIM; Expires=$IMF; Max-Age=300; $ATTRS" \
    "login: Set-Cookie name=<percent-encoded UTF-8>; Expires; Max-Age=300; Path=/; HttpOnly; SameSite=Lax"
check "login: no Secure over plain HTTP" test -z "$(header Set-Cookie | grep -i secure)"
left=$(expires_in)
check "login: Expires is about 5 minutes ahead (${left} s)" test "$left" -ge 290 -a "$left" -le 310
check "login: no body" test -z "$BODY"

# --- GET with the cookie: the greeting -------------------------------------
req GET "$L" -H "Cookie: name=$KIM"
expect_status 200 "GET with the cookie: 200"
expect_header Content-Type 'text/plain; charset=utf-8' "greeting: text/plain; charset=utf-8"
expect_body '김철수님 안녕하세요' "greeting: <name>님 안녕하세요 with a Korean name"
expect_no_header Set-Cookie "greeting: no Set-Cookie"

# The same as a browser does it: a cookie jar, following the redirect.
req GET "$L/login?name=%EC%98%81%ED%9D%AC" -c "$WORK/jar" -b "$WORK/jar" -L
expect_status 200 "a browser-like login (cookie jar, follow the 302): 200"
expect_body '영희님 안녕하세요' "…and it is greeted by name"

# --- login by POSTed form -------------------------------------------------
req POST "$L/login" --data-urlencode 'name=박지성'
expect_status 302 "POST /login (form-encoded): 302"
expect_header Location "$CGI_DIR/login$CGI_EXT" "POST login: Location"
expect_header Set-Cookie "name=%EB%B0%95%EC%A7%80%EC%84%B1; Expires=$IMF; Max-Age=300; $ATTRS" \
    "POST login: the same cookie"
req POST "$L/login" --data 'other=1&name=a+b%2Bc'
expect_status 302 "POST login: '+' is a space, %2B a plus"
expect_header Set-Cookie "name=a%20b%2Bc; Expires=$IMF; Max-Age=300; $ATTRS" "POST login: the cookie holds 'a b+c'"
req POST "$L/login" -H 'Content-Type: application/json' --data '{"name":"kim"}'
expect_error 415 "POST login as JSON: 415"
expect_no_header Set-Cookie "POST login as JSON: no cookie"
big=$(head -c 16385 /dev/zero | tr '\0' a)
req POST "$L/login" --data "name=$big"
expect_error 413 "POST login over CGILAB_BODY_MAX: 413"

# --- '+' in a query decodes as a space; names are trimmed --------------------
req GET "$L/login?name=a+b"
expect_status 302 "GET /login?name=a+b: 302"
expect_header Set-Cookie "name=a%20b; Expires=$IMF; Max-Age=300; $ATTRS" "'+' in the query is a space"
req GET "$L" -H 'Cookie: name=a%20b'
expect_body 'a b님 안녕하세요' "…greeted as 'a b'"
req GET "$L/login?name=++%20kim%E3%80%80+"
expect_header Set-Cookie "name=kim; Expires=$IMF; Max-Age=300; $ATTRS" "the name is trimmed of white space (U+3000 too)"
name100=$(printf '%%EA%%B0%%80%.0s' $(seq 100))
req GET "$L/login?name=$name100"
expect_status 302 "a name of 100 Korean characters is accepted"

# --- empty, missing or invalid names: 400 and the form with the reason -------
req GET "$L/login"
expect_refused "GET /login with no query" "The form sent no name; type one to log in."
req GET "$L/login?nom=kim"
expect_refused "GET /login without a name field" "The form sent no name; type one to log in."
req GET "$L/login?name="
expect_refused "an empty name" "The name is empty; type at least one character."
req GET "$L/login?name=+++%20"
expect_refused "a name of spaces only" "The name is empty; type at least one character."
req GET "$L/login?name=${name100}%EA%B0%80"
expect_refused "a name of 101 characters" "The name is longer than 100 characters."
req GET "$L/login?name=a%01b"
expect_refused "a name with U+0001" "The name contains a control character."
req GET "$L/login?name=a%00b"
expect_refused "a name with a NUL" "The name contains a control character."
req GET "$L/login?name=a%7Fb"
expect_refused "a name with DEL" "The name contains a control character."
req GET "$L/login?name=a%C2%80b"
expect_refused "a name with U+0080 (C1 control)" "The name contains a control character."
for cf in %E2%80%AE %E2%80%8B %EF%BB%BF; do	# U+202E, U+200B, U+FEFF
	req GET "$L/login?name=a${cf}b"
	expect_refused "a name with a format character ($cf)" \
	    "The name contains an invisible formatting character (Unicode Cf), such as a direction override or a zero-width space."
done
req GET "$L/login?name=%FF%FE"
expect_refused "a name that is not UTF-8" "The name is not valid UTF-8 text."
req GET "$L/login?name=%ZZ"
expect_refused "a bad %-escape in the query" "The name has a bad %-escape."
req POST "$L/login" --data 'name='
expect_refused "POST: an empty name" "The name is empty; type at least one character."
req POST "$L/login" --data 'name=%E'
expect_refused "POST: a bad %-escape" "The name has a bad %-escape."

# A refused name is echoed back into the field, escaped.
evil='<script>alert(1)</script>"'"'"'><img src=x onerror=alert(2)>&'
long="$evil$(printf 'x%.0s' $(seq 100))"
req GET "$L/login" -G --data-urlencode "name=$long"
expect_refused "a too-long name with markup" "The name is longer than 100 characters."
check "the too-long name comes back escaped in the field" grep -qF \
    'value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;xxx' "$WORK/body"
check "no markup of the name survives: no <script or <img" \
    test -z "$(grep -E '<script|<img' "$WORK/body")"
req POST "$L/login" --data-urlencode "name=$long"
expect_refused "POST: a too-long name with markup" "The name is longer than 100 characters."
check "POST: the name comes back escaped" grep -qF 'value="&lt;script&gt;alert(1)' "$WORK/body"

# A name with markup is a valid name: it is greeted as text, not HTML.
req GET "$L/login" -G --data-urlencode 'name=<script>alert(1)</script>'
expect_status 302 "a name <script>… is a valid name: 302"
expect_header Set-Cookie "name=%3Cscript%3Ealert%281%29%3C%2Fscript%3E; Expires=$IMF; Max-Age=300; $ATTRS" \
    "…percent-encoded in the cookie"
req GET "$L" -H 'Cookie: name=%3Cscript%3Ealert%281%29%3C%2Fscript%3E'
expect_header Content-Type 'text/plain; charset=utf-8' "…greeted as text/plain"
expect_header X-Content-Type-Options nosniff "…with nosniff, so no browser takes it for HTML"
expect_body '<script>alert(1)</script>님 안녕하세요' "…the name as it was typed"

# --- logout: 302 to the form, the cookie cleared ------------------------------
req GET "$L/logout" -H "Cookie: name=$KIM"
expect_status 302 "GET /logout: 302"
expect_header Location "$CGI_DIR/login$CGI_EXT" "logout: Location: $CGI_DIR/login$CGI_EXT"
expect_header Set-Cookie "$CLEARED" "logout: the cookie cleared (Max-Age=0, Expires in the past)"
req POST "$L/logout" -H "Cookie: name=$KIM"
expect_status 302 "POST /logout: 302"
expect_header Set-Cookie "$CLEARED" "POST logout: the cookie cleared"
req GET "$L/logout" -c "$WORK/jar" -b "$WORK/jar"
check "a browser-like logout: the jar no longer holds the name" test -z "$(grep -P '\tname\t' "$WORK/jar")"
req GET "$L" -c "$WORK/jar" -b "$WORK/jar"
expect_form 200 "…and the next visit gets the form"

# --- bad cookies are "not logged in", never a crash --------------------------
bad_cookie() {
	req GET "$L" -H "Cookie: $1"
	expect_form 200 "Cookie: $2"
}
bad_cookie 'name' "name without '=': the form"
bad_cookie ';;; =; =x; name' "only separators and broken pairs: the form"
bad_cookie 'name=%ZZ' "a bad %-escape: the form"
expect_header Set-Cookie "$CLEARED" "a bad %-escape: the unusable cookie is cleared"
bad_cookie 'name=%E' "a cut %-escape: the form"
bad_cookie 'name=%FF%FE' "a value that is not UTF-8: the form"
bad_cookie 'name=a%01b' "a control character in the value: the form"
bad_cookie 'name=%00' "a NUL in the value: the form"
bad_cookie 'name=' "an empty value: the form"
bad_cookie 'name=%20%20' "a value of spaces: the form"
bad_cookie "name=$name100%EA%B0%80" "a 101-character name: the form"
bad_cookie "name=$(head -c 4097 /dev/zero | tr '\0' a)" "a 4097-byte value: the form"
req GET "$L" -H "Cookie: name=$(head -c 8000 /dev/zero | tr '\0' a)"
expect_form 200 "an 8000-byte cookie header: the form"
check "no program crashed on a bad cookie" test -z "$(grep -iE 'segfault|premature end|signal' "$RUN/logs/error.log")"

req GET "$L" -H "Cookie: a=1; name=$KIM; b=2"
expect_body '김철수님 안녕하세요' "the name among other cookies"
req GET "$L" -H "Cookie: name=$KIM; name=bob"
expect_body '김철수님 안녕하세요' "duplicate names: the first wins"
req GET "$L" -H "Cookie: name=\"$KIM\""
expect_body '김철수님 안녕하세요' "a quoted value is unquoted (RFC 6265 §4.1.1)"

# --- a POSTed login or logout from another origin: 403 -----------------------
req POST "$L/login" --data 'name=kim' -H 'Origin: http://evil.example'
expect_error 403 "POST login with a foreign Origin: 403"
expect_no_header Set-Cookie "…and no cookie"
expect_header Vary 'Origin, ?Sec-Fetch-Site, ?Accept-Language' "…Vary: Origin, Sec-Fetch-Site (and Accept-Language: the refusal is a sentence)"
req POST "$L/login" --data 'name=kim' -H 'Sec-Fetch-Site: cross-site'
expect_error 403 "POST login with Sec-Fetch-Site: cross-site: 403"
req POST "$L/login" --data 'name=kim' -H 'Sec-Fetch-Site: same-site'
expect_error 403 "POST login with Sec-Fetch-Site: same-site: 403"
req POST "$L/login" --data 'name=kim' -H 'Origin: null'
expect_error 403 "POST login with Origin: null: 403"
req POST "$L/logout" -H "Cookie: name=$KIM" -H 'Sec-Fetch-Site: cross-site'
expect_error 403 "POST logout from another site: 403"
expect_no_header Set-Cookie "…and the cookie is not cleared"
req POST "$L/login" --data 'name=kim' -H "Origin: http://127.0.0.1:$PORT"
expect_status 302 "POST login with the site's own Origin: 302"
req POST "$L/login" --data 'name=kim' -H 'Sec-Fetch-Site: same-origin'
expect_status 302 "POST login with Sec-Fetch-Site: same-origin: 302"

# --- other methods and paths ---------------------------------------------
req PUT "$L" --data 'x'
expect_error 405 "PUT on the form: 405"
expect_header Allow 'GET, HEAD, OPTIONS' "…Allow: GET, HEAD, OPTIONS"
req DELETE "$L/login"
expect_error 405 "DELETE on /login: 405"
expect_header Allow 'GET, POST, OPTIONS' "…Allow: GET, POST, OPTIONS"
req OPTIONS "$L/logout"
expect_status 204 "OPTIONS /logout: 204"
expect_header Allow 'GET, POST, OPTIONS' "…with Allow"
req GET "$L/elsewhere"
expect_error 404 "an unknown path under login.cgi: 404"
expect_json .error "\"There is no such page; the login form is at $CGI_DIR/login$CGI_EXT.\"" "…saying where the form is"

# --- Secure over HTTPS: the program itself, as Apache runs it with HTTPS=on ---
out=$(env -i REQUEST_METHOD=GET PATH_INFO=/login QUERY_STRING=name=kim HTTPS=on \
    "$top/build/cgi-bin/login.cgi")
check "over HTTPS (HTTPS=on) the cookie is Secure" \
    grep -qE "^Set-Cookie: name=kim; Expires=$IMF; Max-Age=300; $ATTRS; Secure"$'\r'"$" <<<"$out"
out=$(env -i REQUEST_METHOD=GET PATH_INFO=/logout HTTPS=on "$top/build/cgi-bin/login.cgi")
check "over HTTPS the clearing cookie is Secure too" \
    grep -qF "Set-Cookie: $CLEARED; Secure"$'\r' <<<"$out"
