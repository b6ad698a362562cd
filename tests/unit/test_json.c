/* test_json.c - JSON request bodies parsed and JSON answers printed
 * (lib/json.c). */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "memio.h"
#include "response.h"
#include "test.h"

/* json_parse_object on text[0..len), as a request body is: a copy in a
 * buffer of exactly len + 1 bytes, NUL-terminated at len. */
static enum json_result
parse_n(const char *text, size_t len, cJSON **out)
{
	char *body = malloc(len + 1);
	enum json_result r;

	if (body == NULL)
		abort();
	memcpy(body, text, len);
	body[len] = '\0';
	r = json_parse_object(body, len, out);
	free(body);
	return r;
}

/* The result for a NUL-free text; an object it yields is freed. */
static enum json_result
parse(const char *text)
{
	cJSON *doc = NULL;
	enum json_result r = parse_n(text, strlen(text), &doc);

	CHECK((r == JSON_OK) == (doc != NULL));
	cJSON_Delete(doc);
	return r;
}

/* The same for text[0..len), which may hold NUL bytes. */
static enum json_result
parse_bytes(const char *text, size_t len)
{
	cJSON *doc = NULL;
	enum json_result r = parse_n(text, len, &doc);

	cJSON_Delete(doc);
	return r;
}

#define PARSE_N(lit) parse_bytes(lit, sizeof(lit) - 1)

TEST(json_parse_object_accepts_an_object)
{
	cJSON *doc = NULL;
	const char text[] = "{\"name\": \"\xea\xb9\x80\", \"n\": 1}";

	CHECK_INT(parse_n(text, sizeof(text) - 1, &doc), JSON_OK);
	CHECK(cJSON_IsObject(doc));
	CHECK_STR(json_string_member(doc, "name", NULL), "\xea\xb9\x80");
	cJSON_Delete(doc);
	CHECK_INT(parse("{}"), JSON_OK);
	CHECK_INT(parse(" \t\r\n{ } \n"), JSON_OK);
}

TEST(json_parse_object_refuses_other_values)
{
	CHECK_INT(parse("[]"), JSON_NOT_OBJECT);
	CHECK_INT(parse("[{\"name\": \"x\"}]"), JSON_NOT_OBJECT);
	CHECK_INT(parse("\"name\""), JSON_NOT_OBJECT);
	CHECK_INT(parse("42"), JSON_NOT_OBJECT);
	CHECK_INT(parse("null"), JSON_NOT_OBJECT);
	CHECK_INT(parse("true"), JSON_NOT_OBJECT);
}

TEST(json_parse_object_refuses_invalid_json)
{
	CHECK_INT(parse(""), JSON_INVALID);
	CHECK_INT(parse("   "), JSON_INVALID);
	CHECK_INT(parse("{"), JSON_INVALID);
	CHECK_INT(parse("{\"name\":}"), JSON_INVALID);
	CHECK_INT(parse("{'name': 'x'}"), JSON_INVALID);
	CHECK_INT(parse("{\"name\": \"x\",}"), JSON_INVALID);
	CHECK_INT(parse("name=x"), JSON_INVALID);
}

TEST(json_parse_object_refuses_trailing_garbage)
{
	CHECK_INT(parse("{} x"), JSON_INVALID);
	CHECK_INT(parse("{}{}"), JSON_INVALID);
	CHECK_INT(parse("{\"name\": \"x\"}garbage"), JSON_INVALID);
	CHECK_INT(parse("{\"name\": \"x\"}]"), JSON_INVALID);
}

TEST(json_parse_object_refuses_a_raw_nul_byte)
{
	CHECK_INT(PARSE_N("{\"name\": \"a\0b\"}"), JSON_NUL);
	CHECK_INT(PARSE_N("{\"name\": \"ab\"}\0"), JSON_NUL);
	CHECK_INT(PARSE_N("\0{}"), JSON_NUL);
}

TEST(json_parse_object_refuses_a_nul_escape)
{
	CHECK_INT(parse("{\"name\": \"a\\u0000b\"}"), JSON_NUL);
	CHECK_INT(parse("{\"a\\u0000\": \"x\"}"), JSON_NUL);
	/* An escaped backslash, then a real \u0000 escape. */
	CHECK_INT(parse("{\"name\": \"\\\\\\u0000\"}"), JSON_NUL);
}

TEST(json_parse_object_accepts_an_escaped_backslash_before_u0000)
{
	cJSON *doc = NULL;
	/* The JSON text {"name": "\\u0000"}: a backslash, then "u0000". */
	const char text[] = "{\"name\": \"\\\\u0000\"}";

	CHECK_INT(parse_n(text, sizeof(text) - 1, &doc), JSON_OK);
	CHECK_STR(json_string_member(doc, "name", NULL), "\\u0000");
	cJSON_Delete(doc);
	CHECK_INT(parse("{\"name\": \"\\\\\\\\u0000\"}"), JSON_OK);
	CHECK_INT(parse("{\"name\": \"\\u0001\"}"), JSON_OK);
}

TEST(json_problem_says_something_for_every_failure)
{
	enum json_result r[] = { JSON_INVALID, JSON_NOT_OBJECT, JSON_NUL,
	    JSON_NOMEM };

	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		const char *s = msg_text(LANG_EN, json_problem(r[i]));

		CHECK(s != NULL && strlen(s) > 10);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(s, msg_text(LANG_EN, json_problem(r[j]))) != 0);
	}
}

TEST(json_string_member_is_case_sensitive)
{
	cJSON *doc = cJSON_Parse("{\"Name\": \"upper\"}");
	int present = -1;

	CHECK(json_string_member(doc, "name", &present) == NULL);
	CHECK_INT(present, 0);
	CHECK_STR(json_string_member(doc, "Name", &present), "upper");
	CHECK_INT(present, 1);
	cJSON_Delete(doc);
}

TEST(json_string_member_present_for_non_string)
{
	const char *values[] = { "{\"name\": 5}", "{\"name\": null}",
	    "{\"name\": [\"x\"]}", "{\"name\": {}}", "{\"name\": true}" };

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		cJSON *doc = cJSON_Parse(values[i]);
		int present = -1;

		CHECK(doc != NULL);
		CHECK(json_string_member(doc, "name", &present) == NULL);
		CHECK_INT(present, 1);
		cJSON_Delete(doc);
	}
}

TEST(json_string_member_missing)
{
	cJSON *doc = cJSON_Parse("{\"other\": \"x\"}");
	int present = -1;

	CHECK(json_string_member(doc, "name", &present) == NULL);
	CHECK_INT(present, 0);
	CHECK(json_string_member(doc, "name", NULL) == NULL);
	CHECK_STR(json_string_member(doc, "other", NULL), "x");
	cJSON_Delete(doc);
}

TEST(response_json_sets_status_type_and_compact_body)
{
	cJSON *doc = cJSON_CreateObject();
	struct response res;
	struct memsink out;
	const char body[] = "{\"id\":7,\"name\":\"\xea\xb9\x80 \\\"<q>\\\"\"}";
	char want[256];

	cJSON_AddNumberToObject(doc, "id", 7);
	cJSON_AddStringToObject(doc, "name", "\xea\xb9\x80 \"<q>\"");
	response_init(&res);
	response_json(&res, 201, doc);
	cJSON_Delete(doc);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	snprintf(want, sizeof(want),
	    "Status: 201 Created\r\n"
	    "Content-Type: application/json; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n"
	    "\r\n%s", sizeof(body) - 1, body);
	CHECK_STR(out.data, want);
	memsink_free(&out);
	response_free(&res);
}
