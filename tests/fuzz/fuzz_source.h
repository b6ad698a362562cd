/* fuzz_source.h - a struct request_source over one fuzz input, shared by
 * the harnesses that parse whole requests.
 *
 * The input is:  mask (2 bytes)  read (1 byte)  value NUL value NUL …  body
 * Bit i of mask says whether fuzz_env_names[i] is set at all; each set
 * variable takes the next NUL-terminated value (a missing NUL ends the
 * values: the rest is an empty value), and what follows the last value is
 * the body.  The read byte sets how the body arrives: its low 7 bits + 1
 * bytes per read(2), and with the high bit the last read fails (-1)
 * instead of ending the input (0), as a client that goes away does. */
#ifndef CGILAB_FUZZ_SOURCE_H
#define CGILAB_FUZZ_SOURCE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "request.h"

static const char *const fuzz_env_names[] = {
	"REQUEST_METHOD", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE",
	"CONTENT_LENGTH", "HTTP_COOKIE", "HTTP_HOST", "HTTP_ORIGIN",
	"HTTP_SEC_FETCH_SITE", "HTTP_IF_NONE_MATCH", "HTTPS", "SCRIPT_NAME",
	"REQUEST_URI", "CGILAB_BODY_MAX", "CGILAB_SESSION_TTL",
	"CGILAB_BUSY_TIMEOUT",
};
#define FUZZ_NENV (sizeof(fuzz_env_names) / sizeof(fuzz_env_names[0]))

struct fuzz_source {
	char *values[FUZZ_NENV];	/* NULL: not set */
	const uint8_t *body;
	size_t body_len, pos;
	size_t chunk;
	int fail_at_end;
	int ended;			/* read returned 0 or -1 */
	const char *forced[FUZZ_NENV];	/* set by the harness, wins */
	const char *db;			/* CGILAB_DB, the harness's to set */
};

static inline const char *
fuzz_getenv(void *ctx, const char *name)
{
	struct fuzz_source *fs = ctx;

	for (size_t i = 0; i < FUZZ_NENV; i++)
		if (strcmp(name, fuzz_env_names[i]) == 0)
			return fs->forced[i] ? fs->forced[i] : fs->values[i];
	/* A body without CONTENT_LENGTH comes with a transfer coding, as
	 * Apache says of chunked and HTTP/2 bodies: so the input's body is
	 * read to its end then (request.c reads nothing with neither, and
	 * takes an empty CONTENT_LENGTH for none). */
	if (strcmp(name, "HTTP_TRANSFER_ENCODING") == 0) {
		const char *length = fuzz_getenv(ctx, "CONTENT_LENGTH");

		return length != NULL && *length != '\0' ? NULL : "chunked";
	}
	return strcmp(name, "CGILAB_DB") == 0 ? fs->db : NULL;
}

/* The harness sets name to value, whatever the input says. */
static inline void
fuzz_force(struct fuzz_source *fs, const char *name, const char *value)
{
	for (size_t i = 0; i < FUZZ_NENV; i++)
		if (strcmp(name, fuzz_env_names[i]) == 0)
			fs->forced[i] = value;
}

static inline ssize_t
fuzz_read(void *ctx, void *buf, size_t len)
{
	struct fuzz_source *fs = ctx;
	size_t n = fs->body_len - fs->pos;

	if (n == 0) {
		fs->ended = 1;
		return fs->fail_at_end ? -1 : 0;
	}
	if (n > len)
		n = len;
	if (n > fs->chunk)
		n = fs->chunk;
	memcpy(buf, fs->body + fs->pos, n);
	fs->pos += n;
	return (ssize_t)n;
}

/* Splits data into fs; 0, or -1 when the input is too short to use. */
static inline int
fuzz_source_init(struct fuzz_source *fs, const uint8_t *data, size_t size)
{
	unsigned mask;
	size_t i, p;

	memset(fs, 0, sizeof(*fs));
	if (size < 3)
		return -1;
	mask = data[0] | (unsigned)data[1] << 8;
	fs->chunk = (size_t)(data[2] & 0x7f) + 1;
	fs->fail_at_end = data[2] >> 7;
	for (i = 0, p = 3; i < FUZZ_NENV; i++) {
		const uint8_t *nul;
		size_t len;

		if (!(mask & (1u << i)))
			continue;
		nul = p < size ? memchr(data + p, '\0', size - p) : NULL;
		len = nul ? (size_t)(nul - (data + p)) : size - p;
		if ((fs->values[i] = malloc(len + 1)) == NULL)
			abort();
		memcpy(fs->values[i], data + p, len);
		fs->values[i][len] = '\0';
		p += len + (nul != NULL);
	}
	fs->body = data + p;
	fs->body_len = size - p;
	return 0;
}

static inline void
fuzz_source_free(struct fuzz_source *fs)
{
	for (size_t i = 0; i < FUZZ_NENV; i++)
		free(fs->values[i]);
}

static inline struct request_source
fuzz_request_source(struct fuzz_source *fs)
{
	struct request_source src = { fuzz_getenv, fuzz_read, fs };

	return src;
}

#endif
