/* fuzz_cookie.c - libFuzzer harness for the Cookie header parser
 * (RFC 6265 §5.4, leniently) and for Set-Cookie: whatever a header holds,
 * the jar keeps its limits, and whatever a value holds, the Set-Cookie
 * line stays one line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cookie.h"
#include "decode.h"
#include "fuzz.h"
#include "response.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cookie_jar jar;
	struct response res;
	char *header;
	size_t i, k, kept, outlen;

	/* An environment value ends at its first NUL. */
	if ((header = malloc(size + 1)) == NULL)
		return 0;
	memcpy(header, data, size);
	header[size] = '\0';
	if (cookie_parse(&jar, header) < 0)
		abort();
	FUZZ_ASSERT(jar.count <= COOKIE_MAX);
	for (i = 0; i < jar.count; i++) {
		const char *name = jar.items[i].name, *value = jar.items[i].value;
		char *dec;

		FUZZ_ASSERT(*name != '\0');
		FUZZ_ASSERT(strlen(name) + strlen(value) <= COOKIE_VALUE_MAX);
		FUZZ_ASSERT(strchr(name, ';') == NULL && strchr(value, ';') == NULL);
		FUZZ_ASSERT(strchr(name, '=') == NULL);
		/* Duplicates: the first wins; each is counted, those past the
		 * kept ones too. */
		FUZZ_ASSERT(cookie_get(&jar, name) != NULL);
		kept = 0;
		for (k = 0; k < jar.count; k++)
			kept += strcmp(jar.items[k].name, name) == 0;
		FUZZ_ASSERT(cookie_count(&jar, name) >= kept);
		FUZZ_ASSERT(jar.rest != NULL || cookie_count(&jar, name) == kept);
		/* What login.cgi does with a value. */
		if ((dec = percent_decode(value, strlen(value), DECODE_PERCENT,
		    &outlen)) != NULL) {
			FUZZ_ASSERT(outlen <= strlen(value));
			(void)name_clean(dec, outlen);
			free(dec);
		}
	}
	cookie_jar_free(&jar);

	/* Any bytes as a value: one header line, no separator let through. */
	response_init(&res);
	FUZZ_ASSERT(cookie_set(&res, "name", (const char *)data, size, 300, 0) == 0);
	FUZZ_ASSERT(!res.failed);
	FUZZ_ASSERT(res.head.len >= 2 && memcmp(res.head.data + res.head.len - 2,
	    "\r\n", 2) == 0);
	FUZZ_ASSERT(memchr(res.head.data, '\n', res.head.len - 1) == NULL);
	FUZZ_ASSERT(memchr(res.head.data, '\r', res.head.len - 2) == NULL);
	FUZZ_ASSERT(memchr(res.head.data, '\0', res.head.len) == NULL);
	response_free(&res);
	free(header);
	return 0;
}
