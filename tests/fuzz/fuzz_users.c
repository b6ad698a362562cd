/* fuzz_users.c - libFuzzer harness for users.cgi whole: a fuzzed request
 * (fuzz_source.h) through app_serve and the users handler, against a
 * fresh in-memory database.  Every request gets one complete answer with
 * a status the contract lists; nothing the client sends makes a 500. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "fuzz_source.h"

struct capture {
	char buf[1 << 16];
	size_t len;
};

static ssize_t
capture_write(void *ctx, const void *data, size_t len)
{
	struct capture *c = ctx;

	if (len > sizeof(c->buf) - c->len)
		len = sizeof(c->buf) - c->len;
	memcpy(c->buf + c->len, data, len);
	c->len += len;
	return (ssize_t)len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const scripts[] = {
		"/cgi-bin/users.cgi", "/users", "/user"
	};
	static struct capture out;
	struct response_sink sink = { capture_write, &out };
	struct app app = { 0 };
	struct fuzz_source fs;
	struct request_source src;
	int status;

	if (fuzz_source_init(&fs, data, size) < 0)
		return 0;
	/* The server's part: which path, which database.  A body limit
	 * from the input, but never one that makes every exec slow. */
	fuzz_force(&fs, "SCRIPT_NAME", scripts[data[0] % 3]);
	if (fuzz_getenv(&fs, "CGILAB_BODY_MAX") != NULL &&
	    strlen(fuzz_getenv(&fs, "CGILAB_BODY_MAX")) > 5)
		fuzz_force(&fs, "CGILAB_BODY_MAX", "16384");
	fs.db = ":memory:";
	src = fuzz_request_source(&fs);
	out.len = 0;
	FUZZ_ASSERT(app_serve(&app, &endpoint, &src, &sink) == 0);
	app_close(&app);

	/* One CGI answer: a Status line, then headers, a blank line. */
	out.buf[out.len < sizeof(out.buf) ? out.len : sizeof(out.buf) - 1] = '\0';
	FUZZ_ASSERT(sscanf(out.buf, "Status: %d ", &status) == 1);
	FUZZ_ASSERT(strstr(out.buf, "\r\n\r\n") != NULL);
	switch (status) {
	case 200: case 201: case 204: case 304: case 400: case 403:
	case 404: case 405: case 413: case 415:
		break;
	default:
		fprintf(stderr, "status %d:\n%.*s\n", status, (int)out.len, out.buf);
		abort();
	}
	fuzz_source_free(&fs);
	return 0;
}
