/* main.c - runs every registered unit test; one test passes when all its
 * checks hold.  Ends with the summary line "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

int test_failed_checks;
static struct test *tests, **tail = &tests;
static const char *current;

void
test_register(struct test *t)
{
	*tail = t;
	tail = &t->next;
}

void
test_fail(const char *file, int line, const char *what)
{
	printf("  FAIL %s (%s:%d): %s\n", current, file, line, what);
	test_failed_checks++;
}

int
main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	for (struct test *t = tests; t != NULL; t = t->next) {
		int before = test_failed_checks;

		if (argc > 1 && strstr(t->name, argv[1]) == NULL)
			continue;
		current = t->name;
		t->fn();
		if (test_failed_checks == before) {
			passed++;
			printf("ok   %s\n", t->name);
		} else {
			failed++;
			printf("FAIL %s\n", t->name);
		}
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
