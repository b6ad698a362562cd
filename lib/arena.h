/* arena.h - memory for a process that serves one request and exits (CGI
 * mode).
 *
 * Allocating bumps a pointer through one static block; freeing does
 * nothing; the kernel takes everything back when the process exits, a
 * moment later.  SQLite and cJSON make hundreds of small allocations per
 * request, and malloc and free were about a seventh of a CGI request's
 * instructions (docs/performance.md).  A FastCGI process serves many requests
 * and never uses the arena. */
#ifndef CGILAB_ARENA_H
#define CGILAB_ARENA_H

#include <stddef.h>
#include <stdint.h>

/* Like malloc, realloc and free; past the block they fall back to malloc,
 * so a large request still gets its memory.  NULL only when that fails. */
void *arena_alloc(size_t n);
void *arena_realloc(void *p, size_t n);
void arena_free(void *p);

/* The size asked for when p was allocated (0 for NULL). */
size_t arena_size(const void *p);

/* arena_use says this process serves one request (CGI mode), called first
 * thing or never; arena_in_use tells the libraries (SQLite's and cJSON's
 * allocators are set from it). */
void arena_use(void);
int arena_in_use(void);

/* The block's first and past-the-end addresses (cgi_start.c: callable
 * before the C library has started). */
void arena_extent(uintptr_t *from, uintptr_t *to);

#endif
