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
 * cookie cleared. */
#include <time.h>

#include "login_flow.h"
#include "session_id.h"

#define COOKIE "session"

static int
who(struct app *app, const struct request *req, struct response *res,
    char **name)
{
	const char *id = request_cookie(req, COOKIE);
	enum store_result r;
	struct store *st;

	if (id == NULL)
		return 0;
	/* Not the shape session_id_new makes: never looked up. */
	if (!session_id_valid(id)) {
		login_cookie(res, req, COOKIE, "", 0);
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
		login_cookie(res, req, COOKIE, "", 0);
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
	r = store_session_create(st, name, ttl, request_cookie(req, COOKIE), id);
	if (r != STORE_OK) {
		store_respond_error(res, r, MSG_STORE_FAILED);
		return -1;
	}
	login_cookie(res, req, COOKIE, id, ttl);
	return 0;
}

static int
forget(struct app *app, const struct request *req, struct response *res)
{
	const char *id = request_cookie(req, COOKIE);
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
	login_cookie(res, req, COOKIE, "", 0);
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
