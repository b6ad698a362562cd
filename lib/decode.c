/* decode.c - percent-decoding, form fields, decimal numbers, UTF-8 and
 * the name rules.
 *
 * Everything here takes a pointer and a length: decoded text may hold NUL
 * bytes (%00), and the checks must see them rather than stop at them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "unicode_cf.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long long
decimal_parse(const char *s, size_t len, long long max)
{
	long long v = 0;

	if (len == 0)
		return -1;
	for (const char *end = s + len; s < end; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

char *
percent_decode(const char *src, size_t len, enum decode_mode mode,
    size_t *outlen)
{
	char *out, *p;
	size_t i;

	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	for (p = out, i = 0; i < len; i++) {
		if (src[i] == '%') {
			int hi, lo;

			if (len - i < 3 || (hi = hexval((unsigned char)src[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)src[i + 2])) < 0) {
				free(out);
				return NULL;
			}
			*p++ = (char)(hi << 4 | lo);
			i += 2;
		} else if (src[i] == '+' && mode == DECODE_FORM)
			*p++ = ' ';
		else
			*p++ = src[i];
	}
	*p = '\0';
	*outlen = (size_t)(p - out);
	return out;
}

char *
percent_encode(const char *src, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out, *p;
	size_t i;

	if (len > (SIZE_MAX - 1) / 3 || (out = malloc(len * 3 + 1)) == NULL)
		return NULL;
	for (p = out, i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')
			*p++ = (char)c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

enum form_result
form_field(const char *form, size_t len, const char *key, char **value,
    size_t *valuelen)
{
	const char *end = form + len, *pair = form;
	size_t keylen = strlen(key);

	while (pair < end) {
		const char *amp = memchr(pair, '&', (size_t)(end - pair));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(pair, '=', (size_t)(stop - pair));
		const char *kend = eq ? eq : stop;
		size_t klen;
		char *k;
		int same;

		if ((k = percent_decode(pair, (size_t)(kend - pair), DECODE_FORM,
		    &klen)) == NULL)
			return FORM_BAD_ENCODING;
		same = klen == keylen && memcmp(k, key, keylen) == 0;
		free(k);
		if (same) {
			const char *v = eq ? eq + 1 : stop;

			*value = percent_decode(v, (size_t)(stop - v), DECODE_FORM,
			    valuelen);
			return *value ? FORM_FOUND : FORM_BAD_ENCODING;
		}
		if (amp == NULL)
			break;
		pair = amp + 1;
	}
	return FORM_MISSING;
}

/* Decodes one UTF-8 sequence at s[0..len); returns its length and the code
 * point in *cp, or 0 when the sequence is invalid (RFC 3629 §4). */
static size_t
utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, c &= 0x07, min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t n;

	while (len > 0) {
		if ((n = utf8_next(p, len, &cp)) == 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

/* Unicode's White_Space property (PropList.txt). */
static int
is_space(uint32_t c)
{
	return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0x85 ||
	    c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f ||
	    c == 0x3000;
}

/* Unicode general category Cc. */
static int
is_control(uint32_t c)
{
	return c <= 0x1f || (c >= 0x7f && c <= 0x9f);
}

/* Unicode general category Cf (format characters): invisible, and some
 * reorder the text around them (U+202E), so a name with one can display
 * as another.  lib/unicode_cf.h, made by scripts/unicode-cf-table. */
static int
is_format(uint32_t c)
{
	size_t lo = 0, hi = sizeof(unicode_cf) / sizeof(unicode_cf[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < unicode_cf[mid].first)
			hi = mid;
		else if (c > unicode_cf[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

enum name_result
name_clean(char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0, end = 0, chars = 0, n;
	int seen = 0;
	uint32_t cp;

	if (!utf8_valid(s, len))
		return NAME_BAD_UTF8;
	/* One pass: find the first and the end of the last non-space code
	 * point; count and check the code points between them. */
	while (i < len) {
		n = utf8_next(p + i, len - i, &cp);
		if (!is_space(cp)) {
			if (!seen)
				start = i;
			seen = 1;
			end = i + n;
		}
		i += n;
	}
	if (!seen)
		return NAME_EMPTY;
	for (i = start; i < end; i += n, chars++) {
		n = utf8_next(p + i, end - i, &cp);
		if (is_control(cp))
			return NAME_CONTROL;
		if (is_format(cp))
			return NAME_FORMAT;
	}
	if (chars > NAME_MAX_CHARS)
		return NAME_TOO_LONG;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return NAME_OK;
}

enum msg
name_problem(enum name_result r)
{
	switch (r) {
	case NAME_OK:
		return MSG_NAME_OK;
	case NAME_EMPTY:
		return MSG_NAME_EMPTY;
	case NAME_TOO_LONG:
		return MSG_NAME_TOO_LONG;
	case NAME_BAD_UTF8:
		return MSG_NAME_NOT_UTF8;
	case NAME_CONTROL:
		return MSG_NAME_CONTROL;
	case NAME_FORMAT:
		return MSG_NAME_FORMAT;
	}
	return MSG_NAME_INVALID;
}
