/* test_route.c - the route table: the handler a request reaches, and the
 * Allow, 204 and 405 made from the table (lib/route.c); the body and
 * origin checks (lib/guard.c). */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "guard.h"
#include "memio.h"
#include "route.h"
#include "test.h"

/* A handler that says it ran: ctx points at its name. */
#define HANDLER(name)							\
	static void							\
	name(void *ctx, const struct request *req, struct response *res) \
	{								\
		(void)req;						\
		(void)res;						\
		*(const char **)ctx = #name;				\
	}

HANDLER(one)
HANDLER(change)
HANDLER(list)
HANDLER(post_only)

#define M(m) ROUTE_METHOD(METHOD_##m)

static const struct route table[] = {
	{ NULL, "*", M(GET) | M(HEAD), one },
	{ NULL, "*", M(PUT) | M(DELETE), change },
	{ "/only-post", "", M(POST), post_only },
	{ NULL, "", M(GET) | M(POST), list },
	{ NULL, "/exact", M(GET), list },
	{ NULL, NULL, 0, NULL }
};

/* route_serve for method, SCRIPT_NAME and PATH_INFO: its result, which
 * handler ran (NULL: none), and the response. */
static int
serve(const char *method, const char *script, const char *path,
    const char **ran, struct response *res)
{
	const char *env[] = { "REQUEST_METHOD", method, "SCRIPT_NAME", script,
	    "PATH_INFO", path, NULL };
	struct request req;
	struct memsrc m;
	int rc;

	memsrc_init(&m, env, NULL, 0);
	CHECK_INT(memsrc_parse(&req, &m), 0);
	response_init(res);
	*ran = NULL;
	rc = route_serve(table, ran, &req, res);
	request_free(&req);
	return rc;
}

TEST(route_runs_the_handler_of_the_matching_entry)
{
	struct response res;
	const char *ran;

	CHECK_INT(serve("GET", "/x", "/7", &ran, &res), 1);
	CHECK_STR(ran, "one");
	response_free(&res);
	CHECK_INT(serve("DELETE", "/x", "/anything", &ran, &res), 1);
	CHECK_STR(ran, "change");
	response_free(&res);
	CHECK_INT(serve("POST", "/x", "", &ran, &res), 1);
	CHECK_STR(ran, "list");
	response_free(&res);
	CHECK_INT(serve("POST", "/only-post", "", &ran, &res), 1);
	CHECK_STR(ran, "post_only");
	response_free(&res);
	CHECK_INT(serve("GET", "/x", "/exact", &ran, &res), 1);
	CHECK_STR(ran, "one");	/* "*" comes first in the table */
	response_free(&res);
}

/* route_serve answers the request itself, no handler run: status, and
 * the Allow header line allow. */
static void
expect_answer(const char *method, const char *script, const char *path,
    int status, const char *allow)
{
	struct response res;
	const char *ran;

	CHECK_INT(serve(method, script, path, &ran, &res), 1);
	CHECK(ran == NULL);
	CHECK_INT(res.status, status);
	CHECK(res.head.data != NULL && strstr(res.head.data, allow) != NULL);
	if (status == 405)
		CHECK(strstr(res.body.data, "\"error\"") != NULL);
	response_free(&res);
}

TEST(route_options_is_204_with_allow_from_every_entry_of_the_path)
{
	expect_answer("OPTIONS", "/x", "/7", 204,
	    "Allow: GET, HEAD, PUT, DELETE, OPTIONS\r\n");
	expect_answer("OPTIONS", "/only-post", "", 204, "Allow: POST, OPTIONS\r\n");
}

TEST(route_method_not_taken_is_405_with_allow)
{
	expect_answer("PATCH", "/x", "", 405, "Allow: GET, POST, OPTIONS\r\n");
	expect_answer("GET", "/only-post", "", 405, "Allow: POST, OPTIONS\r\n");
	expect_answer("TRACE", "/x", "/1", 405,
	    "Allow: GET, HEAD, PUT, DELETE, OPTIONS\r\n");
}

TEST(route_no_match_writes_nothing)
{
	static const struct route exact[] = {
		{ NULL, "/login", M(GET), list },
		{ NULL, NULL, 0, NULL }
	};
	const char *env[] = { "REQUEST_METHOD", "GET", "PATH_INFO", "/nope", NULL };
	struct response res;
	struct request req;
	struct memsrc m;
	const char *ran = NULL;

	memsrc_init(&m, env, NULL, 0);
	CHECK_INT(memsrc_parse(&req, &m), 0);
	response_init(&res);
	CHECK_INT(route_serve(exact, &ran, &req, &res), 0);
	CHECK(ran == NULL);
	CHECK_INT(res.status, 200);
	CHECK_INT(res.head.len, 0);
	request_free(&req);
	response_free(&res);
}

/* guard_body's status for a body of len bytes sent with CONTENT_LENGTH
 * length, under CGILAB_BODY_MAX 10 (0: went on). */
static int
body_status(const char *length, size_t len)
{
	const char *env[] = { "REQUEST_METHOD", "POST", "CONTENT_LENGTH", length,
	    "CGILAB_BODY_MAX", "10", NULL };
	struct response res;
	struct request req;
	struct memsrc m;
	int status;

	memsrc_init(&m, env, "0123456789abcdef", len);
	CHECK_INT(memsrc_parse(&req, &m), 0);
	response_init(&res);
	status = guard_body(&res, &req) ? res.status : 0;
	if (status == 413)
		CHECK(strstr(res.body.data, "larger than 10 bytes") != NULL);
	request_free(&req);
	response_free(&res);
	return status;
}

TEST(guard_body_maps_each_body_state)
{
	CHECK_INT(body_status("5", 5), 0);
	CHECK_INT(body_status("16", 16), 413);
	CHECK_INT(body_status("8", 5), 400);
	CHECK_INT(body_status("x5", 5), 400);
}

TEST(decimal_parse_takes_digits_only_up_to_max)
{
	CHECK_INT(decimal_parse("0", 1, 10), 0);
	CHECK_INT(decimal_parse("0010", 4, 10), 10);
	CHECK_INT(decimal_parse("11", 2, 10), -1);
	CHECK_INT(decimal_parse("", 0, 10), -1);
	CHECK_INT(decimal_parse("+1", 2, 10), -1);
	CHECK_INT(decimal_parse(" 1", 2, 10), -1);
	CHECK_INT(decimal_parse("12x", 2, 100), 12);	/* only len bytes */
	CHECK_INT(decimal_parse("9223372036854775807", 19, 9223372036854775807LL),
	    9223372036854775807LL);
	CHECK_INT(decimal_parse("9223372036854775808", 19, 9223372036854775807LL), -1);
	CHECK_INT(decimal_parse("9007199254740991", 16, 9007199254740991LL),
	    9007199254740991LL);
	CHECK_INT(decimal_parse("9007199254740992", 16, 9007199254740991LL), -1);
}
