# t0220 - users survive an Apache stop and start (docs/reliability.md), and the
# schema is created once and then left alone (docs/storage.md).  On Redis: the users
# are where the Redis back end keeps them, and outlive Apache too.
# store: any
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
U=$BASE$CGI_DIR/users$CGI_EXT

req POST "$U" -H 'Content-Type: application/json' --data '{"name":"남는 사람"}'
expect_status 201 "a user is created"
id=$(jq -r .id "$WORK/body")
if [ "$STORE" = redis ]; then
	check "the users are a Redis hash" test "$(redis_cli TYPE cgilab:users)" = hash
	check "the list's version is a number" \
	    grep -Eqx '[0-9]+' <<<"$(redis_cli GET cgilab:users:version)"
	check "the last id given is kept" test "$(redis_cli GET cgilab:users:next_id)" = "$id"
else
	check "the database is in WAL mode" test "$(sql 'PRAGMA journal_mode')" = wal
	check "the schema version is recorded" test "$(sql 'PRAGMA user_version')" -ge 1
fi
check "the row is in the store" test "$(db_users)" = "$id=남는 사람"
lab_stop
check "Apache stopped" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null"
lab_start PORT="$PORT"
req GET "$U/$id"
expect_status 200 "after a stop and start the user is still there"
expect_json .name '"남는 사람"' "…with its name"
