/* request.h - one HTTP request, parsed once from the CGI environment
 * (RFC 3875 §4.1) and the request body. */
#ifndef CGILAB_REQUEST_H
#define CGILAB_REQUEST_H

#include <stddef.h>
#include <sys/types.h>

#include "cookie.h"

/* Where a request comes from: an environment and an input stream.  CGI
 * mode reads getenv() and stdin; FastCGI mode its per-request parameters
 * and stream.  Nothing else in cgilab reads either. */
struct request_source {
	const char *(*getenv)(void *ctx, const char *name);
	/* Like read(2): bytes read, 0 at end of input, -1 on error. */
	ssize_t (*read)(void *ctx, void *buf, size_t len);
	void *ctx;
};

enum method {
	METHOD_OTHER, METHOD_GET, METHOD_HEAD, METHOD_POST, METHOD_PUT,
	METHOD_PATCH, METHOD_DELETE, METHOD_OPTIONS
};

enum body_state {
	BODY_OK,
	BODY_TOO_LARGE,		/* over settings.body_max: read and discarded */
	BODY_INCOMPLETE,	/* fewer bytes than CONTENT_LENGTH, or a read error */
	BODY_BAD_LENGTH		/* CONTENT_LENGTH is not a number */
};

/* The settings the server passes with SetEnv (docs/lab.md). */
struct settings {
	const char *db;		/* CGILAB_DB: the SQLite file */
	const char *store;	/* CGILAB_STORE: sqlite:<path> or redis://…;
				 * NULL when unset or empty (then db) */
	long session_ttl;	/* CGILAB_SESSION_TTL: seconds, default 300 */
	size_t body_max;	/* CGILAB_BODY_MAX: bytes, default 16384 */
	long busy_timeout_ms;	/* CGILAB_BUSY_TIMEOUT: ms, default 10000 */
};

struct request {
	enum method method;
	const char *method_name;	/* REQUEST_METHOD as sent */
	const char *script_name;	/* SCRIPT_NAME, "" if absent */
	const char *path_info;		/* PATH_INFO, "" if absent */
	const char *query;		/* QUERY_STRING, "" if absent */
	const char *request_uri;	/* REQUEST_URI, "" if absent */
	const char *content_type;	/* CONTENT_TYPE, NULL if absent */
	const char *host;		/* HTTP_HOST, NULL if absent */
	const char *origin;		/* HTTP_ORIGIN, NULL if absent */
	const char *sec_fetch_site;	/* HTTP_SEC_FETCH_SITE, NULL if absent */
	const char *if_none_match;	/* HTTP_IF_NONE_MATCH, NULL if absent */
	const char *accept_language;	/* HTTP_ACCEPT_LANGUAGE, NULL if absent */
	int https;			/* HTTPS=on */
	struct cookie_jar cookies;	/* HTTP_COOKIE */
	struct settings settings;

	enum body_state body_state;
	char *body;			/* NUL-terminated; body_len excludes it */
	size_t body_len;
};

/* Fills req from src: the environment first, then the body, read to
 * CONTENT_LENGTH or, when that is absent and HTTP_TRANSFER_ENCODING is
 * present (chunked, HTTP/2 without content-length), to end of input; with
 * neither there is no body and nothing is read.  A body is always consumed
 * whole, past settings.body_max too,
 * so the server never waits on a program that answered early.  Returns
 * -1 only when memory runs out. */
int request_parse(struct request *req, const struct request_source *src);
void request_free(struct request *req);

/* The raw value of cookie name, or NULL. */
const char *request_cookie(const struct request *req, const char *name);

/* The name of method m as sent ("GET"); "" for METHOD_OTHER. */
const char *request_method_name(enum method m);

/* 1 when the method may change state (RFC 9110 §9.2.1: not safe). */
int request_unsafe(const struct request *req);

/* 1 when an unsafe request comes from another origin and must be refused
 * (docs/http-api.md, as Go's CrossOriginProtection): Sec-Fetch-Site other than
 * same-origin or none, or without it an Origin whose host[:port] is not
 * Host.  Requests with neither header pass. */
int request_cross_origin(const struct request *req);

/* The media type of CONTENT_TYPE, compared case-insensitively without
 * its parameters (RFC 9110 §8.3.1): 1 when it is type. */
int request_content_type_is(const struct request *req, const char *type);

/* The URL path of program name as this request reached the programs, for
 * Location headers: "/fcgi-bin/<name>.fcgi" when SCRIPT_NAME is under
 * /fcgi-bin/ (FastCGI mode), else "/cgi-bin/<name>.cgi" (the textbook's paths
 * included).  Written into buf; returns buf. */
const char *request_program_path(const struct request *req, const char *name,
    char *buf, size_t len);

/* The CGI source: getenv(3) and standard input. */
extern const struct request_source request_source_cgi;

#endif
