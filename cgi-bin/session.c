/* session.c - session.js: who you are, kept on the server (docs/sessions.md).
 *
 *   GET /cgi-bin/session.cgi               "<name>님 안녕하세요", or the form
 *   GET /cgi-bin/session.cgi/login?name=…  (or a POSTed form)
 *                                          302, Set-Cookie session=<id>
 *   GET /cgi-bin/session.cgi/logout        302, the session deleted and
 *                                          the cookie cleared
 *
 * The routes, the form and the name rules are login_flow's; this file
 * says how the name is kept: in the store, under a 128-bit random id
 * that is all the cookie holds, until now + CGILAB_SESSION_TTL.  Every
 * process reads the same SQLite file, so a session made by one Apache
 * child greets in any other, and after a restart.  Unlike session.js's
 * (Date.now() ids, a crash on an unknown one, all lost on restart), an
 * unknown, malformed or expired id is simply the form, with the stale
 * cookie cleared.
 *
 * The cookie is __Host-session over HTTPS (Secure, Path=/, no Domain: a
 * browser takes it only from this very host over HTTPS, so no sibling
 * host and no plain-HTTP man in the middle can plant one), session over
 * plain HTTP; only the name of the request's scheme is read.  Two
 * cookies of that name (one planted, with another Path or Domain) make
 * the request ambiguous: neither is used (docs/sessions.md). */
#include <time.h>

#include "login_flow.h"
#include "session_id.h"

static const char *
cookie_name(const struct request *req)
{
	return req->https ? "__Host-session" : "session";
}

/* The session id the request sent, or NULL when it sent none or more
 * than one. */
static const char *
sent_id(const struct request *req)
{
	const char *name = cookie_name(req);

	return cookie_count(&req->cookies, name) == 1 ?
	    request_cookie(req, name) : NULL;
}

static int
who(struct app *app, const struct request *req, struct response *res,
    char **name)
{
	const char *id = sent_id(req);
	enum store_result r;
	struct store *st;

	/* None, or two (neither is trusted; the one Path=/ cookie of this
	 * host is cleared). */
	if (id == NULL) {
		if (request_cookie(req, cookie_name(req)) != NULL)
			login_cookie(res, req, cookie_name(req), "", 0);
		return 0;
	}
	/* Not the shape session_id_new makes: never looked up. */
	if (!session_id_valid(id)) {
		login_cookie(res, req, cookie_name(req), "", 0);
		return 0;
	}
	if ((st = app_store(app, req, res)) == NULL)
		return -1;
	/* The store checks the expiry: a browser may send a cookie past its
	 * Expires, and the server decides. */
	switch ((r = store_session_find(st, id, time(NULL), name))) {
	case STORE_OK:
		return 1;
	case STORE_NOT_FOUND:
		login_cookie(res, req, cookie_name(req), "", 0);
		return 0;
	default:
		store_respond_error(res, r, MSG_STORE_FAILED);
		return -1;
	}
}

static int
remember(struct app *app, const struct request *req, struct response *res,
    const char *name)
{
	char id[SESSION_ID_LEN + 1];
	enum store_result r;
	struct store *st;
	long ttl = req->settings.session_ttl;

	if ((st = app_store(app, req, res)) == NULL)
		return -1;
	/* A fresh id on every login (no fixation); the session the browser
	 * came with is deleted in the same write. */
	r = store_session_create(st, name, ttl, sent_id(req), id);
	if (r != STORE_OK) {
		store_respond_error(res, r, MSG_STORE_FAILED);
		return -1;
	}
	login_cookie(res, req, cookie_name(req), id, ttl);
	return 0;
}

static int
forget(struct app *app, const struct request *req, struct response *res)
{
	const char *id = sent_id(req);
	enum store_result r;
	struct store *st;

	if (session_id_valid(id)) {
		if ((st = app_store(app, req, res)) == NULL)
			return -1;
		r = store_session_delete(st, id);
		if (r != STORE_OK && r != STORE_NOT_FOUND) {
			store_respond_error(res, r, MSG_STORE_FAILED);
			return -1;
		}
	}
	login_cookie(res, req, cookie_name(req), "", 0);
	return 0;
}

static const struct login_flow flow = {
	"session", NULL, who, remember, forget
};

static void
session(struct app *app, const struct request *req, struct response *res)
{
	login_flow_serve(&flow, app, req, res);
}

const struct endpoint endpoint = { "session", session };
