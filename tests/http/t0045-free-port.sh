# t0045 - free_port (scripts/helpers.sh), which the tests and the bench
# use to put a server on loopback, gives ports a server can bind: below
# the kernel's range of ephemeral ports (ip_local_port_range), where any
# outgoing connection (wrk's, curl's, a test's running beside this one)
# may hold the port as its own, and Apache's bind then fails ("Address
# already in use"), nothing listening on it or not.
. "$(dirname "$0")/../lib.sh"
read -r lo hi </proc/sys/net/ipv4/ip_local_port_range
if [ "$lo" -le 21024 ]; then
	skip "the ephemeral ports start at $lo: no room below them"
	exit 0
fi
in_range=0
for _ in $(seq 300); do
	p=$(free_port)
	[ "$p" -ge "$lo" ] && [ "$p" -le "$hi" ] && in_range=$((in_range + 1))
done
check "300 ports from free_port, none of them ephemeral ($lo-$hi): $in_range were" \
    test "$in_range" -eq 0
free_ports
check "free_ports: two different ports ($PORT, $TLS_PORT)" test "$PORT" != "$TLS_PORT"
