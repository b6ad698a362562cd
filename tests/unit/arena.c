/* arena.c - the one-request allocator: sizes kept, contents kept across
 * realloc, alignment as malloc's, and memory past the block still given. */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "test.h"

TEST(arena_alloc_sizes_and_alignment)
{
	char *a = arena_alloc(1), *b = arena_alloc(100);

	CHECK(a != NULL && b != NULL);
	CHECK_INT(arena_size(a), 1);
	CHECK_INT(arena_size(b), 100);
	CHECK_INT(arena_size(NULL), 0);
	CHECK_INT((uintptr_t)a % 16, 0);
	CHECK_INT((uintptr_t)b % 16, 0);
	CHECK(b >= a + 16);	/* no overlap */
	memset(b, 'x', 100);
	arena_free(a);
	arena_free(NULL);
	CHECK(b[99] == 'x');
}

TEST(arena_realloc_keeps_contents)
{
	char *p = arena_alloc(10), *q;

	memcpy(p, "0123456789", 10);
	q = arena_realloc(p, 5000);	/* the newest: grows in place */
	CHECK(q != NULL && memcmp(q, "0123456789", 10) == 0);
	CHECK_INT(arena_size(q), 5000);
	(void)arena_alloc(8);		/* no longer the newest */
	p = arena_realloc(q, 9000);
	CHECK(p != NULL && memcmp(p, "0123456789", 10) == 0);
	CHECK_INT(arena_size(p), 9000);
	q = arena_realloc(p, 3);
	CHECK(q == p && arena_size(q) == 3);
	p = arena_realloc(NULL, 7);
	CHECK(p != NULL && arena_size(p) == 7);
}

TEST(arena_past_the_block_falls_back_to_malloc)
{
	/* More than the whole block: malloc'd, freed for real (ASan would
	 * see a leak or a bad free). */
	char *big = arena_alloc(3 * 1024 * 1024), *p;

	CHECK(big != NULL);
	CHECK_INT(arena_size(big), 3 * 1024 * 1024);
	big[3 * 1024 * 1024 - 1] = 'z';
	p = arena_realloc(big, 4 * 1024 * 1024);
	CHECK(p != NULL && p[3 * 1024 * 1024 - 1] == 'z');
	arena_free(p);
	/* Filling the block: every allocation still succeeds, and those
	 * past it are freed for real. */
	static char *kept[2000];
	for (int i = 0; i < 2000; i++) {
		kept[i] = arena_alloc(1000);
		CHECK(kept[i] != NULL);
		if (kept[i] == NULL)
			break;
		memset(kept[i], 1, 1000);
	}
	for (int i = 0; i < 2000; i++)
		arena_free(kept[i]);
}

TEST(arena_freed_blocks_are_handed_out_again)
{
	char *a = arena_alloc(100), *b = arena_alloc(8), *c, *d;

	/* A freed block goes to the next allocation of its room... */
	memset(a, 'a', 100);
	arena_free(a);
	c = arena_alloc(200);
	CHECK(c != a);			/* (not one of another room) */
	d = arena_alloc(97);		/* 97 and 100 need the same room */
	CHECK(d == a);
	CHECK_INT(arena_size(d), 97);
	memset(d, 'd', 97);
	CHECK(b != d && c != d);
	/* ...and the newest block, freed, gives its room back. */
	arena_free(c);
	CHECK(arena_alloc(200) == c);
	/* A block shrunk keeps its room: it grows back in place. */
	d = arena_realloc(d, 10);
	CHECK(d == a && arena_size(d) == 10);
	CHECK(arena_realloc(d, 100) == a);
	CHECK(d[9] == 'd');
}

/* A block of 0 bytes is a block of its own: freeing it (it goes to a
 * free list, which writes a pointer into it) must not touch the block
 * handed out after it, nor may the two share memory. */
TEST(arena_alloc_zero_is_a_block_of_its_own)
{
	char *z = arena_alloc(0), *b = arena_alloc(16);

	CHECK(z != NULL && b != NULL);
	CHECK(b >= z + 16);
	CHECK_INT(arena_size(b), 16);
	memset(b, 'y', 16);
	arena_free(z);
	CHECK_INT(arena_size(b), 16);
	CHECK(b[0] == 'y' && b[15] == 'y');
	arena_free(b);
}
