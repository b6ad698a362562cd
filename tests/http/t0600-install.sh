# t0600 - make install into an existing Debian Apache (docs/install.md):
# install into a staged root with DESTDIR, run Apache there with Debian's
# own apache2.conf layout, and check what an admin would: the REST
# resource and the chapter's paths, the pages, the headers, login and
# sessions, and the same programs in FastCGI mode at /fcgi-bin/
# (mod_proxy_fcgi, enabled as install says; without it the config still
# loads) from the pools the installed systemd units describe, HTTP/2
# bodies of no length included; that a
# second install keeps the database; and that uninstall leaves nothing but
# the database.
#
# The staged root $ROOT is a small Debian: /etc/apache2 copied from this
# machine's apache2 package (apache2.conf, ports.conf, envvars, the
# *-available directories), with the package's default modules, confs and
# site enabled by symlinks as a2enmod/a2enconf/a2ensite make them, plus
# the modules install tells the admin to enable; an admin's own page in
# /var/www/html; an empty /usr/lib/cgi-bin; systemd's unit directories.
# Apache is not chrooted, so
# the absolute paths in the config files it reads (apache2.conf, the
# default site, serve-cgi-bin.conf and the installed cgilab.conf) are
# rewritten to point into $ROOT (into_root below): the one change made to
# what install wrote.  ports.conf listens on a free loopback port; the
# run, lock and log directories (${APACHE_...} in apache2.conf) are set
# through the environment, outside $ROOT, so that $ROOT holds only what
# the package and install put there.
#
# systemd is not PID 1 here: the pools are started by
# tests/socket-unit-run, which reads the installed units and does what
# they say (the socket's path, owner and mode on fd 0, the service's user,
# environment and command), as systemd would, and stops them by its pid;
# systemd-analyze verify checks the units as systemd reads them.  Their
# sockets, under /run (a tmpfs) on a real machine, are in $STATE here.
. "$(dirname "$0")/../lib.sh"

ROOT=$WORK/root
A=$ROOT/etc/apache2
STATE=$WORK/apache
STOCK=/etc/apache2
DB=$ROOT/var/lib/cgilab/cgilab.db
STATUS=- # fail() reports the last answer; there is none before Apache runs

if [ ! -f "$STOCK/apache2.conf" ] || [ ! -d "$STOCK/mods-available" ]; then
	fail "Debian's Apache config is not in $STOCK (make deps installs apache2)"
	exit 1
fi

# The modules, confs and site the apache2 package enables on install.
DEBIAN_MODS="access_compat alias auth_basic authn_core authn_file authz_core
    authz_host authz_user autoindex deflate dir env filter mime mpm_event
    negotiation reqtimeout setenvif status"
DEBIAN_CONFS="charset localized-error-pages other-vhosts-access-log security
    serve-cgi-bin"

# a2enmod MODULE: the .load and .conf links, and those of the modules its
# .load names on a "# Depends:" line.
a2enmod() {
	local m=$1 ext dep
	[ -f "$A/mods-available/$m.load" ] || { fail "no module $m in $STOCK/mods-available"; return; }
	[ -L "$A/mods-enabled/$m.load" ] && return
	for dep in $(sed -n 's/^# Depends: *//p' "$A/mods-available/$m.load"); do
		a2enmod "$dep"
	done
	for ext in load conf; do
		[ -f "$A/mods-available/$m.$ext" ] &&
		    ln -s "../mods-available/$m.$ext" "$A/mods-enabled/$m.$ext"
	done
	return 0
}

a2enconf() {
	ln -sf "../conf-available/$1.conf" "$A/conf-enabled/$1.conf"
}

# into_root FILE...: the paths the files name under /usr/lib/cgi-bin,
# /usr/lib/cgilab, /usr/share/cgilab, /var/www and /var/lib/cgilab, moved
# into $ROOT.
into_root() {
	sed -i -E -e "s#([\" =])(/usr/lib/cgi-bin|/usr/lib/cgilab|/usr/share/cgilab|/var/www|/var/lib/cgilab)#\\1$ROOT\\2#g" \
	    -e "s#/run/cgilab/#$STATE/sock/#g" "$@"
}

apache() {
	(
		export APACHE_CONFDIR=$A
		. "$A/envvars"
		export APACHE_RUN_DIR=$STATE/run APACHE_LOCK_DIR=$STATE/lock \
		    APACHE_LOG_DIR=$STATE/log APACHE_PID_FILE=$STATE/run/apache2.pid
		if [ "$(id -u)" -ne 0 ]; then
			APACHE_RUN_USER=$(id -un) APACHE_RUN_GROUP=$(id -gn)
		fi
		exec apache2 -d "$A" -f "$A/apache2.conf" "$@"
	)
}

stop_apache() {
	stop_pidfile "$STATE/run/apache2.pid"
}
# pools_start: every socket the target pulls in, with its service, from
# the installed units (paths moved into $ROOT; not root, as this user:
# User= and the socket's owner cannot be applied); the directives not
# applied, in $WORK/not-applied.
pools_start() {
	local u units=$WORK/units
	rm -rf "$units"
	mkdir -p "$units" "$STATE/pools"
	cp "$ROOT"/lib/systemd/system/cgilab-fcgi* "$units/"
	into_root "$units"/*
	[ "$(id -u)" -eq 0 ] || sed -i -E '/^(User|Group|SocketUser|SocketGroup)=/d' "$units"/*
	for u in $(sed -n 's/^Wants=//p' "$units/cgilab-fcgi.target"); do
		"$top/tests/socket-unit-run" --pidfile "$STATE/pools/$u.pid" \
		    --log "$STATE/log/pools.log" --stop-timeout 10 "$units" "$u" \
		    >"$WORK/not-applied" 2>>"$STATE/log/pools.log" || return 1
	done
}

# pool_stop UNIT: stops one socket and its pool, by the launcher's pid.
pool_stop() {
	stop_pidfile "$STATE/pools/$1.pid" 300
}

pools_stop() {
	local f
	for f in "$STATE"/pools/*.pid; do
		[ -e "$f" ] && pool_stop "$(basename "$f" .pid)"
	done
	return 0
}
trap 'pools_stop; stop_apache; cleanup' EXIT

# installed_as SRC DST MODE: DST is a copy of SRC with mode MODE.
installed_as() {
	cmp -s "$1" "$2" && [ "$(stat -c %a "$2")" = "$3" ]
}

# conf_has STRING: the installed cgilab.conf holds STRING.
conf_has() {
	grep -qF -- "$1" "$CONF"
}

# only_db_added: the paths uninstall left beyond those there before
# install are the database directory and its files, and there are some.
only_db_added() {
	[ -s "$WORK/added" ] && ! grep -Evq '^\./var/lib/cgilab(/|$)' "$WORK/added"
}

# --- the machine before cgilab: Debian's Apache, as the package leaves it
mkdir -p "$A/mods-enabled" "$A/conf-enabled" "$A/sites-enabled" \
    "$A/conf-available" "$ROOT/usr/lib/cgi-bin" "$ROOT/usr/share" "$ROOT/var/www/html" \
    "$ROOT/var/lib" "$ROOT/lib/systemd/system" "$ROOT/etc/systemd/system" \
    "$STATE/run/socks" "$STATE/lock" "$STATE/log"
cp -p "$STOCK/apache2.conf" "$STOCK/ports.conf" "$STOCK/envvars" "$A/"
[ -f "$STOCK/magic" ] && cp -p "$STOCK/magic" "$A/"
cp -pR "$STOCK/mods-available" "$STOCK/sites-available" "$A/"
for f in "$STOCK"/conf-available/*.conf; do
	# A cgilab.conf of this machine's own is not Debian's.
	[ "${f##*/}" = cgilab.conf ] || cp -p "$f" "$A/conf-available/"
done
for m in $DEBIAN_MODS; do a2enmod "$m"; done
for c in $DEBIAN_CONFS; do a2enconf "$c"; done
ln -s ../sites-available/000-default.conf "$A/sites-enabled/000-default.conf"
into_root "$A/apache2.conf" "$A/conf-available/serve-cgi-bin.conf"
echo '<p>the admin site</p>' >"$ROOT/var/www/html/index.html"
chmod -R a+rX "$ROOT"
(cd "$ROOT" && find . | sort) >"$WORK/before"

# --- make install
make -s --no-print-directory -C "$top" install DESTDIR="$ROOT" >"$WORK/install.out" 2>&1
check "make install DESTDIR=… succeeds" test $? -eq 0
check "install prints: a2enmod cgid headers alias env mime dir" grep -q '^ *a2enmod cgid headers alias env mime dir$' "$WORK/install.out"
check "install prints: a2enconf cgilab" grep -q '^ *a2enconf cgilab$' "$WORK/install.out"
check "install prints: systemctl reload apache2" grep -q 'systemctl reload apache2' "$WORK/install.out"
check "install prints: apache2ctl graceful" grep -q 'apache2ctl graceful' "$WORK/install.out"
check "install prints the TLS modules (ssl http2)" grep -q 'a2enmod ssl http2' "$WORK/install.out"
check "install notes RHEL's layout" grep -q '/etc/httpd/conf.d' "$WORK/install.out"
check "install notes a source build's layout" grep -q '/usr/local/apache2' "$WORK/install.out"
check "install prints FastCGI mode's package: multiwatch" grep -q 'apt-get install multiwatch' "$WORK/install.out"
check "install prints: systemctl enable --now cgilab-fcgi.target" \
    grep -q '^ *systemctl enable --now cgilab-fcgi.target$' "$WORK/install.out"
check "install prints: a2enmod proxy_fcgi buffer" grep -q '^ *a2enmod proxy_fcgi buffer$' "$WORK/install.out"
check "install says the static programs need make install after a security update" \
    grep -q 'run make install again' "$WORK/install.out"
check "…and installs static programs" bash -c "readelf -lW '$ROOT/usr/lib/cgi-bin/users.cgi' >'$WORK/users.elf' && ! grep -q ' INTERP ' '$WORK/users.elf'"

built=$(cd "$top/build/cgi-bin" && ls -- *.cgi)
CONF=$A/conf-available/cgilab.conf
for p in $built; do
	check "$p is installed in /usr/lib/cgi-bin, 0755, as built" \
	    installed_as "$top/build/cgi-bin/$p" "$ROOT/usr/lib/cgi-bin/$p" 755
	check "the config maps /cgi-bin/$p" \
	    grep -Eq "^ScriptAliasMatch \"\\^/cgi-bin/\\(([a-z]+\\|)*${p%.cgi}(\\|[a-z]+)*\\)" "$CONF"
done
for p in $(cd "$top/build/fcgi-bin" && ls -- *.fcgi); do
	check "$p is installed in /usr/lib/cgilab, 0755, as built" \
	    installed_as "$top/build/fcgi-bin/$p" "$ROOT/usr/lib/cgilab/$p" 755
	check "the config maps /fcgi-bin/$p" \
	    grep -Eq "^ *AliasMatch \"\\^/fcgi-bin/\\(([a-z]+\\|)*${p%.fcgi}(\\|[a-z]+)*\\)" "$CONF"
	check "the config hands $p to its pool's socket, /run/cgilab/${p%.fcgi}.sock" \
	    conf_has "SetHandler \"proxy:unix:/run/cgilab/${p%.fcgi}.sock|fcgi://cgilab-${p%.fcgi}/\""
	check "the target pulls in $p's socket" \
	    grep -Eq "^Wants=(.* )?cgilab-fcgi@${p%.fcgi}\.socket( |\$)" "$ROOT/lib/systemd/system/cgilab-fcgi.target"
done
check "the FastCGI part is inside <IfModule proxy_fcgi_module>" \
    bash -c "sed -n '/^<IfModule proxy_fcgi_module>/,/^<\/IfModule>/p' '$CONF' | grep -q 'SetHandler \"proxy:unix:'"
check "the config asks for no mod_fcgid and no ext_filter" bash -c "! grep -Eiq 'fcgid|ExtFilter' '$CONF'"
check "…and no enablereuse (a pool is smaller than Apache's threads)" \
    bash -c "! grep -Eq '^[[:space:]]*(ProxySet|ProxyPass|BalancerMember).*enablereuse=on' '$CONF'"

# --- the systemd units
UNITS=$ROOT/lib/systemd/system
for u in cgilab-fcgi.target cgilab-fcgi@.socket cgilab-fcgi@.service; do
	check "$u is installed in /lib/systemd/system, 0644" \
	    test "$(stat -c %a "$UNITS/$u" 2>/dev/null)" = 644
	check "$u has no placeholder left" bash -c "! grep -Eq '@[A-Z_]+@' '$UNITS/$u'"
done
# unit_has UNIT LINE: the installed unit has the whole line LINE.
unit_has() {
	grep -qxF -- "$2" "$UNITS/$1"
}
check "the socket is /run/cgilab/<program>.sock" unit_has cgilab-fcgi@.socket 'ListenStream=/run/cgilab/%i.sock'
check "…www-data's, 0660: only Apache's user connects" \
    bash -c "grep -qx 'SocketUser=www-data' '$UNITS/cgilab-fcgi@.socket' && grep -qx 'SocketGroup=www-data' '$UNITS/cgilab-fcgi@.socket' && grep -qx 'SocketMode=0660' '$UNITS/cgilab-fcgi@.socket'"
check "the pool runs as www-data" unit_has cgilab-fcgi@.service 'User=www-data'
check "…with the socket on fd 0 (StandardInput=socket)" unit_has cgilab-fcgi@.service 'StandardInput=socket'
check "…under multiwatch, the installed program" \
    unit_has cgilab-fcgi@.service 'ExecStart=/usr/bin/multiwatch -f ${CGILAB_FCGI_PROCS} -s TERM -- /usr/lib/cgilab/%i.fcgi'
check "…10 processes by default" unit_has cgilab-fcgi@.service 'Environment=CGILAB_FCGI_PROCS=10'
check "…writing only in the database directory" \
    bash -c "grep -qx 'ProtectSystem=strict' '$UNITS/cgilab-fcgi@.service' && grep -qx 'ReadWritePaths=/var/lib/cgilab' '$UNITS/cgilab-fcgi@.service'"
check "…started again when it fails" unit_has cgilab-fcgi@.service 'Restart=on-failure'
verify_units "$UNITS"
for f in "$top"/htdocs/*; do
	check "the page ${f##*/} is in /usr/share/cgilab, 0644" \
	    installed_as "$f" "$ROOT/usr/share/cgilab/${f##*/}" 644
done
check "the config is in conf-available, 0644" installed_as "$top/build/cgilab.conf" "$CONF" 644
check "the config has no placeholder left" bash -c "! grep -Eq '@[A-Z_]+@' '$CONF'"
check "the config runs the programs from /usr/lib/cgi-bin" conf_has '"/usr/lib/cgi-bin/$1.cgi$2"'
check "the config serves the pages from /usr/share/cgilab" conf_has 'Alias /cgilab "/usr/share/cgilab"'
check "the config puts the database in /var/lib/cgilab" conf_has 'SetEnv CGILAB_DB "/var/lib/cgilab/cgilab.db"'
check "the config does not name the staging DESTDIR" bash -c "! grep -qF '$ROOT' '$CONF'"
check "the database directory is mode 0750" test "$(stat -c %a "$ROOT/var/lib/cgilab")" = 750
if [ "$(id -u)" -eq 0 ]; then
	check "as root the database directory belongs to www-data" \
	    test "$(stat -c %U:%G "$ROOT/var/lib/cgilab")" = www-data:www-data
else
	check "not root: install says it skipped the chown" grep -q 'not root' "$WORK/install.out"
fi

# --- enabled on a server with Debian's default modules only (no mod_cgid,
# no mod_headers): the config still parses, so Apache still starts
a2enconf cgilab
into_root "$CONF"
apache -t >"$WORK/configtest-stock.out" 2>&1
check "with Debian's default modules only, the config parses (apache2 -t)" \
    grep -q 'Syntax OK' "$WORK/configtest-stock.out"
check "…with no warning about cgilab.conf" bash -c "! grep -q cgilab '$WORK/configtest-stock.out'"
check "the config's # Depends: line names only modules Debian enables by default" \
    bash -c "for m in \$(sed -n 's/^# Depends: *//p' '$CONF'); do test -L '$A/mods-enabled/'\$m.load || exit 1; done"
check "…and a2enconf reads that line (it is in the file's first comment block)" \
    bash -c "sed '/^[^#]/,\$d' '$CONF' | grep -Eq '^# Depends: [a-z_ ]+\$'"

# --- what the admin does next: the printed lines, in the staged root
(cd "$ROOT" && find ./etc/apache2/mods-enabled | sort) >"$WORK/mods-before"
for m in $(sed -n 's/^ *a2enmod cgid /cgid /p' "$WORK/install.out"); do a2enmod "$m"; done
# The modules the admin enables are the admin's: uninstall leaves them.
(cd "$ROOT" && find ./etc/apache2/mods-enabled | sort) |
    comm -13 "$WORK/mods-before" - >>"$WORK/before"
sort -o "$WORK/before" "$WORK/before"
check "mod_cgid and mod_headers are enabled as install said" \
    test -L "$A/mods-enabled/cgid.load" -a -L "$A/mods-enabled/headers.load"
apache -t >"$WORK/configtest0.out" 2>&1
check "without mod_proxy_fcgi the config still parses (apache2 -t)" grep -q 'Syntax OK' "$WORK/configtest0.out"
# FastCGI mode, as install said.
for m in $(sed -n 's/^ *a2enmod \(proxy_fcgi buffer\)$/\1/p' "$WORK/install.out"); do a2enmod "$m"; done
check "mod_proxy_fcgi (and mod_proxy) and mod_buffer are enabled as install said" \
    test -L "$A/mods-enabled/proxy_fcgi.load" -a -L "$A/mods-enabled/proxy.load" -a -L "$A/mods-enabled/buffer.load"
# An admin who serves HTTP/2 (here in clear text, h2c, on the plain port):
# its request bodies may come without a length.
a2enmod http2
echo 'Protocols h2c http/1.1' >"$A/conf-enabled/zz-admin-h2c.conf"
if command -v systemctl >/dev/null; then
	systemctl --root="$ROOT" enable cgilab-fcgi.target >"$WORK/enable.out" 2>&1
	check "systemctl enable cgilab-fcgi.target (offline, in the staged root): a sockets.target want" \
	    test "$(readlink "$ROOT/etc/systemd/system/sockets.target.wants/cgilab-fcgi.target")" = /lib/systemd/system/cgilab-fcgi.target
else
	skip "systemctl enable: systemd is not installed on this machine"
fi
# The admin's: the modules, h2c, and the directory systemctl enable made.
(cd "$ROOT" && { find ./etc/apache2/mods-enabled ./etc/apache2/conf-enabled/zz-admin-h2c.conf
    find ./etc/systemd/system -type d; } | sort) |
    comm -13 "$WORK/before" - >>"$WORK/before"
sort -o "$WORK/before" "$WORK/before"

tries=0
while :; do
	PORT=$(free_port)
	sed "s/^Listen 80\$/Listen 127.0.0.1:$PORT/" "$STOCK/ports.conf" >"$A/ports.conf"
	sed "s/<VirtualHost \\*:80>/<VirtualHost *:$PORT>/" \
	    "$STOCK/sites-available/000-default.conf" >"$A/sites-available/000-default.conf"
	into_root "$A/sites-available/000-default.conf"
	apache -t >"$WORK/configtest.out" 2>&1 || break
	apache -k start >"$WORK/start.out" 2>&1 &&
	    for _ in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
		sleep 0.1
	    done
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
	stop_apache
	tries=$((tries + 1))
	[ $tries -lt 3 ] || break
done
check "Debian's config with cgilab enabled parses (apache2 -t)" grep -q 'Syntax OK' "$WORK/configtest.out"
check "…with no warning about cgilab.conf" bash -c "! grep -q cgilab '$WORK/configtest.out'"
if ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
	fail "the staged Apache did not start"
	cat "$WORK/configtest.out" "$WORK/start.out" "$STATE/log/error.log" 2>/dev/null | tail -20 >&2
	exit 1
fi
BASE=http://127.0.0.1:$PORT
U=$BASE/cgi-bin/users.cgi
J=(-H 'Content-Type: application/json')

# --- the admin's site is still the admin's
req GET "$BASE/"
expect_status 200 "GET / is still the admin's own page"
expect_body '<p>the admin site</p>' "…and not cgilab's"

# --- users.cgi on the installed paths, rows in the installed STATEDIR
check "install made the database (an empty file, the server's user's) before any request" \
    test -f "$DB" -a ! -s "$DB"
req GET "$U"
expect_status 200 "GET /cgi-bin/users.cgi: 200"
expect_header Content-Type 'application/json; charset=utf-8' "GET list: JSON"
expect_body '{}' "GET list: empty at first"
expect_header X-Content-Type-Options nosniff "users.cgi: nosniff"
check "the database is created in the installed STATEDIR (SetEnv CGILAB_DB)" test -f "$DB"
# Apache's own 500 (a program it cannot run) is the JSON error there.
chmod 0644 "$ROOT/usr/lib/cgi-bin/users.cgi"
req POST "$U" "${J[@]}" --data '{"name":"실행 불가"}'
expect_error 500 "a program Apache cannot run: the JSON 500 (ErrorDocument)"
chmod 0755 "$ROOT/usr/lib/cgi-bin/users.cgi"
req POST "$U" "${J[@]}" --data '{"name":"김철수"}'
expect_status 201 "POST /cgi-bin/users.cgi: 201"
id1=$(jq -r .id "$WORK/body")
expect_header Location "/cgi-bin/users.cgi/$id1" "POST: Location"
check "POST: the row is in the installed database" test "$(sql "SELECT name FROM users WHERE id = $id1")" = 김철수
req POST "$BASE/user" "${J[@]}" --data '{"name":"영희"}'
expect_status 201 "POST /user (the chapter's path): 201"
id2=$(jq -r .id "$WORK/body")
req GET "$BASE/users"
expect_status 200 "GET /users (the chapter's path): 200"
expect_json . "{\"$id1\":\"김철수\",\"$id2\":\"영희\"}" "GET /users: the list"
req GET "$BASE/user/$id2"
expect_json . "{\"id\":$id2,\"name\":\"영희\"}" "GET /user/<id> (the chapter's path): the user"
req PUT "$U/$id1" "${J[@]}" --data '{"name":"철수2"}'
expect_status 200 "PUT /cgi-bin/users.cgi/<id>: 200"
req PUT "$BASE/user/$id2" "${J[@]}" --data '{"name":"영희2"}'
expect_status 200 "PUT /user/<id> (the chapter's path): 200"
check "PUT: the rows changed" test "$(sql "SELECT group_concat(name, ',') FROM (SELECT name FROM users ORDER BY id)")" = 철수2,영희2
req DELETE "$BASE/user/$id2"
expect_status 204 "DELETE /user/<id> (the chapter's path): 204"
req POST "$U" "${J[@]}" --data '{"name":"셋"}'
id3=$(jq -r .id "$WORK/body")
req DELETE "$U/$id3"
expect_status 204 "DELETE /cgi-bin/users.cgi/<id>: 204"
check "DELETE: the rows are gone" test "$(sql "SELECT group_concat(id, ',') FROM users")" = "$id1"
req GET "$BASE/user/$id2"
expect_error 404 "GET a deleted user: 404 in JSON"
expect_header X-Content-Type-Options nosniff "an error from users.cgi: nosniff"

# Debian enables mod_deflate, which changes the ETag of what it compresses:
# a browser's revalidation of the list must still get its 304.
req GET "$BASE/users" -H 'Accept-Encoding: gzip, deflate, br'
tag=$(header ETag)
req GET "$BASE/users" -H 'Accept-Encoding: gzip, deflate, br' -H "If-None-Match: $tag"
expect_status 304 "under Debian's mod_deflate, If-None-Match from a browser: 304"
req GET "$BASE/cgi-bin/hello.cgi"
expect_status 200 "hello.cgi: 200"
check "hello.cgi: Hello World" grep -q 'Hello World!' "$WORK/body"
req GET "$BASE/cgi-bin/cookie.cgi"
expect_header Set-Cookie 'mycookie=test; Path=/' "cookie.cgi: Set-Cookie"

# --- FastCGI mode: users.fcgi at /fcgi-bin/, the same rows
F=$BASE/fcgi-bin/users.fcgi
# No pool yet (the socket is not there): Apache's 503, in JSON.
req GET "$F"
expect_error 503 "no pool running (no socket): the JSON 503"
expect_header Retry-After 2 "…with Retry-After"
pools_start
check "the pools start as the units say (tests/socket-unit-run)" test $? -eq 0
not_applied=$(sed -n 's/^not emulated: //p' "$WORK/not-applied")
[ -n "$not_applied" ] && skip "the units' sandboxing, applied only by systemd (systemd-analyze verify read it): $not_applied"
S=$STATE/sock/users.sock
M=$STATE/pools/cgilab-fcgi@users.socket.pid.main
if [ "$(id -u)" -eq 0 ]; then
	check "the socket is www-data's, 0660" test "$(stat -c '%U:%G %a' "$S")" = "www-data:www-data 660"
	check "the pool's processes run as www-data" owned_by www-data $(pool_procs "$M")
else
	skip "not root: the units' User= and SocketUser= are not applied"
fi
procs=$(pool_procs "$M")
check "users.fcgi's pool has 10 processes (CGILAB_FCGI_PROCS)" test "$(echo $procs | wc -w)" = 10
# no_new_privs PID...: each process has NoNewPrivs set.
no_new_privs() {
	local p
	for p; do
		grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$p/status" || return 1
	done
}
check "…each with no new privileges (NoNewPrivileges)" no_new_privs $procs
# on_fd0 SOCKET PID...: each process's fd 0 is the socket bound to SOCKET
# (its inode on that path's line of /proc/net/unix).
on_fd0() {
	local sock=$1 p ino
	shift
	for p; do
		ino=$(readlink "/proc/$p/fd/0" | tr -dc 0-9)
		[ -n "$ino" ] && grep -Eq " $ino $sock\$" /proc/net/unix || return 1
	done
}
check "…each with the listening socket on fd 0" on_fd0 "$S" $procs
req GET "$F"
expect_status 200 "GET /fcgi-bin/users.fcgi: 200"
expect_header Content-Type 'application/json; charset=utf-8' "users.fcgi list: JSON"
expect_json . "{\"$id1\":\"철수2\"}" "users.fcgi: the list the CGI programs wrote (one database)"
expect_header X-Content-Type-Options nosniff "users.fcgi: nosniff"
req POST "$F" "${J[@]}" --data '{"name":"패스트"}'
expect_status 201 "POST /fcgi-bin/users.fcgi: 201"
idf=$(jq -r .id "$WORK/body")
expect_header Location "/fcgi-bin/users.fcgi/$idf" "users.fcgi POST: Location under /fcgi-bin/"
check "users.fcgi POST: the row is in the installed database" \
    test "$(sql "SELECT name FROM users WHERE id = $idf")" = 패스트
req PUT "$F/$idf" "${J[@]}" --data '{"name":"패스트2"}'
expect_status 200 "PUT /fcgi-bin/users.fcgi/<id>: 200"
check "users.fcgi PUT: the row changed" test "$(sql "SELECT name FROM users WHERE id = $idf")" = 패스트2
req GET "$F/$idf"
expect_json . "{\"id\":$idf,\"name\":\"패스트2\"}" "GET /fcgi-bin/users.fcgi/<id>: the user"
req DELETE "$F/$idf"
expect_status 204 "DELETE /fcgi-bin/users.fcgi/<id>: 204"
check "users.fcgi DELETE: the row is gone" test -z "$(sql "SELECT name FROM users WHERE id = $idf")"
req GET "$F/$idf"
expect_error 404 "users.fcgi: a deleted user, 404 in JSON"
req POST "$F" "${J[@]}" --data '{"name":""}'
expect_error 400 "users.fcgi: an empty name, 400 in JSON"
# HTTP/2 with a body of no length (curl -T -, streamed): whole to the
# program (mod_fcgid lost such bodies).
req POST "$F" --http2-prior-knowledge "${J[@]}" -T - <<<'{"name":"에이치투"}'
expect_status 201 "h2c POST /fcgi-bin/users.fcgi, a body of no length: 201"
check "…over HTTP/2" grep -q '^HTTP/2 201' "$WORK/headers"
idh=$(jq -r .id "$WORK/body")
check "…the row is in the installed database, whole" test "$(sql "SELECT name FROM users WHERE id = $idh")" = 에이치투
req DELETE "$F/$idh" --http2-prior-knowledge
expect_status 204 "h2c DELETE /fcgi-bin/users.fcgi/<id>: 204"
req GET "$BASE/fcgi-bin/hello.fcgi"
check "GET /fcgi-bin/hello.fcgi: Hello World" grep -q 'Hello World!' "$WORK/body"
req GET "$BASE/fcgi-bin/other.fcgi"
expect_status 404 "/fcgi-bin/<not a cgilab program>: not cgilab's (404)"
for p in cookie login session; do
	req GET "$BASE/fcgi-bin/$p.fcgi"
	expect_status 200 "GET /fcgi-bin/$p.fcgi: 200 (its own pool)"
done

# A pool process killed: multiwatch starts another, and requests go on.
check "a pool process killed: multiwatch starts another, 10 again" pool_respawn "$M" 10
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	req GET "$F"
	[ "$STATUS" = 200 ] || break
done
expect_status 200 "…and 12 requests after it: every one 200"
expect_json . "{\"$id1\":\"철수2\"}" "…with the list"

# A socket file no process listens on (a pool stopped uncleanly): 503 in
# JSON; and served again as soon as the pool is back.
last="$(cat "$M") $(pool_procs "$M")"
pool_stop cgilab-fcgi@users.socket
check "the stopped pool removed its socket (RemoveOnStop)" test ! -e "$S"
check "…and its processes are gone, multiwatch's and the program's" \
    bash -c "for p in $(echo $last); do ! kill -0 \$p 2>/dev/null || exit 1; done"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$S"
req GET "$F"
expect_error 503 "a socket no pool listens on: the JSON 503"
expect_header Retry-After 2 "…with Retry-After"
rm -f "$S"
"$top/tests/socket-unit-run" --pidfile "$STATE/pools/cgilab-fcgi@users.socket.pid" \
    --log "$STATE/log/pools.log" --stop-timeout 10 "$WORK/units" cgilab-fcgi@users.socket >/dev/null
req GET "$F"
expect_status 200 "the pool started again: the next request is served (no wait for a retry)"

# --- the pages, under /cgilab/, and what they load from the root
req GET "$BASE/cgilab/"
expect_status 200 "GET /cgilab/: the REST front end"
expect_header Content-Type 'text/html; charset=utf-8' "/cgilab/: text/html; charset=utf-8"
check "/cgilab/ is the front end (loads /restFront.js)" grep -q 'src="/restFront.js"' "$WORK/body"
expect_header X-Content-Type-Options nosniff "/cgilab/: nosniff"
expect_header Content-Security-Policy "default-src 'self'; script-src 'self'.*" "/cgilab/: CSP allows only the site's own scripts"
req GET "$BASE/cgilab"
expect_status 301 "GET /cgilab: redirected to /cgilab/"
for f in restFront.js restFront.css; do
	req GET "$BASE/$f"
	expect_status 200 "GET /$f (the pages load it from the root): 200"
	check "/$f is the installed file" cmp -s "$WORK/body" "$top/htdocs/$f"
	expect_header X-Content-Type-Options nosniff "/$f: nosniff"
done
req GET "$BASE/about"
expect_status 200 "GET /about (the chapter's path): 200"
check "/about is the about page" cmp -s "$WORK/body" "$top/htdocs/about.html"
expect_header Content-Type 'text/html; charset=utf-8' "/about: text/html; charset=utf-8"
req GET "$BASE/cgilab/server2.html"
expect_status 200 "GET /cgilab/server2.html: 200"
check "server2.html: Korean intact" cmp -s "$WORK/body" "$top/htdocs/server2.html"
req GET "$BASE/cgilab/nothing.html"
expect_status 404 "a missing page: 404"

# --- source files in the programs' directory are neither served nor run
cp "$top/cgi-bin/users.c" "$ROOT/usr/lib/cgi-bin/users.c"
chmod 0755 "$ROOT/usr/lib/cgi-bin/users.c"
req GET "$BASE/cgi-bin/users.c"
expect_status 403 "GET /cgi-bin/users.c: 403"
check "…without the source" bash -c "! grep -q '#include' '$WORK/body'"
rm -f "$ROOT/usr/lib/cgi-bin/users.c"

# --- the admin's other CGIs: still run, and see none of cgilab's settings
printf '#!/bin/sh\nprintf "Content-Type: text/plain\\n\\n"\nenv\n' >"$ROOT/usr/lib/cgi-bin/admin-env.cgi"
chmod 0755 "$ROOT/usr/lib/cgi-bin/admin-env.cgi"
req GET "$BASE/cgi-bin/admin-env.cgi"
expect_status 200 "the admin's own CGI in /usr/lib/cgi-bin still runs"
check "…and gets none of cgilab's settings (SetEnv scoped to the programs)" \
    bash -c "grep -q '^SCRIPT_NAME=' '$WORK/body' && ! grep -q CGILAB '$WORK/body'"
expect_no_header Content-Security-Policy "…nor cgilab's headers"
rm -f "$ROOT/usr/lib/cgi-bin/admin-env.cgi"

# --- login.cgi and session.cgi (docs/sessions.md)
# set_cookie NAME: the value the last answer set for cookie NAME.
set_cookie() {
	tr -d '\r' <"$WORK/headers" | sed -n "s/^[Ss]et-[Cc]ookie: $1=\\([^;]*\\).*/\\1/p" | tail -1
}
req GET "$BASE/cgi-bin/login.cgi"
expect_status 200 "GET /cgi-bin/login.cgi: the form, 200"
expect_header Content-Type 'text/html.*' "login.cgi form: text/html"
req GET "$BASE/cgi-bin/login.cgi/login?name=x"
expect_status 302 "GET /cgi-bin/login.cgi/login?name=x: 302"
check "login.cgi: Set-Cookie name=x" test "$(set_cookie name)" = x
req GET "$BASE/cgi-bin/login.cgi" -H 'Cookie: name=x'
expect_status 200 "login.cgi with the cookie: 200"
expect_body 'x님 안녕하세요' "login.cgi with the cookie: x님 안녕하세요"

req GET "$BASE/cgi-bin/session.cgi/login?name=x"
expect_status 302 "GET /cgi-bin/session.cgi/login?name=x: 302"
sid=$(set_cookie session)
check "session.cgi: Set-Cookie session=<32 hex> ($sid)" bash -c "[[ '$sid' =~ ^[0-9a-f]{32}\$ ]]"
req GET "$BASE/cgi-bin/session.cgi" -H "Cookie: session=$sid"
expect_status 200 "session.cgi with the session cookie: 200"
expect_body 'x님 안녕하세요' "session.cgi with the session cookie: x님 안녕하세요"

# --- a second install keeps the database
before_db=$(cd "$ROOT/var/lib/cgilab" && stat -c '%n %i %s %Y' -- * | sort)
make -s --no-print-directory -C "$top" install DESTDIR="$ROOT" >"$WORK/install2.out" 2>&1
check "a second make install succeeds" test $? -eq 0
into_root "$CONF"
check "a second install leaves the database files as they were" \
    test "$(cd "$ROOT/var/lib/cgilab" && stat -c '%n %i %s %Y' -- * | sort)" = "$before_db"
check "…and the database directory mode 0750" test "$(stat -c %a "$ROOT/var/lib/cgilab")" = 750
apache -t >"$WORK/configtest2.out" 2>&1
check "…and the config it writes again parses" grep -q 'Syntax OK' "$WORK/configtest2.out"
req GET "$BASE/users"
expect_json . "{\"$id1\":\"철수2\"}" "after a second install the users are still there"
check "…and so are the rows" test "$(sql "SELECT group_concat(id || '=' || name, ',') FROM users")" = "$id1=철수2"

# --- make uninstall leaves nothing but the database
pools_stop
stop_apache
make -s --no-print-directory -C "$top" uninstall DESTDIR="$ROOT" >"$WORK/uninstall.out" 2>&1
check "make uninstall DESTDIR=… succeeds" test $? -eq 0
(cd "$ROOT" && find . | sort) >"$WORK/after"
comm -23 "$WORK/before" "$WORK/after" >"$WORK/removed"
comm -13 "$WORK/before" "$WORK/after" >"$WORK/added"
check "uninstall removes nothing that was there before install" test ! -s "$WORK/removed"
check "uninstall leaves only the database directory and its files" only_db_added
[ -n "${VERBOSE:-}" ] && sed 's/^/  left: /' "$WORK/added"
check "the database is still there, with its rows" \
    test "$(sql "SELECT group_concat(id || '=' || name, ',') FROM users")" = "$id1=철수2"
check "uninstall says the database stays" grep -q 'database stays' "$WORK/uninstall.out"
check "uninstall removes the FastCGI programs and their directory" test ! -e "$ROOT/usr/lib/cgilab"
check "uninstall removes the units" bash -c "! ls '$ROOT/lib/systemd/system' | grep -q cgilab"
check "…and the link systemctl enable made" test ! -L "$ROOT/etc/systemd/system/sockets.target.wants/cgilab-fcgi.target"

# --- the directories are overridable, and the config follows them
ALT=$WORK/alt
make -s --no-print-directory -C "$top" install DESTDIR="$ALT" PREFIX=/opt/cgilab \
    WWWDIR=/srv/cgilab/www STATEDIR=/srv/cgilab/db >"$WORK/install3.out" 2>&1
check "make install PREFIX=/opt/cgilab WWWDIR=… STATEDIR=… succeeds" test $? -eq 0
check "PREFIX: the programs in PREFIX/lib/cgi-bin" test -x "$ALT/opt/cgilab/lib/cgi-bin/users.cgi"
check "PREFIX: the FastCGI programs in PREFIX/lib/cgilab" test -x "$ALT/opt/cgilab/lib/cgilab/users.fcgi"
check "WWWDIR: the pages there" test -f "$ALT/srv/cgilab/www/index.html"
ACONF=$ALT/etc/apache2/conf-available/cgilab.conf
CONF=$ACONF
check "the config runs the programs from PREFIX/lib/cgi-bin" conf_has '"/opt/cgilab/lib/cgi-bin/$1.cgi$2"'
check "the config runs the FastCGI programs from PREFIX/lib/cgilab" conf_has '"/opt/cgilab/lib/cgilab/$1.fcgi$2"'
check "the config serves the pages from WWWDIR" conf_has 'Alias /cgilab "/srv/cgilab/www"'
check "the config puts the database in STATEDIR" conf_has 'SetEnv CGILAB_DB "/srv/cgilab/db/cgilab.db"'
check "the config names no default directory" bash -c "! grep -Eq '\"/(usr|var)/' '$ACONF'"
check "the pools' unit runs the FastCGI programs from PREFIX/lib/cgilab" \
    grep -qF -- '-- /opt/cgilab/lib/cgilab/%i.fcgi' "$ALT/lib/systemd/system/cgilab-fcgi@.service"
check "…and lets them write in STATEDIR" grep -qx 'ReadWritePaths=/srv/cgilab/db' "$ALT/lib/systemd/system/cgilab-fcgi@.service"
make -s --no-print-directory -C "$top" uninstall DESTDIR="$ALT" PREFIX=/opt/cgilab \
    WWWDIR=/srv/cgilab/www STATEDIR=/srv/cgilab/db >/dev/null 2>&1
check "uninstall with the same directories leaves no file but the database (install made it, empty)" \
    test "$(find "$ALT" -type f)" = "$ALT/srv/cgilab/db/cgilab.db"
check "…and the database directory" test -d "$ALT/srv/cgilab/db"
