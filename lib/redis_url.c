/* redis_url.c - a redis:// location taken apart: host, port, database,
 * user and password, as the IANA registration of the scheme and
 * redis-cli -u read it. */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "redis_url.h"

#define DEFAULT_PORT 6379

/* Percent-decodes a part of the userinfo (RFC 3986 §3.2.1); NULL when an
 * escape is bad or decodes to a NUL. */
static char *
userinfo_part(const char *s, size_t len)
{
	size_t n;
	char *d = percent_decode(s, len, DECODE_PERCENT, &n);

	if (d != NULL && memchr(d, '\0', n) != NULL) {
		free(d);
		return NULL;
	}
	return d;
}

/* redis://[[user]:password@]host[:port][/db] and rediss://, as in the
 * IANA registration of the scheme (and redis-cli -u). */
int
redis_url_parse(const char *url, struct redis_url *u, const char **why)
{
	const char *p, *end, *at = NULL, *colon, *host, *host_end;
	long long v;

	memset(u, 0, sizeof(*u));
	u->port = DEFAULT_PORT;
	if (strncmp(url, "redis://", 8) == 0)
		p = url + 8;
	else if (strncmp(url, "rediss://", 9) == 0) {
		p = url + 9;
		u->tls = 1;
	} else {
		*why = "it does not start with redis:// or rediss://";
		return -1;
	}
	end = p + strcspn(p, "/?#");
	/* The last '@': a password with an unescaped '@' still works. */
	for (const char *q = p; q < end; q++)
		if (*q == '@')
			at = q;
	if (at != NULL) {
		if ((colon = memchr(p, ':', (size_t)(at - p))) == NULL) {
			*why = "the part before '@' has no ':'; write "
			    "redis://:password@host or redis://user:password@host";
			goto err;
		}
		if ((colon > p && (u->user = userinfo_part(p,
		    (size_t)(colon - p))) == NULL) ||
		    (u->password = userinfo_part(colon + 1,
		    (size_t)(at - colon - 1))) == NULL) {
			*why = "the user or password has a bad %-escape";
			goto err;
		}
		p = at + 1;
	}
	if (*p == '[') {	/* an IPv6 address (RFC 3986 §3.2.2) */
		host = p + 1;
		if ((host_end = memchr(host, ']', (size_t)(end - host))) == NULL) {
			*why = "an IPv6 address has no closing ']'";
			goto err;
		}
		p = host_end + 1;
	} else {
		host = p;
		for (host_end = p; host_end < end && *host_end != ':'; host_end++)
			;
		p = host_end;
	}
	if (host_end == host) {
		*why = "there is no host";
		goto err;
	}
	if ((u->host = strndup(host, (size_t)(host_end - host))) == NULL) {
		*why = "out of memory";
		goto err;
	}
	if (p < end) {
		if (*p != ':' || (v = decimal_parse(p + 1, (size_t)(end - p - 1), 65535)) < 1) {
			*why = "the port is not a number from 1 to 65535";
			goto err;
		}
		u->port = (int)v;
	}
	p = end;
	if (*p == '/' && p[1] != '\0') {
		if ((v = decimal_parse(p + 1, strlen(p + 1), 1000000)) < 0) {
			*why = "the database (after the '/') is not a number";
			goto err;
		}
		u->db = (int)v;
	} else if (*p != '\0' && strcmp(p, "/") != 0) {
		*why = "a query (?) or fragment (#) is not understood";
		goto err;
	}
	return 0;
err:
	redis_url_free(u);
	return -1;
}

void
redis_url_free(struct redis_url *u)
{
	free(u->host);
	free(u->user);
	if (u->password != NULL)
		explicit_bzero(u->password, strlen(u->password));
	free(u->password);
	memset(u, 0, sizeof(*u));
}
