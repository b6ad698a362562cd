/* guard.c - the origin and body checks, answered the one way. */
#include <stdio.h>

#include "guard.h"

int
guard_origin(struct response *res, const struct request *req,
    const char *refusal)
{
	if (!request_unsafe(req))
		return 0;
	/* The answer depends on these headers. */
	response_header(res, "Vary", "Origin, Sec-Fetch-Site");
	if (!request_cross_origin(req))
		return 0;
	response_error(res, 403, refusal);
	return 1;
}

int
guard_body(struct response *res, const struct request *req)
{
	char msg[96];

	switch (req->body_state) {
	case BODY_OK:
		return 0;
	case BODY_TOO_LARGE:
		snprintf(msg, sizeof(msg), "The request body is larger than %zu bytes.",
		    req->settings.body_max);
		response_error(res, 413, msg);
		return 1;
	case BODY_INCOMPLETE:
		response_error(res, 400, "The request body ended before its Content-Length.");
		return 1;
	case BODY_BAD_LENGTH:
		response_error(res, 400, "The Content-Length is not a number.");
		return 1;
	}
	return 0;
}
