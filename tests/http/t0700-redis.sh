# t0700 - the Redis back end beyond the users and session tests
# (docs/redis.md): two lab servers sharing one Redis (users and sessions), concurrent
# writes, a Redis that is stopped
# or stuck (503 with Retry-After, no hang, then recovery), and the
# CGILAB_STORE setting itself (password, database, a wrong location).
. "$(dirname "$0")/../lib.sh"
redis_start
STORE=redis	# db_users reads Redis
lab_start CGILAB_STORE="$REDIS_URL" CGILAB_BUSY_TIMEOUT=500
A=$BASE/cgi-bin/users.cgi
A_BASE=$BASE
A_RUN=$RUN
lab_start CGILAB_STORE="$REDIS_URL" CGILAB_BUSY_TIMEOUT=500 RUN_DIR="$WORK/run2"
B=$BASE/cgi-bin/users.cgi
B_BASE=$BASE
J=(-H 'Content-Type: application/json')

# Two servers, one Redis.
req GET "$A"
expect_body '{}' "a new Redis has no users"
first_tag=$(header ETag)
check "a new Redis's first ETag is not a small counter (${first_tag})" \
    bash -c "[[ '$first_tag' =~ ^\\\"[0-9]+\\\"$ ]] && [ ${#first_tag} -gt 5 ]"
req POST "$A" "${J[@]}" --data '{"name":"공유"}'
expect_status 201 "a user created through server A"
id=$(jq -r .id "$WORK/body")
req GET "$B"
expect_json . "{\"$id\":\"공유\"}" "…is listed by server B"
tag_b=$(header ETag)
req GET "$A"
check "both servers give the list the same ETag" test "$(header ETag)" = "$tag_b"
req PUT "$B/$id" "${J[@]}" --data '{"name":"바뀜"}'
expect_status 200 "server B renames it"
req GET "$A/$id"
expect_json .name '"바뀜"' "…and server A sees the new name"
req GET "$A" -H "If-None-Match: $tag_b"
expect_status 200 "…and server A's list is no longer the old tag"

# A session made on one server greets on the other; logout on either ends it.
req GET "$A_BASE/cgi-bin/session.cgi/login?name=%EA%B3%B5%EC%9C%A0"
expect_status 302 "a login on server A"
sid=$(header Set-Cookie | sed -n 's/^session=\([0-9a-f]\{32\}\);.*/\1/p')
check "…sets a session cookie" test -n "$sid"
req GET "$B_BASE/cgi-bin/session.cgi" -H "Cookie: session=$sid"
expect_status 200 "server B knows the session"
expect_body '공유님 안녕하세요' "…and greets by the name given to server A"
check "the session is a Redis key that expires" \
    test "$(redis_cli TTL "cgilab:session:$(session_key "$sid")")" -gt 0
req GET "$B_BASE/cgi-bin/session.cgi/logout" -H "Cookie: session=$sid"
expect_status 302 "logout on server B"
req GET "$A_BASE/cgi-bin/session.cgi" -H "Cookie: session=$sid"
expect_header Set-Cookie 'session=; .*Max-Age=0.*' "…and server A no longer knows it"
check "…the key is gone" test "$(redis_cli EXISTS "cgilab:session:$(session_key "$sid")")" = 0

# Concurrent writes through both servers: every one lands, each bumps
# the version once, replace conflicts go round again instead of failing.
req GET "$A"
v0=$(header ETag | tr -d '"')
for i in $(seq 8); do
	if [ $((i % 2)) = 0 ]; then u=$A; else u=$B; fi
	curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -X POST "${J[@]}" \
	    --data "{\"name\":\"c$i\"}" "$u" >>"$WORK/codes" &
	curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -X PUT "${J[@]}" \
	    --data "{\"name\":\"r$i\"}" "$u/$id" >>"$WORK/codes" &
done
wait
check "16 concurrent writes: 8 created, 8 replaced, nothing else ($(sort "$WORK/codes" | uniq -c | tr -s ' \n' ' '))" \
    test "$(sort "$WORK/codes" | uniq -c | tr -s ' \n' ' ')" = " 8 200 8 201 "
req GET "$A"
v1=$(header ETag | tr -d '"')
check "the version went up by exactly 16 ($v0 -> $v1)" test $((v1 - v0)) = 16
check "9 users, ids unique" test "$(jq 'keys | length' "$WORK/body")" = 9
check "the list is in ascending id" \
    test "$(jq -c 'keys_unsorted | map(tonumber)' "$WORK/body")" = "$(jq -c 'keys_unsorted | map(tonumber) | sort' "$WORK/body")"
check "Redis holds what the list shows" \
    test "$(db_users | paste -sd,)" = "$(jq -r 'to_entries | map("\(.key)=\(.value)") | join(",")' "$WORK/body")"

# Redis stopped in the middle: 503s, quickly; then back on the same port.
req GET "$A"
tag=$(header ETag)
redis_stop
timed GET "$A"
expect_error 503 "Redis stopped: a read is a 503"
expect_header Retry-After '[0-9]+' "503: Retry-After"
check "…at once, not a hang (${MS} ms)" test "$MS" -lt 5000
timed POST "$B" "${J[@]}" --data '{"name":"lost"}'
expect_error 503 "Redis stopped: a write is a 503"
check "…at once, not a hang (${MS} ms)" test "$MS" -lt 5000
check "the error log says Redis refused the connection" \
    grep -q "cgilab\[users\]: redis: connect to 127.0.0.1 port $REDIS_PORT: Connection refused" "$A_RUN/logs/error.log"
redis_start "$REDIS_PORT"
req GET "$A"
expect_status 200 "Redis started again: server A serves"
expect_body '{}' "…from the new, empty Redis (the tests save nothing)"
req GET "$B" -H "If-None-Match: $tag"
expect_status 200 "a new Redis never repeats an old ETag: not a 304"
req POST "$B" "${J[@]}" --data '{"name":"다시"}'
expect_status 201 "server B writes again"
id2=$(jq -r .id "$WORK/body")

# Redis stuck (paused): the timeout answers, not the client's patience.
kill -STOP "$(cat "$WORK/redis-$REDIS_PORT/redis.pid")"
timed GET "$A"
expect_error 503 "Redis paused: a read is a 503"
expect_header Retry-After '[0-9]+' "503: Retry-After"
check "…after the 500 ms timeout, not a hang (${MS} ms)" test "$MS" -lt 5000
timed PUT "$A/$id2" "${J[@]}" --data '{"name":"멈춤"}'
expect_error 503 "Redis paused: a replace is a 503"
check "…after the timeout (${MS} ms)" test "$MS" -lt 5000
check "the error log says the reply timed out" \
    grep -q 'cgilab\[users\]: redis: .*temporarily unavailable' "$A_RUN/logs/error.log"
kill -CONT "$(cat "$WORK/redis-$REDIS_PORT/redis.pid")"
req GET "$A/$id2"
expect_json . "{\"id\":$id2,\"name\":\"다시\"}" "Redis resumed: served, and the refused replace changed nothing"

# Replace and delete of an unknown id do not create it.
req PUT "$A/424242" "${J[@]}" --data '{"name":"x"}'
expect_error 404 "PUT an unknown id: 404"
req DELETE "$A/424242"
expect_error 404 "DELETE an unknown id: 404"
check "…and Redis has no such field" test "$(redis_cli HEXISTS cgilab:users 424242)" = 0
check "only namespaced keys exist" \
    test "$(redis_cli KEYS '*' | sort | paste -sd,)" = "cgilab:users,cgilab:users:next_id,cgilab:users:version"

# The setting, by running users.cgi as Apache does (no server needed to
# see how a location is read): run ENV... sets STATUS and BODY.
run() {
	env -i PATH="$PATH" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/users.cgi \
	    CGILAB_BUSY_TIMEOUT=500 "$@" "$top/build/cgi-bin/users.cgi" \
	    </dev/null >"$WORK/body.cgi" 2>"$WORK/stderr"
	STATUS=$(sed -n '1s/^Status: \([0-9]*\).*/\1/p' "$WORK/body.cgi")
	sed '1,/^\r$/d' "$WORK/body.cgi" >"$WORK/body"
	BODY=$(cat "$WORK/body")
}
r=redis://127.0.0.1:$REDIS_PORT
run CGILAB_STORE="$r/0" CGILAB_DB=/nonexistent/dir/x.db
expect_json . "{\"$id2\":\"다시\"}" "CGILAB_STORE wins over CGILAB_DB"
run CGILAB_STORE="$r/1"
expect_body '{}' "redis://…/1 is another database"
run CGILAB_STORE="$r"
expect_json . "{\"$id2\":\"다시\"}" "no /db: database 0"
# The file made empty first, as the lab and make install make it: a
# request never makes a database (docs/reliability.md).
: >"$WORK/s.db"
run CGILAB_STORE="sqlite:$WORK/s.db"
expect_body '{}' "sqlite:<path> is the SQLite back end"
check "…and gave that file its schema" test -s "$WORK/s.db"
for bad in "rediss://127.0.0.1:$REDIS_PORT/0" "redis://127.0.0.1:$REDIS_PORT/x" \
    "redis://user@127.0.0.1" "memcached://127.0.0.1:11211"; do
	run CGILAB_STORE="$bad"
	expect_error 500 "CGILAB_STORE=$bad: 500"
	check "…and the log says why" grep -q 'cgilab\[users\]: CGILAB_STORE' "$WORK/stderr"
done
check "rediss:// is refused for want of TLS in this hiredis" \
    grep -q 'rediss:// (TLS) needs hiredis 1.0' <(run CGILAB_STORE="rediss://127.0.0.1:1"; cat "$WORK/stderr")

redis_cli CONFIG SET requirepass 's3cr@t' >/dev/null
run CGILAB_STORE="$r/0"
expect_error 500 "a Redis that wants a password, none given: 500"
check "…the log has Redis's NOAUTH" grep -q 'redis: .*NOAUTH' "$WORK/stderr"
run CGILAB_STORE="redis://:wrong@127.0.0.1:$REDIS_PORT/0"
expect_error 500 "a wrong password: 500"
check "…the log says so, without the password" \
    bash -c "grep -q 'WRONGPASS' '$WORK/stderr' && ! grep -q wrong '$WORK/stderr'"
run CGILAB_STORE="redis://:s3cr%40t@127.0.0.1:$REDIS_PORT/0"
expect_json . "{\"$id2\":\"다시\"}" "the right password (%-escaped in the URL): served"
run CGILAB_STORE="redis://default:s3cr%40t@127.0.0.1:$REDIS_PORT/0"
expect_status 200 "user and password (AUTH user password): served"
redis-cli -p "$REDIS_PORT" -a 's3cr@t' --no-auth-warning CONFIG SET requirepass '' >/dev/null
