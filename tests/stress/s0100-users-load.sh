# s0100 - 8 clients at once (docs/storage.md, docs/reliability.md): 500 creates each, then
# renames, deletes, reads and creates mixed, some ids fought over by all.
# Every 201 is a row, ids are unique, no 5xx, no write lost or doubled,
# and the database ends exactly as the answers say.
# store: any
#
# STRESS_CREATES and STRESS_MIXED change the counts, STRESS_SEED the
# random plan (it is printed, so a failure can be replayed).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/stress/load.sh"
CLIENTS=8
CREATES=${STRESS_CREATES:-500}
MIXED=${STRESS_MIXED:-150}
SEED=${STRESS_SEED:-$RANDOM}
echo "$TEST_NAME: STRESS_SEED=$SEED"
lab_start
U=$BASE/cgi-bin/users.cgi

req GET "$U"
expect_body '{}' "an empty database to start"

# 1. Creates only.
L=$WORK/create
mkdir -p "$L"
for i in $(seq $CLIENTS); do
	plan_creates "$i" "$CREATES" 사용자 >"$L/c$i.plan"
	load_config "$L/c$i.plan" "$L/c$i.cfg"
done
: >"$WORK/empty"
started=$SECONDS
load_start "$L" $CLIENTS
load_wait "$L" $CLIENTS
echo "$TEST_NAME: $((CLIENTS * CREATES)) creates took $((SECONDS - started)) s"
db_rows >"$WORK/created"
total=$((CLIENTS * CREATES))
statuses=$(load_statuses "$L")
check "$CLIENTS×$CREATES creates: all answered 201 ($statuses)" test "$statuses" = "$total 201"
problems=$(load_verify "$L" $CLIENTS "$WORK/empty" "$WORK/created" 1)
[ -n "$problems" ] && echo "$problems"
check "creates: every 201 is a row with its id and name, and there is no other row" test -z "$problems"
check "creates: as many rows as 201s" test "$(wc -l <"$WORK/created")" = "$total"
cat "$L"/c*.res | cut -f4 | sort -n >"$WORK/answered-ids"
check "creates: the ids in the answers are unique" test "$(sort -u "$WORK/answered-ids" | wc -l)" = "$total"
cut -f1 "$WORK/created" | sort -n >"$WORK/db-ids"
check "creates: the ids in the answers are the ids in the database" cmp -s "$WORK/answered-ids" "$WORK/db-ids"

# 2. Mixed.  The first id each client created is deleted by everyone, the
# second (of clients 1-4) renamed by everyone; each client renames,
# deletes and reads 40 more of its own, and creates.
sdel= sput=
for i in $(seq $CLIENTS); do
	created_ids "$L" "$i" >"$WORK/ids$i"
	sdel="$sdel $(sed -n 1p "$WORK/ids$i")"
	[ "$i" -le 4 ] && sput="$sput $(sed -n 2p "$WORK/ids$i")"
done
M=$WORK/mixed
mkdir -p "$M"
for i in $(seq $CLIENTS); do
	owned=$(sed -n '3,42p' "$WORK/ids$i" | paste -sd' ')
	plan_mixed "$i" "$MIXED" "$SEED" "$owned" "$sdel" "$sput" >"$M/c$i.plan"
	load_config "$M/c$i.plan" "$M/c$i.cfg"
done
started=$SECONDS
load_start "$M" $CLIENTS
load_wait "$M" $CLIENTS
echo "$TEST_NAME: $((CLIENTS * MIXED)) mixed requests took $((SECONDS - started)) s"
db_rows >"$WORK/mixed-after"
statuses=$(load_statuses "$M")
check "mixed: every request answered, none 5xx ($statuses)" \
    bash -c "! cut -f2 '$M'/c*.res | grep -qE '^(000|5)'"
check "mixed: renames that found no user, deletes that lost the race: 404s happened" \
    bash -c "cut -f2 '$M'/c*.res | grep -q '^404'"
problems=$(load_verify "$M" $CLIENTS "$WORK/created" "$WORK/mixed-after" 1)
[ -n "$problems" ] && echo "$problems"
check "mixed: the database is exactly what the answers imply" test -z "$problems"
won=$(for i in $(seq $CLIENTS); do paste "$M/c$i.plan" "$M/c$i.res"; done |
    awk -F '\t' -v ids="$sdel" 'BEGIN { n = split(ids, a, " "); for (i = 1; i <= n; i++) s[a[i]] = 1 }
	$1 == "DELETE" && ($2 in s) && $5 == 204 { w[$2]++ }
	END { for (id in s) printf "%d", w[id] + 0 }')
check "mixed: each id everyone deletes was deleted by exactly one 204 ($won)" \
    test "$won" = "$(printf '1%.0s' $(seq $CLIENTS))"

req GET "$U"
expect_status 200 "after the load the list is served"
check "after the load the list is the database" \
    test "$(jq -r 'to_entries[] | "\(.key)\t\(.value)"' "$WORK/body")" = "$(cat "$WORK/mixed-after")"
check "no CGI died without an answer, nothing crashed (error log)" error_log_clean
