/* cookie.c - the first cookie lesson (cookie.js): set one cookie, and log
 * the URI and the cookies the browser sent back (docs/http-api.md).
 *
 * The log shows every cookie's name, but a value only for the lesson's
 * own cookie: the browser sends this page every Path=/ cookie of the
 * host, the session id among them, and an id in a log is a login for
 * whoever reads it (docs/sessions.md). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "log.h"

#define LESSON_COOKIE "mycookie"

static void
cookie(struct app *app, const struct request *req, struct response *res)
{
	(void)app;
	/* cookie_parse cut the header into pieces; log it as pairs again. */
	if (req->cookies.count == 0)
		log_error("%s -", req->request_uri);
	else {
		char line[512];
		size_t n = 0;

		for (size_t i = 0; i < req->cookies.count && n < sizeof(line); i++)
			n += (size_t)snprintf(line + n, sizeof(line) - n, "%s%s=%s",
			    i ? "; " : "", req->cookies.items[i].name,
			    strcmp(req->cookies.items[i].name, LESSON_COOKIE) == 0 ?
			    req->cookies.items[i].value : "[hidden]");
		log_error("%s %s", req->request_uri, line);
	}
	/* The lesson's cookie is plain: Path=/ only (plus Secure over HTTPS),
	 * so the page's script can read it, as cookie.js's could. */
	cookie_set(res, LESSON_COOKIE, "test", 4, COOKIE_SESSION_ONLY,
	    COOKIE_SCRIPT_READABLE | COOKIE_NO_SAMESITE |
	    (req->https ? COOKIE_SECURE : 0));
	response_header(res, "Content-Type", "text/plain; charset=utf-8");
	response_print(res, "Hello Cookie");
}

const struct endpoint endpoint = { "cookie", cookie };
