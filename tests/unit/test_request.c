/* test_request.c - the CGI environment and body read into struct request
 * (RFC 3875 §4), through an in-memory request_source (lib/request.c). */
#include <stdlib.h>
#include <string.h>

#include "memio.h"
#include "request.h"
#include "test.h"

#define BODY_MAX_DEFAULT 16384

/* Parses a request from env alone, no body. */
static void
parse_env(struct request *req, const char *const *env)
{
	struct memsrc m;

	memsrc_init(&m, env, NULL, 0);
	CHECK_INT(memsrc_parse(req, &m), 0);
}

static enum method
method_for(const char *name)
{
	const char *env[] = { "REQUEST_METHOD", name, NULL };
	struct request req;
	enum method m;

	parse_env(&req, env);
	m = req.method;
	CHECK_STR(req.method_name, name);
	request_free(&req);
	return m;
}

TEST(request_method_maps_each_name)
{
	CHECK_INT(method_for("GET"), METHOD_GET);
	CHECK_INT(method_for("HEAD"), METHOD_HEAD);
	CHECK_INT(method_for("POST"), METHOD_POST);
	CHECK_INT(method_for("PUT"), METHOD_PUT);
	CHECK_INT(method_for("PATCH"), METHOD_PATCH);
	CHECK_INT(method_for("DELETE"), METHOD_DELETE);
	CHECK_INT(method_for("OPTIONS"), METHOD_OPTIONS);
}

TEST(request_method_is_case_sensitive)
{
	/* RFC 9110 §9.1: method names are case-sensitive. */
	CHECK_INT(method_for("get"), METHOD_OTHER);
	CHECK_INT(method_for("Post"), METHOD_OTHER);
	CHECK_INT(method_for("TRACE"), METHOD_OTHER);
	CHECK_INT(method_for("GET "), METHOD_OTHER);
	CHECK_INT(method_for(""), METHOD_OTHER);
}

TEST(request_defaults_when_variables_are_absent)
{
	struct request req;

	parse_env(&req, NULL);
	CHECK_INT(req.method, METHOD_OTHER);
	CHECK_STR(req.method_name, "");
	CHECK_STR(req.script_name, "");
	CHECK_STR(req.path_info, "");
	CHECK_STR(req.query, "");
	CHECK_STR(req.request_uri, "");
	CHECK(req.content_type == NULL);
	CHECK(req.host == NULL);
	CHECK(req.origin == NULL);
	CHECK(req.sec_fetch_site == NULL);
	CHECK(req.if_none_match == NULL);
	CHECK_INT(req.https, 0);
	CHECK_INT(req.cookies.count, 0);
	CHECK(req.settings.db == NULL);
	CHECK_INT(req.settings.session_ttl, 300);
	CHECK_INT(req.settings.body_max, BODY_MAX_DEFAULT);
	CHECK_INT(req.settings.busy_timeout_ms, 10000);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK(req.body != NULL && req.body[0] == '\0');
	CHECK_INT(req.body_len, 0);
	request_free(&req);
}

TEST(request_reads_each_variable)
{
	const char *env[] = {
		"REQUEST_METHOD", "PUT",
		"SCRIPT_NAME", "/cgi-bin/users.cgi",
		"PATH_INFO", "/7",
		"QUERY_STRING", "a=1",
		"REQUEST_URI", "/user/7?a=1",
		"CONTENT_TYPE", "application/json",
		"HTTP_HOST", "localhost:8080",
		"HTTP_ORIGIN", "http://localhost:8080",
		"HTTP_SEC_FETCH_SITE", "same-origin",
		"HTTP_IF_NONE_MATCH", "\"v1\"",
		"CGILAB_DB", "/tmp/x.db",
		NULL
	};
	struct request req;

	parse_env(&req, env);
	CHECK_INT(req.method, METHOD_PUT);
	CHECK_STR(req.script_name, "/cgi-bin/users.cgi");
	CHECK_STR(req.path_info, "/7");
	CHECK_STR(req.query, "a=1");
	CHECK_STR(req.request_uri, "/user/7?a=1");
	CHECK_STR(req.content_type, "application/json");
	CHECK_STR(req.host, "localhost:8080");
	CHECK_STR(req.origin, "http://localhost:8080");
	CHECK_STR(req.sec_fetch_site, "same-origin");
	CHECK_STR(req.if_none_match, "\"v1\"");
	CHECK_STR(req.settings.db, "/tmp/x.db");
	request_free(&req);
}

TEST(request_https_on)
{
	const char *on[] = { "HTTPS", "on", NULL };
	const char *off[] = { "HTTPS", "off", NULL };
	struct request req;

	parse_env(&req, on);
	CHECK_INT(req.https, 1);
	request_free(&req);
	parse_env(&req, off);
	CHECK_INT(req.https, 0);
	request_free(&req);
}

TEST(request_cookies_are_parsed)
{
	const char *env[] = { "HTTP_COOKIE", "a=1; session=abc; a=2", NULL };
	struct request req;

	parse_env(&req, env);
	CHECK_INT(req.cookies.count, 3);
	CHECK_STR(request_cookie(&req, "session"), "abc");
	CHECK_STR(request_cookie(&req, "a"), "1");
	CHECK(request_cookie(&req, "b") == NULL);
	request_free(&req);
}

/* The settings from one variable set to value. */
static struct settings
settings_with(const char *name, const char *value)
{
	const char *env[] = { name, value, NULL };
	struct request req;
	struct settings s;

	parse_env(&req, env);
	s = req.settings;
	request_free(&req);
	return s;
}

TEST(request_settings_are_read)
{
	CHECK_INT(settings_with("CGILAB_BODY_MAX", "100").body_max, 100);
	CHECK_INT(settings_with("CGILAB_SESSION_TTL", "60").session_ttl, 60);
	CHECK_INT(settings_with("CGILAB_BUSY_TIMEOUT", "250").busy_timeout_ms, 250);
	CHECK_INT(settings_with("CGILAB_BODY_MAX", "0").body_max, 0);
}

TEST(request_bad_settings_fall_back_to_defaults)
{
	const char *bad[] = { "", "abc", "-5", "10x", " 10", "+10", "1e3",
	    "99999999999999999999999" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(settings_with("CGILAB_BODY_MAX", bad[i]).body_max,
		    BODY_MAX_DEFAULT);
		CHECK_INT(settings_with("CGILAB_SESSION_TTL", bad[i]).session_ttl,
		    300);
		CHECK_INT(settings_with("CGILAB_BUSY_TIMEOUT", bad[i]).busy_timeout_ms,
		    10000);
	}
	/* Beyond the sane range (64 MiB, ten years, an hour) too. */
	CHECK_INT(settings_with("CGILAB_BODY_MAX", "67108865").body_max,
	    BODY_MAX_DEFAULT);
	CHECK_INT(settings_with("CGILAB_BODY_MAX", "67108864").body_max, 67108864);
	CHECK_INT(settings_with("CGILAB_SESSION_TTL", "315360001").session_ttl, 300);
	CHECK_INT(settings_with("CGILAB_BUSY_TIMEOUT", "3600001").busy_timeout_ms,
	    10000);
}

/* No CONTENT_LENGTH but a transfer coding: chunked HTTP/1.1, or HTTP/2
 * without content-length (Apache passes HTTP_TRANSFER_ENCODING for both). */
static const char *const chunked[] = { "HTTP_TRANSFER_ENCODING", "chunked",
    NULL };

/* A request with body[0..len) and CONTENT_LENGTH length (NULL: absent),
 * read piece bytes at a time at most; m stays valid for the checks. */
static void
parse_body(struct request *req, struct memsrc *m, const char *const *env,
    const char *body, size_t len, size_t piece)
{
	memsrc_init(m, env, body, len);
	m->piece = piece;
	CHECK_INT(memsrc_parse(req, m), 0);
}

TEST(request_body_is_read_to_content_length)
{
	const char *env[] = { "REQUEST_METHOD", "POST", "CONTENT_LENGTH", "5",
	    NULL };
	struct request req;
	struct memsrc m;

	parse_body(&req, &m, env, "hello world", 11, 0);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK_INT(req.body_len, 5);
	CHECK_STR(req.body, "hello");
	/* RFC 3875 §4.2: never read past CONTENT_LENGTH. */
	CHECK_INT(m.pos, 5);
	request_free(&req);
}

TEST(request_body_arrives_in_small_pieces)
{
	const char *env[] = { "CONTENT_LENGTH", "1000", NULL };
	char *body = repeat('x', 1000);
	struct request req;
	struct memsrc m;

	for (size_t i = 0; i < 1000; i++)
		body[i] = (char)('a' + i % 26);
	parse_body(&req, &m, env, body, 1000, 3);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK(req.body_len == 1000 && memcmp(req.body, body, 1000) == 0);
	CHECK(req.body[1000] == '\0');
	CHECK(m.reads > 400);	/* it really came 1 to 3 bytes at a time */
	request_free(&req);
	free(body);
}

TEST(request_body_without_content_length_is_read_to_end_of_input)
{
	char *body = repeat('y', 10000);
	struct request req;
	struct memsrc m;

	body[0] = '{';
	body[9999] = '}';
	/* HTTP/2 and chunked requests: no CONTENT_LENGTH. */
	parse_body(&req, &m, chunked, body, 10000, 3);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK(req.body_len == 10000 && memcmp(req.body, body, 10000) == 0);
	CHECK(req.body[10000] == '\0');
	CHECK_INT(m.pos, 10000);
	CHECK(m.eof_reads >= 1);
	request_free(&req);
	free(body);
}

TEST(request_without_length_or_transfer_coding_reads_nothing)
{
	/* RFC 9112 §6.3: no Content-Length and no Transfer-Encoding, no
	 * body; stdin is never read (mod_cgid ends it only late). */
	const char *get[] = { "REQUEST_METHOD", "GET", NULL };
	const char *post[] = { "REQUEST_METHOD", "POST", "CONTENT_LENGTH", "",
	    "HTTP_TRANSFER_ENCODING", "", NULL };
	struct request req;
	struct memsrc m;

	parse_body(&req, &m, get, "stray", 5, 0);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK_INT(req.body_len, 0);
	CHECK(req.body != NULL && req.body[0] == '\0');
	CHECK_INT(m.reads, 0);
	request_free(&req);
	parse_body(&req, &m, post, "stray", 5, 0);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK_INT(req.body_len, 0);
	CHECK_INT(m.reads, 0);
	request_free(&req);
}

TEST(request_empty_body_without_content_length)
{
	struct request req;
	struct memsrc m;

	parse_body(&req, &m, chunked, "", 0, 0);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK_INT(req.body_len, 0);
	CHECK(req.body != NULL && req.body[0] == '\0');
	request_free(&req);
}

TEST(request_body_of_exactly_body_max_is_accepted)
{
	const char *env[] = { "CONTENT_LENGTH", "16384", NULL };
	char *body = repeat('z', BODY_MAX_DEFAULT);
	struct request req;
	struct memsrc m;

	parse_body(&req, &m, env, body, BODY_MAX_DEFAULT, 3);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK(req.body_len == BODY_MAX_DEFAULT &&
	    memcmp(req.body, body, BODY_MAX_DEFAULT) == 0);
	request_free(&req);
	/* And to end of input, with no CONTENT_LENGTH. */
	parse_body(&req, &m, chunked, body, BODY_MAX_DEFAULT, 0);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK_INT(req.body_len, BODY_MAX_DEFAULT);
	request_free(&req);
	free(body);
}

TEST(request_body_over_body_max_is_too_large_and_drained)
{
	const char *env[] = { "CONTENT_LENGTH", "16385", NULL };
	char *body = repeat('z', BODY_MAX_DEFAULT + 1);
	struct request req;
	struct memsrc m;

	parse_body(&req, &m, env, body, BODY_MAX_DEFAULT + 1, 3);
	CHECK_INT(req.body_state, BODY_TOO_LARGE);
	CHECK_INT(m.pos, BODY_MAX_DEFAULT + 1);	/* the whole input consumed */
	CHECK_INT(req.body_len, 0);
	request_free(&req);
	/* To end of input, with no CONTENT_LENGTH: read until read says 0. */
	parse_body(&req, &m, chunked, body, BODY_MAX_DEFAULT + 1, 2);
	CHECK_INT(req.body_state, BODY_TOO_LARGE);
	CHECK_INT(m.pos, BODY_MAX_DEFAULT + 1);
	CHECK(m.eof_reads >= 1);
	request_free(&req);
	free(body);
}

TEST(request_body_far_over_body_max_is_drained)
{
	const char *env[] = { "CONTENT_LENGTH", "1000000", NULL };
	char *body = repeat('q', 1000000);
	struct request req;
	struct memsrc m;

	parse_body(&req, &m, env, body, 1000000, 0);
	CHECK_INT(req.body_state, BODY_TOO_LARGE);
	CHECK_INT(m.pos, 1000000);
	request_free(&req);
	parse_body(&req, &m, chunked, body, 1000000, 0);
	CHECK_INT(req.body_state, BODY_TOO_LARGE);
	CHECK_INT(m.pos, 1000000);
	request_free(&req);
	free(body);
}

TEST(request_body_max_setting_is_the_limit)
{
	const char *env[] = { "CGILAB_BODY_MAX", "10",
	    "HTTP_TRANSFER_ENCODING", "chunked", NULL };
	struct request req;
	struct memsrc m;

	parse_body(&req, &m, env, "0123456789", 10, 0);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK_STR(req.body, "0123456789");
	request_free(&req);
	parse_body(&req, &m, env, "0123456789A", 11, 0);
	CHECK_INT(req.body_state, BODY_TOO_LARGE);
	CHECK_INT(m.pos, 11);
	request_free(&req);
}

TEST(request_content_length_larger_than_data_is_incomplete)
{
	const char *env[] = { "CONTENT_LENGTH", "20", NULL };
	struct request req;
	struct memsrc m;

	parse_body(&req, &m, env, "only ten b", 10, 3);
	CHECK_INT(req.body_state, BODY_INCOMPLETE);
	CHECK_INT(m.pos, 10);
	request_free(&req);
}

TEST(request_read_error_is_incomplete)
{
	const char *env[] = { "CONTENT_LENGTH", "10", NULL };
	struct request req;
	struct memsrc m;

	memsrc_init(&m, env, "0123456789", 10);
	m.piece = 2;
	m.fail_at = 4;
	CHECK_INT(memsrc_parse(&req, &m), 0);
	CHECK_INT(req.body_state, BODY_INCOMPLETE);
	request_free(&req);
	/* Without CONTENT_LENGTH an error is not an end of input either. */
	memsrc_init(&m, chunked, "0123456789", 10);
	m.fail_at = 4;
	CHECK_INT(memsrc_parse(&req, &m), 0);
	CHECK_INT(req.body_state, BODY_INCOMPLETE);
	request_free(&req);
}

TEST(request_bad_content_length_reads_nothing)
{
	const char *bad[] = { "12a", "-1", "abc", " 5", "+5", "5 ", "0x10",
	    "99999999999999999999999999", "1125899906842625" /* 2^50 + 1 */ };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *env[] = { "CONTENT_LENGTH", bad[i], NULL };
		struct request req;
		struct memsrc m;

		parse_body(&req, &m, env, "12345", 5, 0);
		CHECK_INT(req.body_state, BODY_BAD_LENGTH);
		CHECK_INT(m.reads, 0);	/* nothing read that could misframe */
		CHECK(req.body != NULL && req.body[0] == '\0');
		CHECK_INT(req.body_len, 0);
		request_free(&req);
	}
}

TEST(request_content_length_zero_reads_nothing)
{
	const char *env[] = { "CONTENT_LENGTH", "0", NULL };
	struct request req;
	struct memsrc m;

	parse_body(&req, &m, env, "extra", 5, 0);
	CHECK_INT(req.body_state, BODY_OK);
	CHECK_INT(req.body_len, 0);
	CHECK_INT(m.pos, 0);
	request_free(&req);
}

TEST(request_unsafe_methods)
{
	/* RFC 9110 §9.2.1 */
	const char *safe[] = { "GET", "HEAD", "OPTIONS" };
	const char *unsafe[] = { "POST", "PUT", "PATCH", "DELETE", "TRACE", "get" };

	for (size_t i = 0; i < sizeof(safe) / sizeof(safe[0]); i++) {
		const char *env[] = { "REQUEST_METHOD", safe[i], NULL };
		struct request req;

		parse_env(&req, env);
		CHECK_INT(request_unsafe(&req), 0);
		request_free(&req);
	}
	for (size_t i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++) {
		const char *env[] = { "REQUEST_METHOD", unsafe[i], NULL };
		struct request req;

		parse_env(&req, env);
		CHECK_INT(request_unsafe(&req), 1);
		request_free(&req);
	}
}

/* request_cross_origin for a POST with these headers (NULL: absent). */
static int
cross(const char *sec_fetch_site, const char *origin, const char *host)
{
	const char *env[9] = { "REQUEST_METHOD", "POST" };
	struct request req;
	int n = 2, r;

	if (sec_fetch_site) {
		env[n++] = "HTTP_SEC_FETCH_SITE";
		env[n++] = sec_fetch_site;
	}
	if (origin) {
		env[n++] = "HTTP_ORIGIN";
		env[n++] = origin;
	}
	if (host) {
		env[n++] = "HTTP_HOST";
		env[n++] = host;
	}
	env[n] = NULL;
	parse_env(&req, env);
	r = request_cross_origin(&req);
	request_free(&req);
	return r;
}

#define HOST "localhost:8080"

TEST(request_cross_origin_sec_fetch_site_same_origin_or_none_passes)
{
	CHECK_INT(cross("same-origin", NULL, HOST), 0);
	CHECK_INT(cross("none", NULL, HOST), 0);
}

TEST(request_cross_origin_sec_fetch_site_same_site_or_cross_site_refused)
{
	CHECK_INT(cross("same-site", NULL, HOST), 1);
	CHECK_INT(cross("cross-site", NULL, HOST), 1);
	CHECK_INT(cross("Same-Origin", NULL, HOST), 1);
	CHECK_INT(cross("", NULL, HOST), 1);
}

TEST(request_cross_origin_origin_equal_to_host_passes)
{
	CHECK_INT(cross(NULL, "http://localhost:8080", HOST), 0);
	CHECK_INT(cross(NULL, "https://example.test", "example.test"), 0);
	CHECK_INT(cross(NULL, "http://LOCALHOST:8080", HOST), 0);
}

TEST(request_cross_origin_other_origin_refused)
{
	CHECK_INT(cross(NULL, "http://evil.test:8080", HOST), 1);
	CHECK_INT(cross(NULL, "http://localhost:8081", HOST), 1);
	CHECK_INT(cross(NULL, "http://localhost", HOST), 1);
	CHECK_INT(cross(NULL, "http://localhost:8080.evil.test", HOST), 1);
	CHECK_INT(cross(NULL, "localhost:8080", HOST), 1);	/* no scheme */
	CHECK_INT(cross(NULL, "http://localhost:8080", NULL), 1);	/* no Host */
}

TEST(request_cross_origin_null_origin_refused)
{
	CHECK_INT(cross(NULL, "null", HOST), 1);
}

TEST(request_cross_origin_neither_header_passes)
{
	CHECK_INT(cross(NULL, NULL, HOST), 0);
	CHECK_INT(cross(NULL, NULL, NULL), 0);
}

TEST(request_cross_origin_sec_fetch_site_takes_precedence)
{
	CHECK_INT(cross("same-origin", "http://evil.test", HOST), 0);
	CHECK_INT(cross("cross-site", "http://localhost:8080", HOST), 1);
}

static int
type_is(const char *content_type, const char *type)
{
	const char *env[] = { "CONTENT_TYPE", content_type, NULL };
	struct request req;
	int r;

	parse_env(&req, content_type ? env : NULL);
	r = request_content_type_is(&req, type);
	request_free(&req);
	return r;
}

TEST(request_content_type_is_matches_the_media_type)
{
	CHECK_INT(type_is("application/json", "application/json"), 1);
	CHECK_INT(type_is("application/x-www-form-urlencoded",
	    "application/x-www-form-urlencoded"), 1);
	CHECK_INT(type_is("text/plain", "application/json"), 0);
}

TEST(request_content_type_is_case_insensitive)
{
	/* RFC 9110 §8.3.1: type and subtype are case-insensitive. */
	CHECK_INT(type_is("Application/JSON", "application/json"), 1);
}

TEST(request_content_type_is_ignores_parameters)
{
	CHECK_INT(type_is("application/json; charset=utf-8", "application/json"), 1);
	CHECK_INT(type_is("application/json;charset=UTF-8", "application/json"), 1);
	CHECK_INT(type_is("application/json ; charset=utf-8", "application/json"), 1);
}

TEST(request_content_type_is_not_a_prefix_match)
{
	CHECK_INT(type_is("application/jsonx", "application/json"), 0);
	CHECK_INT(type_is("application/json-patch+json", "application/json"), 0);
	CHECK_INT(type_is("application/jso", "application/json"), 0);
}

TEST(request_content_type_is_absent)
{
	CHECK_INT(type_is(NULL, "application/json"), 0);
	CHECK_INT(type_is("", "application/json"), 0);
}
