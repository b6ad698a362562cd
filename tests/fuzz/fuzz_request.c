/* fuzz_request.c - libFuzzer harness for the request parser: a fuzzed CGI
 * environment and body (fuzz_source.h) through request_parse and every
 * question a handler asks of the request. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_source.h"
#include "request.h"

/* CONTENT_LENGTH as request.c reads it: digits only, else -1. */
static long long
declared_length(const char *s)
{
	const long long max = (long long)1 << 50;
	long long v = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
			return -2;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_source fs;
	struct request_source src;
	struct request req;
	long long declared;

	if (fuzz_source_init(&fs, data, size) < 0)
		return 0;
	src = fuzz_request_source(&fs);
	declared = declared_length(fuzz_getenv(&fs, "CONTENT_LENGTH"));
	if (request_parse(&req, &src) < 0)
		abort();	/* only when memory runs out */

	FUZZ_ASSERT(req.body != NULL);
	FUZZ_ASSERT(req.body[req.body_len] == '\0');
	FUZZ_ASSERT(req.body_len <= req.settings.body_max);
	FUZZ_ASSERT(req.method_name != NULL && req.script_name != NULL &&
	    req.path_info != NULL && req.query != NULL && req.request_uri != NULL);
	if (declared == -2) {
		/* Not a number: nothing read, nothing misframed. */
		FUZZ_ASSERT(req.body_state == BODY_BAD_LENGTH);
		FUZZ_ASSERT(fs.pos == 0);
	} else if (declared >= 0) {
		/* Never a byte past CONTENT_LENGTH; all of it when it came. */
		FUZZ_ASSERT(fs.pos <= (unsigned long long)declared);
		if (fs.body_len >= (unsigned long long)declared)
			FUZZ_ASSERT(fs.pos == (unsigned long long)declared);
		if (req.body_state == BODY_OK)
			FUZZ_ASSERT(req.body_len == (unsigned long long)declared);
		if (fs.body_len < (unsigned long long)declared)
			FUZZ_ASSERT(req.body_state == BODY_INCOMPLETE);
	} else {
		/* No CONTENT_LENGTH (so a transfer coding, fuzz_source.h):
		 * read to the end, whatever the answer. */
		FUZZ_ASSERT(fs.ended);
		FUZZ_ASSERT(fs.pos == fs.body_len);
		if (req.body_state == BODY_OK)
			FUZZ_ASSERT(req.body_len == fs.body_len &&
			    memcmp(req.body, fs.body, fs.body_len) == 0);
	}
	if (req.body_state == BODY_TOO_LARGE)
		FUZZ_ASSERT(req.body_len == 0);

	/* Everything a handler asks. */
	FUZZ_ASSERT(req.cookies.count <= COOKIE_MAX);
	(void)request_cookie(&req, "name");
	(void)request_cookie(&req, "session");
	(void)request_unsafe(&req);
	(void)request_cross_origin(&req);
	(void)request_content_type_is(&req, "application/json");
	(void)request_content_type_is(&req, "application/x-www-form-urlencoded");

	request_free(&req);
	fuzz_source_free(&fs);
	return 0;
}
