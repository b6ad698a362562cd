/* test_redis_url.c - CGILAB_STORE's redis:// locations taken apart
 * (store_redis.c), the good ones and every way one can be wrong. */
#include <stdlib.h>

#include "store_impl.h"
#include "test.h"

TEST(redis_url_host_port_db)
{
	struct redis_url u;
	const char *why = NULL;

	CHECK_INT(redis_url_parse("redis://127.0.0.1:6380/2", &u, &why), 0);
	CHECK_STR(u.host, "127.0.0.1");
	CHECK_INT(u.port, 6380);
	CHECK_INT(u.db, 2);
	CHECK(u.user == NULL);
	CHECK(u.password == NULL);
	CHECK_INT(u.tls, 0);
	redis_url_free(&u);
}

TEST(redis_url_defaults)
{
	struct redis_url u;
	const char *why = NULL;

	CHECK_INT(redis_url_parse("redis://cache.example", &u, &why), 0);
	CHECK_STR(u.host, "cache.example");
	CHECK_INT(u.port, 6379);
	CHECK_INT(u.db, 0);
	redis_url_free(&u);
	CHECK_INT(redis_url_parse("redis://h/", &u, &why), 0);
	CHECK_INT(u.db, 0);
	redis_url_free(&u);
}

TEST(redis_url_password_and_user)
{
	struct redis_url u;
	const char *why = NULL;

	CHECK_INT(redis_url_parse("redis://:s%40cr%3At@h:1/0", &u, &why), 0);
	CHECK(u.user == NULL);
	CHECK_STR(u.password, "s@cr:t");
	CHECK_STR(u.host, "h");
	redis_url_free(&u);
	/* An unescaped '@' in the password: the last one ends it. */
	CHECK_INT(redis_url_parse("redis://app:p@ss@h", &u, &why), 0);
	CHECK_STR(u.user, "app");
	CHECK_STR(u.password, "p@ss");
	CHECK_STR(u.host, "h");
	redis_url_free(&u);
}

TEST(redis_url_ipv6_and_tls)
{
	struct redis_url u;
	const char *why = NULL;

	CHECK_INT(redis_url_parse("rediss://[::1]:6390/3", &u, &why), 0);
	CHECK_STR(u.host, "::1");
	CHECK_INT(u.port, 6390);
	CHECK_INT(u.db, 3);
	CHECK_INT(u.tls, 1);
	redis_url_free(&u);
}

TEST(redis_url_refusals)
{
	static const char *const bad[] = {
		"http://h", "redis:/h", "redis://", "redis://:6379",
		"redis://h:", "redis://h:0", "redis://h:65536", "redis://h:x",
		"redis://h:1x", "redis://h/x", "redis://h/1/2", "redis://h/-1",
		"redis://h?db=1", "redis://h#f", "redis://user@h",
		"redis://:%zz@h", "redis://:a%00b@h", "redis://[::1", "redis://[]",
		"redis://h:1:2",
	};
	struct redis_url u;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = NULL;

		if (redis_url_parse(bad[i], &u, &why) == 0) {
			test_fail(__FILE__, __LINE__, bad[i]);
			redis_url_free(&u);
			continue;
		}
		CHECK(why != NULL && why[0] != '\0');
		CHECK(u.host == NULL && u.password == NULL && u.user == NULL);
	}
}
