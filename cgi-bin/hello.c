/* hello.c - the hello server (server1.js): a page written in several
 * writes, with the charset that lets the Korean line show
 * (docs/http-api.md). */
#include "app.h"

static void
hello(struct app *app, const struct request *req, struct response *res)
{
	(void)app;
	(void)req;
	response_header(res, "Content-Type", "text/html; charset=utf-8");
	response_print(res, "<h1>Hello World!</h1>\n");
	response_print(res, "<p>Hello Server</p>\n");
	response_print(res, "<p>안녕하세요, 서버입니다!</p>\n");
}

const struct endpoint endpoint = { "hello", hello };
