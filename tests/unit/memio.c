/* memio.c - the unit tests' request source, response sink and stderr
 * capture, all in memory (see memio.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memio.h"

static const char *
mem_getenv(void *ctx, const char *name)
{
	struct memsrc *m = ctx;

	for (const char *const *p = m->env; p != NULL && p[0] != NULL; p += 2)
		if (strcmp(p[0], name) == 0)
			return p[1];
	return NULL;
}

static ssize_t
mem_read(void *ctx, void *buf, size_t len)
{
	struct memsrc *m = ctx;
	size_t n = m->len - m->pos;

	m->reads++;
	if (m->pos >= m->fail_at) {
		errno = EIO;
		return -1;
	}
	if (m->piece > 0) {
		size_t step = 1 + (size_t)(m->reads - 1) % m->piece;

		if (n > step)
			n = step;
	}
	if (n > len)
		n = len;
	if (m->fail_at != MEM_NEVER && n > m->fail_at - m->pos)
		n = m->fail_at - m->pos;
	if (n == 0)
		m->eof_reads++;
	memcpy(buf, m->body + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

void
memsrc_init(struct memsrc *m, const char *const *env, const char *body,
    size_t len)
{
	memset(m, 0, sizeof(*m));
	m->env = env;
	m->body = body ? body : "";
	m->len = len;
	m->fail_at = MEM_NEVER;
	m->src.getenv = mem_getenv;
	m->src.read = mem_read;
	m->src.ctx = m;
}

int
memsrc_parse(struct request *req, struct memsrc *m)
{
	return request_parse(req, &m->src);
}

static ssize_t
mem_write(void *ctx, const void *buf, size_t len)
{
	struct memsink *m = ctx;

	if (m->len >= m->fail_at) {
		errno = EIO;
		return -1;
	}
	if (m->piece > 0 && len > m->piece)
		len = m->piece;
	/* The connection breaks after fail_at bytes, whatever the writes. */
	if (m->fail_at != MEM_NEVER && len > m->fail_at - m->len)
		len = m->fail_at - m->len;
	if (m->len + len + 1 > m->cap) {
		size_t cap = m->cap ? m->cap : 256;
		char *p;

		while (cap < m->len + len + 1)
			cap *= 2;
		if ((p = realloc(m->data, cap)) == NULL) {
			errno = ENOMEM;
			return -1;
		}
		m->data = p;
		m->cap = cap;
	}
	memcpy(m->data + m->len, buf, len);
	m->len += len;
	m->data[m->len] = '\0';
	return (ssize_t)len;
}

void
memsink_init(struct memsink *m)
{
	memset(m, 0, sizeof(*m));
	m->fail_at = MEM_NEVER;
	m->sink.write = mem_write;
	m->sink.ctx = m;
}

void
memsink_free(struct memsink *m)
{
	free(m->data);
	m->data = NULL;
	m->len = m->cap = 0;
}

int
memsink_has(const struct memsink *m, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; n <= m->len && i <= m->len - n; i++)
		if (memcmp(m->data + i, s, n) == 0)
			return 1;
	return 0;
}

int
memsink_send(struct memsink *m, struct response *res, int head_only)
{
	return response_send(res, &m->sink, head_only);
}

/* Where the tests make their files: TMPDIR, or /tmp. */
static const char *
tmp_root(void)
{
	const char *tmp = getenv("TMPDIR");

	return tmp != NULL && *tmp != '\0' ? tmp : "/tmp";
}

void
unit_tmpdir(char *dir, size_t size)
{
	if ((size_t)snprintf(dir, size, "%s/cgilab-unit.XXXXXX", tmp_root()) >= size ||
	    mkdtemp(dir) == NULL)
		abort();
}

void
unit_rmdir(const char *dir)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

void
capture_stderr(struct capture *c)
{
	char path[PATH_MAX];

	fflush(stderr);
	snprintf(path, sizeof(path), "%s/cgilab-unit-stderr-XXXXXX", tmp_root());
	c->fd = mkstemp(path);
	unlink(path);
	c->saved = dup(STDERR_FILENO);
	dup2(c->fd, STDERR_FILENO);
}

char *
capture_end(struct capture *c)
{
	off_t size;
	char *text;

	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	size = lseek(c->fd, 0, SEEK_END);
	if (size < 0)
		size = 0;
	if ((text = calloc(1, (size_t)size + 1)) != NULL &&
	    pread(c->fd, text, (size_t)size, 0) < 0)
		text[0] = '\0';
	close(c->fd);
	return text;
}

char *
repeat(int c, size_t n)
{
	char *s = malloc(n + 1);

	if (s == NULL)
		abort();
	memset(s, c, n);
	s[n] = '\0';
	return s;
}
