/* login.c - cookie2.js: who you are, kept in a cookie (docs/sessions.md).
 *
 *   GET /cgi-bin/login.cgi               "<name>님 안녕하세요", or the form
 *   GET /cgi-bin/login.cgi/login?name=…  (or a POSTed form)
 *                                        302, Set-Cookie name=<name> for 5 min
 *   GET /cgi-bin/login.cgi/logout        302, the cookie cleared
 *
 * The routes, the form and the name rules are login_flow's; this file
 * says only how the name is kept: in the cookie itself, percent-encoded
 * UTF-8.  The browser holds it and can change it, so what comes back is
 * checked like a submitted name; a cookie that fails is "not logged in"
 * (cookie2.js's decodeURIComponent threw on a bad %-escape). */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "login_flow.h"

#define COOKIE "name"
#define LIFETIME 300	/* seconds: cookie2.js's five minutes */

static int
who(struct app *app, const struct request *req, struct response *res,
    char **out)
{
	const char *raw = request_cookie(req, COOKIE);
	char *name;
	size_t len;

	(void)app;
	/* Absent, or dropped by the parser for being over 4096 bytes. */
	if (raw == NULL)
		return 0;
	name = percent_decode(raw, strlen(raw), DECODE_PERCENT, &len);
	if (name == NULL || name_clean(name, len) != NAME_OK) {
		free(name);
		login_cookie(res, req, COOKIE, "", 0);	/* clear what cannot be used */
		return 0;
	}
	*out = name;
	return 1;
}

static int
remember(struct app *app, const struct request *req, struct response *res,
    const char *name)
{
	(void)app;
	login_cookie(res, req, COOKIE, name, LIFETIME);
	return 0;
}

static int
forget(struct app *app, const struct request *req, struct response *res)
{
	(void)app;
	login_cookie(res, req, COOKIE, "", 0);
	return 0;
}

static const struct login_flow flow = {
	"login", NULL, who, remember, forget
};

static void
login(struct app *app, const struct request *req, struct response *res)
{
	login_flow_serve(&flow, app, req, res);
}

const struct endpoint endpoint = { "login", login };
