/* fuzz_decode.c - libFuzzer harness for percent and form decoding and the
 * name rules: decoding never reads or writes past its input, encoding
 * then decoding gives the bytes back, and a name that passes the rules
 * is valid UTF-8, trimmed, at most 100 characters, and passes again
 * unchanged. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fuzz.h"

static int
ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The rules on a copy of s[0..len): when they pass, the promises hold. */
static void
check_name(const char *s, size_t len)
{
	char *name, *again;
	enum name_result r;
	size_t n;

	if ((name = malloc(len + 1)) == NULL)
		return;
	memcpy(name, s, len);
	name[len] = '\0';
	r = name_clean(name, len);
	if (r == NAME_BAD_UTF8)
		FUZZ_ASSERT(!utf8_valid(s, len));
	if (r == NAME_OK) {
		n = strlen(name);
		FUZZ_ASSERT(n > 0 && n <= len);
		FUZZ_ASSERT(utf8_valid(name, n));
		FUZZ_ASSERT(!ascii_space(name[0]) && !ascii_space(name[n - 1]));
		FUZZ_ASSERT(n <= 4 * NAME_MAX_CHARS);
		/* Clean is a fixed point. */
		if ((again = strdup(name)) != NULL) {
			FUZZ_ASSERT(name_clean(again, n) == NAME_OK);
			FUZZ_ASSERT(strcmp(again, name) == 0);
			free(again);
		}
	}
	(void)name_problem(r);
	free(name);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	enum decode_mode mode;
	enum form_result fr;
	char *dec, *enc, *back, *value;
	size_t declen, backlen, vlen;

	if (size < 1)
		return 0;
	mode = data[0] & 1 ? DECODE_FORM : DECODE_PERCENT;
	s++;
	size--;

	if ((dec = percent_decode(s, size, mode, &declen)) != NULL) {
		FUZZ_ASSERT(declen <= size);
		FUZZ_ASSERT(dec[declen] == '\0');
		/* Encoding then decoding gives the same bytes. */
		if ((enc = percent_encode(dec, declen)) != NULL) {
			FUZZ_ASSERT(strspn(enc, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz0123456789-._~%") == strlen(enc));
			back = percent_decode(enc, strlen(enc), DECODE_PERCENT, &backlen);
			FUZZ_ASSERT(back != NULL && backlen == declen &&
			    memcmp(back, dec, declen) == 0);
			free(back);
			free(enc);
		}
		check_name(dec, declen);
		free(dec);
	}

	/* A form (a query string or a body) and its name field. */
	fr = form_field(s, size, "name", &value, &vlen);
	if (fr == FORM_FOUND) {
		FUZZ_ASSERT(value[vlen] == '\0' && vlen <= size);
		check_name(value, vlen);
		free(value);
	}
	check_name(s, size);
	return 0;
}
