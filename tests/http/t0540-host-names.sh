# t0540 - the lab server's programs answer only the names it is reached
# by (DNS rebinding; docs/lab.md, "Host names"): localhost, 127.0.0.1,
# [::1], the BIND address and the names in LAB_HOSTS, with any port or
# none, in any case; any other Host header is the JSON 421 before a
# program runs, over HTTP, HTTPS and HTTP/2, and changes nothing.  The
# single-request rows (U92, U93) are in docs/reliability.md (t0900).
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start LAB_HOSTS="lab.example, Class-Room.test"
U=$BASE$CGI_DIR/users$CGI_EXT
J=(-H 'Content-Type: application/json')

req POST "$U" "${J[@]}" --data '{"name":"남는다"}'
expect_status 201 "a user to keep"
id=$(jq -r .id "$WORK/body")
before=$(db_users)

# The exact request of a rebinding page: refused, nothing deleted.
for base in "$BASE" "$TLS_BASE"; do
	req DELETE "$base$CGI_DIR/users$CGI_EXT/$id" -k \
	    -H "Host: rebind.evil.example:${base##*:}" \
	    -H "Origin: http://rebind.evil.example:${base##*:}" -H 'Sec-Fetch-Site: same-origin'
	expect_error 421 "${base%%:*}: a DELETE with a Host this server does not serve is a 421"
done
req DELETE "$TLS_BASE$CGI_DIR/users$CGI_EXT/$id" -k --http2 -H "Host: rebind.evil.example:$TLS_PORT"
expect_error 421 "HTTP/2: the same (:authority)"
check "the user is still there" test "$(db_users)" = "$before"

for h in rebind.evil.example localhost.evil.example evil.localhost 127.0.0.1.evil.example \
    '[::2]' 10.0.0.1 lab.example.evil; do
	req GET "$U" -H "Host: $h:$PORT"
	expect_error 421 "Host $h: 421"
done
# HTTP/1.0 without a Host header: no name to check, so no program runs.
req GET "$U" -0 -H 'Host:'
expect_error 421 "HTTP/1.0 without Host: 421"

for h in localhost LOCALHOST:$PORT 127.0.0.1 "[::1]:$PORT" lab.example:$PORT class-room.test; do
	req GET "$U" -H "Host: $h"
	expect_status 200 "Host $h: served"
done
req GET "$TLS_BASE$CGI_DIR/hello$CGI_EXT" -k
expect_status 200 "HTTPS on 127.0.0.1: served"

# The seed's paths are programs too; the pages are not.
req GET "$BASE/users" -H "Host: rebind.evil.example:$PORT"
expect_error 421 "/users: 421"
req GET "$BASE/" -H "Host: rebind.evil.example:$PORT"
expect_status 200 "a static page is served whatever the name (no program, nothing to change)"

# The Origin's scheme counts: ftp://, or https:// on the plain port.
req POST "$U" "${J[@]}" -H "Origin: ftp://127.0.0.1:$PORT" --data '{"name":"ftp"}'
expect_error 403 "Origin ftp://127.0.0.1:PORT: 403"
req POST "$U" "${J[@]}" -H "Origin: https://127.0.0.1:$PORT" --data '{"name":"https"}'
expect_error 403 "Origin https:// on the plain port: 403"
req POST "$TLS_BASE$CGI_DIR/users$CGI_EXT" -k "${J[@]}" -H "Origin: http://127.0.0.1:$TLS_PORT" --data '{"name":"http"}'
expect_error 403 "Origin http:// on the TLS port: 403"
check "no refused request wrote anything" test "$(db_users)" = "$before"
req POST "$TLS_BASE$CGI_DIR/users$CGI_EXT" -k "${J[@]}" -H "Origin: https://127.0.0.1:$TLS_PORT" --data '{"name":"같은 곳"}'
expect_status 201 "Origin https://127.0.0.1:TLS_PORT over HTTPS: the same origin"

# A name that is not one: the lab refuses to start.
out=$(LAB_HOSTS='bad^name' RUN_DIR=$WORK/bad PORT=$(free_port) TLS_PORT=$(free_port) "$top/scripts/lab" start 2>&1)
rc=$?
[ $rc = 0 ] && RUN_DIR=$WORK/bad "$top/scripts/lab" stop
check "LAB_HOSTS with a name that is not one: the lab refuses, saying so" \
    bash -c "[ $rc != 0 ] && grep -q 'LAB_HOSTS' <<<\"\$1\"" _ "$out"
