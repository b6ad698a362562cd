/* login_flow.c - the routes, pages and name handling of the two login
 * lessons (cookie2.js, session.js), written once for both.
 *
 * The form is the markup of htdocs/login.html, written here with the
 * program's own action, and with a reason (and the name sent, when it
 * was too long) when a login was refused.  Everything from the request
 * that goes into that HTML goes through html_escape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "guard.h"
#include "html.h"
#include "login_flow.h"
#include "route.h"

/* htdocs/login.html, cut where the program puts its own parts. */
static const char form_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"ko\">\n"
    "<head>\n"
    "  <meta charset=\"utf-8\">\n"
    "  <title>쿠키&amp;세션 이해하기</title>\n"
    "  <link rel=\"icon\" href=\"data:,\">\n"
    "  <link rel=\"stylesheet\" href=\"/restFront.css\">\n"
    "</head>\n"
    "<body>\n"
    "<nav>\n"
    "  <a href=\"/\">Home</a>\n"
    "  <a href=\"/lessons\">Lessons</a>\n"
    "</nav>\n";
static const char form_tail[] =
    "  <button id=\"login\" type=\"submit\">로그인</button>\n"
    "</form>\n"
    "</body>\n"
    "</html>\n";

/* The login form; status 200, or 400 with reason (MSG_COUNT: none) in
 * the answer's language.  value (may be NULL) goes back into the name
 * field so a person can correct it. */
static void
login_form(struct response *res, const struct login_flow *flow, int status,
    enum msg reason, const char *value, size_t value_len)
{
	res->status = status;
	res->body.len = 0;
	response_header(res, "Content-Type", "text/html; charset=utf-8");
	response_print(res, form_head);
	if (reason != MSG_COUNT) {
		char text[512];

		response_sentence(res, text, sizeof(text), reason);

		response_print(res, "<p id=\"error\" role=\"alert\" lang=\"");
		response_print(res, lang_tag(res->lang));
		response_print(res, "\">");
		html_escape(res, text, strlen(text));
		response_print(res, "</p>\n");
	}
	response_print(res, "<form action=\"");
	html_escape(res, flow->home, strlen(flow->home));
	response_print(res, "/login\" method=\"get\">\n"
	    "  <input id=\"name\" name=\"name\" placeholder=\"이름을 입력하세요\" "
	    "aria-label=\"이름\"");
	if (value != NULL) {
		response_print(res, " value=\"");
		html_escape(res, value, value_len);
		response_print(res, "\"");
	}
	response_print(res, ">\n");
	response_print(res, form_tail);
}

/* The greeting of cookie2.js and session.js, as text: no markup, so
 * nothing to escape. */
static void
greet(struct response *res, const char *name)
{
	response_header(res, "Content-Type", "text/plain; charset=utf-8");
	response_print(res, name);
	response_print(res, "님 안녕하세요");
}

static void
redirect_home(struct response *res, const struct login_flow *flow)
{
	res->status = 302;
	response_header(res, "Location", "%s", flow->home);
}

void
login_cookie(struct response *res, const struct request *req,
    const char *name, const char *value, long max_age)
{
	cookie_set(res, name, value, strlen(value), max_age,
	    req->https ? COOKIE_SECURE : 0);
}

/* The submitted name: from the query of a GET ("+" is a space), from an
 * application/x-www-form-urlencoded body of a POST.  Returns the name
 * (trimmed; free it), or NULL when res already holds the answer: the
 * form with the reason (400), or a JSON error for a body that could not
 * be read at all. */
static char *
submitted_name(const struct login_flow *flow, const struct request *req,
    struct response *res)
{
	const char *form = req->query;
	size_t form_len = strlen(req->query), len;
	enum name_result nr;
	char *name = NULL;

	if (req->method == METHOD_POST) {
		if (guard_body(res, req))
			return NULL;
		if (!request_content_type_is(req, "application/x-www-form-urlencoded")) {
			response_error(res, 415, MSG_LOGIN_BODY_TYPE);
			return NULL;
		}
		form = req->body;
		form_len = req->body_len;
	}
	switch (form_field(form, form_len, "name", &name, &len)) {
	case FORM_FOUND:
		break;
	case FORM_MISSING:
		login_form(res, flow, 400, MSG_LOGIN_NO_NAME, NULL, 0);
		return NULL;
	case FORM_BAD_ENCODING:
		login_form(res, flow, 400, MSG_NAME_BAD_ESCAPE, NULL, 0);
		return NULL;
	case FORM_NOMEM:
		res->failed = 1;
		return NULL;
	}
	if ((nr = name_clean(name, len)) != NAME_OK) {
		/* A name that is only too long goes back into the field, to
		 * be shortened; one that is not text, or has control
		 * characters, does not. */
		login_form(res, flow, 400, name_problem(nr),
		    nr == NAME_TOO_LONG ? name : NULL, len);
		free(name);
		return NULL;
	}
	return name;
}

/* One request to the flow: what the route handlers are given. */
struct call {
	const struct login_flow *flow;
	struct app *app;
};

/* A login or logout from another site's page, POSTed or by GET (a link,
 * an <img>), would log the browser in as someone else or out behind its
 * back (docs/sessions.md).  The greeting changes nothing. */
static int
cross_site(const struct request *req, struct response *res)
{
	return guard_state_change(res, req, MSG_LOGIN_CROSS_SITE);
}

static void
home(void *ctx, const struct request *req, struct response *res)
{
	struct call *call = ctx;
	char *name = NULL;
	int rc;

	if ((rc = call->flow->who(call->app, req, res, &name)) > 0)
		greet(res, name);
	else if (rc == 0)
		login_form(res, call->flow, 200, MSG_COUNT, NULL, 0);
	free(name);
}

static void
login(void *ctx, const struct request *req, struct response *res)
{
	struct call *call = ctx;
	char *name;

	if (cross_site(req, res))
		return;
	if ((name = submitted_name(call->flow, req, res)) != NULL &&
	    call->flow->remember(call->app, req, res, name) == 0)
		redirect_home(res, call->flow);
	free(name);
}

static void
logout(void *ctx, const struct request *req, struct response *res)
{
	struct call *call = ctx;

	if (cross_site(req, res))
		return;
	if (call->flow->forget(call->app, req, res) == 0)
		redirect_home(res, call->flow);
}

#define M(m) ROUTE_METHOD(METHOD_##m)

static const struct route routes[] = {
	{ NULL, "", M(GET) | M(HEAD), home },
	{ NULL, "/login", M(GET) | M(POST), login },
	{ NULL, "/logout", M(GET) | M(POST), logout },
	{ NULL, NULL, 0, NULL }
};

void
login_flow_serve(const struct login_flow *program, struct app *app,
    const struct request *req, struct response *res)
{
	struct login_flow here = *program;
	struct call call = { &here, app };
	char self[64];

	here.home = request_program_path(req, program->name, self, sizeof(self));
	response_header(res, "Cache-Control", "no-store");
	if (route_serve(routes, &call, req, res))
		return;
	response_error(res, 404, MSG_LOGIN_NO_SUCH_PAGE, here.home);
}
