/* cgi_end.c - how a CGI process ends: its output ends with it. */
#define _GNU_SOURCE	/* clone, close_range */
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "cgi_end.h"

/* The end of the process (docs/performance.md, "The end of a CGI
 * process").  Apache's mod_cgid reads the program's output to its end,
 * then sends the process SIGTERM and, when the process is still there,
 * sleeps 10 ms before looking again (mod_cgi under prefork: 47 ms); the
 * next request on the connection waits for it.  The output ends when the
 * last copy of the program's standard output closes, which an exiting
 * process does before it is gone; and the Apache thread that end wakes
 * often runs before the process has finished exiting.  So a holder, a
 * second process in the same memory (no copy of it), keeps the copies of
 * standard input, output and error open until this process has ended:
 * the kernel kills it then (PR_SET_PDEATHSIG), and its end is the
 * output's.  Where the holder cannot start, the process ends as before.
 * It starts only under a server (GATEWAY_INTERFACE set, RFC 3875 §4.1.4):
 * run by hand nothing waits on the program, and valgrind, which the bench
 * runs the programs under, cannot run a process that shares memory so. */
static pid_t holder_parent;
static unsigned char holder_stack[8192] __attribute__((aligned(16)));

static int
holder(void *arg)
{
	(void)arg;
	/* Without the kernel's word to end it, it would hold the output
	 * for ever; and if the program ended before prctl, it is done. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != holder_parent)
		_exit(0);
	close_range(3, ~0U, 0);	/* nothing else held */
	for (;;)
		pause();
}

void
cgi_end_hold_output(void)
{
	if (getenv("GATEWAY_INTERFACE") == NULL)
		return;
	holder_parent = getpid();
	clone(holder, holder_stack + sizeof(holder_stack), CLONE_VM | SIGCHLD, NULL);
}
