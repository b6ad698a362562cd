/* route.c - finding a request's route, and the method checks made from
 * the table. */
#include <string.h>

#include "route.h"

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
matches(const struct route *r, const struct request *req)
{
	if (r->script != NULL && strcmp(r->script, req->script_name) != 0)
		return 0;
	if (strcmp(r->path, "*") == 0)
		return req->path_info[0] != '\0';
	return strcmp(r->path, req->path_info) == 0;
}

int
route_serve(const struct route *table, void *ctx, const struct request *req,
    struct response *res)
{
	const struct route *found = NULL, *r;
	unsigned methods = 0;
	char allow[80] = "";

	for (r = table; r->path != NULL && found == NULL; r++)
		if (matches(r, req))
			found = r;
	if (found == NULL)
		return 0;
	for (r = found; r->path != NULL; r++) {
		if (!same(r->script, found->script) || !same(r->path, found->path))
			continue;
		if (r->methods & ROUTE_METHOD(req->method) &&
		    req->method != METHOD_OPTIONS) {
			r->handle(ctx, req, res);
			return 1;
		}
		methods |= r->methods;
	}
	/* OPTIONS, or a method no entry takes: Allow says which do. */
	for (enum method m = METHOD_OTHER; m < METHOD_OPTIONS; m++)
		if (methods & ROUTE_METHOD(m)) {
			strcat(allow, request_method_name(m));
			strcat(allow, ", ");
		}
	strcat(allow, "OPTIONS");
	response_header(res, "Allow", "%s", allow);
	if (req->method == METHOD_OPTIONS)
		res->status = 204;
	else
		response_error(res, 405, MSG_METHOD_NOT_ALLOWED);
	return 1;
}
