/* ends-first.c - does a CGI program's output end only after the program
 * has ended?  Apache's mod_cgid reads a program's standard output (a
 * socket, its standard input too) to its end, then sends SIGTERM to the
 * program's process and, if the process is still there, sleeps 10 ms
 * before looking again (mod_cgi: 47 ms); the next request on the
 * connection waits for that.  Its daemon ignores SIGCHLD, so a process
 * that has exited is gone at once.
 *
 *     ends-first N PROGRAM
 *
 * runs PROGRAM (with this environment) N times as mod_cgid does and, at
 * the end of each output, asks whether the process is still there
 * (kill(pid, 0)).  Prints how many times it was, and the first line of
 * each different answer; exits 0 when never, 1 when it was, 2 when it
 * could not run the program.  Only for the tests. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "answers.h"

int
main(int argc, char **argv)
{
	int n = argc == 3 ? atoi(argv[1]) : 0, alive = 0, bytes = 0;
	char buf[65536], first[256] = "", seen[1024] = "";

	if (n <= 0) {
		fprintf(stderr, "usage: ends-first N PROGRAM\n");
		return 2;
	}
	signal(SIGCHLD, SIG_IGN);
	for (int i = 0; i < n; i++) {
		int sv[2];
		ssize_t got;
		pid_t pid;

		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
			return 2;
		if ((pid = fork()) < 0)
			return 2;
		if (pid == 0) {
			dup2(sv[1], STDIN_FILENO);
			dup2(sv[1], STDOUT_FILENO);
			execv(argv[2], (char *[]){ argv[2], NULL });
			_exit(127);
		}
		close(sv[1]);
		first[0] = '\0';
		while ((got = read(sv[0], buf, sizeof(buf) - 1)) > 0 ||
		    (got < 0 && errno == EINTR)) {
			if (got <= 0)
				continue;
			answer_first_line(first, sizeof(first), buf, got);
			bytes += (int)got;
		}
		answers_add(seen, sizeof(seen), first);
		if (kill(pid, 0) == 0)
			alive++;
		close(sv[0]);
	}
	printf("%d runs, %d bytes of output, %d times still running when its output ended; answers: %s\n",
	    n, bytes, alive, seen);
	return alive == 0 ? 0 : 1;
}
