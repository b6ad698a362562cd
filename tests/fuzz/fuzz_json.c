/* fuzz_json.c - libFuzzer harness for the JSON body reader: any body is an
 * object or a refusal with its reason; an object's name member is a
 * string or not there; and what the server prints of an object reads back
 * as an object. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fuzz.h"
#include "json.h"
#include "response.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum json_result r;
	struct response res;
	const char *name;
	cJSON *doc, *again;
	char *body;
	int present;

	/* request_parse leaves the body NUL-terminated at its length. */
	if ((body = malloc(size + 1)) == NULL)
		return 0;
	memcpy(body, data, size);
	body[size] = '\0';
	r = json_parse_object(body, size, &doc);
	FUZZ_ASSERT(json_problem(r) < MSG_COUNT);
	if (memchr(body, '\0', size) != NULL)
		FUZZ_ASSERT(r == JSON_NUL);
	if (r != JSON_OK) {
		FUZZ_ASSERT(doc == NULL);
		free(body);
		return 0;
	}
	FUZZ_ASSERT(cJSON_IsObject(doc));
	name = json_string_member(doc, "name", &present);
	if (name != NULL) {
		char *copy = strdup(name);

		FUZZ_ASSERT(present);
		if (copy != NULL) {
			(void)name_clean(copy, strlen(copy));
			free(copy);
		}
	}

	/* Printed (as an answer would be) and read back: still an object. */
	response_init(&res);
	response_json(&res, 200, doc);
	if (!res.failed) {
		char *printed = malloc(res.body.len + 1);

		FUZZ_ASSERT(printed != NULL);
		memcpy(printed, res.body.data, res.body.len);
		printed[res.body.len] = '\0';
		r = json_parse_object(printed, res.body.len, &again);
		FUZZ_ASSERT(r == JSON_OK);
		cJSON_Delete(again);
		free(printed);
	}
	response_free(&res);
	cJSON_Delete(doc);
	free(body);
	return 0;
}
