/* test_cookie.c - the Cookie header in and Set-Cookie out, RFC 6265
 * (lib/cookie.c). */
#define _XOPEN_SOURCE 700	/* strptime */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cookie.h"
#include "memio.h"
#include "response.h"
#include "test.h"

TEST(cookie_parse_reads_several_pairs)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, "a=1; b=two;c=3"), 0);
	CHECK_INT(jar.count, 3);
	CHECK_STR(cookie_get(&jar, "a"), "1");
	CHECK_STR(cookie_get(&jar, "b"), "two");
	CHECK_STR(cookie_get(&jar, "c"), "3");
	CHECK(cookie_get(&jar, "d") == NULL);
	cookie_jar_free(&jar);
}

TEST(cookie_parse_ignores_spaces_and_tabs_around_pairs)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, " \ta = 1 \t;\t b=2 ;  c=x y  "), 0);
	CHECK_INT(jar.count, 3);
	CHECK_STR(cookie_get(&jar, "a"), "1");
	CHECK_STR(cookie_get(&jar, "b"), "2");
	CHECK_STR(cookie_get(&jar, "c"), "x y");
	cookie_jar_free(&jar);
}

TEST(cookie_parse_unquotes_quoted_values)
{
	struct cookie_jar jar;

	/* RFC 6265 §4.1.1: cookie-value = *cookie-octet / DQUOTE ... DQUOTE */
	CHECK_INT(cookie_parse(&jar, "a=\"quoted\"; b=\"\"; c=\"; d=x\"y"), 0);
	CHECK_STR(cookie_get(&jar, "a"), "quoted");
	CHECK_STR(cookie_get(&jar, "b"), "");
	CHECK_STR(cookie_get(&jar, "c"), "\"");	/* one quote is not a pair */
	CHECK_STR(cookie_get(&jar, "d"), "x\"y");
	cookie_jar_free(&jar);
}

TEST(cookie_parse_skips_a_pair_without_equals)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, "junk; a=1; more junk"), 0);
	CHECK_INT(jar.count, 1);
	CHECK_STR(cookie_get(&jar, "a"), "1");
	CHECK(cookie_get(&jar, "junk") == NULL);
	cookie_jar_free(&jar);
}

TEST(cookie_parse_skips_an_empty_name)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, "=x; a=1;  =y"), 0);
	CHECK_INT(jar.count, 1);
	CHECK(cookie_get(&jar, "") == NULL);
	CHECK_STR(cookie_get(&jar, "a"), "1");
	cookie_jar_free(&jar);
}

TEST(cookie_parse_empty_value_is_kept)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, "a=; b=1"), 0);
	CHECK_INT(jar.count, 2);
	CHECK_STR(cookie_get(&jar, "a"), "");
	cookie_jar_free(&jar);
}

TEST(cookie_get_first_wins_on_duplicates)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, "name=first; other=1; name=second"), 0);
	CHECK_STR(cookie_get(&jar, "name"), "first");
	cookie_jar_free(&jar);
}

TEST(cookie_get_is_case_sensitive)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, "Name=upper; name=lower"), 0);
	CHECK_STR(cookie_get(&jar, "name"), "lower");
	CHECK_STR(cookie_get(&jar, "Name"), "upper");
	cookie_jar_free(&jar);
}

TEST(cookie_parse_keeps_equals_in_values)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, "tok=abc==; x=a=b=c"), 0);
	CHECK_STR(cookie_get(&jar, "tok"), "abc==");
	CHECK_STR(cookie_get(&jar, "x"), "a=b=c");
	cookie_jar_free(&jar);
}

/* "big=<n bytes of v>; small=1" */
static char *
header_with_cookie_of(size_t n)
{
	char *v = repeat('v', n), *h = malloc(n + 32);

	if (h == NULL)
		abort();
	strcpy(h, "big=");
	strcat(h, v);
	strcat(h, "; small=1");
	free(v);
	return h;
}

TEST(cookie_parse_drops_a_cookie_over_4096_bytes)
{
	struct cookie_jar jar;
	char *h;

	/* RFC 6265 §6.1: 4096 bytes for name and value together. */
	h = header_with_cookie_of(COOKIE_VALUE_MAX - 3);
	CHECK_INT(cookie_parse(&jar, h), 0);
	CHECK(cookie_get(&jar, "big") != NULL &&
	    strlen(cookie_get(&jar, "big")) == COOKIE_VALUE_MAX - 3);
	CHECK_STR(cookie_get(&jar, "small"), "1");
	cookie_jar_free(&jar);
	free(h);

	h = header_with_cookie_of(COOKIE_VALUE_MAX - 2);
	CHECK_INT(cookie_parse(&jar, h), 0);
	CHECK(cookie_get(&jar, "big") == NULL);
	CHECK_STR(cookie_get(&jar, "small"), "1");
	CHECK_INT(jar.count, 1);
	cookie_jar_free(&jar);
	free(h);
}

TEST(cookie_parse_keeps_at_most_cookie_max_pairs)
{
	struct cookie_jar jar;
	char h[2048] = "", pair[32], name[16];

	for (int i = 0; i < COOKIE_MAX + 10; i++) {
		snprintf(pair, sizeof(pair), "%sc%d=%d", i ? "; " : "", i, i);
		strcat(h, pair);
	}
	CHECK_INT(cookie_parse(&jar, h), 0);
	CHECK_INT(jar.count, COOKIE_MAX);
	snprintf(name, sizeof(name), "c%d", COOKIE_MAX - 1);
	CHECK(cookie_get(&jar, name) != NULL);
	snprintf(name, sizeof(name), "c%d", COOKIE_MAX);
	CHECK(cookie_get(&jar, name) == NULL);
	cookie_jar_free(&jar);
}

TEST(cookie_parse_null_header_is_an_empty_jar)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, NULL), 0);
	CHECK_INT(jar.count, 0);
	CHECK(cookie_get(&jar, "a") == NULL);
	cookie_jar_free(&jar);
}

TEST(cookie_parse_empty_header_is_an_empty_jar)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, ""), 0);
	CHECK_INT(jar.count, 0);
	cookie_jar_free(&jar);
	CHECK_INT(cookie_parse(&jar, ";;;"), 0);
	CHECK_INT(jar.count, 0);
	cookie_jar_free(&jar);
	CHECK_INT(cookie_parse(&jar, " ; \t; "), 0);
	CHECK_INT(jar.count, 0);
	cookie_jar_free(&jar);
}

/* cookie_set on a fresh response; returns its header text (free it) and
 * the return value in *rc. */
static char *
set_cookie(const char *name, const char *value, size_t len, long max_age,
    int flags, int *rc, int *failed)
{
	struct response res;
	char *head;

	response_init(&res);
	*rc = cookie_set(&res, name, value, len, max_age, flags);
	*failed = res.failed;
	head = strdup(res.head.data ? res.head.data : "");
	response_free(&res);
	return head;
}

static void
check_set_cookie(const char *name, const char *value, long max_age, int flags,
    const char *want)
{
	int rc, failed;
	char *head = set_cookie(name, value, strlen(value), max_age, flags, &rc,
	    &failed);

	CHECK_INT(rc, 0);
	CHECK_INT(failed, 0);
	CHECK_STR(head, want);
	free(head);
}

TEST(cookie_set_default_flags)
{
	check_set_cookie("name", "v", COOKIE_SESSION_ONLY, 0,
	    "Set-Cookie: name=v; Path=/; HttpOnly; SameSite=Lax\r\n");
}

TEST(cookie_set_secure_adds_secure)
{
	check_set_cookie("name", "v", COOKIE_SESSION_ONLY, COOKIE_SECURE,
	    "Set-Cookie: name=v; Path=/; HttpOnly; SameSite=Lax; Secure\r\n");
}

TEST(cookie_set_script_readable_drops_httponly)
{
	check_set_cookie("mycookie", "test", COOKIE_SESSION_ONLY,
	    COOKIE_SCRIPT_READABLE,
	    "Set-Cookie: mycookie=test; Path=/; SameSite=Lax\r\n");
	check_set_cookie("mycookie", "test", COOKIE_SESSION_ONLY,
	    COOKIE_SCRIPT_READABLE | COOKIE_NO_SAMESITE,
	    "Set-Cookie: mycookie=test; Path=/\r\n");
}

TEST(cookie_set_max_age_gives_expires_and_max_age)
{
	const char prefix[] = "Set-Cookie: name=v; Expires=";
	const char suffix[] = "; Max-Age=300; Path=/; HttpOnly; SameSite=Lax\r\n";
	time_t before = time(NULL), after, expires;
	int rc, failed;
	char *head = set_cookie("name", "v", 1, 300, 0, &rc, &failed);
	struct tm tm;
	const char *end;

	after = time(NULL);
	CHECK_INT(rc, 0);
	CHECK(strncmp(head, prefix, sizeof(prefix) - 1) == 0);
	/* The date is an IMF-fixdate (RFC 9110 §5.6.7), now + 300 s. */
	memset(&tm, 0, sizeof(tm));
	end = strptime(head + sizeof(prefix) - 1, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	CHECK(end != NULL);
	if (end != NULL) {
		CHECK_INT(end - (head + sizeof(prefix) - 1), 29);
		CHECK_STR(end, suffix);
		expires = timegm(&tm);
		CHECK(expires >= before + 300 && expires <= after + 300);
	}
	free(head);
}

TEST(cookie_set_max_age_zero_expires_in_1970)
{
	check_set_cookie("name", "", 0, 0,
	    "Set-Cookie: name=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
	    "Max-Age=0; Path=/; HttpOnly; SameSite=Lax\r\n");
	/* A negative age other than COOKIE_SESSION_ONLY clears it too. */
	check_set_cookie("name", "v", -5, 0,
	    "Set-Cookie: name=v; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
	    "Max-Age=0; Path=/; HttpOnly; SameSite=Lax\r\n");
}

TEST(cookie_set_percent_encodes_the_value)
{
	const char value[] = "a\r\nb; c \xea\xb9\x80=\"%,";
	int rc, failed;
	char *head = set_cookie("name", value, sizeof(value) - 1,
	    COOKIE_SESSION_ONLY, 0, &rc, &failed);
	const char *v;

	CHECK_INT(rc, 0);
	CHECK_STR(head, "Set-Cookie: name=a%0D%0Ab%3B%20c%20%EA%B9%80%3D%22%25%2C"
	    "; Path=/; HttpOnly; SameSite=Lax\r\n");
	/* One line: the only CR LF ends it, and the value has no ';'. */
	CHECK(strcspn(head, "\r\n") == strlen(head) - 2);
	v = head + strlen("Set-Cookie: name=");
	CHECK(strcspn(v, "; \r\n") == strlen("a%0D%0Ab%3B%20c%20%EA%B9%80%3D%22%25%2C"));
	free(head);
}

TEST(cookie_set_encodes_nul_in_the_value)
{
	int rc, failed;
	char *head = set_cookie("n", "a\0b", 3, COOKIE_SESSION_ONLY, 0, &rc,
	    &failed);

	CHECK_INT(rc, 0);
	CHECK_STR(head, "Set-Cookie: n=a%00b; Path=/; HttpOnly; SameSite=Lax\r\n");
	free(head);
}

TEST(cookie_set_refuses_a_name_that_is_not_a_token)
{
	const char *bad[] = { "", "a b", "a;b", "a=b", "a\r\nb", "a,b", "a\"b",
	    "a/b", "a\tb", "\xea\xb9\x80", "a\x7f" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc, failed;
		char *head = set_cookie(bad[i], "v", 1, COOKIE_SESSION_ONLY, 0,
		    &rc, &failed);

		CHECK_INT(rc, -1);
		CHECK_INT(failed, 1);
		CHECK_STR(head, "");
		free(head);
	}
}

TEST(cookie_set_refused_name_makes_the_response_a_500)
{
	struct response res;
	struct memsink out;

	response_init(&res);
	response_print(&res, "hello");
	CHECK_INT(cookie_set(&res, "bad name", "v", 1, COOKIE_SESSION_ONLY, 0), -1);
	memsink_init(&out);
	CHECK_INT(memsink_send(&out, &res, 0), 0);
	CHECK(out.data != NULL &&
	    strncmp(out.data, "Status: 500 ", 12) == 0);
	CHECK(out.data != NULL && strstr(out.data, "Set-Cookie") == NULL);
	CHECK(out.data != NULL && strstr(out.data, "hello") == NULL);
	memsink_free(&out);
	response_free(&res);
}

TEST(cookie_set_accepts_token_punctuation_in_names)
{
	check_set_cookie("__Host-a.b_c!#$%&'*+^`|~", "v", COOKIE_SESSION_ONLY, 0,
	    "Set-Cookie: __Host-a.b_c!#$%&'*+^`|~=v; Path=/; HttpOnly; "
	    "SameSite=Lax\r\n");
}

TEST(http_date_is_an_imf_fixdate)
{
	char buf[30];

	http_date(buf, 784111777);	/* RFC 9110 §5.6.7's example */
	CHECK_STR(buf, "Sun, 06 Nov 1994 08:49:37 GMT");
	http_date(buf, 0);
	CHECK_STR(buf, "Thu, 01 Jan 1970 00:00:00 GMT");
	http_date(buf, 951868800);
	CHECK_STR(buf, "Wed, 01 Mar 2000 00:00:00 GMT");
	http_date(buf, 1709251199);
	CHECK_STR(buf, "Thu, 29 Feb 2024 23:59:59 GMT");
	http_date(buf, (time_t)4102444800LL);	/* past 2038 */
	CHECK_STR(buf, "Fri, 01 Jan 2100 00:00:00 GMT");
}

TEST(cookie_count_counts_each_cookie_of_a_name)
{
	struct cookie_jar jar;

	CHECK_INT(cookie_parse(&jar, "session=a; x=1; session=b; Session=c"), 0);
	CHECK_INT(cookie_count(&jar, "session"), 2);
	CHECK_INT(cookie_count(&jar, "x"), 1);
	CHECK_INT(cookie_count(&jar, "none"), 0);
	cookie_jar_free(&jar);
}

/* A second cookie of a name past the COOKIE_MAX kept ones still counts:
 * otherwise a page that planted filler cookies and a session cookie of
 * its own before the real one would have its own taken as the only one. */
TEST(cookie_count_counts_past_the_kept_pairs)
{
	struct cookie_jar jar;
	char h[2048] = "", pair[32];

	for (int i = 0; i < COOKIE_MAX - 1; i++) {
		snprintf(pair, sizeof(pair), "f%d=1; ", i);
		strcat(h, pair);
	}
	strcat(h, "session=planted; session=real; ; noeq; =x; other=2");
	CHECK_INT(cookie_parse(&jar, h), 0);
	CHECK_INT(jar.count, COOKIE_MAX);
	CHECK_STR(cookie_get(&jar, "session"), "planted");
	CHECK_INT(cookie_count(&jar, "session"), 2);
	CHECK_INT(cookie_count(&jar, "other"), 1);
	CHECK_INT(cookie_count(&jar, "noeq"), 0);
	CHECK_INT(cookie_count(&jar, ""), 0);
	CHECK_INT(cookie_count(&jar, "f0"), 1);
	cookie_jar_free(&jar);
}
