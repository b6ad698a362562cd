/* slow-detach.c - a library for LD_PRELOAD (tests/http/t0240): setsid()
 * as the C library does it, then a pause of SLOW_DETACH_MS milliseconds
 * (1000 unless set).  apache2 -k start calls setsid() in its daemon as it
 * detaches: after its ports already answer, before it reads its
 * configuration a second time and writes its pid file.  The pause holds
 * it there, as a loaded machine might. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

pid_t
setsid(void)
{
	pid_t (*real)(void) = (pid_t (*)(void))dlsym(RTLD_NEXT, "setsid");
	const char *ms = getenv("SLOW_DETACH_MS");
	long n = ms != NULL ? atol(ms) : 1000;
	struct timespec pause = { n / 1000, n % 1000 * 1000000L };
	pid_t sid;

	if (real == NULL)
		abort();
	sid = real();
	nanosleep(&pause, NULL);
	return sid;
}
