# cgilab - C CGI programs for Apache httpd 2.4.  See README.md.
#
#   make          build every program into build/cgi-bin/ (CGI) and
#                 build/fcgi-bin/ (FastCGI)
#   make run      start the lab server in the foreground (PORT=8080)
#   make test     every test: C unit tests (ASan+UBSan), HTTP tests
#   make bench    what a request costs, CGI and FastCGI (BENCH_SECONDS=5)
#   make deps     install the Debian packages (as root; else prints the line)
#   make clean    remove build/ (the run directory stays: it holds the data)

CC ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
PORT ?= 8080
RUN_DIR ?= $(CURDIR)/run

WARN := -Wall -Wextra -Werror
HARDEN := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
CJSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null)
CJSON_LIBS := $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null || echo -lcjson)
SQLITE_CFLAGS := $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
# SQLite is linked statically: loading and relocating libsqlite3.so costs
# a CGI process more than its whole request (see README, "Cost").
SQLITE_LIBS := -Wl,-Bstatic -lsqlite3 -Wl,-Bdynamic -lm -lz
ALL_CFLAGS := $(WARN) $(HARDEN) -std=c11 -D_DEFAULT_SOURCE -Ilib \
	$(CJSON_CFLAGS) $(SQLITE_CFLAGS) $(CFLAGS)
# libfcgi too: Debian ships libfcgi.a.
FCGI_LIBS := -Wl,-Bstatic -lfcgi -Wl,-Bdynamic
ALL_LDFLAGS := -pie -Wl,-z,relro,-z,now -Wl,--as-needed $(LDFLAGS)

PROGRAMS := hello cookie users
LIB_SRCS := $(filter-out lib/cgi_main.c lib/fcgi_main.c,$(wildcard lib/*.c))
LIB_OBJS := $(LIB_SRCS:lib/%.c=build/lib/%.o)
CGIS := $(PROGRAMS:%=build/cgi-bin/%.cgi)
FCGIS := $(PROGRAMS:%=build/fcgi-bin/%.fcgi)

.PHONY: all run test test-unit test-http bench deps clean
all: $(CGIS) $(FCGIS)

build/lib/%.o: lib/%.c lib/*.h | build/lib
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/cgi-bin/%.o: cgi-bin/%.c lib/*.h | build/cgi-bin
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/libcgilab.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

# Each program takes from the library only the objects it uses.
build/cgi-bin/%.cgi: build/cgi-bin/%.o build/lib/cgi_main.o build/libcgilab.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(SQLITE_LIBS) $(CJSON_LIBS)

# The same program in FastCGI mode: the same objects, another main.
build/fcgi-bin/%.fcgi: build/cgi-bin/%.o build/lib/fcgi_main.o build/libcgilab.a | build/fcgi-bin
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(FCGI_LIBS) $(SQLITE_LIBS) $(CJSON_LIBS)

# The bench's floor: a CGI that only answers, linked as the programs are.
build/bench/trivial.cgi: bench/trivial.c | build/bench
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

build/lib build/cgi-bin build/fcgi-bin build/asan build/bench:
	mkdir -p $@

# deps first, then a fresh make: the flags above come from pkg-config,
# which deps may just have installed.
run: deps
	$(MAKE) all
	RUN_DIR='$(RUN_DIR)' PORT='$(PORT)' CGILAB_ERROR_LOG=/dev/stderr \
		scripts/lab run

# C unit tests, with AddressSanitizer and UndefinedBehaviorSanitizer.
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
UNIT_SRCS := $(wildcard tests/unit/*.c)
build/asan/unit-tests: $(UNIT_SRCS) $(LIB_SRCS) lib/*.h tests/unit/*.h | build/asan
	$(CC) $(WARN) -std=c11 -D_DEFAULT_SOURCE -Ilib -Itests/unit -O1 -g $(SAN) \
		$(CJSON_CFLAGS) $(SQLITE_CFLAGS) -o $@ $(UNIT_SRCS) $(LIB_SRCS) \
		-lsqlite3 $(CJSON_LIBS)

test-unit: build/asan/unit-tests
	tests/run unit

test-http: all
	tests/run http

test: deps
	$(MAKE) all build/asan/unit-tests
	tests/run all

# Not part of make test (a smoke run of it is: t0800).  README, "Bench".
bench: deps
	$(MAKE) all build/bench/trivial.cgi
	bench/run

deps:
	@scripts/deps

clean:
	rm -rf build
.SECONDARY:
