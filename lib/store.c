/* store.c - the store interface: picks the back end and hands each call
 * to it.  The calls that take a session's id are store_session.c's. */
#include <stdlib.h>
#include <string.h>

#include "log.h"
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

int
store_current(struct store *st)
{
	return st->ops->current == NULL || st->ops->current(st);
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

struct name_block {
	struct name_block *next;
	size_t used, size;
	char text[];
};

int
user_list_add(struct user_list *list, long long id, const char *name,
    size_t len)
{
	struct name_block *b = list->names;
	struct user *u;

	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 32;

		if ((u = realloc(list->items, cap * sizeof(*u))) == NULL)
			return -1;
		list->items = u;
		list->cap = cap;
	}
	if (b == NULL || b->size - b->used < len + 1) {
		size_t size = len + 1 > 16384 ? len + 1 : 16384;

		if ((b = malloc(sizeof(*b) + size)) == NULL)
			return -1;
		b->next = list->names;
		b->used = 0;
		b->size = size;
		list->names = b;
	}
	u = &list->items[list->count++];
	u->id = id;
	u->name = memcpy(b->text + b->used, name, len);
	u->name[len] = '\0';
	b->used += len + 1;
	return 0;
}

void
user_list_free(struct user_list *list)
{
	struct name_block *b, *next;

	for (b = list->names; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}
