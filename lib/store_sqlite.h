/* store_sqlite.h - inside the SQLite store: what its files share.
 *
 *   store_sqlite.c           opening (the connection's settings, the busy
 *                            handler, the allocator), closing, the table
 *                            of operations
 *   store_sqlite_stmt.c      every SQL statement, prepared once;
 *                            transactions, and the one write path
 *   store_sqlite_schema.c    the schema and its migrations
 *   store_sqlite_users.c     the users table
 *   store_sqlite_sessions.c  the sessions table
 *   writers_turn.c           the writers' turn (flock and SIGALRM)
 *
 * Nothing outside these files includes this one: the rest of cgilab sees
 * store.h. */
#ifndef CGILAB_STORE_SQLITE_H
#define CGILAB_STORE_SQLITE_H

#include <time.h>

#include <sqlite3.h>

#include "store_impl.h"
#include "writers_turn.h"

enum stmt_id {
	S_BEGIN_READ, S_BEGIN_WRITE, S_COMMIT, S_ROLLBACK,
	S_USERS_VERSION, S_USERS_BUMP, S_USERS_LIST, S_USER_GET,
	S_USER_CREATE, S_USER_REPLACE, S_USER_DELETE,
	S_SESSION_INSERT, S_SESSION_FIND, S_SESSION_DELETE, S_SESSION_PURGE,
	S_COUNT
};

struct sqlite_store {
	struct store base;
	sqlite3 *db;
	struct writers_turn turn;	/* beside the database: <path>-writer */
	long busy_ms;
	struct timespec busy_since;	/* when the current wait began */
	int read_open;			/* open's read transaction, not yet taken */
	sqlite3_stmt *stmt[S_COUNT];
};

/* Statements and transactions (store_sqlite_stmt.c). */

/* Logs what failed and why: STORE_BUSY for a lock, else STORE_ERROR. */
enum store_result db_fail(struct sqlite_store *st, const char *what);
/* The statement id, prepared on first use; NULL (logged) on failure. */
sqlite3_stmt *db_stmt(struct sqlite_store *st, enum stmt_id id);
/* Resets a statement after its last step, and its bindings. */
void db_done(sqlite3_stmt *s);
/* Runs statement id, which returns no rows. */
enum store_result db_run(struct sqlite_store *st, enum stmt_id id);
/* Runs statement id with one text (or, when text is NULL, integer)
 * parameter; STORE_NOT_FOUND when it changed nothing and changed says
 * that matters. */
enum store_result db_run_bound(struct sqlite_store *st, enum stmt_id id,
    const char *text, sqlite3_int64 num, int changed);
/* A copy of a text column (free it); NULL when memory runs out. */
char *db_column_text(sqlite3_stmt *s, int col);

/* A read transaction: several reads that agree. */
enum store_result db_begin_read(struct sqlite_store *st);
/* The one way a write begins, for users, sessions and migrations alike:
 * the writers' turn, then BEGIN IMMEDIATE, within the busy timeout. */
enum store_result db_begin_write(struct sqlite_store *st);
/* Ends a transaction, COMMIT when r is STORE_OK, ROLLBACK otherwise, and
 * the writer's turn with it.  Returns the outcome. */
enum store_result db_finish(struct sqlite_store *st, enum store_result r);
/* Ends the read transaction store_sqlite_open left open, if it did. */
enum store_result db_end_open_read(struct sqlite_store *st);

/* The schema (store_sqlite_schema.c). */

/* The user_version this program's schema has. */
extern const int db_schema_version;
/* PRAGMA user_version, or -1. */
int db_user_version(sqlite3 *db);
/* Takes the database to db_schema_version, in one write. */
enum store_result db_migrate(struct sqlite_store *st);

/* The tables: the back end's operations (store_impl.h). */
enum store_result sqlite_users_version(struct store *, long long *);
enum store_result sqlite_users_list(struct store *, struct user_list *,
    long long *);
enum store_result sqlite_user_get(struct store *, long long, struct user *);
enum store_result sqlite_user_create(struct store *, const char *,
    long long *);
enum store_result sqlite_user_replace(struct store *, long long,
    const char *);
enum store_result sqlite_user_delete(struct store *, long long);
enum store_result sqlite_session_create(struct store *, const char *id,
    const char *name, time_t created, time_t expires, const char *replaces);
enum store_result sqlite_session_find(struct store *, const char *id,
    time_t now, char **name);
enum store_result sqlite_session_delete(struct store *, const char *id);
enum store_result sqlite_session_purge(struct store *, time_t now);

#endif
