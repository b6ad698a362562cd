/* decode.h - percent-decoding, form fields, decimal numbers and the rules
 * for text (names). */
#ifndef CGILAB_DECODE_H
#define CGILAB_DECODE_H

#include <stddef.h>

#include "msg.h"

enum decode_mode {
	DECODE_PERCENT,	/* RFC 3986 §2.1: only %XX is special */
	DECODE_FORM	/* application/x-www-form-urlencoded: '+' is a space too */
};

/* Decodes src[0..len) into a new NUL-terminated buffer and stores its
 * length (which may include NUL bytes from %00) in *outlen.  Returns NULL
 * when a '%' is not followed by two hex digits, or when memory runs out. */
char *percent_decode(const char *src, size_t len, enum decode_mode mode,
    size_t *outlen);

/* Percent-encodes every byte outside RFC 3986's unreserved set into a new
 * string (for cookie values and URLs).  NULL when memory runs out. */
char *percent_encode(const char *src, size_t len);

/* The decimal number s[0..len): digits only (no sign, no white space),
 * 0 to max; -1 when it is anything else, nothing included.  The one
 * parser of numbers from outside: CONTENT_LENGTH and the settings, a
 * user id in a path, a port and a database in a redis:// URL, an id or
 * a version read back from Redis. */
long long decimal_parse(const char *s, size_t len, long long max);

enum form_result { FORM_FOUND, FORM_MISSING, FORM_BAD_ENCODING, FORM_NOMEM };

/* Finds the first field called key in a form-encoded string (a query
 * string or a request body) and decodes its value into *value and *valuelen
 * (free it).  Fields are separated by '&'. */
enum form_result form_field(const char *form, size_t len, const char *key,
    char **value, size_t *valuelen);

/* The rules for a user's name (docs/http-api.md). */
#define NAME_MAX_CHARS 100

enum name_result {
	NAME_OK,
	NAME_EMPTY,		/* nothing left after trimming */
	NAME_TOO_LONG,		/* over NAME_MAX_CHARS code points */
	NAME_BAD_UTF8,		/* not valid UTF-8 */
	NAME_CONTROL,		/* a Unicode Cc character (NUL included) */
	NAME_FORMAT		/* a Unicode Cf character (U+202E, U+200B, ...) */
};

/* Trims Unicode white space from both ends of s[0..len) in place, then
 * checks the rules.  On NAME_OK, s is NUL-terminated at its new length. */
enum name_result name_clean(char *s, size_t len);

/* The sentence (msg.h) a person understands for a name_result. */
enum msg name_problem(enum name_result r);

/* Returns 1 when s[0..len) is valid UTF-8 (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF). */
int utf8_valid(const char *s, size_t len);

#endif
