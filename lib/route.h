/* route.h - a program's URLs as a table: a path pattern, the methods it
 * takes, and the handler that answers them.  The Allow header, the 204
 * to OPTIONS and the 405 to another method are made from the table, so
 * they never disagree with what the handlers take. */
#ifndef CGILAB_ROUTE_H
#define CGILAB_ROUTE_H

#include "request.h"
#include "response.h"

#define ROUTE_METHOD(m) (1u << (m))

/* ctx is what the program passed to route_serve. */
typedef void route_handler(void *ctx, const struct request *req,
    struct response *res);

struct route {
	const char *script;	/* SCRIPT_NAME it is for; NULL: any */
	const char *path;	/* PATH_INFO exactly; "*": any but empty */
	unsigned methods;	/* ROUTE_METHOD(METHOD_GET) | ... */
	route_handler *handle;
};

/* Answers req from table, which ends with an entry whose path is NULL.
 * The first entry whose script and path match is the resource; the
 * entries with that same script and path together give its methods.
 * OPTIONS is 204 with Allow; a method none of them takes is 405 with
 * Allow (the methods in enum method's order, then OPTIONS); any other
 * runs the handler of the entry that takes it.  Returns 0, having
 * written nothing, when no entry matches: the caller answers 404 in its
 * own words. */
int route_serve(const struct route *table, void *ctx,
    const struct request *req, struct response *res);

#endif
