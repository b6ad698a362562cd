/* html.c - escaping text into HTML: every name a page echoes goes
 * through html_escape, and nothing else writes user text into HTML. */
#include <string.h>

#include "html.h"
#include "response.h"

static const char *
reference(char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

void
html_escape(struct response *res, const char *s, size_t len)
{
	size_t start = 0;

	/* Runs of plain bytes are written whole, each special one as its
	 * reference. */
	for (size_t i = 0; i < len; i++) {
		const char *ref = reference(s[i]);

		if (ref == NULL)
			continue;
		response_write(res, s + start, i - start);
		response_print(res, ref);
		start = i + 1;
	}
	response_write(res, s + start, len - start);
}
