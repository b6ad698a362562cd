/* app_store.c - the store of an endpoint that has one, opened on first
 * use, and its failures answered.  Apart from app.c so that a program that
 * never asks for it (hello.cgi, cookie.cgi) links neither back end: less
 * to load at every exec. */
#include <stdlib.h>
#include <string.h>

#include "app.h"

static void
close_store(struct app *app)
{
	store_close(app->store);
	free(app->store_location);
	app->store = NULL;
	app->store_location = NULL;
	app->close_store = NULL;
}

struct store *
app_store(struct app *app, const struct request *req, struct response *res)
{
	/* CGILAB_STORE names the back end; without it, CGILAB_DB the file. */
	const char *location = req->settings.store ? req->settings.store :
	    req->settings.db ? req->settings.db : "";
	enum store_result why;

	/* Reused while the settings it was opened with hold (FastCGI mode). */
	if (app->store != NULL && strcmp(app->store_location, location) == 0 &&
	    app->store_busy_ms == req->settings.busy_timeout_ms &&
	    store_current(app->store))
		return app->store;
	app_close(app);
	if ((app->store = store_open(location, req->settings.busy_timeout_ms,
	    &why)) == NULL) {
		store_respond_error(res, why, MSG_STORE_FAILED);
		return NULL;
	}
	app->close_store = close_store;
	app->store_busy_ms = req->settings.busy_timeout_ms;
	if ((app->store_location = strdup(location)) == NULL) {
		app_close(app);
		res->failed = 1;
		return NULL;
	}
	return app->store;
}

void
store_respond_error(struct response *res, enum store_result r,
    enum msg not_found)
{
	switch (r) {
	case STORE_OK:
		break;
	case STORE_NOT_FOUND:
		response_error(res, 404, not_found);
		break;
	case STORE_BUSY:
		response_error(res, 503, MSG_STORE_BUSY);
		break;
	case STORE_ERROR:
		response_error(res, 500, MSG_STORE_FAILED);
		break;
	}
}
