/* store_session.c - the store calls that take a session's id: each makes
 * or checks the id and hands the back end its key (session_id_key), never
 * the id.  Apart from store.c so that only the programs that keep
 * sessions link SHA-256 (nettle, whose start-up probes the processor at
 * every execution). */
#include <time.h>

#include "session_id.h"
#include "store_impl.h"

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
