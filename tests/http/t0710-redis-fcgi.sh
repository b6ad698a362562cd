# t0710 - FastCGI mode on Redis (docs/redis.md): a users.fcgi process keeps one
# Redis connection across requests (Redis's own counters show no new
# one), and when Redis goes away the same process answers 503 with
# Retry-After at once, then, with Redis back on the same port, serves
# again on a new connection: after a stop with a request in between,
# after a restart with none, and after a pause.  A process whose very
# first request found Redis down (session.fcgi) recovers too.  A Redis
# turned replica (READONLY) makes the process connect again.
. "$(dirname "$0")/../lib.sh"
redis_start
STORE=redis	# db_users reads Redis
# One process in each pool: the checks follow one process's connection.
lab_start CGILAB_STORE="$REDIS_URL" CGILAB_BUSY_TIMEOUT=500 CGILAB_FCGI_PROCS=1
F=$BASE/fcgi-bin/users.fcgi
J=(-H 'Content-Type: application/json')

# fcgi_pids PROGRAM: the pids of this server's PROGRAM.fcgi processes
# (their command line is the run directory's path), space-separated.
fcgi_pids() {
	pgrep -f "^$RUN/fcgi-bin/$1\\.fcgi\$" | sort -n | paste -sd' '
}

# clients: the ids of Redis's connections other than redis-cli's own
# (the one asking), space-separated.
clients() {
	redis_cli CLIENT LIST | tr -d '\r' | grep -v ' cmd=client' |
	    sed -n 's/^id=\([0-9]*\) .*/\1/p' | sort -n | paste -sd' '
}

# One process, one connection, kept.
req POST "$F" "${J[@]}" --data '{"name":"하나"}'
expect_status 201 "users.fcgi on Redis: POST 201"
id=$(jq -r .id "$WORK/body")
req GET "$F"
expect_json . "{\"$id\":\"하나\"}" "…and the list has the user"
pid=$(fcgi_pids users)
check "one users.fcgi process serves them (pids: '$pid')" \
    bash -c "[[ '$pid' =~ ^[0-9]+$ ]]"
conn=$(clients)
check "Redis has one client besides redis-cli (ids: '$conn')" \
    bash -c "[[ '$conn' =~ ^[0-9]+$ ]]"
c0=$(redis_connections)
for i in $(seq 10); do
	req GET "$F"
	[ "$STATUS" = 200 ] || break
	req GET "$F/$id"
	[ "$STATUS" = 200 ] || break
	req PUT "$F/$id" "${J[@]}" --data "{\"name\":\"하나 $i\"}"
	[ "$STATUS" = 200 ] || break
done
expect_status 200 "30 requests more (list, one, replace): all 200"
c1=$(redis_connections)
check "…on no new connection (Redis accepted $((c1 - c0 - 1)) beside redis-cli's)" \
    test "$((c1 - c0))" -eq 1
now=$(clients)
check "…the same client, still the only one (ids: '$now')" test "$now" = "$conn"
check "…served by the same process" test "$(fcgi_pids users)" = "$pid"
# The counter counts: each CGI request is a process with a connection.
c0=$(redis_connections)
for i in 1 2 3; do req GET "$BASE/cgi-bin/users.cgi"; done
c1=$(redis_connections)
check "(users.cgi, for contrast: 3 requests, 3 connections: $((c1 - c0 - 1)))" \
    test "$((c1 - c0))" -eq 4

# Redis stopped: 503 at once, from the same process.
redis_stop
timed GET "$F"
expect_error 503 "Redis stopped: users.fcgi's list is a 503"
expect_header Retry-After '[0-9]+' "503: Retry-After"
check "…at once, not a hang (${MS} ms)" test "$MS" -lt 5000
timed POST "$F" "${J[@]}" --data '{"name":"잃음"}'
expect_error 503 "Redis stopped: a POST is a 503"
check "…at once (${MS} ms)" test "$MS" -lt 5000
check "the process lives on (pids: '$(fcgi_pids users)')" test "$(fcgi_pids users)" = "$pid"
check "the error log says Redis refused the connection" \
    grep -q "cgilab\\[users\\]: redis: connect to 127.0.0.1 port $REDIS_PORT: Connection refused" \
    "$RUN/logs/error.log"
# A process whose first request finds no Redis: it opens no store.
SID=0123456789abcdef0123456789abcdef
req GET "$BASE/fcgi-bin/session.fcgi" -H "Cookie: session=$SID"
expect_error 503 "session.fcgi's first request, Redis stopped: 503"
spid=$(fcgi_pids session)
check "…from a session.fcgi process that stays (pids: '$spid')" \
    bash -c "[[ '$spid' =~ ^[0-9]+$ ]]"

# Redis back on the same port (empty: the tests save nothing).
redis_start "$REDIS_PORT"
req GET "$F"
expect_status 200 "Redis started again: the same process serves 200"
expect_body '{}' "…the new, empty Redis's list"
req POST "$F" "${J[@]}" --data '{"name":"다시"}'
expect_status 201 "…and writes to it"
id2=$(jq -r .id "$WORK/body")
req GET "$F/$id2"
expect_json . "{\"id\":$id2,\"name\":\"다시\"}" "…and reads that user back"
check "…Redis holds it" test "$(db_user "$id2")" = 다시
check "…served by the same process (pids: '$(fcgi_pids users)')" test "$(fcgi_pids users)" = "$pid"
timed GET "$BASE/fcgi-bin/session.fcgi/login?name=%EB%8B%A4%EC%8B%9C"
expect_status 302 "session.fcgi logs in on the new Redis"
check "…in the process whose first request failed" test "$(fcgi_pids session)" = "$spid"
conn=$(clients)
check "two clients now: users.fcgi's and session.fcgi's (ids: '$conn')" \
    bash -c "[[ '$conn' =~ ^[0-9]+\ [0-9]+$ ]]"
c0=$(redis_connections)
for i in $(seq 5); do req GET "$F/$id2"; done
expect_status 200 "5 more requests: 200"
c1=$(redis_connections)
check "…on no new connection ($((c1 - c0 - 1)) beside redis-cli's)" test "$((c1 - c0))" -eq 1

# A restart between two requests: the kept connection is found closed
# before it is used, and made again; not even one request fails.
redis_stop
redis_start "$REDIS_PORT"
timed GET "$F"
expect_status 200 "Redis restarted between requests: the next one is a 200"
expect_body '{}' "…from the restarted Redis"
check "…served by the same process" test "$(fcgi_pids users)" = "$pid"
check "the error log has no 'connection reset' or lost reply for it" \
    test "$(grep -c 'cgilab\[users\]: redis: list users' "$RUN/logs/error.log")" = 0

# Redis stuck (paused): the reply timeout answers; then the same process
# serves again on a new connection.
redis_cli SET cgilab:probe 1 >/dev/null
redis_pause
timed GET "$F"
expect_error 503 "Redis paused: a 503"
expect_header Retry-After '[0-9]+' "503: Retry-After"
check "…after the 500 ms timeout, not a hang (${MS} ms)" test "$MS" -lt 5000
redis_resume
req GET "$F"
expect_status 200 "Redis resumed: 200"
check "…served by the same process" test "$(fcgi_pids users)" = "$pid"

# A master turned replica (REPLICAOF, as in a switchover without
# Sentinel, which would also close its clients): a write is READONLY, a
# 503; then the process connects again for its next request rather than
# keep asking the replica (behind a moved address or a proxy, a new
# connection reaches the new master).  Reads are still served.
req POST "$F" "${J[@]}" --data '{"name":"셋"}'
expect_status 201 "a user to read while Redis is a replica"
id3=$(jq -r .id "$WORK/body")
redis_cli REPLICAOF 127.0.0.1 "$(free_port)" >/dev/null
timed POST "$F" "${J[@]}" --data '{"name":"읽기만"}'
expect_error 503 "Redis a replica: a POST is a 503"
expect_header Retry-After '[0-9]+' "503: Retry-After"
check "…at once (${MS} ms)" test "$MS" -lt 5000
check "the error log says READONLY" \
    grep -q 'cgilab\[users\]: redis: create user: READONLY' "$RUN/logs/error.log"
c0=$(redis_connections)
req GET "$F/$id3"
expect_json . "{\"id\":$id3,\"name\":\"셋\"}" "…a read is served"
c1=$(redis_connections)
check "…on a new connection ($((c1 - c0 - 1)) beside redis-cli's)" test "$((c1 - c0))" -eq 2
redis_cli REPLICAOF NO ONE >/dev/null
req POST "$F" "${J[@]}" --data '{"name":"넷"}'
expect_status 201 "a master again: a POST is a 201"
check "…served by the same process" test "$(fcgi_pids users)" = "$pid"
