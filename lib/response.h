/* response.h - the one way an answer is written: status, headers, body.
 *
 * A handler fills a struct response; the program's main sends it, whole,
 * once (RFC 3875 §6).  Every error goes through response_error, so every
 * error has the same shape: application/json {"error": "<sentence>"}. */
#ifndef CGILAB_RESPONSE_H
#define CGILAB_RESPONSE_H

#include <stddef.h>

#include "msg.h"
#include "request.h"

struct buffer {
	char *data;
	size_t len, cap;
};

struct response {
	int status;
	struct buffer head;	/* "Name: value\r\n" lines */
	struct buffer body;
	int failed;		/* building it failed (memory, a bad header): send a 500 */
	/* The language of its sentences (msg.h), chosen from
	 * accept_language when the first one is written; once one is,
	 * the answer carries Vary: Accept-Language. */
	const char *accept_language;	/* the request's, or NULL */
	int lang_chosen;
	enum lang lang;
};

/* Where a response goes: CGI mode writes to stdout, FastCGI to its stream.
 * Like write(2): bytes written or -1. */
struct response_sink {
	ssize_t (*write)(void *ctx, const void *buf, size_t len);
	void *ctx;
};

extern const struct response_sink response_sink_cgi;

void response_init(struct response *res);
void response_free(struct response *res);

/* Sets the status, drops any header and body set so far. */
void response_reset(struct response *res, int status);

/* Adds a header line.  A name or value with CR, LF or NUL is refused
 * (returns -1) and the response becomes a 500: no header injection. */
int response_header(struct response *res, const char *name, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* Appends to the body; call it as often as the lesson writes. */
void response_write(struct response *res, const void *data, size_t len);
void response_print(struct response *res, const char *s);

/* Message id in the answer's language (a printf format); the answer
 * then varies by Accept-Language, and says so. */
const char *response_msg(struct response *res, enum msg id);

/* The same, formatted with the arguments into out[0..size). */
void response_sentence(struct response *res, char *out, size_t size,
    enum msg id, ...);

/* The whole error answer: status, JSON {"error": <message id in the
 * answer's language, formatted with the arguments>}, and Retry-After for
 * 503.  Headers set so far (Allow, Vary) are kept; any body written so
 * far is dropped. */
void response_error(struct response *res, int status, enum msg id, ...);

/* The method checks every endpoint makes, answered the one way: OPTIONS
 * is 204 with Allow; a method that is not allowed is 405 with Allow.
 * Returns 1 when res holds that answer, 0 to go on. */
int response_method_guard(struct response *res, const struct request *req,
    int allowed, const char *allow);

/* For an unsafe method: Vary on the headers the check reads, and 403
 * with refusal when the request comes from another origin (SPEC.md §3).
 * Returns 1 when refused, 0 to go on. */
int response_origin_guard(struct response *res, const struct request *req,
    enum msg refusal);

/* Sends status, headers, Content-Length and (unless head_only, or the
 * status has no body) the body.  Returns -1 if the sink failed. */
int response_send(struct response *res, const struct response_sink *sink,
    int head_only);

/* The reason phrase for a status (RFC 9110 §15). */
const char *http_reason(int status);

#endif
