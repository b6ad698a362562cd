/* log.c - error log lines: one complete line per call, never a partial one. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "log.h"

static const char *program = "cgilab";

void
log_set_program(const char *name)
{
	program = name;
}

/* A log line is one line: what untrusted input (a cookie, a URI) holds
 * cannot forge a second one, in the file or in a viewer that breaks
 * lines at Unicode's line breaks.  Each C0 control and DEL, and each
 * UTF-8 encoded C1 control (U+0080-U+009F, NEL among them), U+2028 LINE
 * SEPARATOR and U+2029 PARAGRAPH SEPARATOR becomes one '?'.  Returns the
 * new length. */
static int
unbreakable(char *line, int n)
{
	unsigned char *p = (unsigned char *)line;
	int i = 0, o = 0, skip;

	while (i < n) {
		skip = 0;
		if (p[i] < 0x20 || p[i] == 0x7f)
			skip = 1;
		else if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			skip = 2;
		else if (p[i] == 0xe2 && i + 2 < n && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0xa8 || p[i + 2] == 0xa9))
			skip = 3;
		if (skip) {
			p[o++] = '?';
			i += skip;
		} else
			p[o++] = p[i++];
	}
	return o;
}

void
log_error(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n, m;

	n = snprintf(line, sizeof(line), "cgilab[%s]: ", program);
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		m = 0;
	n += m;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	n = unbreakable(line, n);
	line[n++] = '\n';
	/* One write(2), so lines from concurrent processes never interleave. */
	(void)!write(STDERR_FILENO, line, n);
}
