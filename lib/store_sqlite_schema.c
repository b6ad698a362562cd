/* store_sqlite_schema.c - the SQLite store's schema, created and migrated
 * keyed by PRAGMA user_version, and only when user_version says so: a
 * request on an up-to-date database reads one pragma and does no schema
 * work (store_sqlite_open). */
#include <stdio.h>

#include "store_sqlite.h"

/* Schema migrations: migrations[n] takes user_version n to n + 1.  Each
 * is one parenthesised script of several literals. */
static const char *const migrations[] = {
	/* 0 -> 1: users, and the version that makes the list's ETag.  The
	 * version starts at a random number so that a new database never
	 * repeats an old one's tags. */
	("CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL"
	");"
	"CREATE TABLE meta ("
	"  name TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"INSERT INTO meta(name, value)"
	"  VALUES ('users_version', abs(random() % 1000000000000));"),
	/* 1 -> 2: sessions (docs/sessions.md), looked up by id; the index on
	 * expires makes the purge of expired rows a range scan. */
	("CREATE TABLE sessions ("
	"  id TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  expires INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE INDEX sessions_expires ON sessions(expires);"),
	/* 2 -> 3: sessions.id holds the SHA-256 of the cookie's id
	 * (session_id_key), no longer the id: the sessions kept under a
	 * plain id are dropped (those browsers log in again). */
	("DELETE FROM sessions;"),
};
const int db_schema_version = sizeof(migrations) / sizeof(migrations[0]);

/* Runs each statement of a constant script (the migrations). */
static int
exec_script(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	const char *tail;

	while (*sql != '\0') {
		if (sqlite3_prepare_v2(db, sql, -1, &s, &tail) != SQLITE_OK)
			return -1;
		if (s != NULL) {
			int rc = sqlite3_step(s);

			sqlite3_finalize(s);
			if (rc != SQLITE_DONE && rc != SQLITE_ROW)
				return -1;
		}
		sql = tail;
	}
	return 0;
}

int
db_user_version(sqlite3 *db)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

enum store_result
db_migrate(struct sqlite_store *st)
{
	enum store_result r;
	char sql[64];
	int v;

	/* WAL is a property of the file: set once, when it is new.  It lets
	 * readers go on while one process writes. */
	if (exec_script(st->db, "PRAGMA journal_mode=WAL") < 0)
		return db_fail(st, "journal_mode=WAL");
	/* (A turn not had in time is a 503; the reason is logged.) */
	if ((r = db_begin_write(st)) != STORE_OK)
		return r;
	/* Another process may have migrated while this one waited. */
	if ((v = db_user_version(st->db)) < 0)
		return db_finish(st, db_fail(st, "user_version"));
	for (; v < db_schema_version; v++)
		if (exec_script(st->db, migrations[v]) < 0)
			return db_finish(st, db_fail(st, "migration"));
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", db_schema_version);
	if (exec_script(st->db, sql) < 0)
		return db_finish(st, db_fail(st, "set user_version"));
	return db_finish(st, STORE_OK);
}
