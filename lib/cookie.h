/* cookie.h - reading the Cookie header and writing Set-Cookie (RFC 6265). */
#ifndef CGILAB_COOKIE_H
#define CGILAB_COOKIE_H

#include <stddef.h>
#include <time.h>

struct response;

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

/* How many cookies called name the header holds. */
size_t cookie_count(const struct cookie_jar *jar, const char *name);

/* Attributes cookie_set adds unless told otherwise. */
enum cookie_flags {
	COOKIE_SECURE = 1 << 0,		/* the request came over HTTPS */
	COOKIE_SCRIPT_READABLE = 1 << 1,	/* no HttpOnly */
	COOKIE_NO_SAMESITE = 1 << 2	/* no SameSite=Lax */
};

#define COOKIE_SESSION_ONLY (-1)	/* no Expires/Max-Age */

/* Adds a Set-Cookie header: name=<value percent-encoded>, then
 * Expires (IMF-fixdate, RFC 9110 §5.6.7) and Max-Age when max_age is not
 * COOKIE_SESSION_ONLY (0 clears the cookie: Expires in 1970), Path=/,
 * HttpOnly, SameSite=Lax, and Secure with COOKIE_SECURE.  Percent-encoding
 * makes CR, LF, ';' and every other separator impossible in the value.
 * Returns -1 for a name that is not an RFC 6265 token, or no memory. */
int cookie_set(struct response *res, const char *name, const char *value,
    size_t len, long max_age, int flags);

/* Writes an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") into buf. */
void http_date(char buf[30], time_t t);

#endif
