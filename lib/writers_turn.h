/* writers_turn.h - writers take turns, in the order they came, through an
 * exclusive flock(2) on a file beside the database (store_sqlite.c). */
#ifndef CGILAB_WRITERS_TURN_H
#define CGILAB_WRITERS_TURN_H

#include <time.h>

struct writers_turn {
	char *path;	/* the lock file; NULL: no turns (one connection) */
	int fd;		/* open on it, or -1 */
	int held;	/* this process holds the turn */
};

/* No turns yet; path (may be NULL) is kept, not copied. */
void writers_turn_init(struct writers_turn *t, char *path);

/* Waits for the turn until since + busy_ms (since: CLOCK_MONOTONIC).
 * Returns 0 with the turn held, or when the lock file cannot be opened
 * (writes still work then, on SQLite's lock alone), -1 past the deadline
 * (logged). */
int writers_turn_take(struct writers_turn *t, const struct timespec *since,
    long busy_ms);

/* Gives the turn to the next writer, if this one has it. */
void writers_turn_end(struct writers_turn *t);

/* Closes the lock file and frees path. */
void writers_turn_close(struct writers_turn *t);

#endif
