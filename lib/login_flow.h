/* login_flow.h - what login.cgi and session.cgi share (docs/sessions.md):
 * the three routes, the login form, the greeting, and reading the name a
 * person submits.  The two programs differ only in where they keep who
 * you are (a cookie, or a session on the server): each gives the flow
 * three functions for that, and the flow does the rest. */
#ifndef CGILAB_LOGIN_FLOW_H
#define CGILAB_LOGIN_FLOW_H

#include "app.h"

struct login_flow {
	/* The program's name ("login"): its path, home, is
	 * /cgi-bin/<name>.cgi, or /fcgi-bin/<name>.fcgi in FastCGI mode
	 * (request_program_path).  The greeting or form is at home, every
	 * redirect goes there, and the form submits to home + "/login". */
	const char *name;
	const char *home;	/* set by login_flow_serve for each request */

	/* Who the request says it is: 1 with *name (freed by the flow),
	 * 0 for nobody (the form is shown; the function may clear a stale
	 * cookie), -1 when res already holds an error. */
	int (*who)(struct app *, const struct request *, struct response *,
	    char **name);
	/* Remembers a valid name (trimmed, 1 to 100 characters, no control
	 * characters): 0, or -1 when res holds an error. */
	int (*remember)(struct app *, const struct request *,
	    struct response *, const char *name);
	/* Forgets who the request is: 0, or -1 when res holds an error. */
	int (*forget)(struct app *, const struct request *, struct response *);
};

/* Answers one request to a login program:
 *
 *   GET|HEAD  <home>          200 the greeting (text/plain), or the form
 *   GET|POST  <home>/login    302 to home after remember(); an empty,
 *                             missing or invalid name: 400 and the form
 *                             with the reason
 *   GET|POST  <home>/logout   302 to home after forget()
 *
 * A login or logout from another origin, by GET or POST, is refused with
 * 403 and changes nothing (docs/sessions.md); OPTIONS
 * is 204 with Allow, another method 405, another path 404.  Every answer
 * has Cache-Control: no-store: it depends on the cookie. */
void login_flow_serve(const struct login_flow *flow, struct app *app,
    const struct request *req, struct response *res);

/* Set-Cookie name=value with max_age seconds to live (0 clears it), the
 * house attributes (Path=/, HttpOnly, SameSite=Lax) and Secure when the
 * request came over HTTPS. */
void login_cookie(struct response *res, const struct request *req,
    const char *name, const char *value, long max_age);

#endif
