/* app.c - one request from source to sink, the same in CGI and FastCGI. */
#include "app.h"
#include "arena.h"
#include "json.h"

int
app_serve(struct app *app, const struct endpoint *ep,
    const struct request_source *src, const struct response_sink *sink)
{
	struct request req;
	struct response res;
	int rc;

	response_init(&res);
	if (request_parse(&req, src) < 0)
		res.failed = 1;
	else {
		res.accept_language = req.accept_language;
		ep->handle(app, &req, &res);
	}
	rc = response_send(&res, sink, req.method == METHOD_HEAD);
	response_free(&res);
	request_free(&req);
	return rc;
}

void
app_one_request(void)
{
	arena_use();
	json_one_request();
}

void
app_close(struct app *app)
{
	if (app->close_store != NULL)
		app->close_store(app);
}
