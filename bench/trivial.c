/* trivial.c - the bench's floor: a CGI program that does nothing but
 * answer.  Built with the same compiler and linker flags as the real
 * programs (dynamically linked, PIE, full RELRO), so a row's ratio to it
 * is what the program's own work costs on top of Apache's fork and exec
 * and the dynamic loader. */
#include <unistd.h>

int
main(void)
{
	static const char answer[] = "Status: 200 OK\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Length: 3\r\n\r\nok\n";

	return write(STDOUT_FILENO, answer, sizeof(answer) - 1) < 0;
}
