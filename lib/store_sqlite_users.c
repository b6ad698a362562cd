/* store_sqlite_users.c - the users table, and the version that makes the
 * list's ETag: bumped in the same transaction as every write to users. */
#include <stdlib.h>
#include <string.h>

#include "store_sqlite.h"

/* Reads the users version inside the caller's transaction. */
static enum store_result
read_version(struct sqlite_store *st, long long *version)
{
	sqlite3_stmt *s = db_stmt(st, S_USERS_VERSION);
	enum store_result r = STORE_OK;

	if (s == NULL)
		return STORE_ERROR;
	if (sqlite3_step(s) == SQLITE_ROW)
		*version = sqlite3_column_int64(s, 0);
	else
		r = db_fail(st, "users version");
	db_done(s);
	return r;
}

enum store_result
sqlite_users_version(struct store *base, long long *version)
{
	return read_version((struct sqlite_store *)base, version);
}

enum store_result
sqlite_users_list(struct store *base, struct user_list *out,
    long long *version)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	/* One read transaction: the list and its version agree. */
	if ((r = db_begin_read(st)) != STORE_OK)
		return r;
	if ((r = read_version(st, version)) != STORE_OK)
		return db_finish(st, r);
	if ((s = db_stmt(st, S_USERS_LIST)) == NULL)
		return db_finish(st, STORE_ERROR);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *name = sqlite3_column_text(s, 1);

		if (user_list_add(out, sqlite3_column_int64(s, 0),
		    name ? (const char *)name : "",
		    (size_t)sqlite3_column_bytes(s, 1)) != 0)
			break;
	}
	r = rc == SQLITE_DONE ? STORE_OK :
	    rc == SQLITE_ROW ? STORE_ERROR : db_fail(st, "list users");
	db_done(s);
	/* A COMMIT that fails after a whole list fails the list too. */
	if ((r = db_finish(st, r)) != STORE_OK)
		user_list_free(out);
	return r;
}

enum store_result
sqlite_user_get(struct store *base, long long id, struct user *out)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	sqlite3_stmt *s = db_stmt(st, S_USER_GET);
	enum store_result r;
	int rc;

	if (s == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->name = db_column_text(s, 0);
		r = out->name ? STORE_OK : STORE_ERROR;
	} else
		r = rc == SQLITE_DONE ? STORE_NOT_FOUND : db_fail(st, "get user");
	db_done(s);
	return r;
}

/* Runs a bound write statement s inside a write transaction, bumps the
 * users version when it changed a row, and commits. */
static enum store_result
write_users(struct sqlite_store *st, sqlite3_stmt *s, long long *id_out)
{
	enum store_result r = STORE_OK;
	int rc;

	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && id_out != NULL) {
		*id_out = sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s);
	}
	if (rc != SQLITE_DONE)
		r = db_fail(st, "write users");
	else if (sqlite3_changes(st->db) == 0)
		r = STORE_NOT_FOUND;
	db_done(s);
	if (r == STORE_OK)
		r = db_run(st, S_USERS_BUMP);
	return db_finish(st, r);
}

/* Begins the write transaction and returns statement id, or NULL with
 * *r set. */
static sqlite3_stmt *
begin_write(struct sqlite_store *st, enum stmt_id id, enum store_result *r)
{
	sqlite3_stmt *s;

	if ((*r = db_begin_write(st)) != STORE_OK)
		return NULL;
	if ((s = db_stmt(st, id)) == NULL) {
		*r = db_finish(st, STORE_ERROR);
		return NULL;
	}
	return s;
}

enum store_result
sqlite_user_create(struct store *base, const char *name, long long *id)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;

	if ((s = begin_write(st, S_USER_CREATE, &r)) == NULL)
		return r;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	return write_users(st, s, id);
}

enum store_result
sqlite_user_replace(struct store *base, long long id, const char *name)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;

	if ((s = begin_write(st, S_USER_REPLACE, &r)) == NULL)
		return r;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	return write_users(st, s, NULL);
}

enum store_result
sqlite_user_delete(struct store *base, long long id)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;

	if ((s = begin_write(st, S_USER_DELETE, &r)) == NULL)
		return r;
	sqlite3_bind_int64(s, 1, id);
	return write_users(st, s, NULL);
}
