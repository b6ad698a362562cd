# t0120 - the lessons page (docs/lessons.md, "The lessons page"): /lessons
# links every lesson, its URL and its program's source; /source/ serves the
# programs' C sources as UTF-8 text, never runs them, and serves nothing
# else; every page of the lab links /lessons.
. "$(dirname "$0")/../lib.sh"
lab_start

req GET "$BASE/lessons"
expect_status 200 "/lessons"
expect_header Content-Type 'text/html; charset=utf-8' "/lessons is UTF-8 HTML"
cp "$WORK/body" "$WORK/lessons.html"
check "/lessons has this lab's ports, no placeholder left" \
    bash -c "grep -q 'localhost:$PORT/' '$WORK/body' && grep -q 'localhost:$TLS_PORT/' '$WORK/body' && ! grep -q '@[A-Z_]*@' '$WORK/body'"
for id in hello file ports rest cookie cookie-login session https http2 cluster; do
	check "/lessons has the lesson #$id, with a URL, a curl line and a source line" \
	    bash -c "sed -n '/<section id=\"$id\">/,/<\/section>/p' '$WORK/body' | grep -q 'class=\"try\"><a\|class=\"try\">열어 보기: <a' &&
		sed -n '/<section id=\"$id\">/,/<\/section>/p' '$WORK/body' | grep -q '<pre><code>curl ' &&
		sed -n '/<section id=\"$id\">/,/<\/section>/p' '$WORK/body' | grep -q 'class=\"source\"'"
done
for p in hello cookie users login session; do
	check "/lessons links $p.c" grep -q "href=\"/source/$p.c\"" "$WORK/lessons.html"
	req GET "$BASE/source/$p.c"
	expect_status 200 "/source/$p.c"
	expect_header Content-Type 'text/plain; charset=utf-8' "/source/$p.c is UTF-8 text"
	expect_header X-Content-Type-Options nosniff "/source/$p.c: nosniff"
	check "/source/$p.c is cgi-bin/$p.c, byte for byte" cmp -s "$WORK/body" "$top/cgi-bin/$p.c"
done

# Never run: an executable put there under a source's name is sent as
# bytes, not run.
install -m 0755 "$top/build/cgi-bin/hello.cgi" "$RUN/source/exec.c"
STATUS=$(curl -s -D "$WORK/headers" -o "$WORK/exec" -w '%{http_code}' "$BASE/source/exec.c")
expect_status 200 "an executable named like a source"
check "…is sent as it is, not run" cmp -s "$WORK/exec" "$top/build/cgi-bin/hello.cgi"
expect_header Content-Type 'text/plain; charset=utf-8' "…as text"

# Nothing else: not the library's sources, not other files, not a way out.
echo 'int x;' >"$RUN/source/app.h"
for path in /source/ /source /source/app.h /source/hello.cgi /source/users.o \
    /source/../ /source/../cgi-bin/users.cgi /source/../../lib/app.c \
    /source/%2e%2e/htdocs/index.html /source/..%2fhtdocs/index.html \
    /source/.%2e/ /source/hello.c/x /source/HELLO.C /lib/app.c /source/app.c \
    /source/../db/cgilab.db /source/../store; do
	req GET "$BASE$path" --path-as-is
	# (a path that climbs above the root is Apache's own 400)
	check "GET $path is refused ($STATUS)" test "$STATUS" = 403 -o "$STATUS" = 404 -o \
	    "$STATUS:$path" = 400:/source/../../lib/app.c
	check "GET $path sends no source" bash -c "! grep -q '#include\|int x;' '$WORK/body'"
done

# Every page of the lab links the lessons.
for page in / /about /server2.html /login.html /lessons "$CGI_DIR/login$CGI_EXT" "$CGI_DIR/session$CGI_EXT"; do
	req GET "$BASE$page"
	check "$page links /lessons" grep -q 'href="/lessons"' "$WORK/body"
done
