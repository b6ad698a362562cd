/* html.h - the one place text is escaped into HTML. */
#ifndef CGILAB_HTML_H
#define CGILAB_HTML_H

#include <stddef.h>

struct response;

/* Appends s[0..len) to the response body with the five characters that
 * mean something in HTML written as references: & < > " ' (HTML Living
 * Standard §13.1.4, §13.1.2.3), so the text is safe in an element's
 * content and in a quoted attribute value.  Every other byte (UTF-8
 * included) is copied as it is. */
void html_escape(struct response *res, const char *s, size_t len);

#endif
