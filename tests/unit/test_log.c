/* test_log.c - log_error: one line per call, whatever the message holds.
 * Line breaks of every kind in untrusted text (C0 and C1 controls, NEL,
 * U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR) become '?', so a
 * value cannot forge a second line in the log or in a viewer of it. */
#include <stdlib.h>

#include "log.h"
#include "memio.h"
#include "test.h"

static char *
logged(const char *msg)
{
	struct capture cap;

	log_set_program("test");
	capture_stderr(&cap);
	log_error("%s", msg);
	return capture_end(&cap);
}

#define CHECK_LOGGED(msg, want)					\
	do {								\
		char *got_ = logged(msg);				\
		CHECK_STR(got_, "cgilab[test]: " want "\n");		\
		free(got_);						\
	} while (0)

TEST(log_error_escapes_c0_controls)
{
	CHECK_LOGGED("a\nb\rc\x1b" "d\x7f" "e", "a?b?c?d?e");
}

TEST(log_error_escapes_c1_controls_and_unicode_line_breaks)
{
	CHECK_LOGGED("a\xc2\x85" "b", "a?b");		/* U+0085 NEL */
	CHECK_LOGGED("a\xc2\x80" "b\xc2\x9f" "c", "a?b?c");	/* U+0080, U+009F */
	CHECK_LOGGED("a\xe2\x80\xa8" "b", "a?b");	/* U+2028 */
	CHECK_LOGGED("a\xe2\x80\xa9" "b", "a?b");	/* U+2029 */
}

TEST(log_error_keeps_other_text)
{
	CHECK_LOGGED("\xea\xb9\x80 \xc2\xa0 \xe2\x80\xa7 \xe2\x80\xaa ok",
	    "\xea\xb9\x80 \xc2\xa0 \xe2\x80\xa7 \xe2\x80\xaa ok");
}
