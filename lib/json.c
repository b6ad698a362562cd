/* json.c - JSON request bodies parsed through cJSON (the answers are
 * printed by response_json.c). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "json.h"

void
json_one_request(void)
{
	cJSON_Hooks hooks = { arena_alloc, arena_free };

	cJSON_InitHooks(&hooks);
}

/* A \u0000 escape outside an escaped backslash, anywhere in the text. */
static int
has_nul_escape(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] == 'u' && i + 6 <= len &&
		    memcmp(s + i + 2, "0000", 4) == 0)
			return 1;
		i++;	/* skip the escaped character, "\\\\" included */
	}
	return 0;
}

enum json_result
json_parse_object(const char *body, size_t len, cJSON **out)
{
	const char *end = NULL;
	cJSON *doc;

	*out = NULL;
	if (memchr(body, '\0', len) != NULL || has_nul_escape(body, len))
		return JSON_NUL;
	/* body[len] is NUL: cJSON may rely on that, and require it after the
	 * value, so trailing garbage is an error rather than ignored. */
	doc = cJSON_ParseWithLengthOpts(body, len + 1, &end, 1);
	if (doc == NULL)
		return JSON_INVALID;
	if (!cJSON_IsObject(doc)) {
		cJSON_Delete(doc);
		return JSON_NOT_OBJECT;
	}
	*out = doc;
	return JSON_OK;
}

enum msg
json_problem(enum json_result r)
{
	switch (r) {
	case JSON_OK:
		return MSG_JSON_OK;
	case JSON_INVALID:
		return MSG_JSON_INVALID;
	case JSON_NOT_OBJECT:
		return MSG_JSON_NOT_OBJECT;
	case JSON_NUL:
		return MSG_JSON_NUL;
	case JSON_NOMEM:
		return MSG_OUT_OF_MEMORY;
	}
	return MSG_JSON_INVALID;
}

const char *
json_string_member(const cJSON *obj, const char *key, int *present)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (present)
		*present = item != NULL;
	return cJSON_IsString(item) ? item->valuestring : NULL;
}
