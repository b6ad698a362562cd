/* guard.c - the origin and body checks, answered the one way. */
#include "guard.h"

int
guard_origin(struct response *res, const struct request *req,
    enum msg refusal)
{
	if (!request_unsafe(req))
		return 0;
	return guard_state_change(res, req, refusal);
}

int
guard_state_change(struct response *res, const struct request *req,
    enum msg refusal)
{
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
	switch (req->body_state) {
	case BODY_OK:
		return 0;
	case BODY_TOO_LARGE:
		response_error(res, 413, MSG_BODY_TOO_LARGE, req->settings.body_max);
		return 1;
	case BODY_INCOMPLETE:
		response_error(res, 400, MSG_BODY_INCOMPLETE);
		return 1;
	case BODY_BAD_LENGTH:
		response_error(res, 400, MSG_BAD_CONTENT_LENGTH);
		return 1;
	}
	return 0;
}
