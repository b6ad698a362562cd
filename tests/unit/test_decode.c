/* test_decode.c - percent-decoding and encoding, form fields, UTF-8 and
 * the name rules of docs/http-api.md (lib/decode.c). */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "memio.h"
#include "test.h"

/* percent_decode(s) in mode; checks the result is want[0..wantlen). */
static void
check_decode(const char *s, enum decode_mode mode, const char *want,
    size_t wantlen)
{
	size_t len = 12345;
	char *out = percent_decode(s, strlen(s), mode, &len);

	CHECK(out != NULL);
	if (out == NULL)
		return;
	CHECK_INT(len, wantlen);
	CHECK(len == wantlen && memcmp(out, want, wantlen) == 0);
	CHECK(out[len] == '\0');
	free(out);
}

static int
decode_fails(const char *s, enum decode_mode mode)
{
	size_t len;
	char *out = percent_decode(s, strlen(s), mode, &len);

	free(out);
	return out == NULL;
}

TEST(percent_decode_decodes_escapes)
{
	check_decode("a%20b", DECODE_PERCENT, "a b", 3);
	check_decode("%41%42C", DECODE_PERCENT, "ABC", 3);
	check_decode("", DECODE_PERCENT, "", 0);
	check_decode("plain", DECODE_FORM, "plain", 5);
}

TEST(percent_decode_accepts_upper_and_lower_hex)
{
	check_decode("%c3%A9%Ea%b9%80", DECODE_PERCENT, "\xc3\xa9\xea\xb9\x80", 5);
	check_decode("%ff%FF", DECODE_PERCENT, "\xff\xff", 2);
}

TEST(percent_decode_plus_is_space_only_in_form_mode)
{
	check_decode("a+b", DECODE_PERCENT, "a+b", 3);
	check_decode("a+b", DECODE_FORM, "a b", 3);
	check_decode("%2B+", DECODE_FORM, "+ ", 2);
}

TEST(percent_decode_keeps_nul_with_its_length)
{
	check_decode("a%00b", DECODE_PERCENT, "a\0b", 3);
	check_decode("%00", DECODE_FORM, "\0", 1);
}

TEST(percent_decode_rejects_short_escape)
{
	CHECK(decode_fails("%", DECODE_PERCENT));
	CHECK(decode_fails("abc%", DECODE_PERCENT));
	CHECK(decode_fails("abc%4", DECODE_PERCENT));
	CHECK(decode_fails("%4", DECODE_FORM));
}

TEST(percent_decode_rejects_bad_hex)
{
	CHECK(decode_fails("%G0", DECODE_PERCENT));
	CHECK(decode_fails("%0g", DECODE_PERCENT));
	CHECK(decode_fails("% 1", DECODE_FORM));
	CHECK(decode_fails("ok%zzok", DECODE_FORM));
	CHECK(decode_fails("%%41", DECODE_PERCENT));
}

TEST(percent_decode_reads_only_len_bytes)
{
	size_t len;
	/* The escape is cut off by len even though "%41" follows in memory. */
	char *out = percent_decode("ab%41", 3, DECODE_PERCENT, &len);

	CHECK(out == NULL);
	free(out);
	out = percent_decode("ab%41", 2, DECODE_PERCENT, &len);
	CHECK(out != NULL && len == 2 && strcmp(out, "ab") == 0);
	free(out);
}

static void
check_encode(const char *s, size_t len, const char *want)
{
	char *out = percent_encode(s, len);

	CHECK_STR(out, want);
	free(out);
}

TEST(percent_encode_keeps_unreserved)
{
	/* RFC 3986 §2.3: ALPHA / DIGIT / "-" / "." / "_" / "~" */
	check_encode("AZaz09-._~", 10, "AZaz09-._~");
	check_encode("", 0, "");
}

TEST(percent_encode_encodes_separators_and_controls)
{
	check_encode(";", 1, "%3B");
	check_encode("\r\n", 2, "%0D%0A");
	check_encode(" %=,\"", 5, "%20%25%3D%2C%22");
	check_encode("a+b&c/d", 7, "a%2Bb%26c%2Fd");
	check_encode("\0", 1, "%00");
	check_encode("\x7f", 1, "%7F");
}

TEST(percent_encode_encodes_utf8_bytes)
{
	check_encode("\xea\xb9\x80\xec\xb2\xa0\xec\x88\x98", 9,	/* 김철수 */
	    "%EA%B9%80%EC%B2%A0%EC%88%98");
}

TEST(percent_encode_then_decode_gives_the_bytes_back)
{
	char in[256], *enc, *dec;
	size_t len;

	for (int i = 0; i < 256; i++)
		in[i] = (char)i;
	enc = percent_encode(in, sizeof(in));
	CHECK(enc != NULL && strcspn(enc, "\r\n; ,=\"") == strlen(enc));
	dec = percent_decode(enc, strlen(enc), DECODE_PERCENT, &len);
	CHECK(dec != NULL && len == sizeof(in) && memcmp(dec, in, len) == 0);
	free(enc);
	free(dec);
}

/* form_field(form, key): checks the result r and, when found, the value. */
static void
check_field(const char *form, const char *key, enum form_result want,
    const char *wantval, size_t wantlen)
{
	char *value = NULL;
	size_t len = 12345;
	enum form_result r = form_field(form, strlen(form), key, &value, &len);

	CHECK_INT(r, want);
	if (r == FORM_FOUND && want == FORM_FOUND) {
		CHECK_INT(len, wantlen);
		CHECK(len == wantlen && memcmp(value, wantval, len) == 0);
		CHECK(value[len] == '\0');
	}
	if (r == FORM_FOUND)
		free(value);
}

TEST(form_field_finds_a_field)
{
	check_field("name=kim", "name", FORM_FOUND, "kim", 3);
	check_field("a=1&name=kim&b=2", "name", FORM_FOUND, "kim", 3);
	check_field("a=1&b=2", "b", FORM_FOUND, "2", 1);
}

TEST(form_field_first_wins_on_duplicates)
{
	check_field("name=first&name=second", "name", FORM_FOUND, "first", 5);
}

TEST(form_field_missing)
{
	check_field("a=1&b=2", "name", FORM_MISSING, NULL, 0);
	check_field("", "name", FORM_MISSING, NULL, 0);
	check_field("names=x&nam=y&xname=z", "name", FORM_MISSING, NULL, 0);
	check_field("&&&", "name", FORM_MISSING, NULL, 0);
}

TEST(form_field_key_without_equals_is_empty_value)
{
	check_field("flag&name=x", "flag", FORM_FOUND, "", 0);
	check_field("name", "name", FORM_FOUND, "", 0);
}

TEST(form_field_empty_value)
{
	check_field("name=&x=1", "name", FORM_FOUND, "", 0);
	check_field("x=1&name=", "name", FORM_FOUND, "", 0);
}

TEST(form_field_decodes_key_and_value)
{
	check_field("na%6De=x", "name", FORM_FOUND, "x", 1);
	check_field("my+key=1", "my key", FORM_FOUND, "1", 1);
	check_field("name=a+b%21%EA%B9%80", "name", FORM_FOUND, "a b!\xea\xb9\x80", 7);
	check_field("name=a%00b", "name", FORM_FOUND, "a\0b", 3);
	check_field("name=x=y", "name", FORM_FOUND, "x=y", 3);
}

TEST(form_field_bad_escape_is_bad_encoding)
{
	check_field("name=%zz", "name", FORM_BAD_ENCODING, NULL, 0);
	check_field("name=abc%4", "name", FORM_BAD_ENCODING, NULL, 0);
	check_field("na%m=1", "name", FORM_BAD_ENCODING, NULL, 0);
}

TEST(form_field_reads_only_len_bytes)
{
	char *value = NULL;
	size_t len;

	CHECK_INT(form_field("name=abc", 6, "name", &value, &len), FORM_FOUND);
	CHECK(value != NULL && len == 1 && strcmp(value, "a") == 0);
	free(value);
	CHECK_INT(form_field("x=1&name=abc", 3, "name", &value, &len),
	    FORM_MISSING);
}

#define VALID(s) CHECK(utf8_valid(s, sizeof(s) - 1) == 1)
#define INVALID(s) CHECK(utf8_valid(s, sizeof(s) - 1) == 0)

TEST(utf8_valid_accepts_1_to_4_byte_sequences)
{
	VALID("");
	VALID("plain ASCII");
	VALID("a\0b");			/* NUL is a code point; names refuse it */
	VALID("\xc3\xa9");		/* é, 2 bytes */
	VALID("\xc2\x80");		/* U+0080, the smallest 2-byte form */
	VALID("\xed\x95\x9c");		/* 한, 3 bytes */
	VALID("\xe0\xa0\x80");		/* U+0800, the smallest 3-byte form */
	VALID("\xed\x9f\xbf");		/* U+D7FF, just below the surrogates */
	VALID("\xee\x80\x80");		/* U+E000, just above them */
	VALID("\xf0\x9f\x98\x80");	/* U+1F600, 4 bytes */
	VALID("\xf4\x8f\xbf\xbf");	/* U+10FFFF, the last code point */
}

TEST(utf8_valid_rejects_overlong_forms)
{
	INVALID("\xc0\xaf");		/* '/' in 2 bytes */
	INVALID("\xc1\xbf");
	INVALID("\xe0\x80\xaf");	/* '/' in 3 bytes */
	INVALID("\xe0\x9f\xbf");
	INVALID("\xf0\x80\x80\xaf");	/* '/' in 4 bytes */
	INVALID("\xf0\x8f\xbf\xbf");
}

TEST(utf8_valid_rejects_surrogates)
{
	INVALID("\xed\xa0\x80");	/* U+D800 */
	INVALID("\xed\xbf\xbf");	/* U+DFFF */
	INVALID("\xed\xa0\xbd\xed\xb8\x80");	/* a CESU-8 pair */
}

TEST(utf8_valid_rejects_above_10ffff)
{
	INVALID("\xf4\x90\x80\x80");	/* U+110000 */
	INVALID("\xf5\x80\x80\x80");
	INVALID("\xf7\xbf\xbf\xbf");
	INVALID("\xf8\x88\x80\x80\x80");
}

TEST(utf8_valid_rejects_truncated_sequences)
{
	INVALID("\xc3");
	INVALID("\xe2\x82");
	INVALID("\xf0\x9f\x98");
	INVALID("\xe2\x82" "A");	/* cut short by an ASCII byte */
	INVALID("ok\xed\x95");
	CHECK(utf8_valid("\xed\x95\x9c", 2) == 0);	/* cut by len */
}

TEST(utf8_valid_rejects_stray_bytes)
{
	INVALID("\x80");
	INVALID("a\xbf" "b");
	INVALID("\xfe");
	INVALID("\xff");
	INVALID("\xc3\xc3\xa9");
}

/* name_clean on a copy of s[0..len) in a buffer of exactly len + 1
 * bytes; *out (free it) holds the buffer afterwards. */
static enum name_result
clean(const char *s, size_t len, char **out)
{
	char *buf = malloc(len + 1);
	enum name_result r;

	if (buf == NULL)
		abort();
	memcpy(buf, s, len);
	buf[len] = '\0';
	r = name_clean(buf, len);
	*out = buf;
	return r;
}

/* name_clean(s) must give NAME_OK and want, at the start of the buffer. */
static void
check_clean(const char *s, size_t len, const char *want)
{
	char *buf;

	CHECK_INT(clean(s, len, &buf), NAME_OK);
	CHECK_STR(buf, want);
	free(buf);
}

static void
check_refused(const char *s, size_t len, enum name_result want)
{
	char *buf;

	CHECK_INT(clean(s, len, &buf), want);
	free(buf);
}

#define CLEAN(s, want) check_clean(s, sizeof(s) - 1, want)
#define REFUSED(s, want) check_refused(s, sizeof(s) - 1, want)

TEST(name_clean_keeps_a_plain_name)
{
	CLEAN("kim", "kim");
	CLEAN("\xea\xb9\x80\xec\xb2\xa0\xec\x88\x98", "\xea\xb9\x80\xec\xb2\xa0\xec\x88\x98");
	CLEAN("<script>\"'&", "<script>\"'&");
	CLEAN("x", "x");
}

TEST(name_clean_trims_ascii_space_at_both_ends)
{
	CLEAN("  kim  ", "kim");
	CLEAN("\t\r\n kim\n\t", "kim");
	CLEAN("\x0b\x0ckim\x0b\x0c", "kim");
}

TEST(name_clean_trims_unicode_space_at_both_ends)
{
	/* U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK SPACE */
	CLEAN("\xe3\x80\x80\xc2\xa0\xea\xb9\x80\xc2\xa0\xe3\x80\x80",
	    "\xea\xb9\x80");
	/* U+2003 EM SPACE, U+202F, U+205F, U+1680, U+2028, U+2029 */
	CLEAN("\xe2\x80\x83\xe2\x80\xaf kim\xe2\x81\x9f\xe1\x9a\x80"
	    "\xe2\x80\xa8\xe2\x80\xa9", "kim");
}

TEST(name_clean_keeps_inner_space)
{
	CLEAN(" kim  chul\xe3\x80\x80su ", "kim  chul\xe3\x80\x80su");
}

TEST(name_clean_moves_the_result_to_the_start_and_terminates_it)
{
	char buf[] = "   ab   tail";

	/* len stops before "tail": the trailing spaces go, the name moves to
	 * the start and a NUL ends it; nothing past len is read. */
	CHECK_INT(name_clean(buf, 8), NAME_OK);
	CHECK(memcmp(buf, "ab\0", 3) == 0);
	CHECK(memcmp(buf + 8, "tail", 5) == 0);
}

/* n copies of 가 (U+AC00, 3 bytes), with pad spaces on each side. */
static char *
korean(size_t n, size_t pad, size_t *len)
{
	char *s = malloc(n * 3 + 2 * pad + 1), *p = s;

	if (s == NULL)
		abort();
	memset(p, ' ', pad);
	p += pad;
	for (size_t i = 0; i < n; i++, p += 3)
		memcpy(p, "\xea\xb0\x80", 3);
	memset(p, ' ', pad);
	p += pad;
	*p = '\0';
	*len = (size_t)(p - s);
	return s;
}

TEST(name_clean_allows_100_korean_characters)
{
	size_t len;
	char *s = korean(100, 0, &len), *buf;

	CHECK_INT(clean(s, len, &buf), NAME_OK);
	CHECK(strlen(buf) == 300 && memcmp(buf, s, 300) == 0);
	free(buf);
	free(s);
	/* Trimmed space does not count. */
	s = korean(100, 5, &len);
	CHECK_INT(clean(s, len, &buf), NAME_OK);
	CHECK(strlen(buf) == 300);
	free(buf);
	free(s);
}

TEST(name_clean_refuses_101_characters)
{
	size_t len;
	char *s = korean(101, 0, &len), *a;

	check_refused(s, len, NAME_TOO_LONG);
	free(s);
	a = repeat('a', 101);
	check_refused(a, 101, NAME_TOO_LONG);
	free(a);
	a = repeat('a', 100);
	check_clean(a, 100, a);
	free(a);
}

TEST(name_clean_refuses_empty_and_only_spaces)
{
	REFUSED("", NAME_EMPTY);
	REFUSED(" ", NAME_EMPTY);
	REFUSED(" \t\r\n ", NAME_EMPTY);
	REFUSED("\xe3\x80\x80\xc2\xa0\xe3\x80\x80", NAME_EMPTY);
}

TEST(name_clean_refuses_control_characters)
{
	REFUSED("a\0b", NAME_CONTROL);		/* NUL inside */
	REFUSED("\0ab", NAME_CONTROL);
	REFUSED("ab\0", NAME_CONTROL);
	REFUSED("a\tb", NAME_CONTROL);		/* TAB is space only at the ends */
	REFUSED("a\nb", NAME_CONTROL);
	REFUSED("a\x1b[31mb", NAME_CONTROL);	/* ESC */
	REFUSED("a\x7f" "b", NAME_CONTROL);	/* DEL, U+007F */
	REFUSED("a\xc2\x85" "b", NAME_CONTROL);	/* U+0085 NEL inside */
	REFUSED("a\xc2\x80" "b", NAME_CONTROL);	/* U+0080 */
	REFUSED("a\xc2\x9f" "b", NAME_CONTROL);	/* U+009F, the last Cc */
	CLEAN("a\xc2\xa0" "b", "a\xc2\xa0" "b");	/* U+00A0 is not Cc */
}

/* Unicode general category Cf (lib/unicode_cf.h, made from Debian's
 * UnicodeData.txt): a few known members at the edges of their ranges,
 * and neighbours that are not. */
TEST(name_clean_refuses_format_characters)
{
	REFUSED("a\xe2\x80\xae" "b", NAME_FORMAT);	/* U+202E RLO */
	REFUSED("a\xe2\x80\xaa" "b", NAME_FORMAT);	/* U+202A LRE */
	REFUSED("a\xe2\x80\x8b" "b", NAME_FORMAT);	/* U+200B ZWSP */
	REFUSED("a\xe2\x80\x8f" "b", NAME_FORMAT);	/* U+200F RLM */
	REFUSED("a\xe2\x81\xa6" "b", NAME_FORMAT);	/* U+2066 LRI */
	REFUSED("\xef\xbb\xbf" "ab", NAME_FORMAT);	/* U+FEFF BOM, leading */
	REFUSED("a\xc2\xad" "b", NAME_FORMAT);		/* U+00AD SOFT HYPHEN */
	REFUSED("a\xd8\x80" "b", NAME_FORMAT);		/* U+0600 */
	REFUSED("a\xf3\xa0\x80\x81" "b", NAME_FORMAT);	/* U+E0001 LANGUAGE TAG */
	REFUSED("a\xf3\xa0\x81\xbf" "b", NAME_FORMAT);	/* U+E007F CANCEL TAG */
	CLEAN("a\xe2\x80\xaf" "b", "a\xe2\x80\xaf" "b");	/* U+202F is Zs */
	CLEAN("a\xe2\x81\xa5" "b", "a\xe2\x81\xa5" "b");	/* U+2065 unassigned */
	CLEAN("a\xef\xbb\xbe" "b", "a\xef\xbb\xbe" "b");	/* U+FEFE ARABIC */
	CLEAN("a\xd8\x86" "b", "a\xd8\x86" "b");		/* U+0606 Sm */
	CLEAN("\xea\xb9\x80", "\xea\xb9\x80");		/* 김 */
}

TEST(name_clean_refuses_invalid_utf8)
{
	REFUSED("kim\xff", NAME_BAD_UTF8);
	REFUSED("\xc0\xaf", NAME_BAD_UTF8);
	REFUSED("\xed\xa0\x80", NAME_BAD_UTF8);
	REFUSED(" \xea\xb9 ", NAME_BAD_UTF8);
}

TEST(name_problem_says_something_for_every_result)
{
	enum name_result r[] = { NAME_EMPTY, NAME_TOO_LONG, NAME_BAD_UTF8,
	    NAME_CONTROL };

	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		const char *s = msg_text(LANG_EN, name_problem(r[i]));

		CHECK(s != NULL && strlen(s) > 10 && s[strlen(s) - 1] == '.');
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(s, msg_text(LANG_EN, name_problem(r[j]))) != 0);
	}
}
