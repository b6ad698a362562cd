/* store_sqlite_stmt.c - every SQL statement of the SQLite store, and its
 * transactions.
 *
 * Every statement is prepared once, on first use, and kept for the next
 * request in FastCGI mode.  Every write is one BEGIN IMMEDIATE
 * transaction (taken up front, so two writers never deadlock upgrading a
 * read lock), begun one way, db_begin_write: writers take turns for it
 * in the order they came (writers_turn.c). */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "store_sqlite.h"

static const char *const stmt_sql[S_COUNT] = {
	[S_BEGIN_READ] = "BEGIN",
	[S_BEGIN_WRITE] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_USERS_VERSION] = "SELECT value FROM meta WHERE name = 'users_version'",
	[S_USERS_BUMP] = "UPDATE meta SET value = value + 1 WHERE name = 'users_version'",
	[S_USERS_LIST] = "SELECT id, name FROM users ORDER BY id",
	[S_USER_GET] = "SELECT name FROM users WHERE id = ?1",
	[S_USER_CREATE] = "INSERT INTO users(name) VALUES (?1) RETURNING id",
	[S_USER_REPLACE] = "UPDATE users SET name = ?2 WHERE id = ?1",
	[S_USER_DELETE] = "DELETE FROM users WHERE id = ?1",
	[S_SESSION_INSERT] =
	    "INSERT INTO sessions(id, name, created, expires) VALUES (?1, ?2, ?3, ?4)",
	[S_SESSION_FIND] = "SELECT name FROM sessions WHERE id = ?1 AND expires > ?2",
	[S_SESSION_DELETE] = "DELETE FROM sessions WHERE id = ?1",
	[S_SESSION_PURGE] = "DELETE FROM sessions WHERE expires <= ?1",
};

enum store_result
db_fail(struct sqlite_store *st, const char *what)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;

	log_error("sqlite: %s: %s", what, sqlite3_errmsg(st->db));
	return code == SQLITE_BUSY || code == SQLITE_LOCKED ? STORE_BUSY :
	    STORE_ERROR;
}

sqlite3_stmt *
db_stmt(struct sqlite_store *st, enum stmt_id id)
{
	if (st->stmt[id] == NULL &&
	    sqlite3_prepare_v3(st->db, stmt_sql[id], -1,
	    SQLITE_PREPARE_PERSISTENT, &st->stmt[id], NULL) != SQLITE_OK) {
		log_error("sqlite: prepare %s: %s", stmt_sql[id],
		    sqlite3_errmsg(st->db));
		return NULL;
	}
	return st->stmt[id];
}

void
db_done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

enum store_result
db_end_open_read(struct sqlite_store *st)
{
	if (!st->read_open)
		return STORE_OK;
	st->read_open = 0;
	return db_run(st, S_COMMIT);
}

/* A BEGIN takes over the read transaction store_sqlite_open left open,
 * if there is one: a read goes on in it, a write ends it first. */
enum store_result
db_run(struct sqlite_store *st, enum stmt_id id)
{
	sqlite3_stmt *s;
	enum store_result r;
	int rc;

	if (id == S_BEGIN_READ && st->read_open) {
		st->read_open = 0;
		return STORE_OK;
	}
	if (id == S_BEGIN_WRITE && (r = db_end_open_read(st)) != STORE_OK)
		return r;
	if ((s = db_stmt(st, id)) == NULL)
		return STORE_ERROR;
	rc = sqlite3_step(s);
	db_done(s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(st, stmt_sql[id]);
}

enum store_result
db_run_bound(struct sqlite_store *st, enum stmt_id id, const char *text,
    sqlite3_int64 num, int changed)
{
	sqlite3_stmt *s = db_stmt(st, id);
	int rc;

	if (s == NULL)
		return STORE_ERROR;
	if (text != NULL)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, num);
	rc = sqlite3_step(s);
	db_done(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, stmt_sql[id]);
	return changed && sqlite3_changes(st->db) == 0 ? STORE_NOT_FOUND : STORE_OK;
}

char *
db_column_text(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return strdup(t ? (const char *)t : "");
}

enum store_result
db_begin_read(struct sqlite_store *st)
{
	return db_run(st, S_BEGIN_READ);
}

enum store_result
db_begin_write(struct sqlite_store *st)
{
	enum store_result r;

	/* (No read transaction kept while waiting for the turn.) */
	if ((r = db_end_open_read(st)) != STORE_OK)
		return r;
	clock_gettime(CLOCK_MONOTONIC, &st->busy_since);
	if (writers_turn_take(&st->turn, &st->busy_since, st->busy_ms) < 0)
		return STORE_BUSY;
	if ((r = db_run(st, S_BEGIN_WRITE)) != STORE_OK)
		writers_turn_end(&st->turn);
	return r;
}

enum store_result
db_finish(struct sqlite_store *st, enum store_result r)
{
	if (r != STORE_OK || (r = db_run(st, S_COMMIT)) != STORE_OK) {
		if (!sqlite3_get_autocommit(st->db))
			db_run(st, S_ROLLBACK);
	}
	writers_turn_end(&st->turn);
	return r;
}
