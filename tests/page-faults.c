/* page-faults.c - how many page faults does a CGI program take to answer
 * one request, and how many pages does it make present?  In a new process
 * each page's first touch is a fault, and on a virtual machine each costs
 * 10 to 15 microseconds: the programs make their image present at their
 * start instead (lib/cgi_start.c), a page for a tenth of a microsecond to
 * one microsecond, which is cheap only for the pages a request needs.
 *
 *     page-faults [-u USER] N PROGRAM
 *
 * runs PROGRAM (with this environment, as USER when given, its output to
 * a pipe read to the end) N times and prints the fewest page faults it
 * took, counted by the kernel's software event (perf_event_open, user
 * mode: faults taken, not the pages madvise made present), the fewest
 * minor faults getrusage counted (which counts those pages too), and the
 * answers' first lines.  Exits 0; 3 when perf_event_open is refused here
 * (the caller skips); 2 when it could not run the program.  Only for the
 * tests. */
#include <grp.h>
#include <linux/perf_event.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "answers.h"

int
main(int argc, char **argv)
{
	const struct passwd *pw = NULL;
	long long fewest = -1, fewest_present = -1;
	char first[256], seen[1024] = "";
	int n;

	if (argc == 5 && strcmp(argv[1], "-u") == 0) {
		if ((pw = getpwnam(argv[2])) == NULL) {
			fprintf(stderr, "page-faults: no user %s\n", argv[2]);
			return 2;
		}
		argv += 2;
		argc -= 2;
	}
	if (argc != 3 || (n = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: page-faults [-u USER] N PROGRAM\n");
		return 2;
	}
	for (int i = 0; i < n; i++) {
		struct perf_event_attr pe;
		struct rusage ru;
		int go[2], out[2], fd, status;
		uint64_t count;
		char buf[65536];
		ssize_t got;
		pid_t pid;

		if (pipe(go) != 0 || pipe(out) != 0 || (pid = fork()) < 0) {
			perror("page-faults: pipe or fork");
			return 2;
		}
		if (pid == 0) {	/* waits until it is counted, then runs */
			close(go[1]);
			close(out[0]);
			dup2(out[1], STDOUT_FILENO);
			close(out[1]);
			if (read(go[0], buf, 1) != 1)
				_exit(127);
			close(go[0]);
			if (pw != NULL && (setgroups(0, NULL) != 0 ||
			    setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0))
				_exit(126);
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
			return 3;
		}
		if (write(go[1], "g", 1) != 1)
			return 2;
		close(go[1]);
		first[0] = '\0';
		while ((got = read(out[0], buf, sizeof(buf) - 1)) > 0)
			answer_first_line(first, sizeof(first), buf, got);
		close(out[0]);
		if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0 ||
		    read(fd, &count, sizeof(count)) != sizeof(count)) {
			fprintf(stderr, "page-faults: %s did not run\n", argv[2]);
			return 2;
		}
		close(fd);
		if (fewest < 0 || (long long)count < fewest)
			fewest = (long long)count;
		if (fewest_present < 0 || ru.ru_minflt < fewest_present)
			fewest_present = ru.ru_minflt;
		answers_add(seen, sizeof(seen), first);
	}
	printf("%lld page faults, %lld minor faults with the pages made present; answers: %s\n",
	    fewest, fewest_present, seen);
	return 0;
}
