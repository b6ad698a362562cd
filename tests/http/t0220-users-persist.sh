# t0220 - users survive an Apache stop and start (SPEC.md §9), and the
# schema is created once and then left alone (§7).
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
U=$BASE$CGI_DIR/users$CGI_EXT

req POST "$U" -H 'Content-Type: application/json' --data '{"name":"남는 사람"}'
expect_status 201 "a user is created"
id=$(jq -r .id "$WORK/body")
check "the database is in WAL mode" test "$(sql 'PRAGMA journal_mode')" = wal
check "the schema version is recorded" test "$(sql 'PRAGMA user_version')" -ge 1
lab_stop
check "Apache stopped" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null"
lab_start PORT="$PORT"
req GET "$U/$id"
expect_status 200 "after a stop and start the user is still there"
expect_json .name '"남는 사람"' "…with its name"
