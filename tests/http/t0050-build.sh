# t0050 - how make links the programs (docs/performance.md, "Cost"): each CGI
# program is a static PIE with full RELRO (no dynamic loader at each
# exec; cJSON from Debian's source, fetched by make deps), the programs
# that never open a store carry neither back end, and a static program
# answers.  The FastCGI programs stay dynamically linked.
. "$(dirname "$0")/../lib.sh"
cgi=$top/build/cgi-bin
fcgi=$top/build/fcgi-bin

no_interp() {
	! readelf -lW "$1" | grep -q ' INTERP '
}
no_needed() {
	! readelf -dW "$1" | grep -q '(NEEDED)'
}

check "cJSON's Debian source is in .deps/ (make deps fetched it)" \
    test -s "$top/.deps/cjson-$(dpkg-query -W -f='${Version}' libcjson-dev)/cJSON.c"
for p in hello cookie users login session; do
	f=$cgi/$p.cgi
	check "$p.cgi: no dynamic loader (static)" no_interp "$f"
	check "$p.cgi: no shared library needed" no_needed "$f"
	check "$p.cgi: position-independent (ASLR)" \
	    bash -c "readelf -hW '$f' | grep -q 'Type:.*DYN'"
	check "$p.cgi: read-only after relocation (RELRO)" \
	    bash -c "readelf -lW '$f' | grep -q GNU_RELRO"
	check "$p.cgi: non-executable stack" \
	    bash -c "readelf -lW '$f' | grep GNU_STACK | grep -qv RWE"
done
for p in hello cookie login; do
	check "$p.cgi: links no SQLite" bash -c "! nm '$cgi/$p.cgi' | grep -q ' T sqlite3_open_v2\$'"
	check "$p.cgi: links no hiredis" bash -c "! nm '$cgi/$p.cgi' | grep -q ' T redisConnectWithTimeout\$'"
done
for p in users session; do
	check "$p.cgi: links SQLite and hiredis (the store)" \
	    bash -c "nm '$cgi/$p.cgi' | grep -q ' T sqlite3_open_v2\$' && nm '$cgi/$p.cgi' | grep -q ' T redisConnectWithTimeout\$'"
done
# nettle's start probes the processor (cpuid) at every execution: only
# the program that keeps sessions links it (their ids' SHA-256).
for p in hello cookie users login; do
	check "$p.cgi: links no SHA-256 (nettle)" bash -c "! nm '$cgi/$p.cgi' | grep -q ' T nettle_sha256_digest\$'"
done
check "session.cgi: links SHA-256 (nettle)" bash -c "nm '$cgi/session.cgi' | grep -q ' T nettle_sha256_digest\$'"
check "users.fcgi: dynamically linked (a long-lived process)" \
    bash -c "readelf -lW '$fcgi/users.fcgi' | grep -q ' INTERP '"

# The static program answers: a new database, a user, the list.
db=$WORK/db/t.db
mkdir -p "$WORK/db"
: >"$db"	# as scripts/lab makes it: no program makes a database
cgi_run() {
	env -i CGILAB_DB="$db" GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
	    SCRIPT_NAME=/cgi-bin/users.cgi "$@" "$cgi/users.cgi"
}
body='{"name":"정적"}'
out=$(printf '%s' "$body" | cgi_run REQUEST_METHOD=POST \
    CONTENT_TYPE=application/json CONTENT_LENGTH="$(printf '%s' "$body" | wc -c)")
check "static users.cgi: POST answers 201" bash -c "[[ '$out' == 'Status: 201 Created'* ]]"
out=$(cgi_run REQUEST_METHOD=GET </dev/null)
check "static users.cgi: GET lists the user" bash -c "[[ \"\$1\" == *'{\"1\":\"정적\"}' ]]" _ "$out"
check "…and the row is in the database" test "$(sqlite3 "$db" 'SELECT name FROM users')" = 정적
