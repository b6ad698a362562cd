/* page-faults.c - how many page faults does a CGI program take to answer
 * one request?  In a new process each page's first touch is a fault, and
 * on a virtual machine each costs 10 to 15 microseconds: the programs
 * make their image present at their start instead (lib/cgi_start.c).
 *
 *     page-faults N PROGRAM
 *
 * runs PROGRAM (with this environment, its output to a pipe read to the
 * end) N times and prints the fewest page faults it took, counted by the
 * kernel's software event (perf_event_open: page faults taken, not the
 * pages madvise made present, which getrusage counts too), and the first
 * line of the answers.  Exits 0, or 2 when it could not count (no
 * perf_event_open here: the caller skips) or run the program.  Only for
 * the tests. */
#include <linux/perf_event.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int n = argc == 3 ? atoi(argv[1]) : 0;
	long long fewest = -1;
	char first[256] = "";

	if (n <= 0) {
		fprintf(stderr, "usage: page-faults N PROGRAM\n");
		return 2;
	}
	for (int i = 0; i < n; i++) {
		struct perf_event_attr pe;
		int go[2], out[2], fd, status;
		uint64_t count;
		char buf[65536];
		ssize_t got;
		pid_t pid;

		if (pipe(go) != 0 || pipe(out) != 0 || (pid = fork()) < 0)
			return 2;
		if (pid == 0) {	/* waits until it is counted, then runs */
			close(go[1]);
			close(out[0]);
			dup2(out[1], STDOUT_FILENO);
			if (read(go[0], buf, 1) != 1)
				_exit(127);
			execv(argv[2], (char *[]){ argv[2], NULL });
			_exit(127);
		}
		close(go[0]);
		close(out[1]);
		memset(&pe, 0, sizeof(pe));
		pe.type = PERF_TYPE_SOFTWARE;
		pe.size = sizeof(pe);
		pe.config = PERF_COUNT_SW_PAGE_FAULTS;
		pe.exclude_kernel = 1;	/* (allowed without privilege) */
		pe.exclude_hv = 1;
		pe.disabled = 1;
		pe.enable_on_exec = 1;
		fd = (int)syscall(SYS_perf_event_open, &pe, pid, -1, -1, 0);
		if (fd < 0) {
			perror("page-faults: perf_event_open");
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			return 2;
		}
		if (write(go[1], "g", 1) != 1)
			return 2;
		close(go[1]);
		while ((got = read(out[0], buf, sizeof(buf) - 1)) > 0)
			if (first[0] == '\0') {
				buf[got] = '\0';
				snprintf(first, sizeof(first), "%.*s",
				    (int)strcspn(buf, "\r\n"), buf);
			}
		close(out[0]);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0 ||
		    read(fd, &count, sizeof(count)) != sizeof(count)) {
			fprintf(stderr, "page-faults: %s did not run\n", argv[2]);
			return 2;
		}
		close(fd);
		if (fewest < 0 || (long long)count < fewest)
			fewest = (long long)count;
	}
	printf("%lld page faults; answer: %s\n", fewest, first);
	return 0;
}
