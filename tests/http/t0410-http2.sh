# t0410 - HTTP/2 (docs/lab.md, server1-4.js): h2 over TLS, h2c on the plain
# port (prior knowledge and Upgrade), curl and nghttp; every program
# answers the same over it, and request bodies that arrive without
# CONTENT_LENGTH (HTTP/2 sends none unless the client does) are read to
# end of input under the same limit (docs/http-api.md).  In FastCGI mode
# mod_proxy_fcgi streams such a body to the program as it comes, without
# a CONTENT_LENGTH, as mod_cgid does (docs/fastcgi.md).
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
U=$CGI_DIR/users$CGI_EXT
# The probe (below): probe.cgi in CGI mode; in FastCGI mode it takes
# login.fcgi's place in this run directory (the lab serves the programs'
# names only), its pool's supervisor starting it in place of the killed
# login.fcgi processes.
if [ "$MODE" = cgi ]; then P=/cgi-bin/probe.cgi; else P=/fcgi-bin/login.fcgi; fi
J=(-H 'Content-Type: application/json')
H2=(-k --http2)			# HTTP/2 over TLS, by ALPN
H2C=(--http2-prior-knowledge)	# HTTP/2 in clear text, no Upgrade
H1S=(-k --http1.1)		# HTTP/1.1 over TLS

# proto URL [curl options]: "<HTTP version> <status>".
proto() {
	local url=$1
	shift
	curl -s -o /dev/null -w '%{http_version} %{http_code}' --max-time 30 "$@" "$url"
}

# streamed METHOD URL FILE [curl options]: req with the body read from
# standard input, so curl knows no length: over HTTP/2 it sends none
# (over HTTP/1.1 it would send the body chunked).
streamed() {
	local m=$1 u=$2 f=$3
	shift 3
	req "$m" "$u" -T - "$@" <"$f"
}

# A diagnostic program, in this test's run directory only: what the CGI
# environment (or the FastCGI parameters) says about the body, and how
# many bytes arrived.
if [ "$MODE" = cgi ]; then
	cat >"$WORK/probe.cgi" <<'EOF'
#!/bin/sh
printf 'Content-Type: text/plain\r\n\r\n'
printf 'CONTENT_LENGTH=%s HTTPS=%s PROTOCOL=%s BYTES=%s\n' \
    "${CONTENT_LENGTH-unset}" "${HTTPS-unset}" "$SERVER_PROTOCOL" "$(wc -c)"
EOF
	install -m 0755 "$WORK/probe.cgi" "$RUN/cgi-bin/probe.cgi"
else
	cat >"$WORK/probe.c" <<'EOF'
/* probe.c - t0410's FastCGI probe: the body's parameters and its size. */
#include <stddef.h>

#include <fcgiapp.h>

static const char *
param(const char *name, FCGX_ParamArray envp)
{
	const char *v = FCGX_GetParam(name, envp);

	return v != NULL ? v : "unset";
}

int
main(void)
{
	FCGX_Stream *in, *out, *err;
	FCGX_ParamArray envp;
	char buf[4096];
	long n;
	int k;

	while (FCGX_Accept(&in, &out, &err, &envp) >= 0) {
		for (n = 0; (k = FCGX_GetStr(buf, sizeof(buf), in)) > 0; n += k)
			;
		FCGX_FPrintF(out, "Content-Type: text/plain\r\n\r\n"
		    "CONTENT_LENGTH=%s HTTPS=%s PROTOCOL=%s BYTES=%ld\n",
		    param("CONTENT_LENGTH", envp), param("HTTPS", envp),
		    param("SERVER_PROTOCOL", envp), n);
	}
	return 0;
}
EOF
	if ! cc -Wall -Wextra -Werror -o "$WORK/probe.fcgi" "$WORK/probe.c" $(pkg-config --libs fcgi); then
		fail "the FastCGI probe builds (libfcgi-dev)"
		exit 1
	fi
	install -m 0755 "$WORK/probe.fcgi" "$RUN/fcgi-bin/login.fcgi.new"
	mv "$RUN/fcgi-bin/login.fcgi.new" "$RUN/fcgi-bin/login.fcgi"
	pg=$(cat "$RUN/fcgi/login.pid")
	for pid in $(ps -o pid= -g "$pg"); do
		[ "$pid" = "$pg" ] || kill -TERM "$pid"
	done
	for _ in $(seq 100); do
		req GET "$BASE$P"
		[[ $BODY == CONTENT_LENGTH=* ]] && break
		sleep 0.1
	done
	check "the probe serves at $P" test "${BODY%% *}" = CONTENT_LENGTH=unset
fi
# streamed_cl N: the CONTENT_LENGTH a program is given for an N-byte body
# that came without a length (a regex): none in CGI mode (the body is
# read to its end: Apache says HTTP_TRANSFER_ENCODING); in FastCGI mode
# none, or N when mod_proxy_fcgi had the whole body before it started the
# request (it reads ahead up to 16 KiB and then counts what it has).
streamed_cl() {
	if [ "$MODE" = cgi ]; then echo unset; else echo "(unset|$1)"; fi
}
# expect_probe CL REST DESCRIPTION: the probe's answer, CONTENT_LENGTH
# matching the regex CL.
expect_probe() {
	if [[ $BODY =~ ^CONTENT_LENGTH=$1\ $2$ ]]; then pass "$3"; else fail "$3 (wanted CONTENT_LENGTH=$1 $2)"; fi
}
printf '{"name":"h2"}' >"$WORK/small.json"

# --- The three ways in.
first=$(curl -k --http2 -sI "https://localhost:$TLS_PORT$U" | head -n 1 | tr -d '\r' | sed 's/ *$//')
check "curl -k --http2 -sI https://localhost:TLS_PORT$U says 'HTTP/2 200' ($first)" \
    test "$first" = "HTTP/2 200"
for path in / /about /server2.html $CGI_DIR/hello$CGI_EXT $CGI_DIR/cookie$CGI_EXT $U /users; do
	req GET "$BASE$path"
	want=$(md5sum <"$WORK/body")
	for how in "h2|$TLS_BASE|${H2[*]}" "h2c prior knowledge|$BASE|${H2C[*]}" \
	    "h2c Upgrade|$BASE|--http2"; do
		IFS='|' read -r name base opts <<<"$how"
		# shellcheck disable=SC2086
		got=$(proto "$base$path" $opts)
		check "GET $path over $name: HTTP/2 200 ($got)" test "$got" = "2 200"
		# shellcheck disable=SC2086
		req GET "$base$path" $opts
		check "GET $path over $name: the same body as HTTP/1.1" test "$(md5sum <"$WORK/body")" = "$want"
	done
done
got=$(proto "$TLS_BASE/" "${H1S[@]}")
check "HTTP/1.1 over TLS is still offered ($got)" test "$got" = "1.1 200"
got=$(proto "$BASE/" --http1.1)
check "HTTP/1.1 on the plain port is still offered ($got)" test "$got" = "1.1 200"
got=$(proto "$BASE$U" --http2 -X POST "${J[@]}" --data '{"name":"upgrade?"}')
check "curl --http2 POST on the plain port: answered over HTTP/1.1 (Apache upgrades only requests without a body) ($got)" \
    test "$got" = "1.1 201"
sql "DELETE FROM users WHERE name = 'upgrade?'"	# keep the lists below exact

# --- Bodies without CONTENT_LENGTH: first proof that none arrives (in
# either mode).
cl=$(streamed_cl 13)
streamed POST "$TLS_BASE$P" "$WORK/small.json" "${H2[@]}"
expect_probe "$cl" "HTTPS=on PROTOCOL=HTTP/2.0 BYTES=13" \
    "h2, body streamed: the program gets CONTENT_LENGTH=$cl, all 13 bytes"
req POST "$TLS_BASE$P" "${H2[@]}" -H 'Content-Length:' --data-binary "@$WORK/small.json"
expect_probe "$cl" "HTTPS=on PROTOCOL=HTTP/2.0 BYTES=13" \
    "h2, Content-Length removed: CONTENT_LENGTH=$cl, all 13 bytes"
streamed PUT "$BASE$P" "$WORK/small.json" "${H2C[@]}"
expect_probe "$cl" "HTTPS=unset PROTOCOL=HTTP/2.0 BYTES=13" \
    "h2c, body streamed: CONTENT_LENGTH=$cl, all 13 bytes (and no HTTPS)"
req POST "$TLS_BASE$P" "${H2[@]}" --data-binary "@$WORK/small.json"
expect_body "CONTENT_LENGTH=13 HTTPS=on PROTOCOL=HTTP/2.0 BYTES=13" \
    "h2 with a content-length header: CONTENT_LENGTH is passed on"

# --- The users CRUD over h2, bodies without a length.
streamed POST "$TLS_BASE$U" "$WORK/small.json" "${H2[@]}" "${J[@]}"
expect_status 201 "h2 POST, no length: 201"
id=$(jq -r .id "$WORK/body")
expect_header Location "$U/$id" "h2 POST: Location is the path of the new user"
expect_json . "{\"id\":$id,\"name\":\"h2\"}" "h2 POST: the user"
check "h2 POST: the row is in the database" test "$(sql "SELECT name FROM users WHERE id = $id")" = h2

printf '{"name":"에이치투"}' >"$WORK/put.json"
streamed PUT "$TLS_BASE$U/$id" "$WORK/put.json" "${H2[@]}" "${J[@]}"
expect_status 200 "h2 PUT, no length: 200"
expect_json . "{\"id\":$id,\"name\":\"에이치투\"}" "h2 PUT: the user"
check "h2 PUT: the row changed" test "$(sql "SELECT name FROM users WHERE id = $id")" = 에이치투

req PATCH "$TLS_BASE$U/$id" "${H2[@]}" "${J[@]}" -H 'Content-Length:' --data '{"name":"패치"}'
expect_status 200 "h2 PATCH, Content-Length removed: 200"
check "h2 PATCH: the row changed" test "$(sql "SELECT name FROM users WHERE id = $id")" = 패치

printf 'name=%%ED%%8F%%BC' >"$WORK/form"
streamed POST "$TLS_BASE/user" "$WORK/form" "${H2[@]}" -H 'Content-Type: application/x-www-form-urlencoded'
expect_status 201 "h2 POST /user (the chapter's path), a form, no length: 201"
expect_json .name '"폼"' "h2 POST form: decoded"
id2=$(jq -r .id "$WORK/body")

req GET "$TLS_BASE$U" "${H2[@]}"
expect_status 200 "h2 GET list: 200"
expect_json . "{\"$id\":\"패치\",\"$id2\":\"폼\"}" "h2 GET list: both users"
tag=$(header ETag)
req GET "$TLS_BASE$U" "${H2[@]}" -H "If-None-Match: $tag"
expect_status 304 "h2 If-None-Match: 304"
check "h2 304: no body" test ! -s "$WORK/body"
req HEAD "$TLS_BASE$U/$id" "${H2[@]}"
expect_status 200 "h2 HEAD one: 200"
req OPTIONS "$TLS_BASE$U/$id" "${H2[@]}"
expect_status 204 "h2 OPTIONS one: 204"
expect_header Allow 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS' "h2 OPTIONS: Allow"
streamed PUT "$TLS_BASE$U" "$WORK/small.json" "${H2[@]}" "${J[@]}"
expect_error 405 "h2 PUT on the list, body streamed: 405 (the body read, the answer whole)"

# The same over h2c.
streamed POST "$BASE$U" "$WORK/small.json" "${H2C[@]}" "${J[@]}"
expect_status 201 "h2c POST, no length: 201"
id3=$(jq -r .id "$WORK/body")
streamed PUT "$BASE/user/$id3" "$WORK/put.json" "${H2C[@]}" "${J[@]}"
expect_status 200 "h2c PUT /user/<id>, no length: 200"
check "h2c PUT: the row changed" test "$(sql "SELECT name FROM users WHERE id = $id3")" = 에이치투
req DELETE "$BASE$U/$id3" "${H2C[@]}"
expect_status 204 "h2c DELETE: 204"
req DELETE "$TLS_BASE$U/$id2" "${H2[@]}"
expect_status 204 "h2 DELETE: 204"
check "the deletes removed the rows" test "$(sql "SELECT group_concat(id) FROM users")" = "$id"

# Refusals over h2 keep their JSON shape.
printf '{"name":""}' >"$WORK/empty.json"
streamed POST "$TLS_BASE$U" "$WORK/empty.json" "${H2[@]}" "${J[@]}"
expect_error 400 "h2 POST an empty name, no length: 400"
streamed POST "$TLS_BASE$U" "$WORK/small.json" "${H2[@]}" -H 'Content-Type: text/plain'
expect_error 415 "h2 POST text/plain, no length: 415"
streamed POST "$TLS_BASE$U" "$WORK/small.json" "${H2[@]}" "${J[@]}" -H 'Sec-Fetch-Site: cross-site'
expect_error 403 "h2 POST cross-site, no length: 403"

# --- The limit without CONTENT_LENGTH: 16384 bytes pass, 16385 do not.
pad=$(head -c $((16384 - 13)) /dev/zero | tr '\0' ' ')
printf '{"name":"big"}%s' "${pad:1}" >"$WORK/16384.json"
head -c 16385 /dev/zero | tr '\0' ' ' >"$WORK/16385.json"
head -c 200000 /dev/zero | tr '\0' 'a' >"$WORK/200k"
check "the bodies are 16384 and 16385 bytes" \
    test "$(stat -c %s "$WORK/16384.json") $(stat -c %s "$WORK/16385.json")" = "16384 16385"
streamed POST "$TLS_BASE$P" "$WORK/16385.json" "${H2[@]}"
expect_probe "$(streamed_cl 16385)" "HTTPS=on PROTOCOL=HTTP/2.0 BYTES=16385" \
    "h2: the 16385-byte body arrives whole, CONTENT_LENGTH=$(streamed_cl 16385)"
streamed POST "$TLS_BASE$P" "$WORK/200k" "${H2[@]}"
expect_probe "$(streamed_cl 200000)" "HTTPS=on PROTOCOL=HTTP/2.0 BYTES=200000" \
    "h2: a 200 kB body arrives whole too"
streamed POST "$TLS_BASE$U" "$WORK/16384.json" "${H2[@]}" "${J[@]}"
expect_status 201 "h2, no length: a 16384-byte body is accepted"
expect_json .name '"big"' "h2, no length: the 16384-byte body's user"
streamed POST "$TLS_BASE$U" "$WORK/16385.json" "${H2[@]}" "${J[@]}"
expect_error 413 "h2, no length: a 16385-byte body is 413"
streamed POST "$TLS_BASE$U" "$WORK/200k" "${H2[@]}" "${J[@]}"
expect_error 413 "h2, no length: a 200 kB body is 413, read to its end"
streamed PUT "$BASE$U/$id" "$WORK/16385.json" "${H2C[@]}" "${J[@]}"
expect_error 413 "h2c PUT, no length: a 16385-byte body is 413"
streamed POST "$BASE$U" "$WORK/16384.json" "${H2C[@]}" "${J[@]}"
expect_status 201 "h2c, no length: a 16384-byte body is accepted"

# --- nghttp (nghttp2-client): another HTTP/2 client.
ng() { timeout 30 nghttp "$@" 2>"$WORK/nghttp.err"; }
ng "https://localhost:$TLS_PORT$U" >"$WORK/body"
check "nghttp GET $U over h2: the JSON list" \
    bash -c "jq -e 'has(\"$id\")' '$WORK/body' >/dev/null"
printf '{"name":"nghttp 사용자"}' >"$WORK/ng.json"
ng --no-content-length -d "$WORK/ng.json" "https://localhost:$TLS_PORT$P" >"$WORK/body"
check "nghttp --no-content-length: the program gets CONTENT_LENGTH=$(streamed_cl 27), all 27 bytes ($(cat "$WORK/body"))" \
    grep -qxE "CONTENT_LENGTH=$(streamed_cl 27) HTTPS=on PROTOCOL=HTTP/2.0 BYTES=27" "$WORK/body"
ng -v --no-content-length -H 'content-type: application/json' -d "$WORK/ng.json" \
    "https://localhost:$TLS_PORT$U" >"$WORK/ng.out"
check "nghttp POST, no content-length: 201" grep -q 'recv (stream_id=[0-9]*) :status: 201' "$WORK/ng.out"
check "…the row is in the database" test "$(sql "SELECT count(*) FROM users WHERE name = 'nghttp 사용자'")" = 1
ng -u -v "$BASE$CGI_DIR/hello$CGI_EXT" >"$WORK/ng.out"
check "nghttp h2c Upgrade GET: 101, then 200 on stream 1 over HTTP/2" \
    bash -c "grep -q 'HTTP/1.1 101 Switching Protocols' '$WORK/ng.out' && grep -q 'recv (stream_id=1) :status: 200' '$WORK/ng.out'"
# Multiplexing: several requests as streams of one connection.
ng -n -s "https://localhost:$TLS_PORT$CGI_DIR/hello$CGI_EXT" "https://localhost:$TLS_PORT$U" \
    "https://localhost:$TLS_PORT$CGI_DIR/cookie$CGI_EXT" "https://localhost:$TLS_PORT/about" >"$WORK/ng.out"
streams=$(awk '$1 ~ /^[0-9]+$/ && $5 == 200' "$WORK/ng.out" | wc -l)
check "nghttp: 4 requests on one connection, 4 streams answered 200 ($streams)" test "$streams" = 4

# --- The error log: mod_http2 and mod_ssl (and mod_proxy_fcgi) ran
# without complaint.
check "no warning from mod_ssl, mod_http2, mod_proxy or mod_proxy_fcgi in the error log" \
    bash -c "! grep -E '\[(ssl|http2|proxy|proxy_fcgi):(warn|error|crit|alert|emerg)\]' '$RUN/logs/error.log'"
check "the access log shows HTTP/2.0 requests" grep -q '"GET [^"]* HTTP/2.0" 200' "$RUN/logs/access.log"

# --- Under prefork (mod_cgi), mod_http2 is not loaded: HTTP/1.1 only,
# over HTTPS too, and the programs answer the same.
lab_start RUN_DIR="$WORK/prefork" MPM=prefork
check "MPM=prefork starts (the prefork MPM's start line is in the log)" \
    bash -c "for i in \$(seq 100); do grep -q mpm_prefork:notice '$RUN/logs/error.log' && exit 0; sleep 0.1; done; exit 1"
got=$(proto "https://localhost:$TLS_PORT$U" "${H2[@]}")
check "prefork: curl --http2 over TLS gets HTTP/1.1 ($got)" test "$got" = "1.1 200"
got=$(proto "$BASE$U" --http2)
check "prefork: curl --http2 on the plain port gets HTTP/1.1 ($got)" test "$got" = "1.1 200"
got=$(proto "$BASE$U" "${H2C[@]}")
check "prefork: h2c with prior knowledge is not spoken ($got)" test "$got" != "2 200"
streamed POST "$TLS_BASE$U" "$WORK/small.json" -k "${J[@]}"
expect_status 201 "prefork: a POST over HTTPS/1.1 with a chunked body: 201"
req GET "$TLS_BASE$CGI_DIR/cookie$CGI_EXT" -k
expect_header Set-Cookie 'mycookie=test; Path=/; Secure' "prefork: cookie$CGI_EXT over HTTPS: Secure"
check "prefork: no warning from mod_ssl in the error log, nor mod_http2's" \
    bash -c "! grep -E '\[(ssl|http2):(warn|error|crit|alert|emerg)\]|AH10034' '$RUN/logs/error.log'"
