/* cookie.c - the Cookie header in (RFC 6265; Set-Cookie out is
 * set_cookie.c's).
 *
 * Parsing follows the server-side grammar of §4.2.1 leniently, as §5.4
 * and browsers do; it never fails on bad input, it only ignores what it
 * cannot use. */
#include <stdlib.h>
#include <string.h>

#include "cookie.h"

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

int
cookie_parse(struct cookie_jar *jar, const char *header)
{
	char *pair, *next;

	memset(jar, 0, sizeof(*jar));
	if (header == NULL)
		return 0;
	if ((jar->buf = strdup(header)) == NULL)
		return -1;
	for (pair = jar->buf; pair != NULL && jar->count < COOKIE_MAX;
	    pair = next) {
		char *eq, *name, *value;
		size_t vlen;

		if ((next = strchr(pair, ';')) != NULL)
			*next++ = '\0';
		if ((eq = strchr(pair, '=')) == NULL)
			continue;	/* no '=': not a cookie-pair */
		*eq = '\0';
		name = trim(pair);
		value = trim(eq + 1);
		vlen = strlen(value);
		if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
			value[vlen - 1] = '\0';
			value++;
			vlen -= 2;
		}
		if (*name == '\0' || strlen(name) + vlen > COOKIE_VALUE_MAX)
			continue;
		jar->items[jar->count].name = name;
		jar->items[jar->count].value = value;
		jar->count++;
	}
	return 0;
}

void
cookie_jar_free(struct cookie_jar *jar)
{
	free(jar->buf);
	memset(jar, 0, sizeof(*jar));
}

const char *
cookie_get(const struct cookie_jar *jar, const char *name)
{
	for (size_t i = 0; i < jar->count; i++)
		if (strcmp(jar->items[i].name, name) == 0)
			return jar->items[i].value;
	return NULL;
}

size_t
cookie_count(const struct cookie_jar *jar, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < jar->count; i++)
		n += strcmp(jar->items[i].name, name) == 0;
	return n;
}

