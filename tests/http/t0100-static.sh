# t0100 - the static pages (docs/http-api.md), served by Apache, and the headers
# every answer carries (docs/http-api.md, "Headers on every answer"); a
# source file is neither served nor run.
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start

req GET "$BASE/"
expect_status 200 "/ is the REST front end"
expect_header Content-Type 'text/html; charset=utf-8' "/ is UTF-8 HTML"
check "/ loads restFront.js, from this site" grep -q 'src="/restFront.js"' "$WORK/body"
check "/ uses no CDN" bash -c "! grep -Eq 'https?://' '$WORK/body'"
expect_header X-Content-Type-Options nosniff "every answer: nosniff"
expect_header Content-Security-Policy "default-src 'self'; script-src 'self'; .*" "pages: CSP with only the site's own scripts"

req GET "$BASE/about"
expect_status 200 "/about (no .html) is the about page"
check "/about shows the chapter's Korean text" grep -q '소개 페이지입니다' "$WORK/body"
expect_header Content-Type 'text/html; charset=utf-8' "/about is UTF-8 HTML"

req GET "$BASE/restFront.css"
expect_status 200 "/restFront.css"
expect_header Content-Type 'text/css(; charset=utf-8)?' "/restFront.css is CSS"
req GET "$BASE/restFront.js"
expect_status 200 "/restFront.js"
expect_header Content-Type 'text/javascript(; charset=utf-8)?' "/restFront.js is JavaScript"
check "restFront.js uses fetch()" grep -q 'fetch(' "$WORK/body"

req GET "$BASE/server2.html"
expect_status 200 "/server2.html (server2.js)"
expect_header Content-Type 'text/html; charset=utf-8' "/server2.html is UTF-8 HTML"
check "/server2.html has its Korean intact" grep -q '만들 준비되셨나요?' "$WORK/body"

req GET "$BASE/login.html"
expect_status 200 "/login.html"

req GET "$BASE/no-such-page.html"
expect_status 404 "a missing file is a 404"
expect_header X-Content-Type-Options nosniff "errors carry nosniff too"

req GET "$BASE$CGI_DIR/users.c"
check "/cgi-bin/users.c is not served" test "$STATUS" = 403 -o "$STATUS" = 404
check "/cgi-bin/users.c does not return the source" bash -c "! grep -q '#include' '$WORK/body'"
cp "$top/cgi-bin/users.c" "$RUN$CGI_DIR/users.c"
chmod 0755 "$RUN$CGI_DIR/users.c"
req GET "$BASE$CGI_DIR/users.c"
check "a source file put beside the programs is refused" test "$STATUS" = 403
check "…and its text is not returned" bash -c "! grep -q '#include' '$WORK/body'"
req GET "$BASE$CGI_DIR/"
check "/cgi-bin/ lists nothing" test "$STATUS" = 403 -o "$STATUS" = 404
