# t0420 - login.cgi and session.cgi over HTTPS and HTTP/2 (docs/sessions.md,
# docs/https.md): the login cookie carries Secure over HTTPS (HTTP/1.1 and h2) and
# not over plain HTTP (HTTP/1.1 and h2c); Location stays a path, so the
# redirect lands on the port it came from; a POSTed login whose body
# arrives without CONTENT_LENGTH works.  In FastCGI mode the same of
# login.fcgi and session.fcgi (over HTTP/2 such a body passes conf/lab.conf's
# cat(1) filter: docs/fastcgi.md).
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
# An IMF-fixdate (RFC 9110 §5.6.7).
IMF='(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-3][0-9] (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-5][0-9] GMT'
ATTRS='Path=/; HttpOnly; SameSite=Lax'
KIM=%EA%B9%80%EC%B2%A0%EC%88%98	# 김철수, percent-encoded UTF-8
printf 'name=%s' "$KIM" >"$WORK/form"

# One line per way in: name|base URL|curl options|"; Secure" or "".
ways=(
	"HTTPS/1.1|$TLS_BASE|-k --http1.1|; Secure"
	"HTTPS/2|$TLS_BASE|-k --http2|; Secure"
	"HTTP/1.1|$BASE|--http1.1|"
	"h2c|$BASE|--http2-prior-knowledge|"
)

for prog in login session; do
	home=$CGI_DIR/$prog$CGI_EXT
	# The cookie: name=<the name itself>, or session=<a session id>.
	if [ $prog = login ]; then
		cname=name value=$KIM
	else
		cname=session value='[0-9a-f]{32}'
	fi
	for way in "${ways[@]}"; do
		IFS='|' read -r name base opts secure <<<"$way"
		what="$prog$CGI_EXT over $name"
		# Over HTTPS the session cookie has the __Host- prefix
		# (docs/sessions.md): Secure, Path=/, no Domain.
		[ $prog = session ] && cname=${secure:+__Host-}session

		# shellcheck disable=SC2086
		req GET "$base$home/login?name=$KIM" $opts
		expect_status 302 "$what: login: 302"
		expect_header Location "$home" "$what: Location is the path $home"
		expect_header Set-Cookie "$cname=$value; Expires=$IMF; Max-Age=300; $ATTRS$secure" \
		    "$what: Set-Cookie $cname=…; Expires; Max-Age=300; $ATTRS${secure:-, no Secure}"
		cookie=$(header Set-Cookie | sed 's/;.*//')
		if [ $prog = session ]; then
			sid=${cookie#*session=}
			check "$what: the session is a row" \
			    test "$(db_session "$sid")" = 김철수
		fi

		# shellcheck disable=SC2086
		req GET "$base$home" $opts -H "Cookie: $cookie"
		expect_status 200 "$what: with the cookie: 200"
		expect_body '김철수님 안녕하세요' "$what: the greeting"

		# A POSTed form whose body is streamed: over HTTP/2 it comes
		# without a length (over HTTP/1.1, chunked).
		# shellcheck disable=SC2086
		req POST "$base$home/login" $opts -T - \
		    -H 'Content-Type: application/x-www-form-urlencoded' <"$WORK/form"
		expect_status 302 "$what: a POSTed login, body streamed: 302"
		expect_header Set-Cookie "$cname=$value; Expires=$IMF; Max-Age=300; $ATTRS$secure" \
		    "$what: the POSTed login's cookie"

		# shellcheck disable=SC2086
		req GET "$base$home/logout" $opts -H "Cookie: $(header Set-Cookie | sed 's/;.*//')"
		expect_status 302 "$what: logout: 302"
		expect_header Location "$home" "$what: logout: Location is the path"
		expect_header Set-Cookie "$cname=; Expires=$IMF; Max-Age=0; $ATTRS$secure" \
		    "$what: logout clears the cookie${secure:+ (Secure too)}"
	done

	# As a browser: a cookie jar, following the redirect; it stays on
	# the TLS port because Location is a path.
	rm -f "$WORK/jar"
	req GET "$TLS_BASE$home/login?name=$KIM" -k --http2 -c "$WORK/jar" -b "$WORK/jar" -L \
	    -w '%{http_code}|%{url_effective}'
	check "$prog$CGI_EXT: a browser-like login over HTTPS/2 ends on $TLS_BASE$home ($STATUS)" \
	    test "$STATUS" = "200|$TLS_BASE$home"
	expect_body '김철수님 안녕하세요' "$prog$CGI_EXT: …greeted by name over HTTPS"
	[ $prog = session ] && cname=__Host-session
	check "$prog$CGI_EXT: the jar holds the cookie as Secure" \
	    bash -c "awk -v n=$cname '\$6 == n && \$4 == \"TRUE\"' '$WORK/jar' | grep -q ."

	# The form (the program's, and the static page) submits to a path.
	req GET "$TLS_BASE$home" -k --http2
	expect_status 200 "$prog$CGI_EXT: the form over HTTPS/2: 200"
	check "$prog$CGI_EXT: the form submits to a path, right on either port" \
	    grep -q "action=\"$home/login\"" "$WORK/body"
done
req GET "$TLS_BASE/login.html" -k --http2
expect_status 200 "/login.html over HTTPS/2: 200"
check "/login.html: no absolute http:// link" bash -c "! grep -q 'http://' '$WORK/body'"

# --- cookie tossing: only the scheme's cookie name is read, and only once ----
S=$CGI_DIR/session$CGI_EXT
sid_of() {
	header Set-Cookie | sed -n "s/^$1=\([0-9a-f]*\);.*/\1/p"
}
req GET "$TLS_BASE$S/login?name=tls" -k
HS=$(sid_of __Host-session)
check "HTTPS login: a __Host-session cookie" test "${#HS}" = 32
check "HTTPS login: Set-Cookie has no Domain" bash -c "! grep -qi 'domain=' '$WORK/headers'"
req GET "$BASE$S/login?name=plain"
PS=$(sid_of session)
check "HTTP login: a session cookie" test "${#PS}" = 32
req GET "$TLS_BASE$S" -k -H "Cookie: __Host-session=$HS"
expect_body 'tls님 안녕하세요' "HTTPS: __Host-session greets"
req GET "$TLS_BASE$S" -k -H "Cookie: session=$PS"
expect_status 200 "HTTPS: a plain session cookie is not read: 200"
check "HTTPS: …the form, no greeting" grep -q '<form' "$WORK/body"
req GET "$BASE$S" -H "Cookie: __Host-session=$HS"
check "HTTP: a __Host-session cookie is not read: the form" grep -q '<form' "$WORK/body"
req GET "$BASE$S" -H "Cookie: session=$PS"
expect_body 'plain님 안녕하세요' "HTTP: session greets"
# Two cookies of the name (one planted by a sibling host or a man in the
# middle): neither is used, whichever comes first.
req GET "$BASE$S/login?name=attacker"
AS=$(sid_of session)
for pair in "session=$AS; session=$PS" "session=$PS; session=$AS"; do
	req GET "$BASE$S" -H "Cookie: $pair"
	expect_status 200 "two session cookies ($pair): 200"
	check "two session cookies: the form, no greeting" grep -q '<form' "$WORK/body"
	check "two session cookies: the attacker is not greeted" bash -c "! grep -q attacker '$WORK/body'"
done
# The same behind 49 filler cookies, which the programs keep at most 50
# of: the second still counts.
fill=$(for i in $(seq 49); do printf 'f%d=1; ' "$i"; done)
req GET "$BASE$S" -H "Cookie: ${fill}session=$AS; session=$PS"
check "two session cookies behind 49 others: the form, no greeting" grep -q '<form' "$WORK/body"
check "…the attacker is not greeted" bash -c "! grep -q attacker '$WORK/body'"
req GET "$BASE$S/logout" -H "Cookie: ${fill}session=$AS; session=$PS"
check "…and a logout then deletes neither session" \
    test "$(db_session "$AS")" = attacker -a "$(db_session "$PS")" = plain
req GET "$TLS_BASE$S" -k -H "Cookie: __Host-session=$HS; __Host-session=$HS"
check "two __Host-session cookies: the form" grep -q '<form' "$WORK/body"
req GET "$BASE$S/logout" -H "Cookie: session=$AS; session=$PS"
expect_status 302 "logout with two session cookies: 302"
check "…deletes neither session" test "$(db_session "$PS")" = plain
check "…neither the other" test "$(db_session "$AS")" = attacker
