# t0240 - the lab server itself (docs/lab.md): a port in use gives one
# clear line naming the port; the settings reach the programs.
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start CGILAB_BODY_MAX=100

out=$(RUN_DIR="$WORK/second" PORT="$PORT" "$top/scripts/lab" start 2>&1)
rc=$?
check "a second server on a port in use fails" test "$rc" -ne 0
check "…with one line" test "$(printf '%s\n' "$out" | wc -l)" -eq 1
check "…naming the port and how to pick another" \
    bash -c "[[ '$out' == *'port $PORT'*'in use'*'PORT='* ]]"

req POST "$BASE$CGI_DIR/users$CGI_EXT" -H 'Content-Type: application/json' \
    --data "{\"name\":\"$(printf 'x%.0s' $(seq 100))\"}"
expect_error 413 "CGILAB_BODY_MAX from the config is honoured"

req GET "$BASE$CGI_DIR/users$CGI_EXT"
expect_status 200 "the first request creates the database"
if [ "$(id -u)" -eq 0 ]; then
	owner=$(stat -c %U "$DB")
	check "as root the database belongs to the children's user ($owner)" test "$owner" = www-data
	users=$(ps -o user= --ppid "$(cat "$RUN/logs/httpd.pid")" | sort -u | tr '\n' ' ')
	check "as root the children run as www-data (${users})" bash -c "[[ '$users' == *www-data* && '$users' != *root* ]]"
fi
