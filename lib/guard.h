/* guard.h - the checks a handler makes of a request before it acts, each
 * answered the one way when it fails.  This layer reads the request
 * (request.h) and writes the answer (response.h); neither of those knows
 * the other.  The method check is the route table's (route.h). */
#ifndef CGILAB_GUARD_H
#define CGILAB_GUARD_H

#include "request.h"
#include "response.h"

/* For an unsafe method: Vary on the headers the check reads, and 403
 * with the sentence refusal (msg.h) when the request comes from another
 * origin (docs/http-api.md).  Returns 1 when refused, 0 to go on. */
int guard_origin(struct response *res, const struct request *req,
    enum msg refusal);
/* The same check for a request that changes state whatever its method
 * (the login lessons' GET /login and /logout). */
int guard_state_change(struct response *res, const struct request *req,
    enum msg refusal);

/* A body that could not be read whole (body_state): 413 when it was over
 * CGILAB_BODY_MAX, 400 when it ended early or its Content-Length was not
 * a number.  Returns 1 when res holds that answer, 0 for a whole body. */
int guard_body(struct response *res, const struct request *req);

#endif
