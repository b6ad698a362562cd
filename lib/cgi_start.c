/* cgi_start.c - where a CGI program's process starts (its ELF entry
 * point, the Makefile's -e): before the C library's own start, the
 * program's image, the top of its stack and the small variables of its
 * .bss are made present in the page tables in a few system calls.
 *
 * A CGI process lives for one request, and a new process finds none of
 * its pages present: the first touch of each one is a page fault.  On the
 * virtual machines a lab runs on, a page fault costs ten to fifteen
 * microseconds, and a program that opens SQLite and answers one request
 * took about 50 of them; madvise(MADV_POPULATE_READ / _WRITE) maps the
 * same pages for a tenth of a microsecond to one microsecond each
 * (docs/performance.md, "Page faults").
 *
 * On x86-64 this runs before the C library has set up anything: no
 * thread pointer (so no errno and no stack protector), no relocations
 * applied (so no pointer stored in data may be used: only addresses the
 * code computes from its own, and the ELF header the kernel mapped).  It
 * makes only raw system calls.  Elsewhere (the entry is a few x86-64
 * instructions) the same runs as a constructor, after the C library's
 * start and before main.  It cannot fail: a kernel without the advice
 * (before Linux 5.14) says EINVAL, and the pages fault in as before. */
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arena.h"

/* The ELF header of the program, where the kernel mapped it (the linker
 * defines the symbol). */
extern const ElfW(Ehdr) __ehdr_start __attribute__((visibility("hidden")));

/* The stack made present below the entry's frame: no request of the
 * programs measured (a user created, the lists) faulted a page of stack
 * below it.  Deeper pages fault in as usual. */
#define STACK_BYTES (32 * 1024)
#define DOWN(a) ((uintptr_t)(a) & ~(page - 1))
#define UP(a) DOWN((uintptr_t)(a) + page - 1)

/* madvise: 0 when done. */
static __attribute__((no_stack_protector)) long
populate(uintptr_t from, uintptr_t to, long advice)
{
	long ret;

	if (to <= from)
		return 0;
#if defined(__x86_64__)
	__asm__ volatile ("syscall"
	    : "=a"(ret)
	    : "0"((long)SYS_madvise), "D"(from), "S"(to - from), "d"(advice)
	    : "rcx", "r11", "memory");
#else
	ret = madvise((void *)from, to - from, (int)advice);
#endif
	return ret;
}

/* Given the stack pointer at the start, and the page size. */
__attribute__((used, visibility("hidden"), no_stack_protector)) void
cgi_start_populate(uintptr_t sp, uintptr_t page)
{
	const ElfW(Ehdr) *eh = &__ehdr_start;
	const ElfW(Phdr) *ph = (const ElfW(Phdr) *)((uintptr_t)eh + eh->e_phoff);
	uintptr_t bias = 0, relro_end = 0, arena_from = 0, arena_to = 0;
	int i;

	/* The first segment holds the ELF header. */
	for (i = 0; i < eh->e_phnum && ph[i].p_type != PT_LOAD; i++)
		;
	if (i == eh->e_phnum)
		return;
	bias = (uintptr_t)eh - ph[i].p_vaddr;
	for (i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_GNU_RELRO)
			relro_end = DOWN(bias + ph[i].p_vaddr + ph[i].p_memsz);
	arena_extent(&arena_from, &arena_to);
	for (i = 0; i < eh->e_phnum; i++) {
		uintptr_t start, end;

		if (ph[i].p_type != PT_LOAD)
			continue;
		start = DOWN(bias + ph[i].p_vaddr);
		end = UP(bias + ph[i].p_vaddr + ph[i].p_memsz);
		if (!(ph[i].p_flags & PF_W)) {
			populate(start, end, MADV_POPULATE_READ);
			continue;
		}
		/* Data: written as the C library relocates it, unless that is
		 * done and its part made read-only (a dynamic program, whose
		 * loader ran first: then from the end of that part).  .bss:
		 * its small variables, but not the arena's block, which
		 * arena.c makes present as allocations reach it. */
		if (arena_from < start || arena_to > end)
			arena_from = arena_to = end;	/* (not in this segment) */
		if (populate(start, DOWN(arena_from), MADV_POPULATE_WRITE) != 0 &&
		    relro_end > start)
			populate(relro_end, DOWN(arena_from), MADV_POPULATE_WRITE);
		populate(UP(arena_to), end, MADV_POPULATE_WRITE);
	}
	populate(DOWN(sp) - STACK_BYTES, DOWN(sp), MADV_POPULATE_WRITE);
}

#if defined(__x86_64__)
/* The entry: the kernel's stack pointer and %rdx (a function for atexit,
 * none for a static program) are handed on to the C library's _start as
 * they came. */
__asm__(
"	.text\n"
"	.globl cgi_start\n"
"	.type cgi_start, @function\n"
"cgi_start:\n"
"	mov %rdx, %r12\n"
"	mov %rsp, %r13\n"
"	mov %rsp, %rdi\n"
"	mov $4096, %esi\n"
"	and $-16, %rsp\n"
"	call cgi_start_populate\n"
"	mov %r13, %rsp\n"
"	mov %r12, %rdx\n"
"	jmp _start\n"
"	.size cgi_start, .-cgi_start\n");
#else
__attribute__((constructor)) static void
cgi_start_late(void)
{
	cgi_start_populate((uintptr_t)__builtin_frame_address(0),
	    (uintptr_t)sysconf(_SC_PAGESIZE));
}
#endif
