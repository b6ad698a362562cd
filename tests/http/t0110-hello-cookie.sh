# t0110 - hello.cgi (server1.js) and cookie.cgi (cookie.js): docs/http-api.md.
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start

req GET "$BASE$CGI_DIR/hello$CGI_EXT"
expect_status 200 "hello.cgi answers 200"
expect_header Content-Type 'text/html; charset=utf-8' "hello.cgi: text/html; charset=utf-8"
check "hello.cgi: <h1>Hello World!</h1>" grep -q '<h1>Hello World!</h1>' "$WORK/body"
check "hello.cgi: <p>Hello Server</p>" grep -q '<p>Hello Server</p>' "$WORK/body"
check "hello.cgi: a Korean line" grep -q '안녕하세요' "$WORK/body"
expect_header X-Content-Type-Options nosniff "CGI answers carry nosniff"

req GET "$BASE$CGI_DIR/cookie$CGI_EXT"
expect_status 200 "cookie.cgi answers 200"
expect_header Content-Type 'text/plain; charset=utf-8' "cookie.cgi: text/plain; charset=utf-8"
expect_body "Hello Cookie" "cookie.cgi: Hello Cookie"
expect_header Set-Cookie 'mycookie=test; Path=/' "cookie.cgi: Set-Cookie: mycookie=test; Path=/"
check "cookie.cgi logs the URI and '-' without cookies" \
    grep -q "cgilab\[cookie\]: $CGI_DIR/cookie$CGI_EXT -" "$RUN/logs/error.log"

req GET "$BASE$CGI_DIR/cookie$CGI_EXT?x=1" -H 'Cookie: mycookie=test; other=2'
expect_status 200 "cookie.cgi with cookies answers 200"
check "cookie.cgi logs the URI, the cookies it received, the value only of its own" \
    grep -q "cgilab\[cookie\]: $CGI_DIR/cookie$CGI_EXT?x=1 mycookie=test; other=\[hidden\]" "$RUN/logs/error.log"
