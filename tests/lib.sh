# lib.sh - what every HTTP test shares: a real Apache with the project's
# config on a free loopback port, in a temporary run directory, stopped
# (by its pid file) when the test exits; curl requests; assertions that
# count; and the database read with the sqlite3 shell.
#
# A test script sources this, calls lab_start, then req and the expect_*
# functions; each expect_* is one check, named after the SPEC.md row.
set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TEST_NAME=$(basename "$0" .sh)
# Which build a test's requests reach: tests name program URLs as
# $BASE$CGI_DIR/<program>$CGI_EXT.  CGILAB_TEST_MODE=fcgi (tests/run sets
# it for tests marked "# modes: cgi fcgi") points them at the FastCGI
# build under /fcgi-bin/; the seed's paths (/users, /user) stay CGI.
case ${CGILAB_TEST_MODE:-cgi} in
fcgi) CGI_DIR=/fcgi-bin CGI_EXT=.fcgi TEST_NAME="$TEST_NAME[fcgi]" ;;
*) CGI_DIR=/cgi-bin CGI_EXT=.cgi ;;
esac
PASS=0
FAIL=0
SERVERS=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cgilab-test.XXXXXX")
# As root, Apache's children (www-data) must reach the run directory.
chmod 0755 "$WORK"

cleanup() {
	local d
	for d in "${SERVERS[@]}"; do
		[ -s "$d/logs/httpd.pid" ] && RUN_DIR=$d "$top/scripts/lab" stop >/dev/null 2>&1
	done
	echo "$TEST_NAME: $PASS passed, $FAIL failed"
	[ -n "${CGILAB_TEST_RESULTS:-}" ] && echo "$PASS $FAIL" >>"$CGILAB_TEST_RESULTS"
	if [ "$FAIL" -gt 0 ] && [ -n "${KEEP:-}" ]; then
		echo "$TEST_NAME: kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

# A loopback port nothing listens on.
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}

# lab_start [NAME=value ...]: starts Apache with scripts/lab in
# $WORK/run (or RUN_DIR=), with the settings given; sets BASE, PORT, DB.
lab_start() {
	local tries=0 run=$WORK/run
	PORT=$(free_port)
	for kv in "$@"; do
		case $kv in RUN_DIR=*) run=${kv#RUN_DIR=} ;; PORT=*) PORT=${kv#PORT=} ;; esac
	done
	until env "$@" RUN_DIR="$run" PORT="$PORT" "$top/scripts/lab" start \
	    >"$WORK/start.out" 2>&1; do
		tries=$((tries + 1))
		if [ $tries -ge 3 ]; then
			echo "$TEST_NAME: the lab server did not start:" >&2
			cat "$WORK/start.out" >&2
			exit 1
		fi
		PORT=$(free_port)
	done
	RUN=$run
	SERVERS+=("$run")
	BASE=http://127.0.0.1:$PORT
	DB=$run/db/cgilab.db
}

lab_stop() {
	RUN_DIR=$RUN "$top/scripts/lab" stop
}

# sql "SELECT …": the sqlite3 shell on the test's database, run as the
# children's user when root so that no file SQLite creates is root's.
sql() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=www-data --regid=www-data --clear-groups \
		    sqlite3 -batch "$DB" "$@"
	else
		sqlite3 -batch "$DB" "$@"
	fi
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

# expect_error STATUS DESCRIPTION: the JSON error shape of SPEC.md §3.
expect_error() {
	expect_status "$1" "$2"
	expect_header Content-Type 'application/json; charset=utf-8' "$2: JSON"
	expect_json '.error | type' '"string"' "$2: {\"error\": sentence}"
}
