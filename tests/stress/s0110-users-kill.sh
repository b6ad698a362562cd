# s0110 - an Apache child killed with SIGKILL in the middle of the load
# (docs/reliability.md, cluster.js): the server goes on serving, and every write
# answered with success is in the database.  Requests in flight on the
# killed child may get no answer at all; they count as not answered.
#
# Each request has its own connection: curl retries a request on a kept-
# alive connection that dies before any answer, and such a retry would
# be a second, unplanned write.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/stress/load.sh"
CLIENTS=8
MIXED=${STRESS_KILL_MIXED:-100}
SEED=${STRESS_SEED:-$RANDOM}
echo "$TEST_NAME: STRESS_SEED=$SEED"
lab_start
U=$BASE/cgi-bin/users.cgi

# 40 users per client, and the ones everyone deletes or renames, made
# directly in the database (the schema by a first request).
req GET "$U"
expect_status 200 "the first request creates the schema"
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $((CLIENTS * 40 + 12)))
     INSERT INTO users(name) SELECT '처음-' || i FROM n"
db_rows >"$WORK/before"
check "the users to work on are there" test "$(wc -l <"$WORK/before")" = $((CLIENTS * 40 + 12))
sdel=$(cut -f1 "$WORK/before" | sed -n '1,8p' | paste -sd' ')
sput=$(cut -f1 "$WORK/before" | sed -n '9,12p' | paste -sd' ')

L=$WORK/kill
mkdir -p "$L"
for i in $(seq $CLIENTS); do
	owned=$(cut -f1 "$WORK/before" | sed -n "$((13 + (i - 1) * 40)),$((12 + i * 40))p" | paste -sd' ')
	plan_mixed "$i" "$MIXED" "$SEED" "$owned" "$sdel" "$sput" >"$L/c$i.plan"
	load_config "$L/c$i.plan" "$L/c$i.cfg" "Connection: close"
done

parent=$(cat "$RUN/logs/httpd.pid")
# The worker children: several threads each.  (The other child, mod_cgid's
# daemon, has one.)
workers() {
	ps --ppid "$parent" -o pid=,nlwp= | awk '$2 > 1 { print $1 }'
}
check "Apache has worker children to kill" test -n "$(workers)"

workers | sort >"$WORK/workers-before"
load_start "$L" $CLIENTS
# In the middle: once a third of the requests are answered.
for _ in $(seq 600); do
	[ "$(load_answered "$L")" -ge $((CLIENTS * MIXED / 3)) ] && break
	sleep 0.1
done
victim=$(workers | head -n 1)
answered_at_kill=()
for i in $(seq $CLIENTS); do
	answered_at_kill+=("$(grep -c '^@@' "$L/c$i.out")")
done
check "a worker child is killed with SIGKILL in the middle of the load (pid $victim)" \
    kill -KILL "$victim"
load_wait "$L" $CLIENTS
check "the killed child is gone" bash -c "! kill -0 $victim 2>/dev/null"
check "the parent is still running" kill -0 "$parent"
# The killed child's CGI processes finish on their own; then the
# database is read.
check "no users.cgi is left running" wait_no_cgi users.cgi
db_rows >"$WORK/after"

statuses=$(load_statuses "$L")
echo "$TEST_NAME: answers $statuses"
check "no answer is a 5xx ($statuses)" bash -c "! cut -f2 '$L'/c*.res | grep -q '^5'"
served_after=0
for i in $(seq $CLIENTS); do
	n=$(awk -F '\t' -v from="${answered_at_kill[$((i - 1))]}" \
	    'NR > from + 1 && $2 ~ /^2/' "$L/c$i.res" | wc -l)
	served_after=$((served_after + n))
done
check "requests after the kill were served ($served_after successes)" test "$served_after" -gt 0
problems=$(load_verify "$L" $CLIENTS "$WORK/before" "$WORK/after" 0)
[ -n "$problems" ] && echo "$problems"
check "every write answered with success is there, and nothing else changed" test -z "$problems"

# The server serves as before: a new round, every request answered.
A=$WORK/again
mkdir -p "$A"
for i in $(seq $CLIENTS); do
	plan_creates "$i" 10 다시 >"$A/c$i.plan"
	load_config "$A/c$i.plan" "$A/c$i.cfg"
done
load_start "$A" $CLIENTS
load_wait "$A" $CLIENTS
statuses=$(load_statuses "$A")
check "after the kill, $CLIENTS×10 creates all answered 201 ($statuses)" test "$statuses" = "$((CLIENTS * 10)) 201"
db_rows >"$WORK/again-after"
problems=$(load_verify "$A" $CLIENTS "$WORK/after" "$WORK/again-after" 1)
[ -n "$problems" ] && echo "$problems"
check "after the kill, the new rows are exactly the answered ones" test -z "$problems"
new_worker() {
	for _ in $(seq 100); do
		workers | sort | comm -13 "$WORK/workers-before" - | grep -q . && return 0
		sleep 0.1
	done
	return 1
}
check "Apache started a new worker child in place of the killed one" new_worker
check "no CGI died without an answer, nothing crashed (error log)" error_log_clean
