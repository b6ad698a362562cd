# t0520 - as root, the lab never writes through a directory another user
# could have made or changed (docs/lab.md, "The run directory";
# docs/reliability.md F13): when the children cannot reach RUN_DIR, the
# fallback /var/tmp/cgilab-<cksum> is made by root, or refused when it
# is already there and not root's alone; a RUN_DIR below another user's
# directory is not used; and scripts/lab stop signals no pid that such a
# directory names.  The attacks are planted as nobody.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/table.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "$TEST_NAME: skipped: the attacks on root's run directory need root"
	exit 0
fi
nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups)

# A RUN_DIR the children cannot reach: under a directory closed to them.
mkdir -m 0700 "$WORK/closed"
want=$WORK/closed/run
FB=/var/tmp/cgilab-$(printf '%s' "$want" | cksum | cut -d' ' -f1)
rm -rf "$FB"
# stop_fb: stops a server that started in $FB all the same (by the pid
# file its root parent wrote there), then removes $FB.
stop_fb() {
	local pid i
	if [ -f "$FB/logs/httpd.pid" ] && [ "$(stat -c %u "$FB/logs/httpd.pid")" = 0 ]; then
		pid=$(cat "$FB/logs/httpd.pid")
		kill -TERM "$pid" 2>/dev/null
		for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	fi
	rm -rf "$FB"
}
cleanup_fb() {
	stop_fb
	[ -n "${sleeper:-}" ] && kill "$sleeper" 2>/dev/null
	cleanup
}
trap cleanup_fb EXIT

# A root-only file the attacks aim at.
printf 'secret\n' >"$WORK/target"
chmod 0600 "$WORK/target"
cp "$WORK/target" "$WORK/target.orig"

# start_lab: scripts/lab start with RUN_DIR=$want; sets OUT and RC.
start_lab() {
	local tries
	for tries in 1 2 3; do
		free_ports
		OUT=$(RUN_DIR=$want PORT=$PORT TLS_PORT=$TLS_PORT "$top/scripts/lab" start 2>&1)
		RC=$?
		# (Another test may take a free port first.)
		[[ $OUT == *"already in use"* ]] || break
	done
	STATUS=$RC
	printf '%s\n' "$OUT" >"$WORK/body"
}

# 1. nobody made the fallback first, with a link where root writes.
"${nobody[@]}" sh -c "mkdir -p '$FB/logs' && ln -s '$WORK/target' '$FB/logs/configtest.log'"
check "nobody owns the planted $FB" test "$(stat -c %U "$FB")" = nobody
start_lab
check "a fallback made by nobody is refused (status $RC)" test "$RC" -ne 0
check "…saying whose it is and what to do" grep -q "belongs to uid $(id -u nobody).*rm -rf $FB" "$WORK/body"
check "the root-owned file behind the link is untouched" cmp -s "$WORK/target" "$WORK/target.orig"
check "no server started on the refused directory" test ! -e "$FB/logs/httpd.pid"
stop_fb

# 2. The fallback is a link (to a directory of root's).
mkdir -m 0755 "$WORK/rootdir"
"${nobody[@]}" ln -s "$WORK/rootdir" "$FB"
start_lab
check "a fallback that is a symbolic link is refused (status $RC)" test "$RC" -ne 0
check "nothing was written through the link" test -z "$(ls -A "$WORK/rootdir")"
[ "$RC" = 0 ] && RUN_DIR=$WORK/rootdir "$top/scripts/lab" stop >/dev/null 2>&1
rm -f "$FB"

# 3. root's own, but others may write it.
mkdir -m 0777 "$FB"
start_lab
check "a fallback others may write is refused (status $RC)" test "$RC" -ne 0
check "…saying so" grep -q "may be written by others" "$WORK/body"
stop_fb

# 4. Nothing there: root makes it, and it serves.
start_lab
check "with no fallback there, the lab starts (status $RC)" test "$RC" = 0
check "…and says it uses $FB" grep -q "using $FB instead" "$WORK/body"
check "$FB is root's, mode 755, a directory" test "$(stat -c '%U %a %F' "$FB")" = "root 755 directory"
req GET "http://127.0.0.1:$PORT/cgi-bin/hello.cgi"
expect_status 200 "the lab serves from the fallback"
check "scripts/lab stop finds it by the same RUN_DIR" env RUN_DIR="$want" "$top/scripts/lab" stop
check "and it is stopped" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null"
# Started again, the one left by the first run is root's and is used.
start_lab
check "started again, root's own fallback is used (status $RC)" test "$RC" = 0
RUN_DIR=$want "$top/scripts/lab" stop

# 5. A RUN_DIR below nobody's directory is not used, though the children
# could reach it: nobody could swap it for a link.
mkdir -m 0755 "$WORK/nobodys"
chown nobody "$WORK/nobodys"
out=$(RUN_DIR=$WORK/nobodys/run PORT=$(free_port) TLS_PORT=$(free_port) "$top/scripts/lab" start 2>&1)
rc=$?
check "a RUN_DIR under nobody's directory is not used (status $rc)" \
    test ! -e "$WORK/nobodys/run" -a ! -e "$WORK/nobodys/other/logs"
[ $rc = 0 ] && RUN_DIR=$WORK/nobodys/run "$top/scripts/lab" stop >/dev/null 2>&1
rm -rf "/var/tmp/cgilab-$(printf '%s' "$WORK/nobodys/run" | cksum | cut -d' ' -f1)"

# 6. stop signals no pid from a pid file another user could have written.
sleep 60 &
sleeper=$!
"${nobody[@]}" sh -c "mkdir -p '$WORK/nobodys/other/logs' && echo $sleeper >'$WORK/nobodys/other/logs/httpd.pid'"
RUN_DIR=$WORK/nobodys/other "$top/scripts/lab" stop >"$WORK/body" 2>&1
STATUS=$?
expect_answer F13
check "the process named by nobody's pid file is still running" kill -0 "$sleeper"
