# t0200 - users.cgi: every success row of docs/http-api.md, on the program's own
# paths and the chapter's (/users, /user, /user/<id>), checked against the
# rows in the database.
# store: any
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
U=$BASE$CGI_DIR/users$CGI_EXT
J=(-H 'Content-Type: application/json')

req GET "$U"
expect_status 200 "GET list: 200"
expect_header Content-Type 'application/json; charset=utf-8' "GET list: JSON"
expect_body '{}' "GET list: empty at first"
expect_header ETag '"[0-9]+"' "GET list: an ETag"

req POST "$U" "${J[@]}" --data '{"name":"김철수"}'
expect_status 201 "POST: 201"
id1=$(jq -r .id "$WORK/body")
expect_header Location "$CGI_DIR/users$CGI_EXT/$id1" "POST: Location of the new user"
expect_json . "{\"id\":$id1,\"name\":\"김철수\"}" "POST: body is the user"
check "POST: the row is in the database" test "$(db_user "$id1")" = 김철수

req POST "$BASE/user" "${J[@]}" --data '{"name":"  영희  "}'
expect_status 201 "POST /user (the chapter's path): 201"
id2=$(jq -r .id "$WORK/body")
expect_json .name '"영희"' "POST: the name is stored trimmed"
check "ids come from the database, ascending" test "$id2" -gt "$id1"

req POST "$U" -H 'Content-Type: application/x-www-form-urlencoded' --data 'name=%EC%88%98+%22q%27%3Cb%3E'
expect_status 201 "POST form-encoded: 201"
id3=$(jq -r .id "$WORK/body")
expect_json .name '"수 \"q'"'"'<b>"' "POST form: '+' is a space, %XX decoded"

req GET "$U"
expect_json . "{\"$id1\":\"김철수\",\"$id2\":\"영희\",\"$id3\":\"수 \\\"q'<b>\"}" "GET list: the chapter's shape {id: name} in ascending id"
req GET "$BASE/users"
expect_status 200 "GET /users (the chapter's path): 200"
expect_json "keys_unsorted" "[\"$id1\",\"$id2\",\"$id3\"]" "GET /users: the same list"

req GET "$U/$id1"
expect_status 200 "GET one: 200"
expect_json . "{\"id\":$id1,\"name\":\"김철수\"}" "GET one: {id, name}"
req GET "$BASE/user/$id1"
expect_status 200 "GET /user/<id> (the chapter's path): 200"

req PUT "$U/$id1" "${J[@]}" --data '{"name":"철수2"}'
expect_status 200 "PUT: 200"
expect_json . "{\"id\":$id1,\"name\":\"철수2\"}" "PUT: body is the user"
check "PUT: the row changed" test "$(db_user "$id1")" = 철수2
req PUT "$BASE/user/$id2" "${J[@]}" --data '{"name":"영희2"}'
expect_status 200 "PUT /user/<id> (the chapter's path): 200"
check "PUT /user/<id>: the row changed" test "$(db_user "$id2")" = 영희2

req PATCH "$U/$id1" "${J[@]}" --data '{"name":"철수3"}'
expect_status 200 "PATCH: 200"
expect_json .name '"철수3"' "PATCH: the new name"
req PATCH "$U/$id1" "${J[@]}" --data '{"name":"철수3"}'
expect_status 200 "PATCH with the current value: 200"
req PATCH "$U/$id1" "${J[@]}" --data '{"name":"철수4","extra":1}'
expect_status 200 "PATCH ignores unknown fields beside a known one"

req DELETE "$U/$id3"
expect_status 204 "DELETE: 204"
check "DELETE: no body" test -z "$BODY"
db_user "$id3" >/dev/null
check "DELETE: the row is gone" test $? = 1
req DELETE "$BASE/user/$id2"
expect_status 204 "DELETE /user/<id> (the chapter's path): 204"
req GET "$U/$id3"
expect_status 404 "GET a deleted user: 404"

req POST "$U" "${J[@]}" --data '{"name":"새 사람"}'
id4=$(jq -r .id "$WORK/body")
check "a deleted id is never given again" test "$id4" -gt "$id3"
check "the database has exactly the users the answers imply" \
    test "$(db_users | paste -sd,)" = "$id1=철수4,$id4=새 사람"

# HEAD, OPTIONS
req HEAD "$U"
expect_status 200 "HEAD list: 200"
check "HEAD list: no body" test "$(raw_bytes_after_head "HEAD $CGI_DIR/users$CGI_EXT HTTP/1.0")" = 0
expect_header ETag '"[0-9]+"' "HEAD list: the ETag"
req HEAD "$U/$id1"
expect_status 200 "HEAD one: 200"
check "HEAD one: no body" test "$(raw_bytes_after_head "HEAD $CGI_DIR/users$CGI_EXT/$id1 HTTP/1.0")" = 0
req OPTIONS "$U"
expect_status 204 "OPTIONS list: 204"
expect_header Allow 'GET, HEAD, POST, OPTIONS' "OPTIONS list: Allow"
req OPTIONS "$U/$id1"
expect_status 204 "OPTIONS one: 204"
expect_header Allow 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS' "OPTIONS one: Allow"

# ETag and 304
req GET "$U"
tag=$(header ETag)
req GET "$U" -H "If-None-Match: $tag"
expect_status 304 "If-None-Match with the current tag: 304"
check "304: no body" test "$(raw_bytes_after_head "GET $CGI_DIR/users$CGI_EXT HTTP/1.0" "If-None-Match: $tag")" = 0
expect_header ETag "$tag" "304: the same ETag"
req GET "$U" -H "If-None-Match: W/$tag, \"other\""
expect_status 304 "If-None-Match: a weak tag in a list matches"
req POST "$U" "${J[@]}" --data '{"name":"또"}'
req GET "$U" -H "If-None-Match: $tag"
expect_status 200 "after a write the old tag is stale: 200"
check "after a write the ETag changed" test "$(header ETag)" != "$tag"

# Limits at their edges: 100 code points, 16384 bytes.
name100=$(printf '가%.0s' $(seq 100))
req POST "$U" "${J[@]}" --data "{\"name\":\"$name100\"}"
expect_status 201 "a name of 100 Korean characters is accepted"
pad=$(head -c $((16384 - 12)) /dev/zero | tr '\0' ' ')
printf '{"name":"a"}%s' "$pad" >"$WORK/16384.json"
check "the 16384-byte body is 16384 bytes" test "$(stat -c %s "$WORK/16384.json")" = 16384
req POST "$U" "${J[@]}" --data-binary "@$WORK/16384.json"
expect_status 201 "a 16384-byte body is accepted"
