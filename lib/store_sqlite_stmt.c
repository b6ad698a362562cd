/* store_sqlite_stmt.c - every SQL statement of the SQLite store, and its
 * transactions.
 *
 * Every statement is prepared once, on first use, and kept for the next
 * request in FastCGI mode.  Every write is one BEGIN IMMEDIATE
 * transaction (taken up front, so two writers never deadlock upgrading a
 * read lock), begun one way, db_begin_write: writers take turns for it
 * in the order they came (writers_turn.c). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/*
 * A write refused as read-only.  Either the database file is not
 * writable (the log says so), or it is again but SQLite's -wal or -shm
 * file is not: SQLite makes them with the database's mode, so while the
 * database was read-only (chmod 0444) it made a read-only -shm, and that
 * one stays after the database is writable again, failing every write.
 * When this user owns such a file it gives it the database's mode and
 * the next request writes (this one is a 503: try again); otherwise the
 * log says exactly what to do (docs/reliability.md).
 */
static enum store_result
readonly_files(struct sqlite_store *st)
{
	static const char *const suffix[] = { "-shm", "-wal" };
	enum store_result r = STORE_ERROR;
	struct stat db, sb;
	char side[PATH_MAX];

	if (st->path == NULL || stat(st->path, &db) != 0)
		return STORE_ERROR;
	if (access(st->path, W_OK) != 0) {
		log_error("sqlite: %s is read-only for uid %ld (mode %04o, owner uid %ld): "
		    "make it writable for that user (chmod u+w, or chown)", st->path,
		    (long)geteuid(), (unsigned)(db.st_mode & 07777), (long)db.st_uid);
		return STORE_ERROR;
	}
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(side, sizeof(side), "%s%s", st->path, suffix[i]);
		if (lstat(side, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    access(side, W_OK) == 0)
			continue;
		if (sb.st_uid == geteuid() &&
		    chmod(side, db.st_mode & 0666) == 0) {
			log_error("sqlite: %s was read-only (mode %04o), left from when the "
			    "database was; gave it the database's mode %04o: the next "
			    "request writes", side, (unsigned)(sb.st_mode & 07777),
			    (unsigned)(db.st_mode & 0666));
			/* This connection opened it read-only: a new one. */
			st->stale = 1;
			r = STORE_BUSY;
		} else
			log_error("sqlite: %s is writable but %s is not (mode %04o, owner uid %ld): "
			    "make it writable for uid %ld (chmod 0644 %s, chown), or remove "
			    "it while no program has the database open",
			    st->path, side, (unsigned)(sb.st_mode & 07777),
			    (long)sb.st_uid, (long)geteuid(), side);
	}
	return r;
}

enum store_result
db_fail(struct sqlite_store *st, const char *what)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;

	log_error("sqlite: %s: %s", what, sqlite3_errmsg(st->db));
	if (code == SQLITE_READONLY)
		return readonly_files(st);
	return code == SQLITE_BUSY || code == SQLITE_LOCKED ? STORE_BUSY :
	    STORE_ERROR;
}

/*
 * A database deleted or replaced (by a rename) under an open connection
 * would take writes that the next connection, opening the path, never
 * sees: acknowledged and lost.  So db_begin_write checks this once it
 * holds SQLite's write lock, and a FastCGI process before each request
 * (store_current).  One stat(2).
 */
int
db_same_file(struct sqlite_store *st, int quiet)
{
	struct stat sb;

	if (st->path == NULL)
		return 1;
	if (stat(st->path, &sb) != 0) {
		if (!quiet)
			log_error("sqlite: %s is gone (%s) while open: it was deleted or moved; "
			    "nothing is written to it, and no request makes a new one "
			    "(scripts/lab and make install create the database)",
			    st->path, strerror(errno));
		return 0;
	}
	if (sb.st_dev != st->dev || sb.st_ino != st->ino) {
		if (!quiet)
			log_error("sqlite: %s was replaced by another file while open; "
			    "nothing is written to the old one", st->path);
		return 0;
	}
	return 1;
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
	if ((r = db_run(st, S_BEGIN_WRITE)) != STORE_OK) {
		writers_turn_end(&st->turn);
		return r;
	}
	/* SQLite's write lock held: the file is the one the path names, or
	 * nothing is written (users and sessions alike). */
	if (!db_same_file(st, 0)) {
		st->stale = 1;
		return db_finish(st, STORE_ERROR);
	}
	return STORE_OK;
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
