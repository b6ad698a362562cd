/* store_sqlite_sessions.c - the sessions table (docs/sessions.md): rows
 * looked up by id, purged by expiry as new ones are written.  Every write
 * takes the writers' turn, as the users' do (db_begin_write). */
#include "store_sqlite.h"

enum store_result
sqlite_session_create(struct store *base, const char *id, const char *name,
    time_t created, time_t expires, const char *replaces)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;
	int rc;

	/* One write: what has expired goes, the replaced session goes
	 * exactly when the new one comes. */
	if ((r = db_begin_write(st)) != STORE_OK)
		return r;
	if ((r = db_run_bound(st, S_SESSION_PURGE, NULL, (sqlite3_int64)created,
	    0)) != STORE_OK)
		return db_finish(st, r);
	if (replaces != NULL &&
	    (r = db_run_bound(st, S_SESSION_DELETE, replaces, 0, 0)) != STORE_OK)
		return db_finish(st, r);
	if ((s = db_stmt(st, S_SESSION_INSERT)) == NULL)
		return db_finish(st, STORE_ERROR);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)created);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)expires);
	rc = sqlite3_step(s);
	db_done(s);
	return db_finish(st, rc == SQLITE_DONE ? STORE_OK :
	    db_fail(st, "create session"));
}

enum store_result
sqlite_session_find(struct store *base, const char *id, time_t now,
    char **name)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	sqlite3_stmt *s = db_stmt(st, S_SESSION_FIND);
	enum store_result r;
	int rc;

	if (s == NULL)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*name = db_column_text(s, 0);
		r = *name ? STORE_OK : STORE_ERROR;
	} else
		r = rc == SQLITE_DONE ? STORE_NOT_FOUND : db_fail(st, "find session");
	db_done(s);
	return r;
}

enum store_result
sqlite_session_delete(struct store *base, const char *id)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;

	if ((r = db_begin_write(st)) != STORE_OK)
		return r;
	return db_finish(st, db_run_bound(st, S_SESSION_DELETE, id, 0, 1));
}

enum store_result
sqlite_session_purge(struct store *base, time_t now)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;

	if ((r = db_begin_write(st)) != STORE_OK)
		return r;
	return db_finish(st, db_run_bound(st, S_SESSION_PURGE, NULL,
	    (sqlite3_int64)now, 0));
}
