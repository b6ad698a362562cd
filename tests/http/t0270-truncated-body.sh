# t0270 - a body that ends before its Content-Length, the client then
# closing its side (docs/reliability.md): the same JSON 400 in CGI and in
# FastCGI mode, and nothing written.
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
. "$top/tests/table.sh"
lab_start

# truncated PATH: POSTs Content-Length 50 and 12 bytes of body, shuts
# its sending side and reads the answer (at most 40 s); sets STATUS, the
# headers file and BODY.
truncated() {
	python3 - "$PORT" "$1" >"$WORK/raw" <<'PY'
import socket, sys
port, path = int(sys.argv[1]), sys.argv[2]
s = socket.create_connection(("127.0.0.1", port))
s.sendall(("POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
           "Content-Type: application/json\r\nContent-Length: 50\r\n\r\n"
           '{"name":"tr"' % (path, port)).encode())
s.shutdown(socket.SHUT_WR)
s.settimeout(40)
out = b""
while True:
    d = s.recv(65536)
    if not d:
        break
    out += d
sys.stdout.buffer.write(out)
PY
	STATUS=$(head -n 1 "$WORK/raw" | cut -d' ' -f2)
	awk 'BEGIN { RS = "\r\n\r\n" } NR == 1 { print; exit }' "$WORK/raw" >"$WORK/headers"
	awk 'BEGIN { RS = "\r\n\r\n" } NR > 1 { printf "%s%s", sep, $0; sep = RS }' "$WORK/raw" >"$WORK/body"
	BODY=$(cat "$WORK/body")
}

req POST "$BASE$CGI_DIR/users$CGI_EXT" -H "Content-Type: application/json" --data '{"name":"first"}'
expect_status 201 "a user before"

truncated "$CGI_DIR/users$CGI_EXT"
expect_answer F10
expect_error 400 "users: a body cut short, the client closing: JSON 400"
expect_json .error '"The request body ended before its Content-Length."' \
    "users: the CGI mode's sentence"
check "users: nothing written" test "$(db_users | cut -d= -f2)" = first

truncated "$CGI_DIR/session$CGI_EXT/login"
expect_error 400 "session /login: a body cut short: JSON 400"
check "session: no session made" test -z "$(db_sessions)"
