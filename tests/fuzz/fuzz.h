/* fuzz.h - what every libFuzzer harness shares: FUZZ_ASSERT, a promise of
 * the code under test that the harness checks on every input. */
#ifndef CGILAB_FUZZ_H
#define CGILAB_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

/* A broken promise: abort, so that libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort();					\
		}							\
	} while (0)

#endif
