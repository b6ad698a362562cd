/* cookie.c - the Cookie header in (RFC 6265; Set-Cookie out is
 * set_cookie.c's).
 *
 * Parsing follows the server-side grammar of §4.2.1 leniently, as §5.4
 * and browsers do; it never fails on bad input, it only ignores what it
 * cannot use. */
#include <stdlib.h>
#include <string.h>

#include "cookie.h"

struct span {
	const char *p;
	size_t n;
};

/* [from, to) without the spaces and tabs around it. */
static struct span
trim(const char *from, const char *to)
{
	while (from < to && (*from == ' ' || *from == '\t'))
		from++;
	while (to > from && (to[-1] == ' ' || to[-1] == '\t'))
		to--;
	return (struct span){ from, (size_t)(to - from) };
}

/* The next piece of the header at *at (up to a ';'), as a name and a
 * value, trimmed, a value in double quotes unquoted; *at moves past it
 * (NULL after the last).  0: no piece left; 1: a pair; -1: a piece that
 * is no usable pair (no '=', an empty name, over COOKIE_VALUE_MAX). */
static int
next_pair(const char **at, struct span *name, struct span *value)
{
	const char *s = *at, *end, *eq;

	if (s == NULL)
		return 0;
	if ((end = strchr(s, ';')) != NULL)
		*at = end + 1;
	else {
		*at = NULL;
		end = s + strlen(s);
	}
	if ((eq = memchr(s, '=', (size_t)(end - s))) == NULL)
		return -1;	/* no '=': not a cookie-pair */
	*name = trim(s, eq);
	*value = trim(eq + 1, end);
	if (value->n >= 2 && value->p[0] == '"' && value->p[value->n - 1] == '"') {
		value->p++;
		value->n -= 2;
	}
	if (name->n == 0 || name->n + value->n > COOKIE_VALUE_MAX)
		return -1;
	return 1;
}

int
cookie_parse(struct cookie_jar *jar, const char *header)
{
	struct span name, value;
	const char *at;
	int r;

	memset(jar, 0, sizeof(*jar));
	if (header == NULL)
		return 0;
	if ((jar->buf = strdup(header)) == NULL)
		return -1;
	at = jar->buf;
	while (jar->count < COOKIE_MAX && (r = next_pair(&at, &name, &value)) != 0) {
		if (r < 0)
			continue;
		/* (The pair's piece is behind at: cut it there.) */
		((char *)name.p)[name.n] = '\0';
		((char *)value.p)[value.n] = '\0';
		jar->items[jar->count].name = name.p;
		jar->items[jar->count].value = value.p;
		jar->count++;
	}
	jar->rest = at;
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
	struct span pname, pvalue;
	const char *at = jar->rest;
	size_t n = 0, len = strlen(name);
	int r;

	for (size_t i = 0; i < jar->count; i++)
		n += strcmp(jar->items[i].name, name) == 0;
	/* Those past the kept ones count too: a second cookie of the name
	 * there makes the first one as doubtful. */
	while ((r = next_pair(&at, &pname, &pvalue)) != 0)
		n += r > 0 && pname.n == len && memcmp(pname.p, name, len) == 0;
	return n;
}

