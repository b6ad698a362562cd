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
	/* A log line is one line: control characters from untrusted input
	 * (a cookie, a URI) cannot forge a second one. */
	for (int i = 0; i < n; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	line[n++] = '\n';
	/* One write(2), so lines from concurrent processes never interleave. */
	(void)!write(STDERR_FILENO, line, n);
}
