/* memio.h - a request source and a response sink in memory for the unit
 * tests: an environment given as name/value pairs, a body handed out in
 * small pieces (or failing part way), and an output buffer. */
#ifndef CGILAB_MEMIO_H
#define CGILAB_MEMIO_H

#include <stddef.h>
#include <sys/types.h>

#include "request.h"
#include "response.h"

#define MEM_NEVER ((size_t)-1)

struct memsrc {
	const char *const *env;	/* "NAME", "value", ..., NULL */
	const char *body;
	size_t len, pos;	/* pos: how much of body was read */
	size_t piece;		/* reads give 1, 2, ..., piece bytes in turn; 0: as asked */
	size_t fail_at;		/* a read at pos >= fail_at returns -1 */
	int reads, eof_reads;	/* calls to read; how many of them answered 0 */
	struct request_source src;
};

/* A source over env and body[0..len): whole reads, never failing. */
void memsrc_init(struct memsrc *m, const char *const *env, const char *body,
    size_t len);

/* request_parse over env and body; returns what request_parse did. */
int memsrc_parse(struct request *req, struct memsrc *m);

struct memsink {
	char *data;		/* NUL-terminated after len */
	size_t len, cap;
	size_t piece;		/* accept at most this many bytes per write; 0: all */
	size_t fail_at;		/* a write once len >= fail_at returns -1 */
	struct response_sink sink;
};

void memsink_init(struct memsink *m);
void memsink_free(struct memsink *m);

/* 1 when s occurs anywhere in what m received, NUL bytes included. */
int memsink_has(const struct memsink *m, const char *s);

/* Sends res into m (initialized); returns response_send's result. */
int memsink_send(struct memsink *m, struct response *res, int head_only);

/* Captures what the code under test writes to standard error (the
 * error log) instead of letting it reach the test output. */
struct capture {
	int saved;
	int fd;
};
void capture_stderr(struct capture *c);
/* Ends the capture; returns what was written (free it). */
char *capture_end(struct capture *c);

/* A new directory of the test's own under $TMPDIR (or /tmp), its name
 * in dir (size bytes); aborts when it cannot make one. */
void unit_tmpdir(char *dir, size_t size);
/* Removes dir and the files in it (a unit test's directory is flat). */
void unit_rmdir(const char *dir);

/* A buffer of n bytes of c, NUL-terminated (free it). */
char *repeat(int c, size_t n);

#endif
