# lib.sh - what every HTTP test shares: a real Apache with the project's
# config on a free loopback port, in a temporary run directory, stopped
# (by its pid file) when the test exits; curl requests; assertions that
# count; and the database read with the sqlite3 shell or redis-cli.
#
# CGILAB_TEST_STORE=redis runs a test against the Redis back end: lab_start
# then starts a redis-server of the test's own (redis_start) and points
# the programs at it with CGILAB_STORE; db_users reads either back end.
#
# A test script sources this, calls lab_start, then req and the expect_*
# functions; each expect_* is one check, named after the row of the
# reference page (docs/) it checks.
set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# free_port, free_ports, as_children, lab_stop_dir, redis_stop_dir
. "$top/scripts/helpers.sh"
TEST_NAME=$(basename "$0" .sh)
STORE=${CGILAB_TEST_STORE:-sqlite}
[ "$STORE" = sqlite ] || TEST_NAME="$TEST_NAME[$STORE]"
# CGILAB_TEST_MPM=prefork runs the test against the prefork/mod_cgi
# variant of the lab server (tests/run does, for the REST suite).
[ -n "${CGILAB_TEST_MPM:-}" ] && TEST_NAME="$TEST_NAME[$CGILAB_TEST_MPM]"
# Which build a test's requests reach: tests name program URLs as
# $BASE$CGI_DIR/<program>$CGI_EXT.  CGILAB_TEST_MODE=fcgi (tests/run sets
# it for tests marked "# modes: cgi fcgi") points them at the FastCGI
# build under /fcgi-bin/; the chapter's paths (/users, /user) stay CGI.
# MODE is cgi or fcgi, for the few checks that differ by nature.
case ${CGILAB_TEST_MODE:-cgi} in
fcgi) MODE=fcgi CGI_DIR=/fcgi-bin CGI_EXT=.fcgi TEST_NAME="$TEST_NAME[fcgi]" ;;
*) MODE=cgi CGI_DIR=/cgi-bin CGI_EXT=.cgi ;;
esac
PASS=0
FAIL=0
SKIP=0
STATUS=-
SERVERS=()
REDIS_DIRS=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cgilab-test.XXXXXX") || {
	echo "cannot make a directory in ${TMPDIR:-/tmp} for the test (TMPDIR)" >&2
	exit 2
}
# As root, Apache's children (www-data) must reach the run directory.
chmod 0755 "$WORK"

# cleanup: when the script ends, however it ends (the end of the file,
# exit N, an unset variable under set -u, SIGTERM, Ctrl-C), stops what it
# started and reports.  A script that ends with a status other than 0 is
# a failure, whatever its checks said (tests/run names the reason).
cleanup() {
	local rc=$? d
	if [ "$rc" -ne 0 ] && [ "$FAIL" -eq 0 ]; then
		FAIL=1
		echo "  FAIL $TEST_NAME: the script ended with status $rc"
	fi
	for d in "${SERVERS[@]}"; do
		lab_stop_dir "$d"
	done
	for d in "${REDIS_DIRS[@]}"; do
		redis_stop_dir "$d"
	done
	echo "$TEST_NAME: $PASS passed, $FAIL failed, $SKIP skipped (${SECONDS}s)"
	[ -n "${CGILAB_TEST_RESULTS:-}" ] && echo "$PASS $FAIL $SKIP" >>"$CGILAB_TEST_RESULTS"
	if [ "$FAIL" -gt 0 ] && [ -n "${KEEP:-}" ]; then
		echo "$TEST_NAME: kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

# lab_start [NAME=value ...]: starts Apache with scripts/lab in
# $WORK/run (or RUN_DIR=), with the settings given (MPM= defaults to
# CGILAB_TEST_MPM); sets BASE, TLS_BASE, PORT, TLS_PORT, DB.
lab_start() {
	local tries=0 run=$WORK/run store=
	free_ports
	for kv in "$@"; do
		case $kv in
		RUN_DIR=*) run=${kv#RUN_DIR=} ;;
		PORT=*) PORT=${kv#PORT=} ;;
		TLS_PORT=*) TLS_PORT=${kv#TLS_PORT=} ;;
		CGILAB_STORE=*) store=${kv#CGILAB_STORE=} ;;
		esac
	done
	if [ "$STORE" = redis ] && [ -z "$store" ]; then
		[ -n "${REDIS_URL:-}" ] || redis_start
		set -- "$@" CGILAB_STORE="$REDIS_URL"
	fi
	until env ${CGILAB_TEST_MPM:+MPM="$CGILAB_TEST_MPM"} "$@" RUN_DIR="$run" \
	    PORT="$PORT" TLS_PORT="$TLS_PORT" "$top/scripts/lab" start \
	    >"$WORK/start.out" 2>&1; do
		tries=$((tries + 1))
		if [ $tries -ge 3 ]; then
			echo "$TEST_NAME: the lab server did not start:" >&2
			cat "$WORK/start.out" >&2
			exit 1
		fi
		free_ports
	done
	RUN=$run
	SERVERS+=("$run")
	if [ -n "${CGILAB_TEST_MPM:-}" ]; then
		# The MPM logs its start just after the ports open: wait for it.
		tries=0
		until grep -q "mpm_$CGILAB_TEST_MPM:notice" "$run/logs/error.log" 2>/dev/null ||
		    [ $tries -ge 100 ]; do
			sleep 0.1
			tries=$((tries + 1))
		done
		check "the server runs MPM $CGILAB_TEST_MPM" \
		    grep -q "mpm_$CGILAB_TEST_MPM:notice" "$run/logs/error.log"
	fi
	BASE=http://127.0.0.1:$PORT
	TLS_BASE=https://127.0.0.1:$TLS_PORT
	export TLS_BASE
	DB=$run/db/cgilab.db
}

# cgi_mode_only WHAT: true in CGI mode; in FastCGI mode prints that the
# checks of WHAT are skipped and why, and is false.  For checks that do
# not depend on the mode (the FastCGI pass would only repeat them) or
# cannot hold in it; WHAT says which and why.
cgi_mode_only() {
	[ "$MODE" = cgi ] && return 0
	skip "in FastCGI mode: $1"
	return 1
}

lab_stop() {
	RUN_DIR=$RUN "$top/scripts/lab" stop
}

# procs_naming DIR: how many processes name DIR, or a path under it, as
# an argument (Apache: -d DIR; the pools: DIR/fcgi-bin/...), read with
# builtins only, so this shell's own commands never count.
procs_naming() {
	local p n=0
	for p in $(pids_naming "$1"); do
		n=$((n + 1))
	done
	echo "$n"
}

# pids_naming DIR: the pids of those processes, one a line.
pids_naming() {
	local p args a
	for p in /proc/[0-9]*; do
		{ mapfile -d '' args <"$p/cmdline"; } 2>/dev/null || continue
		for a in "${args[@]}"; do
			if [ "$a" = "$1" ] || [[ $a == "$1/"* ]]; then
				echo "${p#/proc/}"
				break
			fi
		done
	done
}

# kill_naming DIR: KILL to each process that names DIR: what a test's
# own failed stop left, by pid.
kill_naming() {
	local p
	for p in $(pids_naming "$1"); do
		kill -KILL "$p" 2>/dev/null
	done
	return 0
}

# wrap_program DIR NAME CODE [REAL]: DIR/NAME, a program that a PATH
# starting with DIR finds first: it runs the shell CODE (paths in it
# quoted with printf %q), then REAL (the NAME found in PATH now) with its
# arguments.  How a test watches or slows what a script runs.
wrap_program() {
	mkdir -p "$1"
	printf '#!/bin/sh\n%s\nexec %q "$@"\n' "$3" "${4:-$(command -v "$2")}" >"$1/$2"
	chmod 0755 "$1/$2"
}

# gone_within SECONDS DIR: waits until no process names DIR
# (procs_naming); true when none does.
gone_within() {
	local i
	for i in $(seq $(($1 * 10))); do
		[ "$(procs_naming "$2")" = 0 ] && return 0
		sleep 0.1
	done
	[ "$(procs_naming "$2")" = 0 ]
}

# pool_procs MAINPIDFILE: the pids of a FastCGI pool's processes (the
# children of its supervisor, whose pid the file holds), one a line.
pool_procs() {
	local main
	main=$(cat "$1" 2>/dev/null) || return 1
	ps -o pid= --ppid "$main" | tr -d ' '
}

# owned_by USER PID...: every one of the processes runs as USER.
owned_by() {
	local user=$1 p
	shift
	[ $# -gt 0 ] || return 1
	for p; do
		[ "$(stat -c %U "/proc/$p" 2>/dev/null)" = "$user" ] || return 1
	done
}

# pool_respawn MAINPIDFILE COUNT: kills one process of the pool and
# waits, up to 5 s, until its supervisor has COUNT processes again, the
# killed one (VICTIM) not among them.
pool_respawn() {
	local now
	VICTIM=$(pool_procs "$1" | head -1)
	[ -n "$VICTIM" ] || return 1
	kill -KILL "$VICTIM"
	for _ in $(seq 50); do
		now=$(pool_procs "$1")
		[ "$(printf '%s\n' "$now" | grep -c .)" = "$2" ] &&
		    ! printf '%s\n' "$now" | grep -qx "$VICTIM" && return 0
		sleep 0.1
	done
	return 1
}

# verify_units UNITDIR: systemd-analyze verify on the FastCGI pools' units
# there (the target, and the users instance of the socket and the
# service), as systemd reads them: one check, passing when they load
# without a word; a skip where systemd is not installed.
verify_units() {
	if ! command -v systemd-analyze >/dev/null; then
		skip "systemd-analyze verify: systemd is not installed on this machine"
		return 0
	fi
	SYSTEMD_UNIT_PATH=$1: systemd-analyze verify cgilab-fcgi.target \
	    cgilab-fcgi@users.socket cgilab-fcgi@users.service >"$WORK/verify.out" 2>&1
	check "systemd-analyze verify: the units in ${1#"$WORK"/} load, without a complaint" \
	    test $? -eq 0 -a ! -s "$WORK/verify.out"
	[ -s "$WORK/verify.out" ] && sed 's/^/  verify: /' "$WORK/verify.out"
	return 0
}

# sql "SELECT …": the sqlite3 shell on the test's database, run as the
# children's user when root so that no file SQLite creates is root's.
sql() {
	as_children sqlite3 -batch "$DB" "$@"
}

# redis_start [PORT]: Debian's redis-server on a free loopback port (or
# on PORT, to start it again where it was), with its own directory under
# $WORK and nothing saved to disk; stopped by its pid file when the test
# exits.  Sets REDIS_PORT and REDIS_URL.
redis_start() {
	local port=${1:-} dir tries=0 i
	while :; do
		[ -n "${1:-}" ] || port=$(free_port)
		dir=$WORK/redis-$port
		mkdir -p "$dir"
		redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" \
		    --save '' --appendonly no --daemonize yes \
		    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
		REDIS_DIRS+=("$dir")
		for i in $(seq 50); do
			[ "$(redis-cli -p "$port" PING 2>/dev/null)" = PONG ] && break 2
			sleep 0.1
		done
		tries=$((tries + 1))
		if [ -n "${1:-}" ] || [ $tries -ge 3 ]; then
			echo "$TEST_NAME: redis-server did not start:" >&2
			cat "$dir/redis.log" >&2
			exit 1
		fi
	done
	REDIS_PORT=$port
	REDIS_URL=redis://127.0.0.1:$port/0
}

# redis_stop: stops the redis-server of REDIS_PORT by its pid file and
# waits until it is gone.
redis_stop() {
	redis_stop_dir "$WORK/redis-$REDIS_PORT"
}

# redis_cli ARGS...: redis-cli on the test's Redis, raw output.
redis_cli() {
	redis-cli -p "$REDIS_PORT" --raw "$@"
}

# redis_pause, redis_resume: stop the test's redis-server (SIGSTOP, by
# its pid file) and let it go on: a Redis that accepts connections and
# never answers.
redis_pause() {
	kill -STOP "$(cat "$WORK/redis-$REDIS_PORT/redis.pid")"
}

redis_resume() {
	kill -CONT "$(cat "$WORK/redis-$REDIS_PORT/redis.pid")"
}

# redis_connections: how many connections Redis has accepted, this
# one's included.
redis_connections() {
	redis_cli INFO stats | tr -d '\r' | sed -n 's/^total_connections_received://p'
}

# db_users: the users in the store, one "id=name" line each in ascending
# id, read straight from SQLite or Redis, not through the programs.
# Fails when the store cannot be read.
db_users() {
	local out
	if [ "$STORE" = redis ]; then
		out=$(redis_cli HGETALL cgilab:users) || return 1
		# A name has no control characters: a tab and a newline are
		# safe separators.
		[ -z "$out" ] || printf '%s\n' "$out" | paste - - |
		    sort -t "$(printf '\t')" -k1,1n | sed 's/\t/=/'
	else
		out=$(sql "SELECT id || '=' || name FROM users ORDER BY id") || return 1
		[ -z "$out" ] || printf '%s\n' "$out"
	fi
}

# db_user ID: the name of user ID in the store; status 1 when there is no
# such user, 2 when the store cannot be read.
db_user() {
	local rows
	rows=$(db_users) || return 2
	printf '%s\n' "$rows" | sed -n "s/^$1=//p" | grep ''
}

# session_key ID: what the store keeps for session ID (the cookie's
# value): its SHA-256 in lowercase hex, never the id itself.
session_key() {
	printf '%s' "$1" | sha256sum | cut -d' ' -f1
}

# db_sessions: the sessions in the store, "key=name" a line, sorted by
# key (session_key);
# fails when the store cannot be read.
db_sessions() {
	local out id
	if [ "$STORE" = redis ]; then
		out=$(redis_cli --scan --pattern 'cgilab:session:*') || return 1
		for id in $(printf '%s\n' "$out" | sed 's/^cgilab:session://' | sort); do
			printf '%s=%s\n' "$id" "$(redis_cli GET "cgilab:session:$id")"
		done
	else
		out=$(sql "SELECT id || '=' || name FROM sessions ORDER BY id") || return 1
		[ -z "$out" ] || printf '%s\n' "$out"
	fi
}

# db_session ID: the name of session ID (the cookie's id) in the store
# (expired or not, as long as the store still holds it); status 1 when
# there is none, 2 when the store cannot be read.
db_session() {
	local out key
	key=$(session_key "$1")
	if [ "$STORE" = redis ]; then
		out=$(redis_cli GET "cgilab:session:$key") || return 2
	else
		out=$(sql "SELECT name FROM sessions WHERE id = '$key'") || return 2
	fi
	[ -n "$out" ] && printf '%s\n' "$out"
}

# db_session_ttl ID: the session's time to live in seconds as the store
# keeps it: expires - created in SQLite; in Redis, what is left of the
# key's, rounded up (so TTL only within a second of the login).
db_session_ttl() {
	local ms key
	key=$(session_key "$1")
	if [ "$STORE" = redis ]; then
		ms=$(redis_cli PTTL "cgilab:session:$key") || return 2
		[ "$ms" -ge 0 ] 2>/dev/null || return 1
		echo $(((ms + 999) / 1000))
	else
		sql "SELECT expires - created FROM sessions WHERE id = '$key'" | grep ''
	fi
}

# signed_in_cookie FLOW NAME: signs NAME in through the lab's FLOW.cgi
# (login or session) and prints the cookie it set, as name=value.
signed_in_cookie() {
	curl -s -o /dev/null -D - "$BASE/cgi-bin/$1.cgi/login?name=$2" |
	    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1
}

# timed METHOD URL [curl options]: req, and the time it took in MS.
timed() {
	local start
	start=$(date +%s%N)
	req "$@"
	MS=$((($(date +%s%N) - start) / 1000000))
}

# req METHOD URL [curl options]: sets STATUS, BODY and the headers file.
req() {
	local method=$1 url=$2
	shift 2
	local how=(-X "$method" -o "$WORK/body")
	# curl --head writes the headers where the body would go.
	[ "$method" = HEAD ] && how=(--head -o /dev/null)
	rm -f "$WORK/body"
	: >"$WORK/body"
	STATUS=$(curl -s -g -D "$WORK/headers" -w '%{http_code}' \
	    --max-time 30 "${how[@]}" "$@" "$url")
	BODY=$(cat "$WORK/body")
}

# raw_bytes_after_head REQUEST_LINE [HEADER ...]: sends one HTTP/1.0
# request over a plain socket and prints how many bytes came after the
# header block: what a client would take as the body, whatever curl
# assumes of HEAD or 304.
raw_bytes_after_head() {
	local line=$1
	shift
	exec 3<>"/dev/tcp/127.0.0.1/$PORT"
	{
		printf '%s\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n' "$line" "$PORT"
		for h in "$@"; do printf '%s\r\n' "$h"; done
		printf '\r\n'
	} >&3
	timeout 10 cat <&3 >"$WORK/raw"
	exec 3<&-
	awk 'BEGIN { RS = "\r\n\r\n" } NR > 1 { n += length($0) + (NR > 2 ? 4 : 0) } END { print n + 0 }' "$WORK/raw"
}

# header NAME: the last value of header NAME in the last answer.
header() {
	tr -d '\r' <"$WORK/headers" | awk -v n="$1" '
	    BEGIN { n = tolower(n) }
	    { i = index($0, ":"); if (i && tolower(substr($0, 1, i - 1)) == n) v = substr($0, i + 2) }
	    END { print v }'
}

pass() {
	PASS=$((PASS + 1))
	[ -n "${VERBOSE:-}" ] && echo "  ok   $1"
	return 0
}

fail() {
	FAIL=$((FAIL + 1))
	echo "  FAIL $TEST_NAME: $1"
	echo "       status $STATUS, body: $(head -c 300 "$WORK/body" 2>/dev/null)"
	return 0
}

# skip REASON: checks not run, counted as skipped and printed with the
# reason.  Only for what cannot hold where the test runs (a mode, the
# machine): never for something make deps installs or make builds.
skip() {
	SKIP=$((SKIP + 1))
	echo "  skip $TEST_NAME: $1"
	return 0
}

# check DESCRIPTION COMMAND...: one check, passing when COMMAND succeeds.
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

expect_status() {
	if [ "$STATUS" = "$1" ]; then pass "$2"; else fail "$2 (wanted $1)"; fi
}

# expect_header NAME REGEX DESCRIPTION (an extended regex, whole value)
expect_header() {
	local v
	v=$(header "$1")
	if [[ $v =~ ^($2)$ ]]; then pass "$3"; else fail "$3 ($1: '$v' !~ $2)"; fi
}

expect_no_header() {
	if ! grep -qi "^$1:" "$WORK/headers"; then pass "$2"; else fail "$2 ($1 present)"; fi
}

expect_body() {
	if [ "$BODY" = "$1" ]; then pass "$2"; else fail "$2 (wanted '$1')"; fi
}

# expect_json JQ_FILTER EXPECTED DESCRIPTION: jq -c output must equal it.
expect_json() {
	local v
	v=$(jq -c "$1" <"$WORK/body" 2>/dev/null)
	if [ "$v" = "$2" ]; then pass "$3"; else fail "$3 ($1 gave '$v', wanted '$2')"; fi
}

# expect_error STATUS DESCRIPTION: the JSON error shape of docs/http-api.md.
expect_error() {
	expect_status "$1" "$2"
	expect_header Content-Type 'application/json; charset=utf-8' "$2: JSON"
	expect_json '.error | type' '"string"' "$2: {\"error\": sentence}"
}
