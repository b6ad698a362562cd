# t0250 - writers take turns (docs/storage.md, "Writers take turns"): a writer waits
# for the lock file beside the database in line, at most the busy timeout,
# then answers 503 with Retry-After; once the lock is free writes resume;
# writers at once lose no write (docs/storage.md, docs/reliability.md).
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start CGILAB_BUSY_TIMEOUT=500
U=$BASE$CGI_DIR/users$CGI_EXT
J=(-H 'Content-Type: application/json')
if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=www-data --regid=www-data --clear-groups); else as=(); fi

req POST "$U" "${J[@]}" --data '{"name":"first"}'
expect_status 201 "a write before the lock"
check "the writers' lock file is beside the database" test -f "$DB-writer"

# Another process holds the writers' turn for 3 s.
"${as[@]}" flock -x "$DB-writer" sleep 3 &
holder=$!
sleep 0.5
start=$(date +%s%N)
req POST "$U" "${J[@]}" --data '{"name":"blocked"}'
ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_error 503 "a write while the turn is held past the busy timeout: 503"
expect_header Retry-After '[0-9]+' "503: Retry-After"
check "it waited about the busy timeout, no more (${ms} ms)" test "$ms" -ge 400 -a "$ms" -lt 2500
req GET "$U"
expect_status 200 "reads do not wait for the writers' turn"
wait "$holder"
req POST "$U" "${J[@]}" --data '{"name":"after"}'
expect_status 201 "writing resumes once the turn is free"
check "the refused write left nothing" \
    test "$(sql "SELECT group_concat(name) FROM users")" = "first,after"
check "the error log says why" grep -q "cgilab\[users\]: sqlite: waited [0-9]* ms for the writers' turn" "$RUN/logs/error.log"

# Session writes take the same turn: a sign-in and a sign-out wait in
# line behind the holder, then answer 503 having written nothing.
req GET "$BASE$CGI_DIR/session$CGI_EXT/login?name=kim" -c "$WORK/jar"
expect_status 302 "a sign-in before the lock"
sid=$(awk '$6 == "session" { print $7 }' "$WORK/jar")
"${as[@]}" flock -x "$DB-writer" sleep 6 &
holder=$!
sleep 0.5
req GET "$BASE$CGI_DIR/session$CGI_EXT/login?name=lee"
expect_error 503 "a session sign-in while the turn is held past the busy timeout: 503"
req GET "$BASE$CGI_DIR/session$CGI_EXT/logout" -b "session=$sid"
expect_error 503 "a session sign-out while the turn is held past the busy timeout: 503"
wait "$holder"
check "the refused sign-in and sign-out changed no session" \
    test "$(sql "SELECT group_concat(name) FROM sessions")" = kim
check "the error log says why, for session too" \
    grep -q "cgilab\[session\]: sqlite: waited [0-9]* ms for the writers' turn" "$RUN/logs/error.log"

# Sixteen writers at once: every one answered 201, every 201 a row.
for i in $(seq 16); do
	curl -s -o "$WORK/w.$i" -w "%{http_code}" "${J[@]}" --data "{\"name\":\"w$i\"}" "$U" >"$WORK/code.$i" &
done
wait
codes=$(cat "$WORK"/code.* | tr -d '\n' | sed 's/201//g')
check "16 writers at once: all 201 (others: '${codes}')" test -z "$codes"
ids=$(cat "$WORK"/w.* | jq -r .id | sort -n | paste -sd,)
check "16 writers at once: 16 distinct ids" test "$(printf '%s' "$ids" | tr ',' '\n' | sort -u | wc -l)" = 16
check "16 writers at once: each id is its row" \
    test "$(sql "SELECT count(*) FROM users WHERE id IN ($ids) AND name LIKE 'w%'")" = 16
