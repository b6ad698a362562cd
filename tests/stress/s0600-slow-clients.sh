# s0600 - slow clients do not take the lab server down (docs/reliability.md
# F17, "Slow clients"): Debian's slowhttptest holds 400 connections,
# opening 100 a second, sending headers a line every 10 s (slowloris) or
# a body of 8192 bytes a few at a time (R-U-Dead-Yet), while a curl probe
# every 2 s (-m 5) asks for hello.cgi; at least 95% of the probes get
# 200 within 5 s.  The slow bodies go to users.cgi, and (fbody) to
# users.fcgi, whose pool has far fewer processes than the attack has
# connections: there the probe asks users.fcgi.
#
# SLOW_SECONDS (20) is how long each attack lasts; SLOW_CASES which run
# (all: slow headers and slow bodies, each on the HTTP and the HTTPS port,
# and slow bodies to the FastCGI program; or a list such as "body:http
# headers:https fbody:http").  The figures in
# docs/reliability.md come from SLOW_SECONDS=60.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/table.sh"
SECONDS_EACH=${SLOW_SECONDS:-20}
CASES=${SLOW_CASES:-all}
[ "$CASES" = all ] && CASES="headers:http headers:https body:http body:https fbody:http"
if ! command -v slowhttptest >/dev/null; then
	fail "slowhttptest is not installed (make deps)"
	exit 1
fi
lab_start

# attack FORM SCHEME: slowhttptest for SECONDS_EACH seconds against the
# server while probing; sets OK, PROBES and STATUS (the last probe's).
attack() {
	local form=$1 scheme=$2 base probe args pid start n=0 ok=0 code i
	if [ "$scheme" = https ]; then base=https://127.0.0.1:$TLS_PORT; else base=$BASE; fi
	probe=$base/cgi-bin/hello.cgi
	case $form in
	headers) args=(-H -c 400 -i 10 -r 100 -u "$base/cgi-bin/hello.cgi") ;;
	body) args=(-B -c 400 -i 10 -r 100 -s 8192 -u "$base/cgi-bin/users.cgi") ;;
	fbody)
		args=(-B -c 400 -i 10 -r 100 -s 8192 -u "$base/fcgi-bin/users.fcgi")
		probe=$base/fcgi-bin/users.fcgi ;;
	esac
	timeout $((SECONDS_EACH + 30)) slowhttptest "${args[@]}" -l "$SECONDS_EACH" \
	    >"$WORK/slow-$form-$scheme.out" 2>&1 &
	pid=$!
	# Once the attack has its connections (4 s at 100 a second), probe
	# every 2 s until it ends.
	sleep 4
	start=$SECONDS
	while [ $((SECONDS - start)) -lt $((SECONDS_EACH - 4)) ]; do
		code=$(curl -k -s -o /dev/null -m 5 -w '%{http_code}' "$probe")
		n=$((n + 1))
		[ "$code" = 200 ] && ok=$((ok + 1))
		echo "$((SECONDS - start)) $code" >>"$WORK/probes-$form-$scheme"
		sleep 2
	done
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	OK=$ok PROBES=$n
	echo "$TEST_NAME: slowhttptest ${args[*]} -l $SECONDS_EACH: $ok of $n probes answered 200 within 5 s"
	grep -E 'connected|closed|pending|service available' "$WORK/slow-$form-$scheme.out" | tail -n 4 |
	    sed -e 's/\x1b\[[0-9;]*m//g' -e "s/^/$TEST_NAME:   /"
}

for c in $CASES; do
	attack "${c%%:*}" "${c##*:}"
	# expect_answer F17 asserts the status 200 of the row; the share is
	# checked here.
	STATUS=$([ $((OK * 100)) -ge $((PROBES * 95)) ] && [ "$PROBES" -gt 0 ] && echo 200 || echo "$OK/$PROBES")
	: >"$WORK/body"
	expect_answer F17
	check "slow ${c%%:*} on ${c##*:}: at least 95% of probes answered 200 within 5 s ($OK of $PROBES)" \
	    test $((OK * 100)) -ge $((PROBES * 95)) -a "$PROBES" -gt 0
done

req GET "$BASE/cgi-bin/hello.cgi"
expect_status 200 "after the attacks, the server answers"
check "the slow connections were cut with a 408 (access log)" \
    grep -q '" 408 ' "$RUN/logs/access.log"
