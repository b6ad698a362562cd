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
# the run directory.  Apache's daemon writes that file after it detached
# (setsid) and read its configuration a second time, while its ports
# answer from the first reading.  Here the real Apache, through a wrapper
# first in PATH, pauses a second in setsid (tests/slow-detach.c), as on
# a loaded machine.  The second half: a pid file left from an Apache that
# did not stop (a reboot, kill -9) may name another process by now; the
# lab neither lets it stop its start nor signals it.  CGI mode only: the
# FastCGI mode's lab starts and stops Apache the same way.
if [ "$MODE" = cgi ]; then
	apache=
	for a in apache2 httpd /usr/sbin/apache2 /usr/sbin/httpd; do
		if command -v "$a" >/dev/null 2>&1; then
			apache=$(readlink -f "$(command -v "$a")")
			break
		fi
	done
	wrap=$(realpath "$WORK")/slow
	mkdir "$wrap"
	cc -Wall -Wextra -Werror -O2 -shared -fPIC -o "$wrap/slow-detach.so" \
	    "$top/tests/slow-detach.c" || fail "tests/slow-detach.c did not build"
	wrap_program "$wrap" apache2 "LD_PRELOAD=$(printf %q "$wrap/slow-detach.so"); export LD_PRELOAD" \
	    "$apache"
	# quick_start DIR: scripts/lab start through the wrapper, on free
	# ports (three tries: another test may take a port first).
	quick_start() {
		local tries
		for tries in 1 2 3; do
			free_ports
			PATH=$wrap:$PATH RUN_DIR=$1 PORT=$PORT TLS_PORT=$TLS_PORT \
			    "$top/scripts/lab" start >"$WORK/quick.out" 2>&1 && return 0
			grep -q 'in use' "$WORK/quick.out" || break
		done
		cat "$WORK/quick.out" >&2
		return 1
	}
	# apache_of DIR: true when DIR's pid file names an Apache running
	# with -d DIR.
	apache_of() {
		local pid
		pid=$(cat "$1/logs/httpd.pid" 2>/dev/null) &&
		    [ "$(readlink "/proc/$pid/exe")" = "$apache" ] &&
		    tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "$1"
	}
	early=0 left=0 counted=0
	for i in 1 2; do
		d=$(realpath "$WORK")/quick$i
		SERVERS+=("$d")
		if quick_start "$d"; then
			apache_of "$d" || early=$((early + 1))
		else
			early=$((early + 1))
		fi
		[ "$(procs_naming "$d")" = 0 ] || counted=$((counted + 1))
		RUN_DIR=$d "$top/scripts/lab" stop >/dev/null 2>&1
		gone_within 5 "$d" || left=$((left + 1))
	done
	check "2 starts with a slow daemon: each returned with Apache's pid file naming it ($early did not)" \
	    test "$early" = 0
	check "…Apache's processes were seen while it ran ($counted of 2)" test "$counted" = 2
	check "…and a stop right after each left no process of its run directory ($left left some)" \
	    test "$left" = 0

	# The other process: a session, and so a process group, of its own
	# (as another service's), so that nothing sent to a group it is in
	# can reach this script.  Apache's pid file and a pool's name it.
	setsid sleep 60 &
	other=$!
	d=$(realpath "$WORK")/stale
	SERVERS+=("$d")
	mkdir -p "$d/logs" "$d/fcgi"
	echo "$other" >"$d/logs/httpd.pid"
	echo "$other" >"$d/fcgi/users.pid"
	quick_start "$d"
	rc=$?
	check "pid files naming another process: scripts/lab start starts Apache (exit $rc)" \
	    test "$rc" = 0
	check "…whose pid file then names it" apache_of "$d"
	check "…and the other process was not signalled" kill -0 "$other"
	RUN_DIR=$d "$top/scripts/lab" stop >/dev/null 2>&1
	echo "$other" >"$d/logs/httpd.pid"
	echo "$other" >"$d/fcgi/users.pid"
	RUN_DIR=$d "$top/scripts/lab" stop >"$WORK/stale.out" 2>&1
	rc=$?
	check "…scripts/lab stop on such pid files says nothing runs (exit $rc)" \
	    bash -c "[ $rc -ne 0 ] && grep -q 'is the server running' '$WORK/stale.out'"
	check "…and the other process was never signalled" kill -0 "$other"
	kill "$other" 2>/dev/null
	wait "$other" 2>/dev/null || true

	# Apache's parent killed (kill -9): its children, in its process
	# group, go on serving; scripts/lab stop ends them too.
	d=$(realpath "$WORK")/killed
	SERVERS+=("$d")
	quick_start "$d"
	kill -KILL "$(cat "$d/logs/httpd.pid")"
	RUN_DIR=$d "$top/scripts/lab" stop >/dev/null 2>&1
	check "Apache's parent killed: scripts/lab stop leaves no process of the run directory" \
	    gone_within 5 "$d"

	# As root, a run directory another user owns is not used: the lab
	# runs in /var/tmp/cgilab-<cksum of its path> instead, which another
	# user may have made in advance; scripts/lab stop then acts in
	# neither.
	if [ "$(id -u)" -eq 0 ]; then
		d=$(realpath "$WORK")/theirs
		mkdir "$d"
		chown nobody "$d"
		fb=/var/tmp/cgilab-$(printf '%s' "$d" | cksum | cut -d' ' -f1)
		mkdir "$fb"
		chown nobody "$fb"
		RUN_DIR=$d "$top/scripts/lab" stop >"$WORK/theirs.out" 2>&1
		rc=$?
		check "as root, scripts/lab stop where another user made the run directory refuses (exit $rc)" \
		    bash -c "[ $rc -ne 0 ] && grep -q 'another user may have made or changed it' '$WORK/theirs.out'"
		rm -rf -- "$fb"
	fi

	# An Apache that has written no pid file when the start's 10 s are up
	# (held 12 s in setsid): the start fails, saying so, and stops it all
	# the same.  (Whatever it left is stopped here, by pid.)
	d=$(realpath "$WORK")/late
	SERVERS+=("$d")
	free_ports
	SLOW_DETACH_MS=12000 PATH=$wrap:$PATH RUN_DIR=$d PORT=$PORT TLS_PORT=$TLS_PORT \
	    "$top/scripts/lab" start >"$WORK/late.out" 2>&1
	rc=$?
	check "Apache without a pid file after 10 s: scripts/lab start fails, saying so (exit $rc)" \
	    bash -c "[ $rc -ne 0 ] && grep -q 'no pid file within 10 s' '$WORK/late.out'"
	check "…and leaves no process of its run directory" gone_within 5 "$d"
	kill_naming "$d"

	# The modes of what the lab makes are its own, whatever the umask it
	# was started with: under umask 000 another user could otherwise
	# replace a program in cgi-bin, or a log Apache's parent writes.
	d=$(realpath "$WORK")/umask
	SERVERS+=("$d")
	mask=$(umask)
	umask 000
	quick_start "$d"
	rc=$?
	umask "$mask"
	curl -s -o /dev/null "http://127.0.0.1:$PORT/cgi-bin/users.cgi" || true
	writable=$(find "$d" -perm /022 ! -type l -printf '%m %p\n' 2>/dev/null | head -n 5)
	check "started under umask 000 (exit $rc): nothing in the run directory may be written by others (${writable:-none})" \
	    test "$rc" = 0 -a -z "$writable"
	RUN_DIR=$d "$top/scripts/lab" stop >/dev/null 2>&1
fi

# A lab started by an ordinary user (nobody here): other users can neither
# read its database nor take the writers' turn (the lock file beside it)
# and so stall every write.
if [ "$MODE" = cgi ] && [ "$(id -u)" -eq 0 ]; then
	as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	d=$(realpath "$WORK")/nobodys
	mkdir -m 0755 "$d"
	chown nobody:nogroup "$d"
	if ! "${as_nobody[@]}" test -x "$top/scripts/lab" -a -r "$top/build/cgi-bin/users.cgi"; then
		skip "nobody cannot reach $top (a checkout in a private directory)"
	else
		free_ports
		"${as_nobody[@]}" env RUN_DIR="$d/run" PORT="$PORT" TLS_PORT="$TLS_PORT" \
		    "$top/scripts/lab" start >"$WORK/nobody.out" 2>&1
		rc=$?
		check "nobody starts a lab of its own (exit $rc)" test "$rc" = 0
		req POST "http://127.0.0.1:$PORT/cgi-bin/users.cgi" -H 'Content-Type: application/json' \
		    --data '{"name":"nobody"}'
		expect_status 201 "…which writes a user"
		modes=$(stat -c '%a %n' "$d/run/db" "$d/run/db/cgilab.db-writer" 2>&1)
		check "…its database directory and writers' lock are nobody's alone ($modes)" \
		    test "$(stat -c %a "$d/run/db" "$d/run/db/cgilab.db-writer" 2>/dev/null | tr '\n' ' ')" = "700 600 "
		"${as_nobody[@]}" env RUN_DIR="$d/run" "$top/scripts/lab" stop >/dev/null 2>&1
		check "…and stops it" gone_within 5 "$d/run"
		kill_naming "$d/run"
	fi
fi
