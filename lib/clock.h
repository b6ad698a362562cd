/* clock.h - how long something has taken, on the monotonic clock. */
#ifndef CGILAB_CLOCK_H
#define CGILAB_CLOCK_H

#include <time.h>

/* Milliseconds from start (from clock_gettime(CLOCK_MONOTONIC)) to now. */
long ms_since(const struct timespec *start);

#endif
