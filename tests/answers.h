/* answers.h - what tests/ends-first.c and tests/page-faults.c say of a
 * program's answers: the first line of each different one. */
#ifndef CGILAB_TESTS_ANSWERS_H
#define CGILAB_TESTS_ANSWERS_H

#include <stdio.h>
#include <string.h>
#include <sys/types.h>

/* Keeps in first (empty at the start of an answer) the answer's first
 * line, given each piece read in turn; buf has room for a byte more. */
static void
answer_first_line(char *first, size_t size, char *buf, ssize_t got)
{
	if (first[0] != '\0' || got <= 0)
		return;
	buf[got] = '\0';
	snprintf(first, size, "%.*s", (int)strcspn(buf, "\r\n"), buf);
}

/* Adds an answer's first line to seen ("; " between them) unless it is
 * there already; an answer of nothing as "(nothing)". */
static void
answers_add(char *seen, size_t size, const char *first)
{
	const char *line = first[0] != '\0' ? first : "(nothing)";

	if (strstr(seen, line) == NULL && strlen(seen) + strlen(line) + 3 < size) {
		if (seen[0] != '\0')
			strcat(seen, "; ");
		strcat(seen, line);
	}
}

#endif
