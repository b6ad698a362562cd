# helpers.sh - shell functions the tests (tests/lib.sh) and the bench
# (bench/run, bench/memcheck) share: free loopback ports, running a
# command as Apache's children do, stopping a lab server or a process (a
# redis-server) by its pid file; the Debian mirror of this machine's apt sources (scripts/debian-root,
# scripts/cjson-source).  Sourced by bash scripts; defines functions only.

# free_port: a loopback port nothing listens on, from 20000 up to the
# kernel's ephemeral ports (ip_local_port_range): a port among those may
# be any outgoing connection's own (wrk's, curl's, another test's), and a
# server cannot bind it then.  Where those start at 21024 or below there
# is no room under them: from 20000 to 52767, and a server's start may
# need another port.
free_port() {
	local p lo= hi
	# (hi: the rest of the line)
	read -r lo hi </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null
	case $lo in '' | *[!0-9]*) lo=32768 ;; esac
	[ "$lo" -gt 21024 ] || lo=52768
	while :; do
		p=$((20000 + RANDOM % (lo - 20000)))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}

# free_ports: two different free ports, into PORT and TLS_PORT.
free_ports() {
	PORT=$(free_port)
	TLS_PORT=$(free_port)
	while [ "$TLS_PORT" = "$PORT" ]; do TLS_PORT=$(free_port); done
}

# as_children COMMAND...: runs COMMAND as Apache's children run when
# root (www-data, so that no file SQLite creates is root's), else as is.
as_children() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=www-data --regid=www-data --clear-groups "$@"
	else
		"$@"
	fi
}

# lab_stop_dir DIR: stops the lab server of run directory DIR (scripts/lab
# stop) when its Apache's pid file or a FastCGI pool's is there: the pools
# outlive an Apache that stopped on its own, which removed its pid file.
lab_stop_dir() {
	if [ -s "$1/logs/httpd.pid" ] || compgen -G "$1/fcgi/*.pid" >/dev/null; then
		RUN_DIR=$1 "$(dirname "${BASH_SOURCE[0]}")/lab" stop >/dev/null 2>&1
	fi
	return 0
}

# redis_stop_dir DIR: stops the redis-server whose pid file is
# DIR/redis.pid (SIGCONT too, for one that was paused) and waits until
# it is gone.
redis_stop_dir() {
	[ -s "$1/redis.pid" ] || return 0
	kill -CONT "$(cat "$1/redis.pid")" 2>/dev/null
	stop_pidfile "$1/redis.pid" 100
	rm -f "$1/redis.pid"
}

# stop_pidfile FILE [TENTHS]: SIGTERM to the process FILE names, then
# waits until it is gone, up to TENTHS tenths of a second (150).
stop_pidfile() {
	local pid i=0
	[ -s "$1" ] || return 0
	pid=$(cat "$1")
	kill -TERM "$pid" 2>/dev/null || return 0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt "${2:-150}" ]; do
		i=$((i + 1))
		sleep 0.1
	done
}

# The Debian mirror of this machine's apt sources (the first that is not
# the security archive), and the security archive's, if any.
apt_uris() {
	grep -hoE '^(URIs:|deb) +https?://[^ ]+' /etc/apt/sources.list \
	    /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
	    awk '{print $2}'
}
mirror() {
	apt_uris | grep -E '/debian/?$' | head -n 1
}
security_mirror() {
	apt_uris | grep -E '/debian-security/?$' | head -n 1
}
