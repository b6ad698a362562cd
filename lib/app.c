/* app.c - one request from source to sink, the same in CGI and FastCGI. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "json.h"
#include "log.h"

struct store *
app_store(struct app *app, const struct request *req, struct response *res)
{
	/* CGILAB_STORE names the back end; without it, CGILAB_DB the file. */
	const char *location = req->settings.store ? req->settings.store :
	    req->settings.db ? req->settings.db : "";
	enum store_result why;

	/* Reused while the settings it was opened with hold (FastCGI mode). */
	if (app->store != NULL && strcmp(app->store_location, location) == 0 &&
	    app->store_busy_ms == req->settings.busy_timeout_ms)
		return app->store;
	app_close(app);
	if ((app->store = store_open(location, req->settings.busy_timeout_ms,
	    &why)) == NULL) {
		store_respond_error(res, why, "");
		return NULL;
	}
	app->store_busy_ms = req->settings.busy_timeout_ms;
	if ((app->store_location = strdup(location)) == NULL) {
		app_close(app);
		res->failed = 1;
		return NULL;
	}
	return app->store;
}

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
	else
		ep->handle(app, &req, &res);
	rc = response_send(&res, sink, req.method == METHOD_HEAD);
	response_free(&res);
	request_free(&req);
	return rc;
}

void
app_one_request(void)
{
	store_one_request();
	json_one_request();
}

void
app_close(struct app *app)
{
	store_close(app->store);
	free(app->store_location);
	app->store = NULL;
	app->store_location = NULL;
}
