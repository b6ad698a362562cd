# s0200 - the database write-locked by another process for longer than
# the busy timeout, under concurrency (docs/http-api.md, docs/storage.md): 8 clients writing
# get 503 with Retry-After, none hangs, readers go on, nothing of the
# refused writes is kept, and writing resumes once the lock is gone.
# (t0230 is the one-request version.)
. "$(dirname "$0")/../lib.sh"
. "$top/tests/stress/load.sh"
. "$top/tests/table.sh"
CLIENTS=8
lab_start CGILAB_BUSY_TIMEOUT=1000
U=$BASE/cgi-bin/users.cgi

req POST "$U" -H 'Content-Type: application/json' --data '{"name":"잠기기 전"}'
expect_status 201 "a write before the lock"
db_rows >"$WORK/before"

# Another process takes the write lock and holds it until told to let
# go: the clients run entirely inside the lock, whatever the timing.
if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=www-data --regid=www-data --clear-groups); else as=(); fi
mkfifo "$WORK/release"
{
	echo 'BEGIN EXCLUSIVE;'
	echo "INSERT INTO users(name) VALUES ('잠근 쪽');"
	echo '.print locked'
	read -r _ <"$WORK/release"
	echo 'ROLLBACK;'
} | "${as[@]}" sqlite3 -batch "$DB" >"$WORK/locker.out" 2>&1 &
locker=$!
for _ in $(seq 100); do
	grep -q locked "$WORK/locker.out" && break
	sleep 0.1
done
check "another process holds the write lock" grep -qx locked "$WORK/locker.out"
check "…taken without an error" bash -c "! grep -qi error '$WORK/locker.out'"

# Writers: 3 creates, a rename and a delete of the first user each;
# readers beside them.
id1=$(cut -f1 "$WORK/before")
L=$WORK/locked
mkdir -p "$L"
for i in $(seq $CLIENTS); do
	{
		plan_creates "$i" 3 막힘
		printf 'PUT\t%s\t막힌이름-%s\n' "$id1" "$i"
		printf 'DELETE\t%s\t-\n' "$id1"
	} >"$L/c$i.plan"
	load_config "$L/c$i.plan" "$L/c$i.cfg"
done
R=$WORK/reads
mkdir -p "$R"
for i in 1 2; do
	seq 10 | awk -v id="$id1" '{ print "GET\t" id "\t-" }' >"$R/c$i.plan"
	load_config "$R/c$i.plan" "$R/c$i.cfg"
done
load_start "$L" $CLIENTS
writers=("${LOAD_PIDS[@]}")
load_start "$R" 2
load_wait "$R" 2
LOAD_PIDS=("${writers[@]}")
load_wait "$L" $CLIENTS
check "the lock was held the whole time" kill -0 "$locker"

statuses=$(load_statuses "$L")
check "every write under the lock answered 503 ($statuses)" test "$statuses" = "$((CLIENTS * 5)) 503"
check "every 503 has a Retry-After of whole seconds" \
    bash -c "! cut -f3 '$L'/c*.res | grep -vqE '^[0-9]+$'"
check "every 503 is the JSON error" \
    bash -c "! cut -f6 '$L'/c*.res | grep -vqF '{\"error\":\"The database is busy; try again in a moment.\"}'"
statuses=$(load_statuses "$R")
check "reads under the lock are served: all 200 ($statuses)" test "$statuses" = "20 200"
check "reads see the committed name" bash -c "! cut -f5 '$R'/c*.res | grep -vqxF '잠기기 전'"

# One of them, through the table's row.
req POST "$U" -H 'Content-Type: application/json' --data '{"name":"하나 더"}'
expect_answer F01

echo go >"$WORK/release"
wait "$locker"
check "nothing of the refused writes or of the rolled-back one is there" \
    test "$(db_rows)" = "$(cat "$WORK/before")"

# Writing resumes: the same clients again, all answered.
A=$WORK/resumed
mkdir -p "$A"
for i in $(seq $CLIENTS); do
	plan_creates "$i" 3 풀림 >"$A/c$i.plan"
	load_config "$A/c$i.plan" "$A/c$i.cfg"
done
load_start "$A" $CLIENTS
load_wait "$A" $CLIENTS
statuses=$(load_statuses "$A")
check "after the lock, every write answered 201 ($statuses)" test "$statuses" = "$((CLIENTS * 3)) 201"
db_rows >"$WORK/after"
problems=$(load_verify "$A" $CLIENTS "$WORK/before" "$WORK/after" 1)
[ -n "$problems" ] && echo "$problems"
check "after the lock, the database is exactly what the answers imply" test -z "$problems"
check "the SQLite message is in the error log" grep -q 'cgilab\[users\]: sqlite: .*locked' "$RUN/logs/error.log"
check "no CGI died without an answer, nothing crashed (error log)" error_log_clean
