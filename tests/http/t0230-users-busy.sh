# t0230 - a database locked past the busy timeout gives 503 with
# Retry-After, no hang; writing resumes once the lock is gone (docs/http-api.md).
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start CGILAB_BUSY_TIMEOUT=500
U=$BASE$CGI_DIR/users$CGI_EXT

req POST "$U" -H 'Content-Type: application/json' --data '{"name":"first"}'
expect_status 201 "a write before the lock"

# Another process holds the write lock for 3 s.
if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=www-data --regid=www-data --clear-groups); else as=(); fi
{ echo 'BEGIN EXCLUSIVE;'; echo "INSERT INTO users(name) VALUES ('held');"; sleep 3; echo 'ROLLBACK;'; } |
    "${as[@]}" sqlite3 -batch "$DB" &
locker=$!
sleep 0.5
start=$(date +%s%N)
req POST "$U" -H 'Content-Type: application/json' --data '{"name":"blocked"}'
ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_error 503 "a write while the lock is held: 503"
expect_header Retry-After '[0-9]+' "503: Retry-After"
check "503 came after the busy timeout, not a hang (${ms} ms)" test "$ms" -lt 2500
req GET "$U"
expect_status 200 "a read while the write lock is held is served (WAL)"
expect_json . '{"1":"first"}' "…and sees only committed rows"
wait "$locker"
req POST "$U" -H 'Content-Type: application/json' --data '{"name":"after"}'
expect_status 201 "writing resumes after the lock is gone"
check "nothing of the refused write or the rolled-back one is there" \
    test "$(sql "SELECT group_concat(name) FROM users")" = "first,after"
grep -q 'cgilab\[users\]: sqlite: .*locked' "$RUN/logs/error.log"
check "the SQLite message is in the error log" test $? -eq 0
