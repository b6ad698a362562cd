/* test_response.c - the bytes a response is sent as (RFC 3875 §6), into
 * an in-memory response_sink (lib/response.c). */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "memio.h"
#include "response.h"
#include "test.h"

/* Sends res; checks response_send's result and the exact bytes. */
static void
check_sent(struct response *res, int head_only, const char *want)
{
	struct memsink out;

	memsink_init(&out);
	CHECK_INT(memsink_send(&out, res, head_only), 0);
	CHECK_STR(out.data, want);
	CHECK_INT(out.len, strlen(want));	/* nothing after a NUL either */
	memsink_free(&out);
}

/* The body of a sent response (after the blank line), or NULL. */
static const char *
body_of(const char *sent)
{
	const char *p = sent ? strstr(sent, "\r\n\r\n") : NULL;

	return p ? p + 4 : NULL;
}

static void
hello(struct response *res)
{
	response_init(res);
	response_header(res, "Content-Type", "text/plain; charset=utf-8");
	response_header(res, "X-Lesson", "%d", 1);
	response_print(res, "Hello, ");
	response_write(res, "world!", 6);
}

TEST(response_send_200_exact_bytes)
{
	struct response res;

	hello(&res);
	check_sent(&res, 0,
	    "Status: 200 OK\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "X-Lesson: 1\r\n"
	    "Content-Length: 13\r\n"
	    "\r\n"
	    "Hello, world!");
	response_free(&res);
}

TEST(response_send_head_only_keeps_content_length_without_body)
{
	struct response res;

	hello(&res);
	check_sent(&res, 1,
	    "Status: 200 OK\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "X-Lesson: 1\r\n"
	    "Content-Length: 13\r\n"
	    "\r\n");
	response_free(&res);
}

TEST(response_send_empty_body_has_content_length_0)
{
	struct response res;

	response_init(&res);
	res.status = 201;
	check_sent(&res, 0, "Status: 201 Created\r\nContent-Length: 0\r\n\r\n");
	response_free(&res);
}

TEST(response_send_204_has_no_content_length_and_no_body)
{
	struct response res;

	/* RFC 9110 §15.3.5 */
	response_init(&res);
	res.status = 204;
	response_header(&res, "X-A", "b");
	response_print(&res, "dropped");
	check_sent(&res, 0, "Status: 204 No Content\r\nX-A: b\r\n\r\n");
	response_free(&res);
}

TEST(response_send_304_has_no_content_length_and_no_body)
{
	struct response res;

	/* RFC 9110 §15.4.5 */
	response_init(&res);
	res.status = 304;
	response_header(&res, "ETag", "\"42\"");
	response_print(&res, "dropped");
	check_sent(&res, 0, "Status: 304 Not Modified\r\nETag: \"42\"\r\n\r\n");
	response_free(&res);
}

TEST(response_write_several_times_concatenates)
{
	struct response res;
	struct memsink out;

	response_init(&res);
	for (int i = 0; i < 1000; i++)
		response_write(&res, i % 2 ? "b" : "a", 1);
	response_write(&res, "", 0);
	response_print(&res, "\xea\xb9\x80");
	CHECK_INT(res.body.len, 1003);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	CHECK(strstr(out.data, "Content-Length: 1003\r\n") != NULL);
	CHECK(body_of(out.data) != NULL && strlen(body_of(out.data)) == 1003 &&
	    strncmp(body_of(out.data), "ababab", 6) == 0 &&
	    strcmp(body_of(out.data) + 1000, "\xea\xb9\x80") == 0);
	memsink_free(&out);
	response_free(&res);
}

TEST(response_large_body_of_1mb)
{
	const size_t n = 1 << 20;
	struct response res;
	struct memsink out;
	char *chunk = malloc(4096);

	for (size_t i = 0; i < 4096; i++)
		chunk[i] = (char)(i * 7);	/* any bytes, NUL included */
	response_init(&res);
	for (size_t i = 0; i < n / 4096; i++)
		response_write(&res, chunk, 4096);
	memsink_init(&out);
	out.piece = 65536;	/* the sink takes it in short writes */
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	CHECK(strstr(out.data, "Content-Length: 1048576\r\n") != NULL);
	const char *body = body_of(out.data);
	CHECK(body != NULL && (size_t)(out.data + out.len - body) == n);
	CHECK(body != NULL && memcmp(body, chunk, 4096) == 0 &&
	    memcmp(body + n - 4096, chunk, 4096) == 0);
	memsink_free(&out);
	response_free(&res);
	free(chunk);
}

TEST(response_send_handles_short_writes)
{
	struct response res;
	struct memsink out;

	hello(&res);
	memsink_init(&out);
	out.piece = 1;
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	CHECK(body_of(out.data) != NULL &&
	    strcmp(body_of(out.data), "Hello, world!") == 0);
	memsink_free(&out);
	response_free(&res);
}

TEST(response_send_returns_minus_1_when_the_sink_fails)
{
	struct response res;
	struct memsink out;
	size_t whole;

	hello(&res);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	whole = out.len;
	memsink_free(&out);
	/* Failing at once, in the headers, and in the body. */
	size_t at[] = { 0, 5, whole - 3 };
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		memsink_init(&out);
		out.piece = 4;
		out.fail_at = at[i];
		CHECK_INT(memsink_send(&out, &res, 0), -1);
		memsink_free(&out);
	}
	response_free(&res);
}

/* The "error" member of a sent JSON body (free it), or NULL. */
static char *
error_member(const char *sent)
{
	cJSON *doc = cJSON_Parse(body_of(sent) ? body_of(sent) : "");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(doc, "error");
	char *s = cJSON_IsString(e) ? strdup(e->valuestring) : NULL;

	cJSON_Delete(doc);
	return s;
}

TEST(response_error_is_json_and_keeps_earlier_headers)
{
	const char *msg = msg_text(LANG_EN, MSG_METHOD_NOT_ALLOWED);
	struct response res;
	char want[512];

	response_init(&res);
	response_header(&res, "Allow", "GET, HEAD");
	response_print(&res, "half a page");
	response_error(&res, 405, MSG_METHOD_NOT_ALLOWED);
	snprintf(want, sizeof(want),
	    "Status: 405 Method Not Allowed\r\n"
	    "Allow: GET, HEAD\r\n"
	    "Content-Type: application/json; charset=utf-8\r\n"
	    "Vary: Accept-Language\r\n"
	    "Content-Length: %zu\r\n"
	    "\r\n"
	    "{\"error\":\"%s\"}", strlen(msg) + 12, msg);
	check_sent(&res, 0, want);
	response_free(&res);
}

TEST(response_error_escapes_the_message_as_json)
{
	const char *msg = msg_text(LANG_KO, MSG_PATCH_NO_FIELD);
	struct response res;
	struct memsink out;
	char *e;

	CHECK(strchr(msg, '"') != NULL);
	response_init(&res);
	res.accept_language = "ko-KR,ko;q=0.9,en;q=0.8";
	response_error(&res, 400, MSG_PATCH_NO_FIELD);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	CHECK(strncmp(out.data, "Status: 400 Bad Request\r\n", 25) == 0);
	CHECK(strstr(out.data, "\r\nVary: Accept-Language\r\n") != NULL);
	e = error_member(out.data);
	CHECK_STR(e, msg);
	free(e);
	memsink_free(&out);
	response_free(&res);
}

TEST(response_error_formats_the_catalogue_sentence)
{
	struct response res;
	struct memsink out;
	char *e;

	response_init(&res);
	res.accept_language = "ko";
	response_error(&res, 413, MSG_BODY_TOO_LARGE, (size_t)16384);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	e = error_member(out.data);
	CHECK_STR(e, "요청 본문이 16384바이트보다 큽니다.");
	free(e);
	memsink_free(&out);
	response_free(&res);
	/* No header: English, and the answer still says it varies. */
	response_init(&res);
	response_error(&res, 400, MSG_NAME_BAD_ESCAPE);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	CHECK(strstr(out.data, "\r\nVary: Accept-Language\r\n") != NULL);
	e = error_member(out.data);
	CHECK_STR(e, "The name has a bad %-escape.");
	free(e);
	memsink_free(&out);
	response_free(&res);
}

TEST(response_without_a_sentence_does_not_vary_by_language)
{
	struct response res;
	struct memsink out;

	response_init(&res);
	res.accept_language = "ko";
	response_header(&res, "Content-Type", "text/plain; charset=utf-8");
	response_print(&res, "Hello Cookie");
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	CHECK(strstr(out.data, "Accept-Language") == NULL);
	memsink_free(&out);
	response_free(&res);
}

TEST(response_error_503_adds_retry_after)
{
	struct response res;
	struct memsink out;

	response_init(&res);
	response_error(&res, 503, MSG_STORE_BUSY);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	CHECK(strncmp(out.data, "Status: 503 Service Unavailable\r\n", 33) == 0);
	CHECK(strstr(out.data, "\r\nRetry-After: 1\r\n") != NULL);
	memsink_free(&out);
	response_free(&res);
	/* Other errors have none. */
	response_init(&res);
	response_error(&res, 500, MSG_STORE_FAILED);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	CHECK(strstr(out.data, "Retry-After") == NULL);
	memsink_free(&out);
	response_free(&res);
}

/* After a refused header the answer is a whole 500 JSON error, without
 * the refused header, the earlier ones or the body. */
static void
check_refused_header_sends_500(struct response *res)
{
	struct memsink out;
	char *e;

	CHECK_INT(res->failed, 1);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, res, 0), 0);
	CHECK(strncmp(out.data, "Status: 500 Internal Server Error\r\n", 35) == 0);
	CHECK(strstr(out.data, "\r\nContent-Type: application/json; charset=utf-8\r\n")
	    != NULL);
	CHECK(!memsink_has(&out, "Evil"));
	CHECK(!memsink_has(&out, "X-Before"));
	CHECK(!memsink_has(&out, "page"));
	e = error_member(out.data);
	CHECK(e != NULL && strlen(e) > 0);
	free(e);
	memsink_free(&out);
}

TEST(response_header_refuses_cr_or_lf_in_value)
{
	const char *bad[] = { "a\r\nEvil: 1", "a\nEvil: 1", "a\rEvil: 1", "\r\n" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct response res;

		response_init(&res);
		response_header(&res, "X-Before", "ok");
		response_print(&res, "page");
		CHECK_INT(response_header(&res, "X-Value", "%s", bad[i]), -1);
		check_refused_header_sends_500(&res);
		response_free(&res);
	}
}

TEST(response_header_refuses_cr_lf_or_colon_in_name)
{
	const char *bad[] = { "X\r\nEvil", "X\nEvil", "Evil\r", "Evil: x" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct response res;

		response_init(&res);
		response_header(&res, "X-Before", "ok");
		CHECK_INT(response_header(&res, bad[i], "v"), -1);
		check_refused_header_sends_500(&res);
		response_free(&res);
	}
}

TEST(response_header_refuses_nul_in_value)
{
	struct response res;

	/* A NUL formatted into the value would hide what follows it from
	 * the CR/LF check and reach the output. */
	response_init(&res);
	response_header(&res, "X-Before", "ok");
	CHECK_INT(response_header(&res, "X-Value", "a%cb\r\nEvil: 1", 0), -1);
	check_refused_header_sends_500(&res);
	response_free(&res);
}

TEST(response_header_long_value)
{
	struct response res;
	struct memsink out;
	char *v = repeat('v', 3000), want[3100];

	response_init(&res);
	CHECK_INT(response_header(&res, "X-Long", "<%s>", v), 0);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	snprintf(want, sizeof(want), "\r\nX-Long: <%s>\r\n", v);
	CHECK(strstr(out.data, want) != NULL);
	memsink_free(&out);
	response_free(&res);
	free(v);
}

TEST(response_failed_head_only_sends_no_body)
{
	struct response res;
	struct memsink out;

	response_init(&res);
	res.failed = 1;
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 1), 0);
	CHECK(strncmp(out.data, "Status: 500 ", 12) == 0);
	CHECK(body_of(out.data) != NULL && *body_of(out.data) == '\0');
	memsink_free(&out);
	response_free(&res);
}

TEST(response_reset_drops_headers_and_body)
{
	struct response res;

	hello(&res);
	response_reset(&res, 302);
	response_header(&res, "Location", "/cgi-bin/login.cgi");
	check_sent(&res, 0,
	    "Status: 302 Found\r\n"
	    "Location: /cgi-bin/login.cgi\r\n"
	    "Content-Length: 0\r\n"
	    "\r\n");
	response_free(&res);
}

TEST(http_reason_phrases)
{
	/* RFC 9110 §15 */
	CHECK_STR(http_reason(200), "OK");
	CHECK_STR(http_reason(404), "Not Found");
	CHECK_STR(http_reason(413), "Content Too Large");
	CHECK_STR(http_reason(415), "Unsupported Media Type");
	CHECK_STR(http_reason(299), "Unknown");
}
