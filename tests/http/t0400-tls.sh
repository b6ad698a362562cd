# t0400 - the TLS host (docs/https.md; server1-2.js, server1-3.js): the
# generated certificate, the TLS policy, the same site as the plain port,
# Secure cookies over HTTPS only, and the settings TLS_PORT, TLS_CERT and
# TLS_KEY with their one-line errors.  In FastCGI mode only what the
# programs answer over HTTPS: the certificate, the TLS policy and the
# settings are the server's, the same whichever programs it runs.
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
SERVER_CHECKS=
cgi_mode_only "the certificate, the TLS policy, TLS_PORT/TLS_CERT/TLS_KEY and restarts (the server's, not the programs': the CGI pass checks them)" &&
    SERVER_CHECKS=1
K=(-k)	# the generated certificate is self-signed; trust is checked below

# The SHA-256 fingerprint of a PEM file, and of what a TLS port sends.
fp_file() { openssl x509 -in "$1" -noout -fingerprint -sha256 2>/dev/null; }
fp_served() {
	openssl s_client -connect "127.0.0.1:$1" -servername localhost </dev/null 2>/dev/null |
	    openssl x509 -noout -fingerprint -sha256 2>/dev/null
}
# handshake [openssl s_client options]: the handshake's output; 0 when it
# completed.
handshake() {
	timeout 10 openssl s_client -connect "127.0.0.1:$TLS_PORT" "$@" </dev/null \
	    >"$WORK/handshake" 2>&1
}

if [ -n "$SERVER_CHECKS" ]; then
	# --- The generated certificate
	cert=$RUN/tls/cert.pem
	key=$RUN/tls/key.pem
	check "a certificate is generated into the run directory" test -s "$cert"
	check "the key is mode 0600" test "$(stat -c %a "$key")" = 600
	check "the key belongs to the user who started Apache ($(id -un))" \
	    test "$(stat -c %U "$key")" = "$(id -un)"
	sans=$(openssl x509 -in "$cert" -noout -ext subjectAltName 2>/dev/null | tail -n 1 | tr -d ' ')
	check "its subjectAltName is localhost, 127.0.0.1 and ::1 ($sans)" \
	    test "$sans" = "DNS:localhost,IPAddress:127.0.0.1,IPAddress:0:0:0:0:0:0:0:1"
	check "it is self-signed and valid now" \
	    bash -c "openssl verify -CAfile '$cert' '$cert' >/dev/null"
	check "it is a server certificate, not an authority (CA:FALSE)" \
	    bash -c "openssl x509 -in '$cert' -noout -ext basicConstraints | grep -q 'CA:FALSE'"
	served=$(fp_served "$TLS_PORT")
	check "the TLS port serves that certificate" test -n "$served" -a "$served" = "$(fp_file "$cert")"
	check "the default run directory, certificate and key included, is ignored by git" \
	    bash -c "! git -C '$top' ls-files --error-unmatch run/tls/cert.pem >/dev/null 2>&1 && git -C '$top' check-ignore -q run/tls/key.pem"

	# Trusting it: curl --cacert verifies the chain and the name, no -k.
	code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$cert" "https://localhost:$TLS_PORT/")
	check "curl --cacert cert.pem trusts https://localhost:TLS_PORT/ ($code)" test "$code" = 200
	code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$cert" "$TLS_BASE/")
	check "…and https://127.0.0.1:TLS_PORT/ ($code)" test "$code" = 200
	curl -s -o /dev/null "https://localhost:$TLS_PORT/"
	rc=$?
	check "without it curl refuses the certificate (exit $rc, 60)" test "$rc" = 60

	# --- The TLS policy: 1.2 and 1.3, AEAD suites with forward secrecy.
	curl -sS "${K[@]}" --tlsv1.1 --tls-max 1.1 --ciphers 'DEFAULT@SECLEVEL=0' \
	    -o /dev/null "$TLS_BASE/" 2>"$WORK/curl.err"
	rc=$?
	check "TLS 1.1 is refused (curl --tls-max 1.1 fails, exit $rc)" test "$rc" -ne 0
	check "…by the server: alert 'protocol version'" grep -q 'alert protocol version' "$WORK/curl.err"
	handshake -tls1 -cipher 'DEFAULT@SECLEVEL=0'
	check "TLS 1.0 is refused by the server" grep -q 'alert protocol version' "$WORK/handshake"
	v12=$(curl -sv "${K[@]}" --tlsv1.2 --tls-max 1.2 -o /dev/null "$TLS_BASE/" 2>&1 | grep -o 'SSL connection using TLSv1.2')
	check "TLS 1.2 is accepted" test -n "$v12"
	v13=$(curl -sv "${K[@]}" --tlsv1.3 -o /dev/null "$TLS_BASE/" 2>&1 | grep -o 'SSL connection using TLSv1.3')
	check "TLS 1.3 is accepted" test -n "$v13"
	for c in ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-ECDSA-AES256-GCM-SHA384 ECDHE-ECDSA-CHACHA20-POLY1305; do
		handshake -tls1_2 -cipher "$c"
		check "TLS 1.2 with $c is accepted" grep -q "Cipher is $c" "$WORK/handshake"
	done
	# refused CIPHER...: each TLS 1.2 suite named fails the handshake.
	refused() {
		local c
		for c in "$@"; do
			handshake -tls1_2 -cipher "$c:@SECLEVEL=0"
			check "TLS 1.2 with $c (CBC or static RSA) is refused" \
			    bash -c "! grep -q 'Cipher is [A-Z]' '$WORK/handshake'"
		done
	}
	refused ECDHE-ECDSA-AES128-SHA ECDHE-ECDSA-AES256-SHA384
fi

# --- The same site as the plain port: pages, the chapter's paths, the
# programs, refusals and headers.
for path in / /about /restFront.js /server2.html $CGI_DIR/hello$CGI_EXT $CGI_DIR/cookie$CGI_EXT \
    $CGI_DIR/users$CGI_EXT /users $CGI_DIR/users$CGI_EXT/1 /nope.html $CGI_DIR/users.c; do
	req GET "$BASE$path"
	plain="$STATUS $(header Content-Type) $(md5sum <"$WORK/body")"
	req GET "$TLS_BASE$path" "${K[@]}"
	tls="$STATUS $(header Content-Type) $(md5sum <"$WORK/body")"
	check "GET $path: the same status, type and body over HTTPS ($STATUS)" test "$tls" = "$plain"
done
req GET "$TLS_BASE/about" "${K[@]}"
expect_status 200 "/about over HTTPS: 200"
expect_header X-Content-Type-Options nosniff "HTTPS answers carry nosniff"
expect_header Content-Security-Policy "default-src 'self'.*" "HTTPS answers carry the CSP"
req GET "$TLS_BASE$CGI_DIR/users.c" "${K[@]}"
expect_status 403 "a source file under $CGI_DIR/ is refused over HTTPS too"

# One database, one set of settings (SetEnv) for both ports; Location is a
# path, right on either port.  (The chapter's /user is CGI in either mode.)
post=/user
[ "$MODE" = cgi ] || post=$CGI_DIR/users$CGI_EXT
req POST "$TLS_BASE$post" "${K[@]}" -H 'Content-Type: application/json' --data '{"name":"보안"}'
expect_status 201 "POST $post over HTTPS: 201"
id=$(jq -r .id "$WORK/body")
expect_header Location "$CGI_DIR/users$CGI_EXT/$id" "Location is a path, right on either port"
req GET "$BASE$CGI_DIR/users$CGI_EXT/$id"
expect_json .name '"보안"' "a user made over HTTPS is there over HTTP (one CGILAB_DB)"
check "…and in the database" test "$(sql "SELECT name FROM users WHERE id = $id")" = 보안
loc=$(header Location)
req GET "$TLS_BASE$loc" "${K[@]}"
expect_status 200 "the Location path answers over HTTPS"

# --- Secure over HTTPS only (cookie.cgi, docs/http-api.md, docs/lab.md).
C=$CGI_DIR/cookie$CGI_EXT
req GET "$TLS_BASE$C" "${K[@]}" --http1.1
expect_header Set-Cookie 'mycookie=test; Path=/; Secure' "$C over HTTPS/1.1: Secure"
req GET "$TLS_BASE$C" "${K[@]}" --http2
expect_header Set-Cookie 'mycookie=test; Path=/; Secure' "$C over HTTPS/2: Secure"
req GET "$BASE$C"
expect_header Set-Cookie 'mycookie=test; Path=/' "$C over plain HTTP/1.1: no Secure"
req GET "$BASE$C" --http2-prior-knowledge
expect_header Set-Cookie 'mycookie=test; Path=/' "$C over h2c: no Secure (it is HTTPS, not HTTP/2)"

# --- The error log: mod_ssl's start is clean.
check "no AH01882 (libssl3 older than mod_ssl's build) in the error log" \
    bash -c "! grep -q AH01882 '$RUN/logs/error.log'"
check "no warning from mod_ssl or mod_http2 in the error log" \
    bash -c "! grep -E '\[(ssl|http2):(warn|error|crit|alert|emerg)\]' '$RUN/logs/error.log'"

# The rest starts servers of its own with other settings: CGI pass only.
[ -n "$SERVER_CHECKS" ] || exit 0

# --- TLS_PORT in use: one line naming the port and how to pick another.
# (Should one of the refused starts below start after all, it is stopped.)
SERVERS+=("$WORK/second" "$WORK/bad-run")
out=$(RUN_DIR="$WORK/second" PORT="$(free_port)" TLS_PORT="$TLS_PORT" "$top/scripts/lab" start 2>&1)
rc=$?
check "a second server on a TLS port in use fails" test "$rc" -ne 0
check "…with one line ($out)" test "$(printf '%s\n' "$out" | wc -l)" -eq 1
check "…naming the TLS port and how to pick another" \
    bash -c "[[ '$out' == *'port $TLS_PORT'*'in use'*'TLS_PORT='* ]]"
out=$(RUN_DIR="$WORK/second" PORT=18080 TLS_PORT=18080 "$top/scripts/lab" start 2>&1)
check "PORT equal to TLS_PORT is refused in one line ($out)" \
    bash -c "[[ \$(printf '%s\n' '$out' | wc -l) = 1 && '$out' == *TLS_PORT* ]]"

# --- Made once, reused: a restart serves the same certificate.
before=$(fp_file "$cert")
lab_stop
lab_start RUN_DIR="$RUN"
check "a restart reuses the certificate" test "$(fp_file "$RUN/tls/cert.pem")" = "$before"
check "…and serves it" test "$(fp_served "$TLS_PORT")" = "$before"

# --- TLS_CERT and TLS_KEY name a pair instead (an RSA one here, so the
# RSA suites are exercised too).
mkdir -p "$WORK/own"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext 'subjectAltName=DNS:localhost' -keyout "$WORK/own/key.pem" \
    -out "$WORK/own/cert.pem" >/dev/null 2>&1
lab_start RUN_DIR="$WORK/own-run" TLS_CERT="$WORK/own/cert.pem" TLS_KEY="$WORK/own/key.pem"
check "TLS_CERT/TLS_KEY: that certificate is served" \
    test "$(fp_served "$TLS_PORT")" = "$(fp_file "$WORK/own/cert.pem")"
check "TLS_CERT/TLS_KEY: none is generated" test ! -e "$WORK/own-run/tls/cert.pem"
handshake -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
check "an RSA key gets ECDHE-RSA suites" grep -q 'Cipher is ECDHE-RSA-AES128-GCM-SHA256' "$WORK/handshake"
refused ECDHE-RSA-AES128-SHA AES128-GCM-SHA256 AES256-SHA
code=$(curl -s -o /dev/null -w '%{http_code} %{http_version}' --http2 \
    --cacert "$WORK/own/cert.pem" "https://localhost:$TLS_PORT/cgi-bin/hello.cgi")
check "…and HTTP/2 with it ($code)" test "$code" = "200 2"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=other -keyout "$WORK/own/other.key" -out "$WORK/own/other.pem" >/dev/null 2>&1
for bad in "TLS_CERT=$WORK/own/cert.pem TLS_KEY=$WORK/own/other.key|is not the key of" \
    "TLS_CERT=$WORK/own/cert.pem|both TLS_CERT= and TLS_KEY=" \
    "TLS_CERT=$WORK/own/missing.pem TLS_KEY=$WORK/own/key.pem|not a readable file" \
    "TLS_CERT=$WORK/own/key.pem TLS_KEY=$WORK/own/key.pem|not a PEM certificate"; do
	settings=${bad%|*}
	# shellcheck disable=SC2086
	out=$(env $settings RUN_DIR="$WORK/bad-run" PORT="$(free_port)" TLS_PORT="$(free_port)" \
	    "$top/scripts/lab" start 2>&1)
	rc=$?
	check "$settings: refused in one line ($out)" \
	    bash -c "[ $rc -ne 0 ] && [ \$(printf '%s\n' '$out' | wc -l) = 1 ] && [[ '$out' == *'${bad#*|}'* ]]"
done
