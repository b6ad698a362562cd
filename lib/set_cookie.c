/* set_cookie.c - Set-Cookie out (RFC 6265).
 *
 * Writing goes through cookie_set alone, so every cookie gets Path=/,
 * HttpOnly and SameSite=Lax unless told otherwise, Secure over HTTPS, and
 * a percent-encoded value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "response.h"

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
