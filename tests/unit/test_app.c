/* test_app.c - one request from source to sink through app_serve, with a
 * small endpoint defined here (lib/app.c). */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "memio.h"
#include "test.h"

/* Answers "<method> <path_info> <body>" as text, or a 404 for /missing. */
static void
echo_handle(struct app *app, const struct request *req, struct response *res)
{
	(void)app;
	if (strcmp(req->path_info, "/missing") == 0) {
		response_error(res, 404, MSG_NO_SUCH_USER);
		return;
	}
	response_header(res, "Content-Type", "text/plain; charset=utf-8");
	response_print(res, req->method_name);
	response_print(res, " ");
	response_print(res, req->path_info);
	response_print(res, " ");
	response_write(res, req->body, req->body_len);
}

static const struct endpoint echo = { "echo", echo_handle };

/* Serves env and body through echo; returns app_serve's result and the
 * bytes sent in out (free them). */
static int
serve(const char *const *env, const char *body, struct memsink *out)
{
	struct app app = { 0 };
	struct memsrc in;
	int rc;

	memsrc_init(&in, env, body, body ? strlen(body) : 0);
	in.piece = 3;
	memsink_init(out);
	rc = app_serve(&app, &echo, &in.src, &out->sink);
	CHECK(app.store == NULL);	/* a handler that needs no store opens none */
	CHECK(body == NULL || in.pos == strlen(body));
	app_close(&app);
	return rc;
}

TEST(app_serve_sends_the_handlers_response)
{
	const char *env[] = { "REQUEST_METHOD", "GET", "PATH_INFO", "/x", NULL };
	struct memsink out;

	CHECK_INT(serve(env, NULL, &out), 0);
	CHECK_STR(out.data,
	    "Status: 200 OK\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Length: 7\r\n"
	    "\r\n"
	    "GET /x ");
	memsink_free(&out);
}

TEST(app_serve_passes_the_body)
{
	const char *env[] = { "REQUEST_METHOD", "POST", "PATH_INFO", "/x",
	    "CONTENT_LENGTH", "11", NULL };
	struct memsink out;

	CHECK_INT(serve(env, "name=\xea\xb9\x80\xec\xb2\xa0", &out), 0);
	CHECK(out.data != NULL && strstr(out.data, "Content-Length: 19\r\n") != NULL);
	CHECK(out.data != NULL &&
	    strstr(out.data, "\r\n\r\nPOST /x name=\xea\xb9\x80\xec\xb2\xa0") != NULL);
	memsink_free(&out);
}

TEST(app_serve_head_sends_no_body)
{
	const char *env[] = { "REQUEST_METHOD", "HEAD", "PATH_INFO", "/x", NULL };
	struct memsink out;

	CHECK_INT(serve(env, NULL, &out), 0);
	/* RFC 9110 §9.3.2: the same header fields as GET, no content. */
	CHECK_STR(out.data,
	    "Status: 200 OK\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Length: 8\r\n"
	    "\r\n");
	memsink_free(&out);
}

TEST(app_serve_sends_the_handlers_error)
{
	const char *env[] = { "REQUEST_METHOD", "GET", "PATH_INFO", "/missing",
	    NULL };
	struct memsink out;

	CHECK_INT(serve(env, NULL, &out), 0);
	CHECK(out.data != NULL && strncmp(out.data, "Status: 404 Not Found\r\n", 23) == 0);
	CHECK(out.data != NULL &&
	    strstr(out.data, "\r\n\r\n{\"error\":\"There is no user with that id.\"}") != NULL);
	memsink_free(&out);
}

TEST(app_serve_returns_minus_1_when_the_sink_fails)
{
	const char *env[] = { "REQUEST_METHOD", "GET", NULL };
	struct app app = { 0 };
	struct memsrc in;
	struct memsink out;

	memsrc_init(&in, env, NULL, 0);
	memsink_init(&out);
	out.fail_at = 10;
	CHECK_INT(app_serve(&app, &echo, &in.src, &out.sink), -1);
	memsink_free(&out);
	app_close(&app);
}

/* Calls app_store and records what it gave. */
static struct store *store_seen;

static void
store_handle(struct app *app, const struct request *req, struct response *res)
{
	if ((store_seen = app_store(app, req, res)) == NULL)
		return;
	response_print(res, "opened");
}

TEST(app_store_without_a_database_setting_answers_500)
{
	static const struct endpoint needs_store = { "store", store_handle };
	const char *env[] = { "REQUEST_METHOD", "GET", NULL };
	struct app app = { 0 };
	struct memsrc in;
	struct memsink out;
	struct capture cap;
	char *log;

	memsrc_init(&in, env, NULL, 0);
	memsink_init(&out);
	store_seen = (struct store *)&app;
	capture_stderr(&cap);
	CHECK_INT(app_serve(&app, &needs_store, &in.src, &out.sink), 0);
	log = capture_end(&cap);
	CHECK(store_seen == NULL);
	CHECK(app.store == NULL);
	CHECK(out.data != NULL && strncmp(out.data, "Status: 500 ", 12) == 0);
	CHECK(out.data != NULL && strstr(out.data, "{\"error\":") != NULL);
	CHECK(out.data != NULL && strstr(out.data, "opened") == NULL);
	CHECK(log != NULL && strstr(log, "CGILAB_DB") != NULL);
	free(log);
	memsink_free(&out);
	app_close(&app);
}
