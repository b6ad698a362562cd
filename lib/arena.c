/* arena.c - an allocator for a process that lives for one request. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"

/* Each allocation is preceded by a header holding the size asked for and
 * the room it has; the header keeps the memory after it aligned for any
 * type, as malloc's is. */
#define HEADER 16
#define ALIGN(n) (((n) + HEADER - 1) & ~(size_t)(HEADER - 1))

struct header {
	size_t size;	/* asked for */
	size_t room;	/* ALIGN(size) when handed out, or more */
};

/* Untouched pages of it cost nothing, and in a new process every page
 * touched is a page fault: so freed blocks are handed out again (SQLite
 * frees every one of its 400 allocations of GET /users before the
 * process ends, most of them while parsing), rather than the pointer
 * going on through fresh pages.  A freed block waits in the list of its
 * room, for blocks up to MAX_REUSE bytes; the newest block, when freed,
 * gives its room back to the block. */
#define MAX_REUSE 4096
static unsigned char block[1024 * 1024] __attribute__((aligned(HEADER)));
static size_t used;		/* bytes of block handed out */
static size_t mapped;		/* bytes of block made present (map_upto) */
static unsigned char *last;	/* the newest allocation in block */
static void *freed[MAX_REUSE / HEADER + 1];	/* by room / HEADER */
static int in_use;		/* arena_use was called */

/* Where the block is, for cgi_start.c: it runs before the C library has
 * started, so no stack protector (its guard is not set up yet). */
__attribute__((no_stack_protector)) void
arena_extent(uintptr_t *from, uintptr_t *to)
{
	*from = (uintptr_t)block;
	*to = (uintptr_t)(block + sizeof(block));
}

void
arena_use(void)
{
	in_use = 1;
}

int
arena_in_use(void)
{
	return in_use;
}

/* The block's pages are made present CHUNK bytes at a time, as the
 * allocations reach them: one madvise(MADV_POPULATE_WRITE) instead of a
 * page fault for every page.  A request of GET /users takes about 60 KiB,
 * 15 pages; a page fault costs far more than a system call's share of
 * one, most of all on a virtual machine (docs/performance.md, "Cost").
 * A kernel without it (before Linux 5.14: EINVAL) is not asked again:
 * the pages then fault in as they are touched. */
#define CHUNK (64 * 1024)

static void
map_upto(size_t end)
{
	uintptr_t from;
	size_t to;

	if (end <= mapped)
		return;
	to = mapped + CHUNK > end ? mapped + CHUNK : end;
	if (to > sizeof(block))
		to = sizeof(block);
	/* From the page the next byte is on (the block is not page-aligned:
	 * aligning it would move the small variables of .bss apart, onto
	 * pages of their own). */
	from = (uintptr_t)(block + mapped) & ~(uintptr_t)4095;
	if (madvise((void *)from, (uintptr_t)(block + to) - from,
	    MADV_POPULATE_WRITE) != 0)
		to = sizeof(block);
	mapped = to;
}

static struct header *
header_of(const void *p)
{
	return (struct header *)((unsigned char *)(uintptr_t)p - HEADER);
}

static int
in_block(const void *p)
{
	return (const unsigned char *)p >= block &&
	    (const unsigned char *)p < block + sizeof(block);
}

void *
arena_alloc(size_t n)
{
	size_t room;
	unsigned char *p;

	/* malloc(0) may give a unique pointer, and callers free it: a block
	 * of 0 bytes would have no room, so its pointer would be the next
	 * block's header, which arena_free then writes over. */
	if (n == 0)
		n = 1;
	room = ALIGN(n);

	if (n > sizeof(block)) {
		if ((p = malloc(HEADER + n)) == NULL)
			return NULL;
	} else if (room <= MAX_REUSE && freed[room / HEADER] != NULL) {
		p = (unsigned char *)freed[room / HEADER] - HEADER;
		memcpy(&freed[room / HEADER], p + HEADER, sizeof(void *));
	} else if (HEADER + room <= sizeof(block) - used) {
		p = block + used;
		used += HEADER + room;
		last = p + HEADER;
		map_upto(used);
	} else if ((p = malloc(HEADER + n)) == NULL)
		return NULL;
	((struct header *)(void *)p)->size = n;
	((struct header *)(void *)p)->room = room;
	return p + HEADER;
}

size_t
arena_size(const void *p)
{
	return p != NULL ? header_of(p)->size : 0;
}

void
arena_free(void *p)
{
	size_t room;

	if (p == NULL)
		return;
	if (!in_block(p)) {
		free(header_of(p));
		return;
	}
	room = header_of(p)->room;
	if (p == last) {
		used -= HEADER + room;
		last = NULL;
	} else if (room <= MAX_REUSE) {
		memcpy(p, &freed[room / HEADER], sizeof(void *));
		freed[room / HEADER] = p;
	}
	/* (A larger block stays unused until the process ends.) */
}

void *
arena_realloc(void *p, size_t n)
{
	size_t old = arena_size(p);
	void *q;

	if (p != NULL && in_block(p) && ALIGN(n) <= header_of(p)->room) {
		header_of(p)->size = n;
		return p;
	}
	/* The newest allocation grows in place (a buffer being appended to). */
	if (p != NULL && p == last && n <= sizeof(block) &&
	    ALIGN(n) - header_of(p)->room <= sizeof(block) - used) {
		used += ALIGN(n) - header_of(p)->room;
		map_upto(used);
		header_of(p)->size = n;
		header_of(p)->room = ALIGN(n);
		return p;
	}
	if ((q = arena_alloc(n)) == NULL)
		return NULL;
	if (p != NULL) {
		memcpy(q, p, old < n ? old : n);
		arena_free(p);
	}
	return q;
}
