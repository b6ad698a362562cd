/* cookie.h - reading the Cookie header (RFC 6265; writing Set-Cookie is
 * response.h's cookie_set). */
#ifndef CGILAB_COOKIE_H
#define CGILAB_COOKIE_H

#include <stddef.h>

#define COOKIE_MAX 50		/* RFC 6265 §6.1: at least 50 per domain */
#define COOKIE_VALUE_MAX 4096	/* RFC 6265 §6.1: 4096 bytes per cookie */

struct cookie {
	const char *name;
	const char *value;	/* raw: not yet percent-decoded */
};

struct cookie_jar {
	char *buf;		/* a copy of the header, cut into pieces */
	struct cookie items[COOKIE_MAX];
	size_t count;
	const char *rest;	/* what follows the kept pairs, uncut, or NULL */
};

/* Parses a Cookie header (RFC 6265 §4.2.1, leniently as §5.4 asks):
 * pairs separated by ';', white space around them ignored, a value in
 * double quotes unquoted, pairs with no '=' or an empty name skipped,
 * cookies over COOKIE_VALUE_MAX bytes dropped, and at most COOKIE_MAX
 * kept.  A NULL header is an empty jar.  Returns -1 on no memory. */
int cookie_parse(struct cookie_jar *jar, const char *header);
void cookie_jar_free(struct cookie_jar *jar);

/* The raw value of the first cookie called name (duplicates: first wins),
 * or NULL. */
const char *cookie_get(const struct cookie_jar *jar, const char *name);

/* How many cookies called name the header holds, past the COOKIE_MAX
 * kept ones too. */
size_t cookie_count(const struct cookie_jar *jar, const char *name);

#endif
