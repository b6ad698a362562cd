/* store.h - where users and sessions live.
 *
 * The endpoints call only these functions; which back end answers them
 * is a setting.  The first back end is SQLite (store_sqlite.c); another
 * (Redis) implements the same table of operations (store_impl.h).  No SQL
 * exists outside the SQLite back end, and nothing here knows of HTTP:
 * app.h turns a store_result into an answer. */
#ifndef CGILAB_STORE_H
#define CGILAB_STORE_H

#include <stddef.h>
#include <time.h>

struct store;

enum store_result {
	STORE_OK,
	STORE_NOT_FOUND,
	STORE_BUSY,		/* locked, unreachable or slow past the timeout: 503 */
	STORE_ERROR		/* anything else: 500, details in the log */
};

struct user {
	long long id;
	char *name;
};

/* A list's names live in a few blocks of its own (user_list_add), not
 * one allocation each: a 1,000-user list needs one or two. */
struct user_list {
	struct user *items;	/* ascending id */
	size_t count;
	size_t cap;		/* items allocated */
	struct name_block *names;
};

/* Opens the store named by location, picking the back end by its scheme:
 * "sqlite:<path>" or a bare path (CGILAB_DB) is a SQLite file, which
 * must exist (it is never created here; an empty file is given the
 * schema), migrated when needed; "redis://[[user]:password@]host[:port][/db]" is a
 * Redis server (store_redis.c).  busy_ms bounds how long an operation
 * waits for another writer (SQLite) or for the server (Redis).  On
 * failure returns NULL and says why in *why (STORE_BUSY or STORE_ERROR). */
struct store *store_open(const char *location, long busy_ms,
    enum store_result *why);
void store_close(struct store *st);
/* Whether st, open since an earlier request, may serve this one; 0 when
 * it must be closed and opened again: its SQLite file was deleted or
 * replaced under it, or repaired (FastCGI mode keeps a store open). */
int store_current(struct store *st);

/* Users (docs/http-api.md).  The version changes with every write to users,
 * and never repeats for another database: it makes the list's ETag. */
enum store_result store_users_version(struct store *st, long long *version);
enum store_result store_users_list(struct store *st, struct user_list *out,
    long long *version);
enum store_result store_user_get(struct store *st, long long id,
    struct user *out);
enum store_result store_user_create(struct store *st, const char *name,
    long long *id);
enum store_result store_user_replace(struct store *st, long long id,
    const char *name);
enum store_result store_user_delete(struct store *st, long long id);

/* Sessions (docs/sessions.md): a name kept on the server under a random id
 * (session_id.h), until an expiry time in seconds since the epoch.
 *
 * store_session_create makes a fresh id into out_id (SESSION_ID_LEN + 1
 * bytes) and stores name under it until now + ttl_seconds.  In the same
 * write it deletes the session replaces_id (the one the request came
 * with; NULL or malformed: none) and purges expired sessions, so no job
 * is needed to clean up.  STORE_ERROR also when no id could be made. */
enum store_result store_session_create(struct store *st, const char *name,
    long ttl_seconds, const char *replaces_id, char *out_id);
/* The name of session id (free it), or STORE_NOT_FOUND for an unknown,
 * expired (expires <= now) or malformed id.  Only reads. */
enum store_result store_session_find(struct store *st, const char *id,
    time_t now, char **name);
/* Deletes session id; STORE_NOT_FOUND when there was none. */
enum store_result store_session_delete(struct store *st, const char *id);
/* Deletes every session expired at now. */
enum store_result store_session_purge(struct store *st, time_t now);

void user_free(struct user *u);
/* Appends a user, copying len bytes of name; -1 when out of memory. */
int user_list_add(struct user_list *list, long long id, const char *name,
    size_t len);
void user_list_free(struct user_list *list);

#endif
