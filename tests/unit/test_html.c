/* test_html.c - html_escape: the five special characters become
 * references, everything else (Korean, NUL bytes) passes as it is. */
#include <stdlib.h>

#include "html.h"
#include "response.h"
#include "test.h"

/* The body html_escape writes for s[0..len), as a new string. */
static char *
escaped(const char *s, size_t len)
{
	struct response res;
	char *out;

	response_init(&res);
	html_escape(&res, s, len);
	out = res.body.data ? strdup(res.body.data) : strdup("");
	response_free(&res);
	return out;
}

#define CHECK_ESCAPED(in, want)						\
	do {								\
		char *got_ = escaped((in), strlen(in));			\
		CHECK_STR(got_, (want));				\
		free(got_);						\
	} while (0)

TEST(html_escape_the_five_characters)
{
	CHECK_ESCAPED("&", "&amp;");
	CHECK_ESCAPED("<", "&lt;");
	CHECK_ESCAPED(">", "&gt;");
	CHECK_ESCAPED("\"", "&quot;");
	CHECK_ESCAPED("'", "&#39;");
}

TEST(html_escape_a_script_tag_and_an_attribute_breakout)
{
	CHECK_ESCAPED("<script>alert(1)</script>",
	    "&lt;script&gt;alert(1)&lt;/script&gt;");
	CHECK_ESCAPED("\" onfocus=\"x", "&quot; onfocus=&quot;x");
	CHECK_ESCAPED("' autofocus '", "&#39; autofocus &#39;");
	/* An escaped text is escaped again, not taken as a reference. */
	CHECK_ESCAPED("&amp;&lt;", "&amp;amp;&amp;lt;");
}

TEST(html_escape_leaves_other_text_alone)
{
	CHECK_ESCAPED("", "");
	CHECK_ESCAPED("plain text 123", "plain text 123");
	CHECK_ESCAPED("김철수님 안녕하세요", "김철수님 안녕하세요");
	CHECK_ESCAPED("a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	CHECK_ESCAPED("<<>>", "&lt;&lt;&gt;&gt;");
}

TEST(html_escape_takes_a_length_not_a_nul)
{
	struct response res;
	static const char in[] = "a<\0>b";

	response_init(&res);
	html_escape(&res, in, sizeof(in) - 1);
	CHECK_INT(res.body.len, 11);
	CHECK(memcmp(res.body.data, "a&lt;\0&gt;b", 11) == 0);
	response_free(&res);
	/* Only the first len bytes count. */
	{
		char *got = escaped("<b>", 2);

		CHECK_STR(got, "&lt;b");
		free(got);
	}
}

TEST(html_escape_appends_to_the_body)
{
	struct response res;

	response_init(&res);
	response_print(&res, "<p>");
	html_escape(&res, "<x>", 3);
	response_print(&res, "</p>");
	CHECK_STR(res.body.data, "<p>&lt;x&gt;</p>");
	response_free(&res);
}
