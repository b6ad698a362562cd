/* response.h - the one way an answer is written: status, headers, body,
 * JSON errors and Set-Cookie.
 *
 * A handler fills a struct response; the program's main sends it, whole,
 * once (RFC 3875 §6).  Every error goes through response_error, so every
 * error has the same shape: application/json {"error": "<sentence>"}.
 * Nothing here reads the request: what an answer depends on is passed in
 * (guard.h and route.h are the layer that reads the request and answers). */
#ifndef CGILAB_RESPONSE_H
#define CGILAB_RESPONSE_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "msg.h"

struct cJSON;

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
void response_vsentence(struct response *res, char *out, size_t size,
    enum msg id, va_list ap);

/* Sends status, headers, Content-Length and (unless head_only, or the
 * status has no body) the body.  Returns -1 if the sink failed. */
int response_send(struct response *res, const struct response_sink *sink,
    int head_only);

/* The reason phrase for a status (RFC 9110 §15). */
const char *http_reason(int status);

/* JSON answers (response_json.c). */

/* Sets status, Content-Type application/json; charset=utf-8 and the body
 * to doc printed compactly.  Frees nothing. */
void response_json(struct response *res, int status, const struct cJSON *doc);

/* The whole error answer: status, JSON {"error": <message id in the
 * answer's language, formatted with the arguments>}, and Retry-After for
 * 503.  Headers set so far (Allow, Vary) are kept; any body written so
 * far is dropped. */
void response_error(struct response *res, int status, enum msg id, ...);

/* Set-Cookie (set_cookie.c, RFC 6265; reading the Cookie header is
 * cookie.h's). */

/* Attributes cookie_set adds unless told otherwise. */
enum cookie_flags {
	COOKIE_SECURE = 1 << 0,		/* the request came over HTTPS */
	COOKIE_SCRIPT_READABLE = 1 << 1,	/* no HttpOnly */
	COOKIE_NO_SAMESITE = 1 << 2	/* no SameSite=Lax */
};

#define COOKIE_SESSION_ONLY (-1)	/* no Expires/Max-Age */

/* Adds a Set-Cookie header: name=<value percent-encoded>, then
 * Expires (IMF-fixdate, RFC 9110 §5.6.7) and Max-Age when max_age is not
 * COOKIE_SESSION_ONLY (0 clears the cookie: Expires in 1970), Path=/,
 * HttpOnly, SameSite=Lax, and Secure with COOKIE_SECURE.  Percent-encoding
 * makes CR, LF, ';' and every other separator impossible in the value.
 * Returns -1 for a name that is not an RFC 6265 token, or no memory. */
int cookie_set(struct response *res, const char *name, const char *value,
    size_t len, long max_age, int flags);

/* Writes an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") into buf. */
void http_date(char buf[30], time_t t);

#endif
