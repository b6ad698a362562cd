# load.sh - what the stress tests share: many clients at once, each one
# curl process working through a planned list of requests, every answer
# recorded; and the check that the database holds exactly what the
# answered requests imply.
#
# A plan has one request per line, tab-separated:
#     POST  -     <name>       create
#     PUT   <id>  <name>       rename
#     DELETE <id> -
#     GET   <id>  -
# A result has one line per request, in plan order, tab-separated:
#     <seq> <status> <retry-after> <id> <name> <body>
# (status 000: no answer at all, the connection failed; id and name are
# read from a {"id":…,"name":…} body, "-" when there is none).  Every
# loop here is bounded: each request by curl's --max-time, each client by
# timeout(1).
#
# Sourced after tests/lib.sh.

LOAD_REQUEST_MAX=60	# seconds one request may take before it counts as unanswered
LOAD_CLIENT_MAX=600	# seconds one client may take in all

# load_config PLAN CONFIG [HEADER ...]: the curl config that sends PLAN
# to users.cgi, with the extra headers given.
load_config() {
	local plan=$1 cfg=$2
	shift 2
	awk -F '\t' -v base="$BASE/cgi-bin/users.cgi" -v max="$LOAD_REQUEST_MAX" \
	    -v extra="$(printf '%s\n' "$@")" '
	BEGIN { nextra = split(extra, hdr, "\n") }
	{
		if (NR > 1)
			print "next"
		url = $1 == "POST" ? base : base "/" $2
		printf "url = \"%s\"\nrequest = \"%s\"\nmax-time = %d\n", url, $1, max
		print "connect-timeout = 10"
		for (i = 1; i <= nextra; i++)
			if (hdr[i] != "")
				printf "header = \"%s\"\n", hdr[i]
		if ($1 == "POST" || $1 == "PUT") {
			print "header = \"Content-Type: application/json\""
			printf "data-binary = \"{\\\"name\\\":\\\"%s\\\"}\"\n", $3
		}
		printf "write-out = \"\\n@@\\t%d\\t%%{http_code}\\t%%header{retry-after}\\n\"\n", NR
	}' "$plan" >"$cfg"
}

# load_parse OUT: curl's output (bodies, each followed by its write-out
# line) as result lines.
load_parse() {
	awk '
	/^@@\t/ {
		split($0, f, "\t")
		id = "-"; name = "-"
		if (match(body, /"id":[0-9]+/))
			id = substr(body, RSTART + 5, RLENGTH - 5)
		if (match(body, /"name":"[^"]*"/))
			name = substr(body, RSTART + 8, RLENGTH - 9)
		gsub(/[\t\r\n]/, " ", body)
		printf "%s\t%s\t%s\t%s\t%s\t%s\n", f[2], f[3], f[4] == "" ? "-" : f[4], id, name, body
		body = ""
		next
	}
	{ body = body (body == "" ? "" : "\n") $0 }' "$1"
}

# load_start DIR N: starts N clients, client i sending DIR/c<i>.cfg and
# writing DIR/c<i>.out; LOAD_PIDS holds their pids.
load_start() {
	local dir=$1 n=$2 i
	LOAD_PIDS=()
	for i in $(seq "$n"); do
		timeout "$LOAD_CLIENT_MAX" curl -s -K "$dir/c$i.cfg" \
		    >"$dir/c$i.out" 2>"$dir/c$i.err" &
		LOAD_PIDS+=($!)
	done
}

# load_wait DIR N: waits for the clients, then parses each one's output
# into DIR/c<i>.res.
load_wait() {
	local dir=$1 n=$2 i
	for i in "${LOAD_PIDS[@]}"; do
		wait "$i"
	done
	for i in $(seq "$n"); do
		load_parse "$dir/c$i.out" >"$dir/c$i.res"
	done
}

# load_answered DIR N: how many answers (of any status) have come so far.
load_answered() {
	cat "$1"/c*.out 2>/dev/null | grep -c '^@@'
}

# load_statuses DIR: "<count> <status>" lines over every client.
load_statuses() {
	cut -f2 "$1"/c*.res | sort | uniq -c | awk '{ print $1, $2 }' | paste -sd' '
}

# db_rows: every user as "<id>\t<name>", ascending id (either store:
# db_users in lib.sh).
db_rows() {
	db_users | sed 's/=/\t/'
}

# load_verify DIR N BEFORE AFTER STRICT: checks every answer of the N
# clients against the state the database was in before (BEFORE, rows)
# and is in after (AFTER, rows).  STRICT=1: every request must have been
# answered.  LOAD_REFUSED_503=1: a JSON 503 with Retry-After is allowed,
# as a request that changed nothing.  Prints one line per problem;
# nothing when all holds.
load_verify() {
	local dir=$1 n=$2 before=$3 after=$4 strict=$5 i
	for i in $(seq "$n"); do
		paste "$dir/c$i.plan" "$dir/c$i.res" | sed "s/^/$i\t/"
	done | awk -F '\t' -v strict="$strict" -v before="$before" -v after="$after" \
	    -v refused503="${LOAD_REFUSED_503:-0}" \
	    -f "$top/tests/stress/verify.awk" || echo "verify.awk failed (exit $?)"
}

# wait_no_cgi PROGRAM: waits (at most 30 s) until no process runs the
# run directory's copy of PROGRAM; 0 when none is left.
wait_no_cgi() {
	local i
	for i in $(seq 300); do
		cgi_running "$1" || return 0
		sleep 0.1
	done
	return 1
}

# cgi_running PROGRAM: 0 when a process runs $RUN/cgi-bin/PROGRAM.
cgi_running() {
	ps -eo args= | awk -v p="$RUN/cgi-bin/$1" '$1 == p { found = 1 } END { exit !found }'
}

# error_log_clean: no CGI died without an answer and no process crashed.
error_log_clean() {
	! grep -E 'Premature end of script headers|End of script output before headers|Segmentation fault|segfault|exit signal (Seg|Abort|Bus)|AddressSanitizer' \
	    "$RUN/logs/error.log"
}

# plan_creates CLIENT COUNT PREFIX: COUNT creates with names unique to
# the client.
plan_creates() {
	seq "$2" | awk -v c="$1" -v p="$3" '{ printf "POST\t-\t%s-%d-%d\n", p, c, $1 }'
}

# plan_mixed CLIENT COUNT SEED OWNED SHARED_DELETE SHARED_PUT: COUNT
# requests picked at random (from SEED): renames, deletes and reads of
# the ids the client owns alone, creates, deletes of the ids every client
# deletes, renames of the ids every client renames.  Every name is
# unique, so an answer can be told from any other.
plan_mixed() {
	awk -v c="$1" -v n="$2" -v seed="$3" -v owned="$4" -v sdel="$5" -v sput="$6" '
	function pick(a, k) { return a[1 + int(rand() * k)] }
	BEGIN {
		srand(seed * 100 + c)
		no = split(owned, O, " "); nd = split(sdel, D, " "); np = split(sput, P, " ")
		for (k = 1; k <= n; k++) {
			r = rand()
			if (r < 0.30)
				printf "PUT\t%s\t바뀐-%d-%d\n", pick(O, no), c, k
			else if (r < 0.45)
				printf "DELETE\t%s\t-\n", pick(O, no)
			else if (r < 0.60)
				printf "GET\t%s\t-\n", pick(O, no)
			else if (r < 0.80)
				printf "POST\t-\t새-%d-%d\n", c, k
			else if (r < 0.90)
				printf "DELETE\t%s\t-\n", pick(D, nd)
			else
				printf "PUT\t%s\t공유-%d-%d\n", pick(P, np), c, k
		}
	}'
}

# created_ids DIR CLIENT: the ids the client's creates were answered with.
created_ids() {
	awk -F '\t' '$2 == 201 { print $4 }' "$1/c$2.res"
}
