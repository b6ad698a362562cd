/* test.h - the unit tests' harness: TEST(name) { ... } registers a test,
 * CHECK(cond) and CHECK_STR(a, b) record one assertion each.  main() (in
 * main.c) runs every test and ends with "N passed, N failed". */
#ifndef CGILAB_TEST_H
#define CGILAB_TEST_H

#include <stdio.h>
#include <string.h>

struct test {
	const char *name;
	void (*fn)(void);
	struct test *next;
};

extern int test_failed_checks;
void test_register(struct test *t);
void test_fail(const char *file, int line, const char *what);

#define TEST(name)							\
	static void test_##name(void);					\
	static struct test test_entry_##name = { #name, test_##name, NULL }; \
	__attribute__((constructor)) static void test_reg_##name(void)	\
	{								\
		test_register(&test_entry_##name);			\
	}								\
	static void test_##name(void)

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			test_fail(__FILE__, __LINE__, #cond);		\
	} while (0)

#define CHECK_STR(a, b)							\
	do {								\
		const char *a_ = (a), *b_ = (b);			\
		if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {	\
			char m_[512];					\
			snprintf(m_, sizeof(m_), "%s == %s (\"%s\" vs \"%s\")", \
			    #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
			test_fail(__FILE__, __LINE__, m_);		\
		}							\
	} while (0)

#define CHECK_INT(a, b)							\
	do {								\
		long long a_ = (long long)(a), b_ = (long long)(b);	\
		if (a_ != b_) {						\
			char m_[256];					\
			snprintf(m_, sizeof(m_), "%s == %s (%lld vs %lld)", \
			    #a, #b, a_, b_);				\
			test_fail(__FILE__, __LINE__, m_);		\
		}							\
	} while (0)

#endif
