/* app.h - what every endpoint program is: a handler from a request to a
 * response, run once per process (CGI) or in a loop (FastCGI). */
#ifndef CGILAB_APP_H
#define CGILAB_APP_H

#include "request.h"
#include "response.h"
#include "store.h"

/* What may outlive one request: in FastCGI mode the store stays open and
 * its prepared statements with it. */
struct app {
	struct store *store;
	char *store_location;	/* what store was opened with */
	long store_busy_ms;	/* and its busy timeout */
	/* Set by app_store (app_store.c) while a store is open: app.c calls
	 * the store only through it, so programs without one link none. */
	void (*close_store)(struct app *app);
};

struct endpoint {
	const char *name;	/* for the error log */
	void (*handle)(struct app *app, const struct request *req,
	    struct response *res);
};

/* Each program in cgi-bin/ defines its endpoint. */
extern const struct endpoint endpoint;

/* The store for this request, opened on first use (a request that does
 * not need it never opens it; app_store.c).  On failure writes the error
 * answer into res and returns NULL. */
struct store *app_store(struct app *app, const struct request *req,
    struct response *res);

/* Answers res with the error for a failed store call: 404 for
 * STORE_NOT_FOUND (with the sentence not_found, msg.h), 503 with
 * Retry-After for STORE_BUSY, 500 for STORE_ERROR (app_store.c). */
void store_respond_error(struct response *res, enum store_result r,
    enum msg not_found);

/* One request: parse it from src, run ep, send the answer to sink.
 * Returns -1 when the answer could not be sent. */
int app_serve(struct app *app, const struct endpoint *ep,
    const struct request_source *src, const struct response_sink *sink);

void app_close(struct app *app);

/* This process serves one request and exits (CGI mode): what it
 * allocates is never freed one piece at a time (arena.h).  Called first
 * thing in main, or never. */
void app_one_request(void);

#endif
