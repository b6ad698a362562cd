/* response.c - status, headers and body, written whole and once.
 *
 * The CGI response (RFC 3875 §6.2) is a Status line, the header lines, an
 * empty line and the body.  A handler never writes to the output itself:
 * it fills a struct response, and response_send writes it complete, so
 * no path can leave the client with half an answer. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "response.h"

static ssize_t
cgi_write(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	return write(STDOUT_FILENO, buf, len);
}

const struct response_sink response_sink_cgi = { cgi_write, NULL };

static void
buffer_add(struct response *res, struct buffer *b, const void *data,
    size_t len)
{
	if (res->failed)
		return;
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + len + 1)
			cap *= 2;
		if ((p = realloc(b->data, cap)) == NULL) {
			res->failed = 1;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
response_init(struct response *res)
{
	memset(res, 0, sizeof(*res));
	res->status = 200;
}

void
response_free(struct response *res)
{
	free(res->head.data);
	free(res->body.data);
	memset(res, 0, sizeof(*res));
}

void
response_reset(struct response *res, int status)
{
	res->status = status;
	res->head.len = 0;
	res->body.len = 0;
}

int
response_header(struct response *res, const char *name, const char *fmt, ...)
{
	char small[512], *line = small;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		res->failed = 1;
		return -1;
	}
	if ((size_t)n >= sizeof(small)) {
		if ((line = malloc((size_t)n + 1)) == NULL) {
			res->failed = 1;
			return -1;
		}
		va_start(ap, fmt);
		vsnprintf(line, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	/* RFC 9110 §5.5: no CR, LF or NUL in a field; a value that has one
	 * is a bug here, and becomes a 500 rather than a second header.  A
	 * NUL (from %c) is looked for first: it would hide what follows it
	 * from strpbrk, and all n bytes are copied. */
	if (strpbrk(name, "\r\n:") != NULL ||
	    memchr(line, '\0', (size_t)n) != NULL ||
	    strpbrk(line, "\r\n") != NULL) {
		if (line != small)
			free(line);
		res->failed = 1;
		return -1;
	}
	buffer_add(res, &res->head, name, strlen(name));
	buffer_add(res, &res->head, ": ", 2);
	buffer_add(res, &res->head, line, (size_t)n);
	buffer_add(res, &res->head, "\r\n", 2);
	if (line != small)
		free(line);
	return res->failed ? -1 : 0;
}

void
response_write(struct response *res, const void *data, size_t len)
{
	buffer_add(res, &res->body, data, len);
}

void
response_print(struct response *res, const char *s)
{
	response_write(res, s, strlen(s));
}

const char *
response_msg(struct response *res, enum msg id)
{
	if (!res->lang_chosen) {
		res->lang = lang_choose(res->accept_language);
		res->lang_chosen = 1;
	}
	return msg_text(res->lang, id);
}

void
response_vsentence(struct response *res, char *out, size_t size,
    enum msg id, va_list ap)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* The format is the catalogue's, never the request's. */
	if (vsnprintf(out, size, response_msg(res, id), ap) < 0)
		snprintf(out, size, "%s", response_msg(res, MSG_SERVER_FAILED));
#pragma GCC diagnostic pop
}

void
response_sentence(struct response *res, char *out, size_t size,
    enum msg id, ...)
{
	va_list ap;

	va_start(ap, id);
	response_vsentence(res, out, size, id, ap);
	va_end(ap);
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 302: return "Found";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

static int
write_all(const struct response_sink *sink, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n;

		errno = 0;	/* a sink need not set errno: no stale EINTR */
		n = sink->write(sink->ctx, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
response_send(struct response *res, const struct response_sink *sink,
    int head_only)
{
	struct buffer out = { NULL, 0, 0 };
	char status[160], failed[512];
	int n, bodyless, rc, failed_len;

	/* RFC 9110 §15.3.5, §15.4.5: 204 and 304 have no content. */
	bodyless = res->status == 204 || res->status == 304;
	/* The whole answer in one write: a CGI answer written in pieces
	 * wakes the server once for each. */
	if (!res->failed) {
		n = snprintf(status, sizeof(status), "Status: %d %s\r\n",
		    res->status, http_reason(res->status));
		buffer_add(res, &out, status, (size_t)n);
		if (res->head.len > 0)
			buffer_add(res, &out, res->head.data, res->head.len);
		if (res->lang_chosen)
			buffer_add(res, &out, "Vary: Accept-Language\r\n", 23);
		if (!bodyless) {
			n = snprintf(status, sizeof(status),
			    "Content-Length: %zu\r\n", res->body.len);
			buffer_add(res, &out, status, (size_t)n);
		}
		buffer_add(res, &out, "\r\n", 2);
		if (!head_only && !bodyless && res->body.len > 0)
			buffer_add(res, &out, res->body.data, res->body.len);
	}
	if (!res->failed) {
		rc = write_all(sink, out.data, out.len);
		free(out.data);
		return rc;
	}
	free(out.data);
	/* Something failed while the answer was built: say so whole.  (The
	 * catalogue's sentence has no character JSON would escape.) */
	failed_len = snprintf(failed, sizeof(failed), "{\"error\":\"%s\"}",
	    response_msg(res, MSG_SERVER_FAILED));
	n = snprintf(status, sizeof(status), "Status: 500 %s\r\n"
	    "Content-Type: application/json; charset=utf-8\r\n"
	    "Vary: Accept-Language\r\n"
	    "Content-Length: %d\r\n\r\n", http_reason(500), failed_len);
	if (write_all(sink, status, (size_t)n) < 0)
		return -1;
	return head_only ? 0 : write_all(sink, failed, (size_t)failed_len);
}
