/* store.c - the store interface: picks the back end, and makes and checks
 * session ids for every back end. */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "session_id.h"
#include "store_impl.h"

struct store *
store_open(const char *location, long busy_ms, enum store_result *why)
{
	if (location == NULL)	/* store_sqlite_open says what is missing */
		return store_sqlite_open(location, busy_ms, why);
	if (strncmp(location, "redis://", 8) == 0 ||
	    strncmp(location, "rediss://", 9) == 0)
		return store_redis_open(location, busy_ms, why);
	if (strncmp(location, "sqlite:", 7) == 0)
		return store_sqlite_open(location + 7, busy_ms, why);
	if (strstr(location, "://") != NULL) {
		*why = STORE_ERROR;
		/* Only the scheme: the rest may hold a password. */
		log_error("CGILAB_STORE: the scheme %.*s: is neither sqlite: nor redis://",
		    (int)(strstr(location, "://") - location), location);
		return NULL;
	}
	return store_sqlite_open(location, busy_ms, why);
}


void
store_close(struct store *st)
{
	if (st != NULL)
		st->ops->close(st);
}

enum store_result
store_users_version(struct store *st, long long *version)
{
	return st->ops->users_version(st, version);
}

enum store_result
store_users_list(struct store *st, struct user_list *out, long long *version)
{
	return st->ops->users_list(st, out, version);
}

enum store_result
store_user_get(struct store *st, long long id, struct user *out)
{
	return st->ops->user_get(st, id, out);
}

enum store_result
store_user_create(struct store *st, const char *name, long long *id)
{
	return st->ops->user_create(st, name, id);
}

enum store_result
store_user_replace(struct store *st, long long id, const char *name)
{
	return st->ops->user_replace(st, id, name);
}

enum store_result
store_user_delete(struct store *st, long long id)
{
	return st->ops->user_delete(st, id);
}

/* The back ends get the id's key (session_id_key), never the id. */
enum store_result
store_session_create(struct store *st, const char *name, long ttl_seconds,
    const char *replaces_id, char *out_id)
{
	char key[SESSION_KEY_LEN + 1], replaces[SESSION_KEY_LEN + 1];
	time_t now = time(NULL);

	if (session_id_new(out_id) < 0)
		return STORE_ERROR;
	session_id_key(out_id, key);
	if (session_id_valid(replaces_id))
		session_id_key(replaces_id, replaces);
	return st->ops->session_create(st, key, name, now, now + ttl_seconds,
	    session_id_valid(replaces_id) ? replaces : NULL);
}

enum store_result
store_session_find(struct store *st, const char *id, time_t now, char **name)
{
	char key[SESSION_KEY_LEN + 1];

	*name = NULL;
	if (!session_id_valid(id))
		return STORE_NOT_FOUND;
	session_id_key(id, key);
	return st->ops->session_find(st, key, now, name);
}

enum store_result
store_session_delete(struct store *st, const char *id)
{
	char key[SESSION_KEY_LEN + 1];

	if (!session_id_valid(id))
		return STORE_NOT_FOUND;
	session_id_key(id, key);
	return st->ops->session_delete(st, key);
}

enum store_result
store_session_purge(struct store *st, time_t now)
{
	return st->ops->session_purge(st, now);
}

void
user_free(struct user *u)
{
	free(u->name);
	u->name = NULL;
}

void
user_list_free(struct user_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		user_free(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
}
