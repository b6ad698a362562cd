/* writers_turn.c - the writers' turn: flock(2), bounded by SIGALRM.
 *
 * SQLite's lock is a try-lock: a writer that finds it taken sleeps and
 * tries again, and whoever tries just after it is freed wins, however
 * long the others have waited: at 16 writers the slowest POST took 50
 * times the median.  So a writer first takes an exclusive flock(2) on a
 * file beside the database, blocking: the kernel queues the waiters and
 * hands the lock on in the order they came (Linux chains a waiter that
 * conflicts with an earlier waiter behind it).  Then BEGIN IMMEDIATE
 * finds SQLite's lock free, unless a program that does not take turns
 * (the sqlite3 shell) holds it; the busy handler covers that.  The whole
 * wait is bounded by the busy timeout: an interval timer interrupts
 * flock, and past the deadline the answer is a 503 as before.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/time.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "writers_turn.h"

static void
on_alarm(int sig)
{
	(void)sig;	/* only interrupts flock (no SA_RESTART) */
}

void
writers_turn_init(struct writers_turn *t, char *path)
{
	t->path = path;
	t->fd = -1;
	t->held = 0;
}

int
writers_turn_take(struct writers_turn *t, const struct timespec *since,
    long busy_ms)
{
	static int handler_set;
	struct itimerval timer;
	long left;
	int rc;

	if (t->path == NULL)
		return 0;
	if (t->fd < 0 &&
	    (t->fd = open(t->path, O_RDONLY | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		/* Without it writes still work, on SQLite's lock alone.
		 * (Read-only is enough for flock, so anyone who could open
		 * the file could hold the lock and stall every write: it is
		 * made the writers' user's alone, 0600.) */
		log_error("open %s: %s", t->path, strerror(errno));
		return 0;
	}
	if (flock(t->fd, LOCK_EX | LOCK_NB) == 0) {
		t->held = 1;
		return 0;
	}
	if (!handler_set) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, NULL);
		handler_set = 1;
	}
	while ((left = busy_ms - ms_since(since)) > 0) {
		/* At the deadline, then every 10 ms: a signal that comes
		 * before flock starts waiting is followed by another. */
		memset(&timer, 0, sizeof(timer));
		timer.it_value.tv_sec = left / 1000;
		timer.it_value.tv_usec = left % 1000 * 1000;
		timer.it_interval.tv_usec = 10000;
		setitimer(ITIMER_REAL, &timer, NULL);
		rc = flock(t->fd, LOCK_EX);
		memset(&timer, 0, sizeof(timer));
		setitimer(ITIMER_REAL, &timer, NULL);
		if (rc == 0) {
			t->held = 1;
			return 0;
		}
		if (errno != EINTR)
			break;
	}
	log_error("sqlite: waited %ld ms for the writers' turn: database is locked",
	    ms_since(since));
	return -1;
}

void
writers_turn_end(struct writers_turn *t)
{
	if (t->held) {
		flock(t->fd, LOCK_UN);
		t->held = 0;
	}
}

void
writers_turn_close(struct writers_turn *t)
{
	if (t->fd >= 0)
		close(t->fd);
	free(t->path);
	writers_turn_init(t, NULL);
}
