/* trivial.c - the bench's floor: a CGI program that does nothing but
 * answer.  Built twice (Makefile): trivial.cgi as any C program is, with
 * the programs' compiler flags but dynamically linked (PIE, full RELRO):
 * the trivial hello-world CGI the performance targets' ratio is taken
 * against (docs/performance.md), so a
 * row's ×trivial is what the program costs beyond an ordinary CGI; and
 * trivial-static.cgi linked as the CGI programs are (a static PIE), shown
 * beside it, so the table also says how much of the gap linking alone
 * closes. */
#include <unistd.h>

int
main(void)
{
	static const char answer[] = "Status: 200 OK\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Length: 3\r\n\r\nok\n";

	return write(STDOUT_FILENO, answer, sizeof(answer) - 1) < 0;
}
