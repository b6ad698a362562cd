# t0240 - the lab server itself (docs/lab.md): a port in use gives one
# clear line naming the port; the settings reach the programs.
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start CGILAB_BODY_MAX=100

out=$(RUN_DIR="$WORK/second" PORT="$PORT" "$top/scripts/lab" start 2>&1)
rc=$?
check "a second server on a port in use fails" test "$rc" -ne 0
check "…with one line" test "$(printf '%s\n' "$out" | wc -l)" -eq 1
check "…naming the port and how to pick another" \
    bash -c "[[ '$out' == *'port $PORT'*'in use'*'PORT='* ]]"

req POST "$BASE$CGI_DIR/users$CGI_EXT" -H 'Content-Type: application/json' \
    --data "{\"name\":\"$(printf 'x%.0s' $(seq 100))\"}"
expect_error 413 "CGILAB_BODY_MAX from the config is honoured"

req GET "$BASE$CGI_DIR/users$CGI_EXT"
expect_status 200 "the first request creates the database"
if [ "$(id -u)" -eq 0 ]; then
	owner=$(stat -c %U "$DB")
	check "as root the database belongs to the children's user ($owner)" test "$owner" = www-data
	users=$(ps -o user= --ppid "$(cat "$RUN/logs/httpd.pid")" | sort -u | tr '\n' ' ')
	check "as root the children run as www-data (${users})" bash -c "[[ '$users' == *www-data* && '$users' != *root* ]]"
fi

# scripts/lab start returns once Apache runs: its pid file names it, so
# that a stop right after the start finds it and leaves no process of
# the run directory.  Apache's daemon writes that file after its second
# reading of the configuration, while its ports answer from the first:
# the lab must wait for the file.  So that the gap is wide enough to be
# seen, Apache (the real one, through a wrapper first in PATH) shares
# the first CPU with six busy loops, each a session of its own as
# Apache's daemon is (the kernel shares a CPU between sessions first).
# In the CGI mode only: the FastCGI mode's lab starts Apache the same way.
if [ "$MODE" = cgi ]; then
	apache=$(readlink -f "$(command -v apache2 || command -v httpd)")
	mkdir "$WORK/slow"
	printf '#!/bin/sh\nexec taskset -c 0 %s "$@"\n' "$apache" >"$WORK/slow/apache2"
	chmod 0755 "$WORK/slow/apache2"
	hogs=()
	for _ in $(seq 6); do
		setsid taskset -c 0 timeout 60 sh -c 'while :; do :; done' &
		hogs+=($!)
	done
	early=0 left=0 quick=()
	for i in $(seq 3); do
		free_ports
		d=$WORK/quick$i
		SERVERS+=("$d")
		quick+=("$d")
		PATH=$WORK/slow:$PATH RUN_DIR=$d PORT=$PORT TLS_PORT=$TLS_PORT "$top/scripts/lab" start \
		    >"$WORK/quick.out" 2>&1 || { cat "$WORK/quick.out" >&2; early=$((early + 1)); continue; }
		pid=$(cat "$d/logs/httpd.pid" 2>/dev/null)
		[ -n "$pid" ] && [ "$(readlink "/proc/$pid/exe")" = "$apache" ] || early=$((early + 1))
		RUN_DIR=$d "$top/scripts/lab" stop >/dev/null 2>&1 &
	done
	kill "${hogs[@]}"
	wait
	for d in "${quick[@]}"; do
		for _ in $(seq 50); do
			[ "$(procs_naming "$d")" = 0 ] && break
			sleep 0.1
		done
		[ "$(procs_naming "$d")" = 0 ] || left=$((left + 1))
	done
	check "3 starts beside busy loops: each returned with Apache's pid file naming a running Apache ($early did not)" \
	    test "$early" = 0
	check "…and a stop right after each left no process of its run directory ($left left some)" \
	    test "$left" = 0
fi
