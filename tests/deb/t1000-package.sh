# t1000 - the Debian package, as an admin meets it (make test-deb; not part
# of make test: it builds the package and a Debian root, a few minutes).
#
# make deb builds build/cgilab_<version>_<arch>.deb and lintian checks it.
# In a fresh Debian 12 root (scripts/debian-root) with apache2 installed,
# `apt install ./cgilab_*.deb`: the config is enabled by the package, the
# database made, www-data's.  The admin enables mod_cgid and mod_headers
# as README.Debian says; that Apache, started with apache2ctl on a free
# loopback port, serves users.cgi (CRUD, rows in the database), the pages,
# login.cgi and session.cgi.  FastCGI mode, as README.Debian says: the
# package enabled cgilab-fcgi.target; systemd is not PID 1 in the root, so
# tests/socket-unit-run starts each socket the target pulls in, and its
# pool, as the package's units say, and /fcgi-bin/users.fcgi is served
# through mod_proxy_fcgi (a pool process killed is started again).  The
# same package again with a higher version
# is an upgrade that keeps the users.  apt remove keeps the database;
# apt purge (then apt autoremove --purge, for the libraries it brought)
# leaves nothing of cgilab but what Apache and apt keep (logs, module
# links, their records).
. "$(dirname "$0")/../lib.sh"

R=$WORK/root
STATUS=-

if [ "$(id -u)" -ne 0 ]; then
	fail "the package test needs root (a chroot, apt inside it)"
	exit 1
fi

# in_root COMMAND...: COMMAND as root inside the Debian root.
in_root() {
	"$top/scripts/debian-root" run "$R" "$@"
}

# apt_root ARGS...: apt-get in the root, quiet, output in $WORK/apt.out.
apt_root() {
	in_root env DEBIAN_FRONTEND=noninteractive apt-get -y -q \
	    -o DPkg::Lock::Timeout=600 "$@" >"$WORK/apt.out" 2>&1
}

# db_rows: "id=name" a line from the installed database, read in the root
# with Python's sqlite3 (the root has python3, not the sqlite3 shell).
db_rows() {
	in_root python3 -c '
import sqlite3, sys
c = sqlite3.connect("file:/var/lib/cgilab/cgilab.db?mode=ro", uri=True)
for i, n in c.execute("SELECT id, name FROM users ORDER BY id"):
    print("%d=%s" % (i, n))
'
}

stop_apache() {
	stop_pidfile "$R/run/apache2/apache2.pid"
}

# The pools tests/socket-unit-run runs in the root, stopped by its pids
# (in the root's /tmp/pools), as systemd would stop them.
stop_pools() {
	local f
	for f in "$R"/tmp/pools/*.pid; do
		[ -e "$f" ] && stop_pidfile "$f" 300
	done
	return 0
}

start_apache() {
	local i
	in_root apache2ctl start >"$WORK/start.out" 2>&1 || return 1
	for i in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# paths: every path in the root, but the kernel's and the test's own.
paths() {
	(cd "$R" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev \
	    -o -path ./tmp \) -prune -o -print | sort)
}

finish() {
	stop_pools
	stop_apache
	[ -d "$R" ] && "$top/scripts/debian-root" remove "$R"
	cleanup
}
trap finish EXIT

# --- the package, and lintian's view of it
make -s --no-print-directory -C "$top" deb >"$WORK/deb.out" 2>&1
check "make deb builds the package" test $? -eq 0
deb=$(sed -n 's|^cgilab: built ||p' "$WORK/deb.out")
if [ ! -f "$deb" ]; then
	tail -20 "$WORK/deb.out" >&2
	exit 1
fi
version=$(dpkg-deb -f "$deb" Version)
check "the package is named cgilab_<version>_<arch>.deb (${deb##*/})" \
    test "${deb##*/}" = "cgilab_${version}_$(dpkg --print-architecture).deb"
lintian --fail-on error,warning "$deb" >"$WORK/lintian.out" 2>&1
check "lintian: no error, no warning" test $? -eq 0
[ -n "${VERBOSE:-}" ] && cat "$WORK/lintian.out"
check "Depends: apache2 | httpd-cgi, not apache2-bin" \
    bash -c "dpkg-deb -f '$deb' Depends | grep -q '^apache2 | httpd-cgi, ' && ! dpkg-deb -f '$deb' Depends | grep -q apache2-bin"
check "Depends: multiwatch (the FastCGI pools' supervisor)" \
    bash -c "dpkg-deb -f '$deb' Depends | grep -Eq '(^|, )multiwatch(,|\$)'"
check "…and asks for no mod_fcgid, no ext_filter" \
    bash -c "! dpkg-deb -f '$deb' Depends Recommends Suggests | grep -Eiq 'fcgid|ext.filter'"
dpkg-deb -c "$deb" | awk '{print $6}' >"$WORK/contents"
check "the programs in /usr/lib/cgi-bin" grep -qx './usr/lib/cgi-bin/users.cgi' "$WORK/contents"
check "the FastCGI programs in /usr/lib/cgilab" grep -qx './usr/lib/cgilab/users.fcgi' "$WORK/contents"
check "the pages in /usr/share/cgilab" grep -qx './usr/share/cgilab/index.html' "$WORK/contents"
check "the config in /etc/apache2/conf-available" grep -qx './etc/apache2/conf-available/cgilab.conf' "$WORK/contents"
for u in cgilab-fcgi.target cgilab-fcgi@.socket cgilab-fcgi@.service; do
	check "the unit $u in /lib/systemd/system" grep -qx "./lib/systemd/system/$u" "$WORK/contents"
done
check "nothing under /var (no /var/www; /var/lib/cgilab is the postinst's)" \
    bash -c "! grep -q '^\./var' '$WORK/contents'"
dpkg-deb --fsys-tarfile "$deb" |
    tar -xOf - ./etc/apache2/conf-available/cgilab.conf >"$WORK/cgilab.conf"
check "the packaged config has no placeholder left (make install filled it in)" \
    bash -c "! grep -Eq '@[A-Z_]+@' '$WORK/cgilab.conf'"
check "…and carries the security headers in each of its three sections" \
    test "$(grep -c '^ *Header always set X-Content-Type-Options "nosniff"' "$WORK/cgilab.conf")" = 3
check "…and hands users.fcgi to its pool's socket, /run/cgilab/users.sock" \
    grep -qF 'SetHandler "proxy:unix:/run/cgilab/users.sock|fcgi://cgilab-users/"' "$WORK/cgilab.conf"

# --- a fresh Debian 12 with Apache, as the apache2 package leaves it
"$top/scripts/debian-root" create "$R" >"$WORK/root.out" 2>&1
check "scripts/debian-root create makes a Debian 12 root" test $? -eq 0
apt_root update
apt_root install apache2
check "apache2 installs in the root" test $? -eq 0
PORT=$(free_port)
# The root shares this machine's network: Apache listens on a free
# loopback port, not on port 80.
sed -i "s/^Listen 80\$/Listen 127.0.0.1:$PORT/" "$R/etc/apache2/ports.conf"
sed -i "s/<VirtualHost \\*:80>/<VirtualHost *:$PORT>/" "$R/etc/apache2/sites-available/000-default.conf"
paths >"$WORK/before"

# --- apt install ./cgilab_*.deb
cp "$deb" "$R/tmp/"
in_root apt install -y -q -o DPkg::Lock::Timeout=600 "./tmp/${deb##*/}" \
    >"$WORK/install.out" 2>&1
check "apt install ./${deb##*/} succeeds" test $? -eq 0
check "dpkg has cgilab $version installed" \
    test "$(in_root dpkg-query -W -f '${db:Status-Status} ${Version}' cgilab)" = "installed $version"
check "the package enabled its config (a2query -c cgilab)" in_root a2query -q -c cgilab
check "…through apache2-maintscript-helper (marked as enabled by the package)" \
    test -e "$R/var/lib/apache2/conf/enabled_by_maint/cgilab"
check "the postinst says which modules the admin must enable" \
    grep -q 'once mod_cgid (or mod_cgi) and mod_headers are enabled' "$WORK/install.out"
check "/var/lib/cgilab is www-data's, 0750" \
    test "$(stat -c '%U:%G %a' "$R/var/lib/cgilab")" = "www-data:www-data 750"
check "the database is made, www-data's" \
    test "$(stat -c %U "$R/var/lib/cgilab/cgilab.db" 2>/dev/null)" = www-data
check "…with its schema and no users" test "$(db_rows 2>&1)" = ""
check "multiwatch is installed with it" \
    test "$(in_root dpkg-query -W -f '${db:Status-Status}' multiwatch)" = installed
check "the package enabled cgilab-fcgi.target (deb-systemd-helper): a sockets.target want" \
    test "$(readlink "$R/etc/systemd/system/sockets.target.wants/cgilab-fcgi.target")" = /lib/systemd/system/cgilab-fcgi.target
verify_units "$R/lib/systemd/system"
check "the programs are linked dynamically to Debian's SQLite (security updates reach them)" \
    bash -c "readelf -dW '$R/usr/lib/cgi-bin/users.cgi' | grep -q 'NEEDED.*libsqlite3'"
in_root apache2ctl configtest >"$WORK/configtest0.out" 2>&1
check "with Debian's default modules and cgilab enabled, the config parses" \
    grep -q 'Syntax OK' "$WORK/configtest0.out"

# --- what README.Debian tells the admin, then start Apache
in_root a2enmod cgid headers >"$WORK/a2enmod.out" 2>&1
check "a2enmod cgid headers" test $? -eq 0
in_root apache2ctl configtest >"$WORK/configtest.out" 2>&1
check "with mod_cgid and mod_headers, the config parses" grep -q 'Syntax OK' "$WORK/configtest.out"
if ! start_apache; then
	fail "the root's Apache did not start on 127.0.0.1:$PORT"
	cat "$WORK/start.out" "$R/var/log/apache2/error.log" 2>/dev/null | tail -20 >&2
	exit 1
fi
pass "apache2ctl start: the root's Apache answers on 127.0.0.1:$PORT"
BASE=http://127.0.0.1:$PORT
U=$BASE/cgi-bin/users.cgi
J=(-H 'Content-Type: application/json')

# --- users.cgi: create, read, update, delete; the rows in the database
req GET "$U"
expect_status 200 "GET /cgi-bin/users.cgi: 200"
expect_header Content-Type 'application/json; charset=utf-8' "GET list: JSON"
expect_body '{}' "GET list: empty at first"
expect_header X-Content-Type-Options nosniff "users.cgi: nosniff"
req POST "$U" "${J[@]}" --data '{"name":"김철수"}'
expect_status 201 "POST /cgi-bin/users.cgi: 201"
id1=$(jq -r .id "$WORK/body")
expect_header Location "/cgi-bin/users.cgi/$id1" "POST: Location"
req POST "$BASE/user" "${J[@]}" --data '{"name":"영희"}'
expect_status 201 "POST /user (seed path): 201"
id2=$(jq -r .id "$WORK/body")
check "the rows are in /var/lib/cgilab/cgilab.db" \
    test "$(db_rows | tr '\n' ,)" = "$id1=김철수,$id2=영희,"
req GET "$U/$id1"
expect_json . "{\"id\":$id1,\"name\":\"김철수\"}" "GET /cgi-bin/users.cgi/<id>: the user"
req PUT "$U/$id1" "${J[@]}" --data '{"name":"철수2"}'
expect_status 200 "PUT /cgi-bin/users.cgi/<id>: 200"
req POST "$U" "${J[@]}" --data '{"name":"셋"}'
id3=$(jq -r .id "$WORK/body")
req DELETE "$U/$id3"
expect_status 204 "DELETE /cgi-bin/users.cgi/<id>: 204"
req GET "$U/$id3"
expect_error 404 "GET a deleted user: 404 in JSON"
req GET "$BASE/users"
expect_json . "{\"$id1\":\"철수2\",\"$id2\":\"영희\"}" "GET /users: the list after the changes"
check "…and so say the rows" test "$(db_rows | tr '\n' ,)" = "$id1=철수2,$id2=영희,"

# --- the pages
req GET "$BASE/cgilab/"
expect_status 200 "GET /cgilab/: the REST front end"
expect_header Content-Type 'text/html; charset=utf-8' "/cgilab/: text/html; charset=utf-8"
check "/cgilab/ is the front end (loads /restFront.js)" grep -q 'src="/restFront.js"' "$WORK/body"
expect_header Content-Security-Policy "default-src 'self'; script-src 'self'.*" "/cgilab/: the Content-Security-Policy"
req GET "$BASE/restFront.js"
expect_status 200 "GET /restFront.js: 200"
check "/restFront.js is the packaged file" cmp -s "$WORK/body" "$top/htdocs/restFront.js"
req GET "$BASE/about"
check "/about is the about page" cmp -s "$WORK/body" "$top/htdocs/about.html"
req GET "$BASE/cgilab/server2.html"
check "/cgilab/server2.html: Korean intact" cmp -s "$WORK/body" "$top/htdocs/server2.html"
req GET "$BASE/"
expect_status 200 "GET /: still the admin's page (Debian's default site)"
check "…not cgilab's" bash -c "! grep -q restFront '$WORK/body'"

# --- login.cgi and session.cgi
set_cookie() {
	tr -d '\r' <"$WORK/headers" | sed -n "s/^[Ss]et-[Cc]ookie: $1=\\([^;]*\\).*/\\1/p" | tail -1
}
req GET "$BASE/cgi-bin/login.cgi"
expect_status 200 "GET /cgi-bin/login.cgi: the form"
req GET "$BASE/cgi-bin/login.cgi/login?name=x"
expect_status 302 "login.cgi/login?name=x: 302"
check "login.cgi: Set-Cookie name=x" test "$(set_cookie name)" = x
req GET "$BASE/cgi-bin/login.cgi" -H 'Cookie: name=x'
expect_body 'x님 안녕하세요' "login.cgi with the cookie: x님 안녕하세요"
req GET "$BASE/cgi-bin/session.cgi/login?name=x"
expect_status 302 "session.cgi/login?name=x: 302"
sid=$(set_cookie session)
check "session.cgi: a session cookie" test -n "$sid"
req GET "$BASE/cgi-bin/session.cgi" -H "Cookie: session=$sid"
expect_body 'x님 안녕하세요' "session.cgi with the session: x님 안녕하세요"
check "the session is a row in the installed database" \
    test "$(in_root python3 -c 'import sqlite3; print(sqlite3.connect("file:/var/lib/cgilab/cgilab.db?mode=ro", uri=True).execute("SELECT count(*) FROM sessions").fetchone()[0])')" = 1

# --- FastCGI mode, as README.Debian says
in_root a2enmod proxy_fcgi buffer >"$WORK/a2enmod-fcgi.out" 2>&1
check "a2enmod proxy_fcgi buffer" test $? -eq 0
stop_apache
if ! start_apache; then
	fail "the root's Apache did not start again with mod_proxy_fcgi"
	exit 1
fi
F=$BASE/fcgi-bin/users.fcgi
req GET "$F"
expect_error 503 "no pool running yet: /fcgi-bin/users.fcgi is the JSON 503"
cp "$top/tests/socket-unit-run" "$R/tmp/socket-unit-run"
mkdir -p "$R/tmp/pools"
started=0
for u in $(sed -n 's/^Wants=//p' "$R/lib/systemd/system/cgilab-fcgi.target"); do
	in_root python3 /tmp/socket-unit-run --pidfile "/tmp/pools/$u.pid" \
	    --log /tmp/pools/pools.log --stop-timeout 10 /lib/systemd/system "$u" \
	    >"$WORK/not-applied" 2>>"$WORK/pools.err" && started=$((started + 1))
done
check "the five sockets the target pulls in, and their pools, start as the units say" test "$started" = 5
[ -s "$WORK/pools.err" ] && sed 's/^/  pools: /' "$WORK/pools.err"
not_applied=$(sed -n 's/^not emulated: //p' "$WORK/not-applied")
[ -n "$not_applied" ] && skip "the units' sandboxing, applied only by systemd: $not_applied"
check "/run/cgilab/users.sock is www-data's, 0660" \
    test "$(stat -c '%U:%G %a' "$R/run/cgilab/users.sock")" = "www-data:www-data 660"
M=$R/tmp/pools/cgilab-fcgi@users.socket.pid.main
procs=$(pool_procs "$M")
check "users.fcgi's pool: 10 processes" test "$(echo $procs | wc -w)" = 10
check "…www-data's" owned_by www-data $procs
req GET "$F"
expect_status 200 "GET /fcgi-bin/users.fcgi: 200"
expect_json . "{\"$id1\":\"철수2\",\"$id2\":\"영희\"}" "users.fcgi: the users the CGI programs wrote"
expect_header X-Content-Type-Options nosniff "users.fcgi: nosniff"
req POST "$F" "${J[@]}" --data '{"name":"패스트"}'
expect_status 201 "POST /fcgi-bin/users.fcgi: 201"
idf=$(jq -r .id "$WORK/body")
check "…the row is in /var/lib/cgilab/cgilab.db" test "$(db_rows | grep "^$idf=")" = "$idf=패스트"
check "a pool process killed: multiwatch starts another, 10 again" pool_respawn "$M" 10
req DELETE "$F/$idf"
expect_status 204 "…and DELETE /fcgi-bin/users.fcgi/<id> after it: 204"
check "…the row is gone" bash -c "! grep -q '^$idf=' <<<'$(db_rows)'"
# An upgrade restarts the pools (systemd, by the target); here they are
# stopped before it, by their pids.
stop_pools
check "the pools stopped, their sockets removed (RemoveOnStop)" test ! -e "$R/run/cgilab/users.sock"

# --- an upgrade: the same package with a higher version, Apache running
up=$WORK/up
dpkg-deb -R "$deb" "$up"
sed -i "s/^Version: .*/Version: $version+1/" "$up/DEBIAN/control"
dpkg-deb --root-owner-group -b "$up" "$R/tmp/cgilab_${version}+1.deb" >/dev/null
echo '# an admin edit' >>"$R/etc/apache2/conf-available/cgilab.conf"
db_inode=$(stat -c %i "$R/var/lib/cgilab/cgilab.db")
in_root apt install -y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confold \
    "./tmp/cgilab_${version}+1.deb" >"$WORK/upgrade.out" 2>&1
check "apt install of version $version+1 (an upgrade) succeeds" test $? -eq 0
check "dpkg has cgilab $version+1 installed" \
    test "$(in_root dpkg-query -W -f '${Version}' cgilab)" = "$version+1"
check "the upgrade keeps the database file" test "$(stat -c %i "$R/var/lib/cgilab/cgilab.db")" = "$db_inode"
check "…and the admin's edit of the config (a conffile)" grep -q '^# an admin edit$' "$R/etc/apache2/conf-available/cgilab.conf"
check "…and the config enabled" in_root a2query -q -c cgilab
req GET "$BASE/users"
expect_json . "{\"$id1\":\"철수2\",\"$id2\":\"영희\"}" "after the upgrade the users are still there"
req POST "$U" "${J[@]}" --data '{"name":"넷"}'
expect_status 201 "after the upgrade POST still creates: 201"

# --- an admin who disabled the config keeps it disabled across upgrades
in_root a2disconf cgilab >/dev/null 2>&1
sed -i "s/^Version: .*/Version: $version+2/" "$up/DEBIAN/control"
dpkg-deb --root-owner-group -b "$up" "$R/tmp/cgilab_${version}+2.deb" >/dev/null
in_root apt install -y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confold \
    "./tmp/cgilab_${version}+2.deb" >"$WORK/upgrade2.out" 2>&1
check "apt install of version $version+2 succeeds" test $? -eq 0
check "an upgrade leaves a config the admin disabled disabled" \
    test ! -e "$R/etc/apache2/conf-enabled/cgilab.conf"
in_root a2enconf cgilab >/dev/null 2>&1

# --- apt remove keeps the data; apt purge removes everything of cgilab
# (the root's own marker, .cgilab-debian-root, is scripts/debian-root's)
stop_apache
apt_root remove cgilab
check "apt remove cgilab succeeds" test $? -eq 0
check "apt remove: the programs are gone" test ! -e "$R/usr/lib/cgi-bin/users.cgi"
check "apt remove: the config is disabled" bash -c "! test -e '$R/etc/apache2/conf-enabled/cgilab.conf'"
check "apt remove: the database stays, with its users" \
    test "$(db_rows | cut -d= -f2 | tr '\n' ,)" = "철수2,영희,넷,"
apt_root purge cgilab
check "apt purge cgilab succeeds" test $? -eq 0
check "dpkg knows no cgilab" bash -c "! '$top/scripts/debian-root' run '$R' dpkg-query -W cgilab 2>/dev/null"
check "no file of the root belongs to cgilab (dpkg -S)" \
    bash -c "! '$top/scripts/debian-root' run '$R' dpkg -S cgilab >/dev/null 2>&1"
check "apt purge: /var/lib/cgilab and the database are gone" test ! -e "$R/var/lib/cgilab"
(cd "$R" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev -o -path ./tmp \) -prune \
    -o -name '*cgilab*' ! -path ./.cgilab-debian-root -print) >"$WORK/named"
check "no path in the root is named *cgilab*" test ! -s "$WORK/named"
[ -s "$WORK/named" ] && sed 's/^/  left: /' "$WORK/named"
# The libraries apt installed for cgilab go as apt says they may.
apt_root autoremove --purge
check "apt autoremove --purge (the libraries installed for cgilab) succeeds" test $? -eq 0
paths >"$WORK/after"
comm -13 "$WORK/before" "$WORK/after" >"$WORK/added"
comm -23 "$WORK/before" "$WORK/after" >"$WORK/removed"
# What Apache and apt keep: logs, Apache's run-time files and records of
# enabled modules (the admin's a2enmod), apt's and dpkg's own records.
grep -Ev '^\./(var/log|run/apache2|run/lock/apache2|var/lib/apache2|var/cache/apt|var/lib/apt|var/lib/dpkg|etc/apache2/mods-enabled|var/cache/debconf)(/|$)' \
    "$WORK/added" >"$WORK/left"
check "after purge nothing is left but Apache's and apt's own files" test ! -s "$WORK/left"
[ -s "$WORK/left" ] && sed 's/^/  left: /' "$WORK/left"
check "install and purge removed nothing that was there before" test ! -s "$WORK/removed"
[ -s "$WORK/removed" ] && sed 's/^/  removed: /' "$WORK/removed"
exit 0
