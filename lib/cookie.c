/* cookie.c - the Cookie header in, Set-Cookie out (RFC 6265).
 *
 * Parsing follows the server-side grammar of §4.2.1 leniently, as §5.4
 * and browsers do; it never fails on bad input, it only ignores what it
 * cannot use.  Writing goes through cookie_set alone, so every cookie
 * gets Path=/, HttpOnly and SameSite=Lax unless told otherwise, Secure
 * over HTTPS, and a percent-encoded value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cookie.h"
#include "decode.h"
#include "response.h"

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

void
http_date(char buf[30], time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	/* RFC 9110 §5.6.7.  The programs never call setlocale(3), so strftime
	 * names days and months in the C locale's English. */
	strftime(buf, 30, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* RFC 6265 §4.1.1: cookie-name is an RFC 2616 token. */
static int
is_token(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= 0x20 || c >= 0x7f || strchr("()<>@,;:\\\"/[]?={}", c))
			return 0;
	}
	return 1;
}

int
cookie_set(struct response *res, const char *name, const char *value,
    size_t len, long max_age, int flags)
{
	char expires[30], age[80] = "";
	char *enc;
	int rc;

	if (!is_token(name) || (enc = percent_encode(value, len)) == NULL) {
		res->failed = 1;
		return -1;
	}
	if (max_age != COOKIE_SESSION_ONLY) {
		if (max_age < 0)
			max_age = 0;
		http_date(expires, max_age == 0 ? 0 : time(NULL) + max_age);
		snprintf(age, sizeof(age), "; Expires=%s; Max-Age=%ld",
		    expires, max_age);
	}
	rc = response_header(res, "Set-Cookie", "%s=%s%s; Path=/%s%s%s", name,
	    enc, age,
	    flags & COOKIE_SCRIPT_READABLE ? "" : "; HttpOnly",
	    flags & COOKIE_NO_SAMESITE ? "" : "; SameSite=Lax",
	    flags & COOKIE_SECURE ? "; Secure" : "");
	free(enc);
	return rc;
}
