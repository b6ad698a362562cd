# t0330 - a FastCGI program started with standard descriptors closed
# (docs/fastcgi.md): fd 0 is the listening socket (FastCGI 1.0), and a
# closed fd 1 or 2 would be the next connection accept(2) makes, so the
# program's log lines would go into the FastCGI stream and break it.  The
# program opens /dev/null on a closed fd 1 and 2 at start, and leaves
# open descriptors alone: fd 0 still listens, an open stderr still gets
# the log.  Started by spawn-fcgi -n (which execs it in place, with the
# descriptors this script gives it), asked by cgi-fcgi.
. "$(dirname "$0")/../lib.sh"
prog=$top/build/fcgi-bin/cookie.fcgi

# ask: one request to the program listening on $sock; its answer in
# $WORK/answer, cgi-fcgi's status in RC.
ask() {
	env -i REQUEST_METHOD=GET GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
	    SCRIPT_NAME=/fcgi-bin/cookie.fcgi REQUEST_URI=/fcgi-bin/cookie.fcgi \
	    HTTP_COOKIE='mycookie=test' \
	    timeout 10 cgi-fcgi -bind -connect "$sock" >"$WORK/answer" 2>"$WORK/cgi-fcgi.err"
	RC=$?
}

# run CASE REDIRECTIONS: starts the program with the shell redirections
# given (e.g. "2>&-"), asks it twice, stops it by its PID.
run() {
	local what=$1 pid i
	sock=$WORK/sock.$RANDOM
	eval "spawn-fcgi -n -s '$sock' -- '$prog' $2 &"
	pid=$!
	for i in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
	for i in 1 2; do
		ask
		check "$what: request $i answered (cgi-fcgi status $RC)" test "$RC" = 0
		check "$what: request $i: Hello Cookie" grep -q '^Hello Cookie$' <(cat "$WORK/answer"; echo)
		check "$what: request $i: no log line in the answer" bash -c "! grep -q 'cgilab\[cookie\]' '$WORK/answer'"
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rm -f "$sock"
}

run "fd 2 closed" "2>&- >'$WORK/out'"
run "fds 1 and 2 closed" ">&- 2>&-"
run "stderr to a file" "2>'$WORK/err' >'$WORK/out'"
check "stderr to a file: the log lines are there" \
    test "$(grep -c 'cgilab\[cookie\]: /fcgi-bin/cookie.fcgi mycookie=test' "$WORK/err")" = 2
