/* trivial.c - the bench's floor: a CGI program that does nothing but
 * answer.  Built twice (Makefile): trivial.cgi as any C program is, with
 * the programs' compiler flags but dynamically linked (PIE, full RELRO):
 * an ordinary CGI, the reference of the table's ×trivial, so a row's
 * ×trivial is what the program costs beyond an ordinary CGI; and
 * trivial-static.cgi built as the CGI programs are (BUILT_AS_OURS): a
 * static PIE whose output ends only once it has ended (lib/cgi_end.c),
 * the floor the performance targets' ratios are taken against
 * (docs/performance.md), so that they measure what a program's own work
 * costs. */
#include <unistd.h>

#ifdef BUILT_AS_OURS
#include "cgi_end.h"
#endif

int
main(void)
{
	static const char answer[] = "Status: 200 OK\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Length: 3\r\n\r\nok\n";
	int failed = write(STDOUT_FILENO, answer, sizeof(answer) - 1) < 0;

#ifdef BUILT_AS_OURS
	cgi_end_hold_output();
#endif
	return failed;
}
