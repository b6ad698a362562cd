/* test_session_store.c - sessions in the SQLite store (docs/sessions.md, docs/storage.md):
 * fresh random ids, lookups that honour expiry, the replaced session
 * deleted with the login that replaces it, purging, and the migration of
 * a database made before sessions existed.  Each test uses its own
 * database file in a temporary directory. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <sqlite3.h>

#include "memio.h"
#include "session_id.h"
#include "store.h"
#include "test.h"

struct tmpdb {
	char dir[PATH_MAX];
	char path[PATH_MAX + 16];
};

static struct store *
open_fresh(struct tmpdb *t)
{
	enum store_result why;
	struct store *st;
	int fd;

	unit_tmpdir(t->dir, sizeof(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/test.db", t->dir);
	/* An empty file, as scripts/lab makes it. */
	if ((fd = open(t->path, O_WRONLY | O_CREAT | O_EXCL, 0644)) < 0)
		return NULL;
	close(fd);
	st = store_open(t->path, 1000, &why);
	CHECK(st != NULL);
	CHECK_INT(why, STORE_OK);
	return st;
}

static void
remove_db(struct tmpdb *t)
{
	unit_rmdir(t->dir);
}

/* One integer from the database, read beside the store (the tests look
 * at the rows; the programs never do this). */
static long long
query_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

/* The name stored under id at time now, or NULL. */
static char *
find(struct store *st, const char *id, time_t now, enum store_result *r)
{
	char *name = NULL;

	*r = store_session_find(st, id, now, &name);
	return name;
}

TEST(session_id_new_is_32_lowercase_hex_and_fresh)
{
	char a[SESSION_ID_LEN + 1], b[SESSION_ID_LEN + 1];

	CHECK_INT(session_id_new(a), 0);
	CHECK_INT(session_id_new(b), 0);
	CHECK_INT(strlen(a), 32);
	CHECK(session_id_valid(a));
	CHECK(session_id_valid(b));
	CHECK(strcmp(a, b) != 0);
}

TEST(session_id_valid_takes_only_the_shape_it_makes)
{
	CHECK(session_id_valid("0123456789abcdef0123456789abcdef"));
	CHECK(!session_id_valid(NULL));
	CHECK(!session_id_valid(""));
	CHECK(!session_id_valid("0123456789abcdef0123456789abcde"));	/* 31 */
	CHECK(!session_id_valid("0123456789abcdef0123456789abcdef0"));	/* 33 */
	CHECK(!session_id_valid("0123456789ABCDEF0123456789abcdef"));	/* upper */
	CHECK(!session_id_valid("0123456789abcdeg0123456789abcdef"));
	CHECK(!session_id_valid("1699999999999"));	/* session.js's Date.now() */
	CHECK(!session_id_valid("0123456789abcdef 123456789abcdef"));
	CHECK(!session_id_valid("' OR 1=1 --'''''''''''''''''''''"));
}

TEST(session_create_then_find_gives_the_name)
{
	struct tmpdb t;
	struct store *st = open_fresh(&t);
	char id[SESSION_ID_LEN + 1], id2[SESSION_ID_LEN + 1], *name;
	enum store_result r;
	time_t now = time(NULL);

	if (st == NULL)
		return;
	CHECK_INT(store_session_create(st, "김철수", 300, NULL, id), STORE_OK);
	CHECK(session_id_valid(id));
	name = find(st, id, now, &r);
	CHECK_INT(r, STORE_OK);
	CHECK_STR(name, "김철수");
	free(name);
	CHECK_INT(store_session_create(st, "영희", 300, NULL, id2), STORE_OK);
	CHECK(strcmp(id, id2) != 0);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 2);
	/* The row says when it was made and when it ends. */
	{
		char sql[200];
		long long created, expires;

		char key[SESSION_KEY_LEN + 1];

		/* The row is under the id's SHA-256, never the id. */
		session_id_key(id, key);
		snprintf(sql, sizeof(sql),
		    "SELECT count(*) FROM sessions WHERE id = '%s'", id);
		CHECK_INT(query_int(t.path, sql), 0);
		snprintf(sql, sizeof(sql),
		    "SELECT created FROM sessions WHERE id = '%s'", key);
		created = query_int(t.path, sql);
		snprintf(sql, sizeof(sql),
		    "SELECT expires FROM sessions WHERE id = '%s'", key);
		expires = query_int(t.path, sql);
		CHECK(created >= now && created <= now + 5);
		CHECK_INT(expires - created, 300);
	}
	store_close(st);
	remove_db(&t);
}

TEST(session_find_refuses_unknown_malformed_and_expired)
{
	struct tmpdb t;
	struct store *st = open_fresh(&t);
	char id[SESSION_ID_LEN + 1], *name, upper[SESSION_ID_LEN + 1];
	enum store_result r;
	time_t now = time(NULL);

	if (st == NULL)
		return;
	CHECK_INT(store_session_create(st, "a", 10, NULL, id), STORE_OK);
	name = find(st, "0123456789abcdef0123456789abcdef", now, &r);
	CHECK_INT(r, STORE_NOT_FOUND);
	CHECK(name == NULL);
	free(name);
	/* The same id in capitals is malformed, not a match. */
	for (int i = 0; i <= SESSION_ID_LEN; i++)
		upper[i] = (char)(id[i] >= 'a' ? id[i] - 'a' + 'A' : id[i]);
	name = find(st, upper, now, &r);
	CHECK_INT(r, STORE_NOT_FOUND);
	free(name);
	name = find(st, "", now, &r);
	CHECK_INT(r, STORE_NOT_FOUND);
	free(name);
	name = find(st, NULL, now, &r);
	CHECK_INT(r, STORE_NOT_FOUND);
	free(name);
	/* Valid until expires, not at it: the server enforces the expiry. */
	name = find(st, id, now + 9, &r);
	CHECK_INT(r, STORE_OK);
	free(name);
	name = find(st, id, now + 11, &r);
	CHECK_INT(r, STORE_NOT_FOUND);
	CHECK(name == NULL);
	free(name);
	/* Finding only reads: the expired row is still there. */
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 1);
	store_close(st);
	remove_db(&t);
}

TEST(session_create_deletes_the_session_it_replaces)
{
	struct tmpdb t;
	struct store *st = open_fresh(&t);
	char a[SESSION_ID_LEN + 1], b[SESSION_ID_LEN + 1], other[SESSION_ID_LEN + 1];
	char *name;
	enum store_result r;
	time_t now = time(NULL);

	if (st == NULL)
		return;
	CHECK_INT(store_session_create(st, "a", 300, NULL, a), STORE_OK);
	CHECK_INT(store_session_create(st, "someone else", 300, NULL, other), STORE_OK);
	CHECK_INT(store_session_create(st, "b", 300, a, b), STORE_OK);
	CHECK(strcmp(a, b) != 0);
	name = find(st, a, now, &r);
	CHECK_INT(r, STORE_NOT_FOUND);
	free(name);
	name = find(st, b, now, &r);
	CHECK_INT(r, STORE_OK);
	CHECK_STR(name, "b");
	free(name);
	name = find(st, other, now, &r);
	CHECK_INT(r, STORE_OK);
	free(name);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 2);
	/* A replaced id that is unknown or malformed is no obstacle. */
	CHECK_INT(store_session_create(st, "c", 300,
	    "0123456789abcdef0123456789abcdef", a), STORE_OK);
	CHECK_INT(store_session_create(st, "d", 300, "x' OR '1'='1", a), STORE_OK);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 4);
	store_close(st);
	remove_db(&t);
}

TEST(session_delete_removes_the_row)
{
	struct tmpdb t;
	struct store *st = open_fresh(&t);
	char a[SESSION_ID_LEN + 1], b[SESSION_ID_LEN + 1], *name;
	enum store_result r;

	if (st == NULL)
		return;
	CHECK_INT(store_session_create(st, "a", 300, NULL, a), STORE_OK);
	CHECK_INT(store_session_create(st, "b", 300, NULL, b), STORE_OK);
	CHECK_INT(store_session_delete(st, a), STORE_OK);
	name = find(st, a, time(NULL), &r);
	CHECK_INT(r, STORE_NOT_FOUND);
	free(name);
	CHECK_INT(store_session_delete(st, a), STORE_NOT_FOUND);
	CHECK_INT(store_session_delete(st, "nope"), STORE_NOT_FOUND);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 1);
	name = find(st, b, time(NULL), &r);
	CHECK_INT(r, STORE_OK);
	free(name);
	store_close(st);
	remove_db(&t);
}

TEST(session_purge_deletes_only_expired_rows)
{
	struct tmpdb t;
	struct store *st = open_fresh(&t);
	char a[SESSION_ID_LEN + 1], b[SESSION_ID_LEN + 1], *name;
	enum store_result r;
	time_t now = time(NULL);

	if (st == NULL)
		return;
	CHECK_INT(store_session_create(st, "short", 5, NULL, a), STORE_OK);
	CHECK_INT(store_session_create(st, "long", 1000, NULL, b), STORE_OK);
	CHECK_INT(store_session_purge(st, now), STORE_OK);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 2);
	CHECK_INT(store_session_purge(st, now + 100), STORE_OK);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 1);
	/* Gone for good: not found even at a time it had not expired. */
	name = find(st, a, now, &r);
	CHECK_INT(r, STORE_NOT_FOUND);
	free(name);
	name = find(st, b, now, &r);
	CHECK_INT(r, STORE_OK);
	free(name);
	store_close(st);
	remove_db(&t);
}

TEST(session_create_purges_expired_rows_as_it_goes)
{
	struct tmpdb t;
	struct store *st = open_fresh(&t);
	char a[SESSION_ID_LEN + 1], b[SESSION_ID_LEN + 1];

	if (st == NULL)
		return;
	/* Already expired when made (a negative lifetime), so the next
	 * login, anyone's, clears it away. */
	CHECK_INT(store_session_create(st, "old", -10, NULL, a), STORE_OK);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 1);
	CHECK_INT(store_session_create(st, "new", 300, NULL, b), STORE_OK);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 1);
	CHECK_INT(query_int(t.path,
	    "SELECT count(*) FROM sessions WHERE name = 'new'"), 1);
	store_close(st);
	remove_db(&t);
}

TEST(session_schema_is_version_3_with_an_expiry_index)
{
	struct tmpdb t;
	struct store *st = open_fresh(&t);
	static const char without_rowid[] = "SELECT count(*) FROM sqlite_schema"
	    " WHERE type = 'table' AND name = 'sessions'"
	    " AND sql LIKE '%WITHOUT ROWID%'";
	static const char expires_index[] = "SELECT count(*)"
	    " FROM pragma_index_list('sessions') il"
	    " JOIN pragma_index_info(il.name) ii WHERE ii.name = 'expires'";

	if (st == NULL)
		return;
	CHECK_INT(query_int(t.path, "PRAGMA user_version"), 3);
	CHECK_INT(query_int(t.path, without_rowid), 1);
	CHECK_INT(query_int(t.path, expires_index), 1);
	store_close(st);
	remove_db(&t);
}

/* The users of an older release's database, and a store opened on a
 * database made by script (an older schema): NULL when it failed. */
#define OLD_USERS \
	"CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);" \
	"CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;" \
	"INSERT INTO meta VALUES ('users_version', 7);" \
	"INSERT INTO users(name) VALUES ('기존 사용자');"

static struct store *
open_old(struct tmpdb *t, const char *script)
{
	enum store_result why;
	struct store *st;
	sqlite3 *db;

	unit_tmpdir(t->dir, sizeof(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/test.db", t->dir);
	CHECK_INT(sqlite3_open(t->path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, script, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	st = store_open(t->path, 1000, &why);
	CHECK(st != NULL);
	return st;
}

/* The user the old database had is still there. */
static void
check_old_user(struct store *st)
{
	struct user u;

	CHECK_INT(store_user_get(st, 1, &u), STORE_OK);
	CHECK_STR(u.name, "기존 사용자");
	user_free(&u);
}

TEST(session_migration_keeps_the_users_of_a_version_1_database)
{
	struct tmpdb t;
	struct store *st;
	char id[SESSION_ID_LEN + 1];
	/* A database as the first release left it: users, meta, version 1. */
	static const char version1[] = OLD_USERS "PRAGMA user_version = 1;";

	if ((st = open_old(&t, version1)) == NULL)
		return;
	CHECK_INT(query_int(t.path, "PRAGMA user_version"), 3);
	check_old_user(st);
	CHECK_INT(store_session_create(st, "a", 300, NULL, id), STORE_OK);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 1);
	store_close(st);
	remove_db(&t);
}

TEST(session_id_key_is_the_ids_sha256_in_hex)
{
	char key[SESSION_KEY_LEN + 1];

	/* FIPS 180-2's example, and an id's. */
	session_id_key("abc", key);
	CHECK_STR(key, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	session_id_key("0123456789abcdef0123456789abcdef", key);
	CHECK_INT(strlen(key), SESSION_KEY_LEN);
	CHECK(strspn(key, "0123456789abcdef") == SESSION_KEY_LEN);
}

TEST(session_migration_drops_the_sessions_kept_under_plain_ids)
{
	struct tmpdb t;
	struct store *st;
	enum store_result r;
	char *name;
	static const char version2[] = OLD_USERS
	    "CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
	    "  created INTEGER NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;"
	    "CREATE INDEX sessions_expires ON sessions(expires);"
	    "INSERT INTO sessions VALUES ('0123456789abcdef0123456789abcdef', 'old', 1, 99999999999);"
	    "PRAGMA user_version = 2;";

	if ((st = open_old(&t, version2)) == NULL)
		return;
	CHECK_INT(query_int(t.path, "PRAGMA user_version"), 3);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 0);
	name = find(st, "0123456789abcdef0123456789abcdef", time(NULL), &r);
	CHECK_INT(r, STORE_NOT_FOUND);
	free(name);
	check_old_user(st);
	store_close(st);
	remove_db(&t);
}

/* Session writes wait for the writers' turn as user writes do: while
 * another writer holds it, each gives up at the busy timeout. */
TEST(session_writes_take_the_writers_turn)
{
	struct tmpdb t;
	struct store *st = open_fresh(&t), *quick;
	enum store_result why;
	char id[SESSION_ID_LEN + 1], lock[PATH_MAX + 32], *log;
	struct capture cap;
	int fd;

	store_close(st);
	quick = store_open(t.path, 100, &why);
	CHECK(quick != NULL);
	snprintf(lock, sizeof(lock), "%s-writer", t.path);
	fd = open(lock, O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
	CHECK(fd >= 0 && flock(fd, LOCK_EX) == 0);

	capture_stderr(&cap);
	CHECK_INT(store_session_create(quick, "Kim", 300, NULL, id), STORE_BUSY);
	CHECK_INT(store_session_delete(quick, "0123456789abcdef0123456789abcdef"),
	    STORE_BUSY);
	CHECK_INT(store_session_purge(quick, time(NULL)), STORE_BUSY);
	log = capture_end(&cap);
	CHECK(strstr(log, "for the writers' turn") != NULL);
	free(log);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 0);

	flock(fd, LOCK_UN);
	close(fd);
	CHECK_INT(store_session_create(quick, "Kim", 300, NULL, id), STORE_OK);
	CHECK_INT(query_int(t.path, "SELECT count(*) FROM sessions"), 1);
	store_close(quick);
	remove_db(&t);
}
