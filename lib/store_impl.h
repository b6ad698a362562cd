/* store_impl.h - the table of operations a store back end provides. */
#ifndef CGILAB_STORE_IMPL_H
#define CGILAB_STORE_IMPL_H

#include "store.h"

struct store_ops {
	void (*close)(struct store *);
	enum store_result (*users_version)(struct store *, long long *);
	enum store_result (*users_list)(struct store *, struct user_list *,
	    long long *);
	enum store_result (*user_get)(struct store *, long long, struct user *);
	enum store_result (*user_create)(struct store *, const char *,
	    long long *);
	enum store_result (*user_replace)(struct store *, long long,
	    const char *);
	enum store_result (*user_delete)(struct store *, long long);
	/* Sessions.  Ids are made and checked by store.c, never here: a
	 * back end gets only the key of a well-formed id (session_id_key,
	 * its SHA-256 in hex), and keeps that, never the id.  session_create
	 * stores (key, name, created, expires), deletes replaces (a key; may
	 * be NULL) and purges what expired by created, all in one write. */
	enum store_result (*session_create)(struct store *, const char *id,
	    const char *name, time_t created, time_t expires,
	    const char *replaces);
	enum store_result (*session_find)(struct store *, const char *id,
	    time_t now, char **name);
	enum store_result (*session_delete)(struct store *, const char *id);
	enum store_result (*session_purge)(struct store *, time_t now);
};

/* Every back end's handle starts with this. */
struct store {
	const struct store_ops *ops;
};

struct store *store_sqlite_open(const char *path, long busy_ms,
    enum store_result *why);
struct store *store_redis_open(const char *url, long busy_ms,
    enum store_result *why);

/* What EXEC answered to a new session's transaction of n commands (the
 * DEL of the session it replaces, and when set, the SET NX of the new
 * one, last): STORE_OK when the session was stored (store_redis.c). */
struct redisReply;
enum store_result redis_session_created(const struct redisReply *reply, int n,
    int set);

#endif
