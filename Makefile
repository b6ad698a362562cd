# cgilab - C CGI programs for Apache httpd 2.4.  See README.md.
#
#   make          build every program into build/cgi-bin/ (CGI) and
#                 build/fcgi-bin/ (FastCGI)
#   make run      start the lab server in the foreground (PORT=8080,
#                 TLS_PORT=8443, MPM=event|prefork)
#   make test     every test: C unit tests (ASan+UBSan), HTTP tests, the
#                 stress suite, the fuzzers briefly, browser tests
#   make test-stress  load and faults against a real Apache
#   make fuzz     each libFuzzer harness for FUZZ_SECONDS (60) seconds
#   make bench    what a request costs, CGI and FastCGI (BENCH_SECONDS=5)
#   make deps     install the Debian packages (as root; else prints the line):
#                 make run, test and bench install only the ones they need
#   make install  drop into an existing Apache (Debian layout; DESTDIR, PREFIX),
#                 with the systemd units of the FastCGI pools
#   make uninstall  remove what install put down; the database stays
#   make reset    empty the lab's users and sessions (RUN_DIR; running or not)
#   make clean    remove build/ (the run directory stays: it holds the data)
#   make test-browser  the browser tests alone (headless Chromium; make
#                 test runs them too)
#   make deb      the Debian package, build/cgilab_<version>_<arch>.deb
#                 (installs its build dependencies as root)
#   make test-deb  build it, then install, upgrade, remove and purge it in
#                 a fresh Debian 12 root (as root; not part of make test)
#   make test-fresh  make run on a fresh Debian 12 root, from a clone
#                 (FRESH_CMD='make test': the whole suite there)

CC ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
PORT ?= 8080
TLS_PORT ?= 8443
RUN_DIR ?= $(CURDIR)/run

WARN := -Wall -Wextra -Werror
HARDEN := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
CJSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null)
SQLITE_CFLAGS := $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
# Link flags come from pkg-config, --static where a library is linked
# statically (its archive needs what its .pc file lists as private).
# Expanded where a link uses them, after make deps has installed the
# packages.  pc_static: the archives of the packages, then what they need,
# linked as shared libraries.
pc_libs = $(shell $(PKG_CONFIG) --libs $1)
pc_private = $(filter-out $(call pc_libs,$1),$(shell $(PKG_CONFIG) --static --libs $1))
pc_static = -Wl,-Bstatic $(call pc_libs,$1) -Wl,-Bdynamic $(call pc_private,$1)
CJSON_LIBS = $(call pc_libs,libcjson)
# SQLite is linked statically: loading and relocating libsqlite3.so costs
# a CGI process more than its whole request (see docs/performance.md, "Cost").
SQLITE_LIBS = $(call pc_static,sqlite3)
# hiredis too, for the same reason.  (The linker takes from an archive
# only what is used, but app.o refers to the store, so today every
# program carries both, unused in hello.cgi and cookie.cgi.)
HIREDIS_LIBS = $(call pc_static,hiredis)
# nettle (the SHA-256 of session ids) too.
NETTLE_LIBS = $(call pc_static,nettle)
ALL_CFLAGS := $(WARN) $(HARDEN) -std=c11 -D_DEFAULT_SOURCE -Ilib \
	$(CJSON_CFLAGS) $(SQLITE_CFLAGS) $(CFLAGS)
# libfcgi too: Debian ships libfcgi.a.
FCGI_LIBS = $(call pc_static,fcgi)
ALL_LDFLAGS := -pie -Wl,-z,relro,-z,now -Wl,--as-needed $(LDFLAGS)

# CGI mode links everything statically, as a static PIE (docs/performance.md, "Cost"):
# a CGI process starts at every request, and the dynamic loader mapping
# and relocating libc, libm and libcjson cost it more than SQLite's whole
# query.  Debian ships every archive but cJSON's, so scripts/cjson-source
# (run by make deps) fetches Debian's source of the installed libcjson-dev
# into .deps/; without it, or with CGI_LINK=dynamic, the CGI programs are
# linked as the FastCGI ones are.  (A static glibc is fixed into the
# programs: after a glibc security update, make install again.)
CJSON_VERSION := $(shell dpkg-query -W -f='$${Version}' libcjson-dev 2>/dev/null)
CJSON_SRC := .deps/cjson-$(CJSON_VERSION)/cJSON.c
CGI_LINK ?= $(if $(wildcard $(CJSON_SRC)),static,dynamic)
ifeq ($(CGI_LINK),static)
CGI_LDFLAGS := -static-pie -Wl,-z,relro,-z,now $(LDFLAGS)
CGI_LIBS = build/cjson/cJSON.o $(shell $(PKG_CONFIG) --static --libs sqlite3 hiredis nettle) \
	$(call pc_private,libcjson)
CGI_DEPS = build/cjson/cJSON.o
else
CGI_LDFLAGS := $(ALL_LDFLAGS)
CGI_LIBS = $(SQLITE_LIBS) $(HIREDIS_LIBS) $(NETTLE_LIBS) $(CJSON_LIBS)
CGI_DEPS =
endif
# glibc notes, at every static link, that dlopen (SQLite's
# load_extension, which cgilab never enables) and getaddrinfo (hiredis
# resolving a Redis host name: glibc 2.36 reads /etc/hosts and DNS itself
# in a static program) would need its shared libraries at run time.  They
# are filtered from make's output; any other linker message is shown.
CGI_STAMP := build/cgi-link
# The CGI programs start at cgi_start (lib/cgi_start.c), which makes their
# image present before the C library starts (docs/performance.md, "Page
# faults"); its entry code is x86-64's, elsewhere it runs as a constructor.
comma := ,
CGI_ENTRY := $(if $(filter x86_64-%,$(shell $(CC) -dumpmachine)),-Wl$(comma)-e$(comma)cgi_start)
GLIBC_STATIC_NOTE := statically linked applications requires at runtime|: in function .(unixDlOpen|_redisContextConnectTcp)'

PROGRAMS := hello cookie users login session
LIB_SRCS := $(filter-out lib/cgi_main.c lib/cgi_start.c lib/fcgi_main.c,$(wildcard lib/*.c))
LIB_OBJS := $(LIB_SRCS:lib/%.c=build/lib/%.o)
CGIS := $(PROGRAMS:%=build/cgi-bin/%.cgi)
FCGIS := $(PROGRAMS:%=build/fcgi-bin/%.fcgi)

.PHONY: FORCE all deb test-deb run reset test test-unit test-http test-browser test-stress fuzz fuzz-build bench test-fresh deps deps-run deps-test deps-bench clean
all: $(CGIS) $(FCGIS)

# Each object depends on the headers it includes, as the compiler lists
# them (-MMD, into build/.../<name>.d; -MP: a header since removed does
# not stop the build).
DEPFLAGS = -MMD -MP

build/lib/%.o: lib/%.c | build/lib
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/cgi-bin/%.o: cgi-bin/%.c | build/cgi-bin
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

-include $(wildcard build/lib/*.d build/cgi-bin/*.d)

build/libcgilab.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

# Each program takes from the library only the objects it uses (the
# store and its back ends only where app_store is called).
build/cgi-bin/%.cgi: build/cgi-bin/%.o build/lib/cgi_main.o build/lib/cgi_start.o build/libcgilab.a $(CGI_DEPS) $(CGI_STAMP)
	$(CC) $(CGI_LDFLAGS) $(CGI_ENTRY) -o $@ $(filter-out $(CGI_DEPS) $(CGI_STAMP),$^) $(CGI_LIBS) \
		2>build/$*.link || { cat build/$*.link >&2; exit 1; }
	@grep -Ev "$(GLIBC_STATIC_NOTE)" build/$*.link >&2 || true

# The link mode, kept in a file that changes only when the mode does: a
# change relinks the programs.
$(CGI_STAMP): FORCE | build/cgi-bin
	@if [ "$$(cat $@ 2>/dev/null)" != $(CGI_LINK) ]; then \
		echo $(CGI_LINK) >$@; \
		[ $(CGI_LINK) = static ] || echo "cgilab: the CGI programs are linked dynamically$(if $(wildcard $(CJSON_SRC)),, (cJSON's source is not in .deps/: make deps fetches it))"; \
	fi
FORCE:

# cJSON from Debian's source (scripts/cjson-source), compiled as the
# programs are but with its own warnings (it is not our code to fix).
build/cjson/cJSON.o: $(CJSON_SRC) | build/cjson
	$(CC) $(CPPFLAGS) $(HARDEN) -std=c99 $(CFLAGS) -c -o $@ $<

# The same program in FastCGI mode: the same objects, another main.
build/fcgi-bin/%.fcgi: build/cgi-bin/%.o build/lib/fcgi_main.o build/libcgilab.a | build/fcgi-bin
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(FCGI_LIBS) $(SQLITE_LIBS) $(HIREDIS_LIBS) $(NETTLE_LIBS) $(CJSON_LIBS)

# The bench's floor: a CGI that only answers, linked as the programs are.
build/bench/trivial.cgi: bench/trivial.c | build/bench
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

# The same, built as the CGI programs are: linked as they are (CGI_LINK),
# and ending as they do (lib/cgi_end.c).  The targets' floor.
build/bench/trivial-static.cgi: bench/trivial.c build/lib/cgi_end.o $(CGI_STAMP) | build/bench
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -DBUILT_AS_OURS $(CGI_LDFLAGS) -o $@ $< build/lib/cgi_end.o

# The sessions the bench's sign-out rows sign out (bench/sessions.c).
build/bench/sessions: bench/sessions.c build/libcgilab.a | build/bench
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(NETTLE_LIBS)

build/lib build/cgi-bin build/fcgi-bin build/asan build/bench build/fuzz build/cjson:
	mkdir -p $@

# deps first, then a fresh make: the flags above come from pkg-config,
# which deps may just have installed.
run: deps-run
	$(MAKE) all
	RUN_DIR='$(RUN_DIR)' PORT='$(PORT)' TLS_PORT='$(TLS_PORT)' CGILAB_ERROR_LOG=/dev/stderr \
		scripts/lab run

# Between two classes: the users and sessions of the lab's store removed,
# with the server running or not (docs/lab.md, "Reset").
reset:
	RUN_DIR='$(RUN_DIR)' scripts/lab reset

# C unit tests, with AddressSanitizer and UndefinedBehaviorSanitizer.
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
UNIT_SRCS := $(wildcard tests/unit/*.c)
build/asan/unit-tests: $(UNIT_SRCS) $(LIB_SRCS) lib/*.h tests/unit/*.h | build/asan
	$(CC) $(CPPFLAGS) $(WARN) -std=c11 -D_DEFAULT_SOURCE -Ilib -Itests/unit -O1 -g $(SAN) \
		$(CJSON_CFLAGS) $(SQLITE_CFLAGS) -o $@ $(UNIT_SRCS) $(LIB_SRCS) \
		$(call pc_libs,sqlite3 hiredis nettle libcjson)

test-unit: build/asan/unit-tests
	tests/run unit

test-http: all
	tests/run http

# The browser tests' npm packages (playwright-core), as the lockfile pins
# them: npm ci when node_modules is missing or older than the lockfile.
BROWSER_MODULES := tests/browser/node_modules/.package-lock.json
$(BROWSER_MODULES): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund
	touch $@

test-browser: deps-test
	$(MAKE) all $(BROWSER_MODULES)
	tests/run browser

test-stress: all
	tests/run stress

# libFuzzer harnesses (tests/fuzz/), built with clang apart from the
# programs: each links the library sources instrumented for coverage,
# AddressSanitizer and UBSan.  fuzz_users also links cgi-bin/users.c.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZERS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
build/fuzz/fuzz_users: FUZZ_EXTRA := cgi-bin/users.c
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/*.h $(LIB_SRCS) lib/*.h cgi-bin/users.c | build/fuzz
	$(FUZZ_CC) $(CPPFLAGS) $(WARN) -std=c11 -D_DEFAULT_SOURCE -Ilib -Itests/fuzz -O1 -g \
		$(FUZZ_SAN) $(CJSON_CFLAGS) $(SQLITE_CFLAGS) -o $@ $< $(FUZZ_EXTRA) \
		$(LIB_SRCS) $(call pc_libs,sqlite3 hiredis nettle libcjson)

fuzz-build: $(FUZZERS)

fuzz: deps-test
	$(MAKE) fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

test: deps-test
	$(MAKE) -j$$(nproc) all build/asan/unit-tests fuzz-build $(BROWSER_MODULES)
	tests/run all

# Not part of make test (a smoke run of it is: t0800).  docs/performance.md.
bench: deps-bench
	$(MAKE) all build/bench/trivial.cgi build/bench/trivial-static.cgi build/bench/sessions
	bench/run

# The Debian packages, by what they are for (scripts/deps; README,
# "Installing"): make run asks only for building and serving, make bench
# adds the bench's tools, make test the tests' (and the bench's: t0800
# runs it briefly); make deps installs them all.
# A fresh Debian 12 machine (scripts/test-fresh, in a root made by
# scripts/debian-root): a clone of the committed HEAD, make run there and
# its smoke; or FRESH_CMD instead (make test-fresh FRESH_CMD='make test').
FRESH_CMD ?=
test-fresh: deps-test
	scripts/test-fresh $(if $(FRESH_CMD),'$(FRESH_CMD)')

deps:
	@scripts/deps
deps-run:
	@scripts/deps run
deps-test:
	@scripts/deps run test bench
deps-bench:
	@scripts/deps run bench

# The Debian package (docs/install.md, "The Debian package"): built with
# dpkg-buildpackage in a copy of the tree under build/deb/.
deb:
	scripts/deb

# The package test (tests/deb): minutes, and root for the chroot, so not
# part of make test.
test-deb:
	tests/run deb

clean:
	rm -rf build

# make install: into an existing Apache, in Debian's layout
# (docs/install.md).  PREFIX is /usr because Debian's
# Apache runs the programs of /usr/lib/cgi-bin; every directory can be
# set on its own, and DESTDIR stages the whole tree (packagers, the test).
PREFIX ?= /usr
SYSCONFDIR ?= /etc
LOCALSTATEDIR ?= /var
CGIDIR ?= $(PREFIX)/lib/cgi-bin
# The FastCGI programs: a directory of their own, served at /fcgi-bin/.
FCGIDIR ?= $(PREFIX)/lib/cgilab
# FastCGI mode's pools, run by systemd (docs/fastcgi.md, "Installed"):
# the units, in the directory systemd names for packages' units
# (/lib/systemd/system on Debian 12); the sockets; the processes in each
# program's pool (a default in the unit, which a drop-in overrides).
SYSTEMD_UNITDIR ?= $(or $(shell $(PKG_CONFIG) --variable=systemdsystemunitdir systemd 2>/dev/null),/lib/systemd/system)
FCGI_SOCKDIR ?= /run/cgilab
FCGI_PROCS ?= 10
MULTIWATCH ?= /usr/bin/multiwatch
UNITS := cgilab-fcgi@.socket cgilab-fcgi@.service cgilab-fcgi.target
# The pages: read-only data of the package, where Debian puts it (not
# under /var/www, which is the admin's).
WWWDIR ?= $(PREFIX)/share/cgilab
STATEDIR ?= $(LOCALSTATEDIR)/lib/cgilab
APACHE_CONFDIR ?= $(SYSCONFDIR)/apache2
CONF_AVAILABLE ?= $(APACHE_CONFDIR)/conf-available
WWW_USER ?= www-data
WWW_GROUP ?= $(WWW_USER)
INSTALL ?= install
PAGES := $(notdir $(wildcard htdocs/*))
# Apache's own error answers under the programs' URLs, in JSON.
ERROR_PAGES := $(notdir $(wildcard conf/errors/*.json))
empty :=
PROGRAM_ALTERNATIVES := $(subst $(empty) $(empty),|,$(strip $(PROGRAMS)))

.PHONY: install uninstall
install: all
	$(INSTALL) -d -m 0755 '$(DESTDIR)$(CGIDIR)' '$(DESTDIR)$(FCGIDIR)' \
		'$(DESTDIR)$(WWWDIR)' '$(DESTDIR)$(CONF_AVAILABLE)'
	$(INSTALL) -m 0755 $(CGIS) '$(DESTDIR)$(CGIDIR)/'
	$(INSTALL) -m 0755 $(FCGIS) '$(DESTDIR)$(FCGIDIR)/'
	$(INSTALL) -m 0644 $(PAGES:%=htdocs/%) '$(DESTDIR)$(WWWDIR)/'
	$(INSTALL) -d -m 0755 '$(DESTDIR)$(WWWDIR)/errors'
	$(INSTALL) -m 0644 $(ERROR_PAGES:%=conf/errors/%) '$(DESTDIR)$(WWWDIR)/errors/'
	for p in $(PROGRAMS); do \
		printf '        <Files "%s.fcgi">\n            SetHandler "proxy:unix:%s/%s.sock|fcgi://cgilab-%s/"\n        </Files>\n' \
		    $$p '$(FCGI_SOCKDIR)' $$p $$p; \
	done >build/fcgi-handlers.conf
	grep -v '^#' conf/security-headers.conf >build/security-headers.conf
	sed -e 's|@CGIDIR@|$(CGIDIR)|g' -e 's|@FCGIDIR@|$(FCGIDIR)|g' \
		-e 's|@WWWDIR@|$(WWWDIR)|g' -e 's|@STATEDIR@|$(STATEDIR)|g' \
		-e 's/@PROGRAMS@/$(PROGRAM_ALTERNATIVES)/g' \
		-e 's|@FCGI_SOCKDIR@|$(FCGI_SOCKDIR)|g' \
		-e '/^@FCGI_HANDLERS@$$/{r build/fcgi-handlers.conf' -e 'd;}' \
		-e '/^@SECURITY_HEADERS@$$/{r build/security-headers.conf' -e 'd;}' \
		conf/cgilab.conf >build/cgilab.conf
	$(INSTALL) -m 0644 build/cgilab.conf '$(DESTDIR)$(CONF_AVAILABLE)/cgilab.conf'
	@# The pools' units (systemd), with the same paths and user.
	$(INSTALL) -d -m 0755 build/systemd '$(DESTDIR)$(SYSTEMD_UNITDIR)'
	for u in $(UNITS); do \
		sed -e 's|@FCGIDIR@|$(FCGIDIR)|g' -e 's|@STATEDIR@|$(STATEDIR)|g' \
		    -e 's|@FCGI_SOCKDIR@|$(FCGI_SOCKDIR)|g' -e 's|@FCGI_PROCS@|$(FCGI_PROCS)|g' \
		    -e 's|@MULTIWATCH@|$(MULTIWATCH)|g' -e 's|@WWW_USER@|$(WWW_USER)|g' \
		    -e 's|@WWW_GROUP@|$(WWW_GROUP)|g' \
		    -e 's|@FCGI_SOCKETS@|$(PROGRAMS:%=cgilab-fcgi@%.socket)|g' \
		    "conf/systemd/$$u" >"build/systemd/$$u" && \
		$(INSTALL) -m 0644 "build/systemd/$$u" '$(DESTDIR)$(SYSTEMD_UNITDIR)/' || exit 1; \
	done
	@# The database directory: created if missing, never emptied.
	$(INSTALL) -d -m 0750 '$(DESTDIR)$(STATEDIR)'
	@if [ "$$(id -u)" -eq 0 ]; then \
		echo "chown $(WWW_USER):$(WWW_GROUP) '$(DESTDIR)$(STATEDIR)'"; \
		chown '$(WWW_USER):$(WWW_GROUP)' '$(DESTDIR)$(STATEDIR)' || exit 1; \
	else \
		echo "cgilab: not root, so $(DESTDIR)$(STATEDIR) stays yours: as root, chown $(WWW_USER):$(WWW_GROUP) $(STATEDIR) where it is installed"; \
	fi
	@# The database: an empty file (the programs give it the schema), made
	@# once, as the server's user; a request never makes one.
	@db='$(DESTDIR)$(STATEDIR)/cgilab.db'; \
	if [ ! -e "$$db" ] && [ ! -L "$$db" ]; then \
		if [ "$$(id -u)" -eq 0 ]; then \
			setpriv --reuid='$(WWW_USER)' --regid='$(WWW_GROUP)' --clear-groups \
			    sh -c 'umask 027 && : >>"$$1"' sh "$$db"; \
		else \
			(umask 027 && : >>"$$db"); \
		fi || { echo "cgilab: could not make the database $$db: make it an empty file the server's user owns"; exit 1; }; \
		echo "made the database $$db (empty: the programs give it the schema)"; \
	fi
	@scripts/install-notes '$(CGIDIR)' '$(WWWDIR)' '$(STATEDIR)' \
		'$(CONF_AVAILABLE)' '$(DESTDIR)' '$(FCGIDIR)' '$(SYSTEMD_UNITDIR)' \
		'$(FCGI_SOCKDIR)' '$(FCGI_PROCS)'

uninstall:
	rm -f $(PROGRAMS:%='$(DESTDIR)$(CGIDIR)/%.cgi')
	rm -f $(PROGRAMS:%='$(DESTDIR)$(FCGIDIR)/%.fcgi')
	@d='$(DESTDIR)$(FCGIDIR)'; if [ -d "$$d" ]; then \
		echo "rmdir '$$d'"; rmdir "$$d" 2>/dev/null || \
		echo "cgilab: left $$d: it holds files cgilab did not put there"; \
	fi
	rm -f $(PAGES:%='$(DESTDIR)$(WWWDIR)/%')
	rm -f $(ERROR_PAGES:%='$(DESTDIR)$(WWWDIR)/errors/%')
	@rmdir '$(DESTDIR)$(WWWDIR)/errors' 2>/dev/null || true
	@d='$(DESTDIR)$(WWWDIR)'; if [ -d "$$d" ]; then \
		echo "rmdir '$$d'"; rmdir "$$d" 2>/dev/null || \
		echo "cgilab: left $$d: it holds files cgilab did not put there"; \
	fi
	rm -f '$(DESTDIR)$(CONF_AVAILABLE)/cgilab.conf'
	@# The pools: stopped and disabled first on the running system, as
	@# systemctl disable --now would; in a staged root, the links an
	@# enable made removed.
	@if [ -z '$(DESTDIR)' ] && [ -d /run/systemd/system ]; then \
		echo "systemctl disable --now cgilab-fcgi.target"; \
		systemctl disable --now cgilab-fcgi.target $(PROGRAMS:%=cgilab-fcgi@%.socket) || true; \
	else \
		for l in '$(DESTDIR)$(SYSCONFDIR)'/systemd/system/*.wants/cgilab-fcgi*; do \
			if [ -L "$$l" ]; then echo "rm -f '$$l'   (as systemctl disable would)"; rm -f "$$l"; fi; \
		done; \
	fi
	rm -f $(UNITS:%='$(DESTDIR)$(SYSTEMD_UNITDIR)/%')
	@# What a2disconf would do: no link left to a config that is gone.
	@l='$(DESTDIR)$(APACHE_CONFDIR)/conf-enabled/cgilab.conf'; \
	if [ -L "$$l" ] && [ "$$(readlink "$$l")" = ../conf-available/cgilab.conf ]; then \
		echo "rm -f '$$l'   (as a2disconf cgilab would)"; rm -f "$$l"; \
	fi
	@echo "cgilab: uninstalled; the database stays in $(DESTDIR)$(STATEDIR) (remove it yourself if you mean to)."
	@echo "cgilab: then reload Apache:  systemctl reload apache2   (or: apache2ctl graceful)"
	@echo "cgilab: and systemd:  systemctl daemon-reload"
.SECONDARY:
