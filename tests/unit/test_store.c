/* test_store.c - the store interface on a real SQLite file in a temporary
 * directory (lib/store.c, lib/store_sqlite*.c; docs/storage.md). */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "app.h"
#include "memio.h"
#include "store_sqlite.h"
#include "test.h"

#define BUSY_MS 2000

struct tmpdb {
	char dir[PATH_MAX];
	char path[PATH_MAX + 16];
};

/* An empty file: what scripts/lab and make install put down. */
static void
tmpdb_create(struct tmpdb *t)
{
	int fd = open(t->path, O_WRONLY | O_CREAT | O_EXCL, 0644);

	if (fd < 0)
		abort();
	close(fd);
}

static void
tmpdb_make(struct tmpdb *t)
{
	unit_tmpdir(t->dir, sizeof(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/test.db", t->dir);
	tmpdb_create(t);
}

static void
tmpdb_remove(struct tmpdb *t)
{
	unit_rmdir(t->dir);
}

static struct store *
open_ok(const char *path, long busy_ms)
{
	enum store_result why = STORE_BUSY;
	struct store *st = store_open(path, busy_ms, &why);

	CHECK(st != NULL);
	CHECK_INT(why, STORE_OK);
	return st;
}

/* The single integer a query on path answers, through SQLite directly. */
static long long
sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

static long long
version(struct store *st)
{
	long long v = -1;

	CHECK_INT(store_users_version(st, &v), STORE_OK);
	return v;
}

static long long
create(struct store *st, const char *name)
{
	long long id = -1;

	CHECK_INT(store_user_create(st, name, &id), STORE_OK);
	CHECK(id > 0);
	return id;
}

TEST(store_open_creates_the_schema_in_wal_mode)
{
	struct tmpdb t;
	struct store *st;
	sqlite3 *db;
	sqlite3_stmt *s;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	CHECK(access(t.path, F_OK) == 0);
	CHECK(sql_int(t.path, "PRAGMA user_version") >= 1);
	CHECK_INT(sql_int(t.path,
	    "SELECT count(*) FROM sqlite_schema WHERE name IN ('users', 'meta')"), 2);
	/* WAL is a property of the file: a new connection sees it. */
	CHECK_INT(sqlite3_open(t.path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL),
	    SQLITE_OK);
	CHECK_INT(sqlite3_step(s), SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	sqlite3_close(db);
	store_close(st);
	tmpdb_remove(&t);
}

TEST(store_create_get_list)
{
	struct tmpdb t;
	struct store *st;
	struct user u = { 0 };
	struct user_list list;
	long long a, b, c, v = -1;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	CHECK_INT(store_users_list(st, &list, &v), STORE_OK);
	CHECK_INT(list.count, 0);
	user_list_free(&list);

	a = create(st, "kim");
	b = create(st, "\xea\xb9\x80\xec\xb2\xa0\xec\x88\x98");
	c = create(st, "<script>\"'&");
	CHECK(a < b && b < c);
	CHECK_INT(store_user_get(st, b, &u), STORE_OK);
	CHECK_INT(u.id, b);
	CHECK_STR(u.name, "\xea\xb9\x80\xec\xb2\xa0\xec\x88\x98");
	user_free(&u);

	CHECK_INT(store_users_list(st, &list, &v), STORE_OK);
	CHECK_INT(list.count, 3);
	if (list.count == 3) {
		CHECK(list.items[0].id == a && list.items[1].id == b &&
		    list.items[2].id == c);
		CHECK_STR(list.items[0].name, "kim");
		CHECK_STR(list.items[2].name, "<script>\"'&");
	}
	user_list_free(&list);
	store_close(st);
	tmpdb_remove(&t);
}

TEST(store_list_is_in_ascending_id_order)
{
	struct tmpdb t;
	struct store *st;
	struct user_list list;
	long long v;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	for (int i = 0; i < 40; i++)	/* more than the list's first block */
		create(st, i % 2 ? "b" : "a");
	CHECK_INT(store_user_delete(st, 5), STORE_OK);
	CHECK_INT(store_users_list(st, &list, &v), STORE_OK);
	CHECK_INT(list.count, 39);
	for (size_t i = 1; i < list.count; i++)
		CHECK(list.items[i - 1].id < list.items[i].id);
	user_list_free(&list);
	store_close(st);
	tmpdb_remove(&t);
}

/* The list keeps its names in blocks of its own: each name stays where
 * it was put as more are added, across blocks, one longer than a block
 * and an empty one among them. */
TEST(store_list_names_stay_whole_across_blocks)
{
	static char long_name[40000];
	struct user_list list = { 0 };
	char name[32];

	memset(long_name, 'x', sizeof(long_name));
	for (int i = 0; i < 3000; i++) {
		const char *n = name;
		size_t len;

		if (i == 1500) {
			n = long_name;
			len = sizeof(long_name);
		} else if (i == 7) {
			len = 0;
		} else {
			len = (size_t)snprintf(name, sizeof(name), "user %d", i);
		}
		CHECK_INT(user_list_add(&list, i + 1, n, len), 0);
	}
	CHECK_INT(list.count, 3000);
	for (int i = 0; i < 3000; i++) {
		CHECK_INT(list.items[i].id, i + 1);
		if (i == 1500) {
			CHECK_INT(strlen(list.items[i].name), sizeof(long_name));
			CHECK(memcmp(list.items[i].name, long_name,
			    sizeof(long_name)) == 0);
		} else if (i == 7) {
			CHECK_STR(list.items[i].name, "");
		} else {
			snprintf(name, sizeof(name), "user %d", i);
			CHECK_STR(list.items[i].name, name);
		}
	}
	user_list_free(&list);
	CHECK_INT(list.count, 0);
	CHECK(list.items == NULL && list.names == NULL);
}

TEST(store_replace_and_delete)
{
	struct tmpdb t;
	struct store *st;
	struct user u = { 0 };
	long long a, b;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	a = create(st, "kim");
	b = create(st, "lee");
	CHECK_INT(store_user_replace(st, a, "park"), STORE_OK);
	CHECK_INT(store_user_get(st, a, &u), STORE_OK);
	CHECK_STR(u.name, "park");
	user_free(&u);
	CHECK_INT(store_user_delete(st, a), STORE_OK);
	CHECK_INT(store_user_get(st, a, &u), STORE_NOT_FOUND);
	CHECK_INT(store_user_get(st, b, &u), STORE_OK);	/* the other stays */
	CHECK_STR(u.name, "lee");
	user_free(&u);
	CHECK_INT(store_user_delete(st, a), STORE_NOT_FOUND);	/* once only */
	store_close(st);
	tmpdb_remove(&t);
}

TEST(store_unknown_id_is_not_found)
{
	struct tmpdb t;
	struct store *st;
	struct user u = { 0 };
	long long v;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	create(st, "kim");
	v = version(st);
	CHECK_INT(store_user_get(st, 999, &u), STORE_NOT_FOUND);
	CHECK(u.name == NULL);
	CHECK_INT(store_user_replace(st, 999, "x"), STORE_NOT_FOUND);
	CHECK_INT(store_user_delete(st, 999), STORE_NOT_FOUND);
	CHECK_INT(store_user_get(st, 0, &u), STORE_NOT_FOUND);
	CHECK_INT(store_user_get(st, -1, &u), STORE_NOT_FOUND);
	/* A write that changed nothing is not a change. */
	CHECK_INT(version(st), v);
	CHECK_INT(sql_int(t.path, "SELECT count(*) FROM users WHERE name = 'x'"), 0);
	store_close(st);
	tmpdb_remove(&t);
}

TEST(store_version_changes_on_every_write_and_not_on_reads)
{
	struct tmpdb t;
	struct store *st;
	struct user u;
	struct user_list list;
	long long v[4], lv, id;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	v[0] = version(st);
	id = create(st, "kim");
	v[1] = version(st);
	CHECK_INT(store_user_get(st, id, &u), STORE_OK);
	user_free(&u);
	CHECK_INT(store_users_list(st, &list, &lv), STORE_OK);
	user_list_free(&list);
	CHECK_INT(version(st), v[1]);	/* reads leave it */
	CHECK_INT(store_user_replace(st, id, "kim"), STORE_OK);	/* same name */
	v[2] = version(st);
	CHECK_INT(store_user_delete(st, id), STORE_OK);
	v[3] = version(st);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < i; j++)
			CHECK(v[i] != v[j]);
	store_close(st);
	tmpdb_remove(&t);
}

TEST(store_list_returns_its_version)
{
	struct tmpdb t;
	struct store *st;
	struct user_list list;
	long long lv = -1;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	CHECK_INT(store_users_list(st, &list, &lv), STORE_OK);
	CHECK_INT(lv, version(st));
	user_list_free(&list);
	create(st, "kim");
	CHECK_INT(store_users_list(st, &list, &lv), STORE_OK);
	CHECK_INT(lv, version(st));
	CHECK_INT(list.count, 1);
	user_list_free(&list);
	store_close(st);
	tmpdb_remove(&t);
}

/* An authorizer that refuses COMMIT, counting its refusals in *arg:
 * setting it makes SQLite prepare every statement again, so the store's
 * COMMIT fails with SQLITE_AUTH. */
static int
deny_commit(void *arg, int action, const char *a, const char *b,
    const char *c, const char *d)
{
	(void)b;
	(void)c;
	(void)d;
	if (action != SQLITE_TRANSACTION || a == NULL || strcmp(a, "COMMIT") != 0)
		return SQLITE_OK;
	++*(int *)arg;
	return SQLITE_DENY;
}

/* A list read in full whose read transaction then fails to end is an
 * error, and leaves the caller nothing to free (LeakSanitizer would
 * say otherwise); the store serves the next list. */
TEST(store_list_that_fails_at_commit_leaves_nothing)
{
	struct tmpdb t;
	struct store *st;
	sqlite3 *db;
	struct user_list list;
	long long lv = -1;
	int denied = 0;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	create(st, "kim");
	create(st, "lee");
	db = ((struct sqlite_store *)st)->db;
	sqlite3_set_authorizer(db, deny_commit, &denied);
	CHECK_INT(store_users_list(st, &list, &lv), STORE_ERROR);
	CHECK(denied > 0);
	CHECK_INT(list.count, 0);
	CHECK(list.items == NULL && list.names == NULL);
	sqlite3_set_authorizer(db, NULL, NULL);
	CHECK_INT(store_users_list(st, &list, &lv), STORE_OK);
	CHECK_INT(list.count, 2);
	user_list_free(&list);
	store_close(st);
	tmpdb_remove(&t);
}

TEST(store_ids_are_never_reused_after_delete)
{
	struct tmpdb t;
	struct store *st;
	long long a, b, c;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	a = create(st, "a");
	b = create(st, "b");
	CHECK_INT(store_user_delete(st, b), STORE_OK);
	c = create(st, "c");
	CHECK(c > b);
	/* Not even when the table is empty. */
	CHECK_INT(store_user_delete(st, a), STORE_OK);
	CHECK_INT(store_user_delete(st, c), STORE_OK);
	CHECK(create(st, "d") > c);
	store_close(st);
	/* Nor after the file is opened again. */
	st = open_ok(t.path, BUSY_MS);
	CHECK(create(st, "e") > c + 1);
	store_close(st);
	tmpdb_remove(&t);
}

TEST(store_second_open_on_the_same_file_works)
{
	struct tmpdb t;
	struct store *one, *two;
	struct user u;
	long long a, b;

	tmpdb_make(&t);
	one = open_ok(t.path, BUSY_MS);
	a = create(one, "kim");
	two = open_ok(t.path, BUSY_MS);
	CHECK_INT(store_user_get(two, a, &u), STORE_OK);
	CHECK_STR(u.name, "kim");
	user_free(&u);
	b = create(two, "lee");
	CHECK_INT(store_user_get(one, b, &u), STORE_OK);
	CHECK_STR(u.name, "lee");
	user_free(&u);
	CHECK_INT(version(one), version(two));
	CHECK(sql_int(t.path, "PRAGMA user_version") >= 1);
	store_close(one);
	store_close(two);
	tmpdb_remove(&t);
}

/* store_open expected to fail: checks *why and that the log says so. */
static void
check_open_fails(const char *path, enum store_result want, const char *logged)
{
	enum store_result why = STORE_OK;
	struct capture cap;
	struct store *st;
	char *log;

	capture_stderr(&cap);
	st = store_open(path, 100, &why);
	log = capture_end(&cap);
	CHECK(st == NULL);
	CHECK_INT(why, want);
	CHECK(log != NULL && strstr(log, logged) != NULL);
	free(log);
	store_close(st);
}

TEST(store_open_without_a_location_fails)
{
	check_open_fails(NULL, STORE_ERROR, "CGILAB_DB");
	check_open_fails("", STORE_ERROR, "CGILAB_DB");
}

TEST(store_open_on_a_file_that_is_not_a_database_fails)
{
	struct tmpdb t;
	char garbage[8192];
	int fd;

	tmpdb_make(&t);
	for (size_t i = 0; i < sizeof(garbage); i++)
		garbage[i] = (char)("not a database\n"[i % 15] ^ (i & 0x40));
	fd = open(t.path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK(write(fd, garbage, sizeof(garbage)) == (ssize_t)sizeof(garbage));
	close(fd);
	check_open_fails(t.path, STORE_ERROR, "sqlite");
	tmpdb_remove(&t);
}

TEST(store_open_in_a_missing_directory_fails)
{
	check_open_fails("/nonexistent-cgilab-dir/test.db", STORE_ERROR, "sqlite");
}

TEST(store_open_never_creates_the_database)
{
	struct tmpdb t;

	tmpdb_make(&t);
	unlink(t.path);
	check_open_fails(t.path, STORE_ERROR, "no request makes a new one");
	CHECK(access(t.path, F_OK) != 0);
	tmpdb_remove(&t);
}

/* A write on a store whose file was deleted or replaced under it: refused
 * with STORE_ERROR and a line in the log, nothing written anywhere, and
 * store_current says to open it again. */
static void
check_write_refused(struct store *st, const char *logged)
{
	struct capture cap;
	long long id = -1;
	char *log;

	capture_stderr(&cap);
	CHECK_INT(store_user_create(st, "lost", &id), STORE_ERROR);
	CHECK_INT(store_user_delete(st, 1), STORE_ERROR);
	log = capture_end(&cap);
	CHECK(log != NULL && strstr(log, logged) != NULL);
	free(log);
	capture_stderr(&cap);
	CHECK(!store_current(st));
	free(capture_end(&cap));
}

TEST(store_refuses_writes_into_a_deleted_database)
{
	struct tmpdb t;
	struct store *st;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	create(st, "kept");
	CHECK(store_current(st));
	CHECK_INT(unlink(t.path), 0);
	check_write_refused(st, "is gone");
	store_close(st);
	CHECK(access(t.path, F_OK) != 0);
	tmpdb_remove(&t);
}

TEST(store_refuses_writes_into_a_replaced_database)
{
	struct tmpdb t;
	struct store *st, *fresh;
	char other[PATH_MAX + 32];
	struct user u = { 0 };
	int fd;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	create(st, "old");
	snprintf(other, sizeof(other), "%s/other.db", t.dir);
	fd = open(other, O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK_INT(rename(other, t.path), 0);
	check_write_refused(st, "was replaced");
	store_close(st);
	/* The file the path names now is the one a new store reads. */
	fresh = open_ok(t.path, BUSY_MS);
	CHECK_INT(store_user_get(fresh, 1, &u), STORE_NOT_FOUND);
	CHECK_INT(create(fresh, "new"), 1);
	store_close(fresh);
	tmpdb_remove(&t);
}

TEST(store_open_refuses_a_newer_schema)
{
	struct tmpdb t;
	struct store *st;
	sqlite3 *db;

	tmpdb_make(&t);
	st = open_ok(t.path, BUSY_MS);
	store_close(st);
	CHECK_INT(sqlite3_open(t.path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	check_open_fails(t.path, STORE_ERROR, "newer");
	tmpdb_remove(&t);
}

static long
ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 +
	    (now.tv_nsec - start->tv_nsec) / 1000000;
}

TEST(store_busy_writer_times_out_while_reads_go_on)
{
	struct tmpdb t;
	struct store *st;
	struct user_list list;
	struct user u;
	struct timespec start;
	struct capture cap;
	sqlite3 *db;
	long long id = -1, before, lv, first;
	enum store_result r;
	long waited;
	char *log;

	tmpdb_make(&t);
	st = open_ok(t.path, 100);
	first = create(st, "kim");
	before = version(st);
	/* Another connection holds the write lock. */
	CHECK_INT(sqlite3_open(t.path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);

	capture_stderr(&cap);
	clock_gettime(CLOCK_MONOTONIC, &start);
	r = store_user_create(st, "lee", &id);
	waited = ms_since(&start);
	log = capture_end(&cap);
	CHECK_INT(r, STORE_BUSY);
	CHECK(waited >= 90);	/* it waited for the lock ... */
	CHECK(waited < 5000);	/* ... and gave up near busy_ms */
	CHECK(log != NULL && strstr(log, "sqlite") != NULL);
	free(log);

	/* WAL: readers go on while another connection writes. */
	CHECK_INT(store_users_list(st, &list, &lv), STORE_OK);
	CHECK_INT(list.count, 1);
	CHECK_INT(lv, before);
	user_list_free(&list);
	CHECK_INT(store_user_get(st, first, &u), STORE_OK);
	user_free(&u);

	/* Once the lock is gone, writing works again. */
	CHECK_INT(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(store_user_create(st, "lee", &id), STORE_OK);
	CHECK(id > first);
	store_close(st);
	tmpdb_remove(&t);
}

/* store_respond_error's answer for r, as sent. */
static char *
respond(enum store_result r)
{
	struct response res;
	struct memsink out;

	response_init(&res);
	store_respond_error(&res, r, MSG_NO_SUCH_USER);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	response_free(&res);
	return out.data;
}

TEST(store_respond_error_maps_results_to_statuses)
{
	char *s;

	s = respond(STORE_NOT_FOUND);
	CHECK(strncmp(s, "Status: 404 ", 12) == 0);
	CHECK(strstr(s, "{\"error\":\"There is no user with that id.\"}") != NULL);
	free(s);
	s = respond(STORE_BUSY);
	CHECK(strncmp(s, "Status: 503 ", 12) == 0);
	CHECK(strstr(s, "\r\nRetry-After: ") != NULL);
	free(s);
	s = respond(STORE_ERROR);
	CHECK(strncmp(s, "Status: 500 ", 12) == 0);
	CHECK(strstr(s, "application/json") != NULL);
	free(s);
}
