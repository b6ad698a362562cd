/* request.c - the CGI environment and body, read once into struct request.
 *
 * Every CGI variable is named once, here (RFC 3875 §4.1).  CONTENT_LENGTH
 * goes through a range-checked number parser; the body is read to it or,
 * when a transfer coding stands in for it (chunked HTTP/1.1, HTTP/2
 * without content-length), to end of input (RFC 3875 §4.2).  A request
 * with neither has no body (RFC 9112 §6.3), and standard input is not
 * touched: there is nothing to read, and a server may keep it open. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "decode.h"
#include "request.h"

#define DEFAULT_SESSION_TTL 300
#define DEFAULT_BODY_MAX 16384
#define DEFAULT_BUSY_TIMEOUT_MS 10000

static const char *
cgi_getenv(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static ssize_t
cgi_read(void *ctx, void *buf, size_t len)
{
	ssize_t n;

	(void)ctx;
	do
		n = read(STDIN_FILENO, buf, len);
	while (n < 0 && errno == EINTR);
	return n;
}

const struct request_source request_source_cgi = { cgi_getenv, cgi_read, NULL };

static long long
setting(const struct request_source *src, const char *name, long long def,
    long long max)
{
	const char *s = src->getenv(src->ctx, name);
	long long v = s ? decimal_parse(s, strlen(s), max) : -1;

	return v < 0 ? def : v;
}

static const char *
env_or_empty(const struct request_source *src, const char *name)
{
	const char *v = src->getenv(src->ctx, name);

	return v ? v : "";
}

static const struct {
	const char *name;
	enum method method;
} methods[] = {
	{ "GET", METHOD_GET }, { "HEAD", METHOD_HEAD },
	{ "POST", METHOD_POST }, { "PUT", METHOD_PUT },
	{ "PATCH", METHOD_PATCH }, { "DELETE", METHOD_DELETE },
	{ "OPTIONS", METHOD_OPTIONS },
};

static enum method
method_of(const char *m)
{
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(m, methods[i].name) == 0)	/* case-sensitive: RFC 9110 §9.1 */
			return methods[i].method;
	return METHOD_OTHER;
}

const char *
request_method_name(enum method m)
{
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (methods[i].method == m)
			return methods[i].name;
	return "";
}

/* Reads the body: keeps up to body_max bytes, discards the rest, and
 * always reads to the end (CONTENT_LENGTH, or end of input). */
static int
read_body(struct request *req, const struct request_source *src,
    long long length)
{
	size_t max = req->settings.body_max, cap;
	unsigned long long total = 0;
	char chunk[8192];
	ssize_t n;

	req->body_state = BODY_OK;
	cap = length >= 0 && (unsigned long long)length < max ? (size_t)length : max;
	if (length < 0 && cap > 4096)
		cap = 4096;
	if ((req->body = malloc(cap + 1)) == NULL)
		return -1;
	for (;;) {
		size_t want = sizeof(chunk);

		if (length >= 0) {
			if (total == (unsigned long long)length)
				break;
			if ((unsigned long long)length - total < want)
				want = (size_t)((unsigned long long)length - total);
		}
		if ((n = src->read(src->ctx, chunk, want)) <= 0) {
			/* End of input before CONTENT_LENGTH: the client went away. */
			if (n < 0 || length >= 0)
				req->body_state = BODY_INCOMPLETE;
			break;
		}
		total += (size_t)n;
		if (req->body_state != BODY_OK)
			continue;	/* discard */
		if (req->body_len + (size_t)n > max) {
			req->body_state = BODY_TOO_LARGE;
			req->body_len = 0;
			continue;
		}
		if (req->body_len + (size_t)n > cap) {
			size_t ncap = cap * 2 < req->body_len + (size_t)n ?
			    req->body_len + (size_t)n : cap * 2;
			char *p;

			if (ncap > max)
				ncap = max;
			if ((p = realloc(req->body, ncap + 1)) == NULL)
				return -1;
			req->body = p;
			cap = ncap;
		}
		memcpy(req->body + req->body_len, chunk, (size_t)n);
		req->body_len += (size_t)n;
	}
	req->body[req->body_len] = '\0';
	return 0;
}

/* A body framed by a transfer coding rather than a length: Apache passes
 * the request's Transfer-Encoding as HTTP_TRANSFER_ENCODING, for chunked
 * HTTP/1.1 and for an HTTP/2 body sent without content-length alike. */
static int
has_transfer_coding(const struct request_source *src)
{
	const char *v = src->getenv(src->ctx, "HTTP_TRANSFER_ENCODING");

	return v != NULL && *v != '\0';
}

int
request_parse(struct request *req, const struct request_source *src)
{
	const char *v;
	long long length = -1;

	memset(req, 0, sizeof(*req));
	req->method_name = env_or_empty(src, "REQUEST_METHOD");
	req->method = method_of(req->method_name);
	req->script_name = env_or_empty(src, "SCRIPT_NAME");
	req->path_info = env_or_empty(src, "PATH_INFO");
	req->query = env_or_empty(src, "QUERY_STRING");
	req->request_uri = env_or_empty(src, "REQUEST_URI");
	req->content_type = src->getenv(src->ctx, "CONTENT_TYPE");
	req->host = src->getenv(src->ctx, "HTTP_HOST");
	req->origin = src->getenv(src->ctx, "HTTP_ORIGIN");
	req->sec_fetch_site = src->getenv(src->ctx, "HTTP_SEC_FETCH_SITE");
	req->if_none_match = src->getenv(src->ctx, "HTTP_IF_NONE_MATCH");
	req->accept_language = src->getenv(src->ctx, "HTTP_ACCEPT_LANGUAGE");
	v = src->getenv(src->ctx, "HTTPS");
	req->https = v != NULL && strcasecmp(v, "on") == 0;

	req->settings.db = src->getenv(src->ctx, "CGILAB_DB");
	v = src->getenv(src->ctx, "CGILAB_STORE");
	req->settings.store = v != NULL && *v != '\0' ? v : NULL;
	req->settings.session_ttl = (long)setting(src, "CGILAB_SESSION_TTL",
	    DEFAULT_SESSION_TTL, 10L * 365 * 24 * 3600);
	req->settings.body_max = (size_t)setting(src, "CGILAB_BODY_MAX",
	    DEFAULT_BODY_MAX, 64L * 1024 * 1024);
	req->settings.busy_timeout_ms = (long)setting(src, "CGILAB_BUSY_TIMEOUT",
	    DEFAULT_BUSY_TIMEOUT_MS, 3600L * 1000);

	if (cookie_parse(&req->cookies, src->getenv(src->ctx, "HTTP_COOKIE")) < 0)
		return -1;

	v = src->getenv(src->ctx, "CONTENT_LENGTH");
	if (v != NULL && *v != '\0' &&
	    (length = decimal_parse(v, strlen(v), (long long)1 << 50)) < 0) {
		/* Not a number: read nothing we could misframe. */
		req->body_state = BODY_BAD_LENGTH;
		if ((req->body = calloc(1, 1)) == NULL)
			return -1;
		return 0;
	}
	if (length < 0 && !has_transfer_coding(src)) {
		/* No length and no transfer coding: no body to read. */
		req->body_state = BODY_OK;
		if ((req->body = calloc(1, 1)) == NULL)
			return -1;
		return 0;
	}
	return read_body(req, src, length);
}

void
request_free(struct request *req)
{
	cookie_jar_free(&req->cookies);
	free(req->body);
	req->body = NULL;
}

const char *
request_cookie(const struct request *req, const char *name)
{
	return cookie_get(&req->cookies, name);
}

const char *
request_program_path(const struct request *req, const char *name, char *buf,
    size_t len)
{
	if (strncmp(req->script_name, "/fcgi-bin/", 10) == 0)
		snprintf(buf, len, "/fcgi-bin/%s.fcgi", name);
	else
		snprintf(buf, len, "/cgi-bin/%s.cgi", name);
	return buf;
}

int
request_unsafe(const struct request *req)
{
	switch (req->method) {
	case METHOD_GET:
	case METHOD_HEAD:
	case METHOD_OPTIONS:
		return 0;
	default:
		return 1;
	}
}

int
request_cross_origin(const struct request *req)
{
	const char *o = req->origin;
	const char *scheme = req->https ? "https://" : "http://";
	size_t n = strlen(scheme);

	if (req->sec_fetch_site != NULL)
		return strcmp(req->sec_fetch_site, "same-origin") != 0 &&
		    strcmp(req->sec_fetch_site, "none") != 0;
	if (o == NULL)
		return 0;
	/* Origin is "scheme://host[:port]" (RFC 6454 §7), or "null"; the
	 * same origin is this request's scheme and Host. */
	if (strncasecmp(o, scheme, n) != 0)
		return 1;
	return req->host == NULL || strcasecmp(o + n, req->host) != 0;
}

int
request_content_type_is(const struct request *req, const char *type)
{
	const char *ct = req->content_type;
	size_t n = strlen(type);

	if (ct == NULL)
		return 0;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, type, n) != 0)
		return 0;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}
