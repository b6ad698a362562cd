/* test_store_redis.c - how store_open picks a back end by the location's
 * scheme, and CGILAB_STORE's redis:// locations taken apart
 * (store_redis.c): the good ones and every way one can be wrong.  The
 * Redis operations themselves are tested against a real redis-server in
 * the HTTP tests (t0700, and the users and session tests run on Redis). */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <hiredis/hiredis.h>

#include "memio.h"
#include "redis_url.h"
#include "store.h"
#include "store_impl.h"
#include "test.h"

/* store_open on location: *why and what the log says. */
static struct store *
open_logged(const char *location, enum store_result *why, char **log)
{
	struct capture cap;
	struct store *st;

	*why = STORE_OK;
	capture_stderr(&cap);
	st = store_open(location, 100, why);
	*log = capture_end(&cap);
	return st;
}

TEST(store_open_sqlite_scheme_is_the_sqlite_back_end)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], loc[PATH_MAX + 32];
	enum store_result why;
	struct user_list list;
	struct store *st;
	long long version;
	char *log;

	unit_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/s.db", dir);
	snprintf(loc, sizeof(loc), "sqlite:%s", path);
	/* An empty file, as scripts/lab makes it. */
	fclose(fopen(path, "w"));
	st = open_logged(loc, &why, &log);
	CHECK(st != NULL);
	CHECK_INT(why, STORE_OK);
	if (st != NULL) {
		CHECK_INT(store_users_list(st, &list, &version), STORE_OK);
		CHECK_INT(list.count, 0);
		user_list_free(&list);
	}
	store_close(st);
	free(log);
	unit_rmdir(dir);
}

TEST(store_open_refuses_an_unknown_scheme_without_logging_the_rest)
{
	enum store_result why;
	char *log;

	CHECK(open_logged("memcached://:secret@127.0.0.1:11211", &why, &log) == NULL);
	CHECK_INT(why, STORE_ERROR);
	CHECK(log != NULL && strstr(log, "memcached") != NULL);
	CHECK(log != NULL && strstr(log, "secret") == NULL);
	free(log);
}

TEST(store_open_redis_refusals_are_logged_without_the_password)
{
	enum store_result why;
	char *log;

	CHECK(open_logged("redis://:secret@127.0.0.1:99999/0", &why, &log) == NULL);
	CHECK_INT(why, STORE_ERROR);
	CHECK(log != NULL && strstr(log, "port") != NULL);
	CHECK(log != NULL && strstr(log, "secret") == NULL);
	free(log);
	CHECK(open_logged("rediss://:secret@127.0.0.1/0", &why, &log) == NULL);
	CHECK_INT(why, STORE_ERROR);
	CHECK(log != NULL && strstr(log, "hiredis_ssl") != NULL);
	CHECK(log != NULL && strstr(log, "secret") == NULL);
	free(log);
}

TEST(store_open_redis_that_refuses_the_connection_is_busy)
{
	enum store_result why;
	char *log;

	/* Port 1 on loopback: nothing listens there. */
	CHECK(open_logged("redis://127.0.0.1:1/0", &why, &log) == NULL);
	CHECK_INT(why, STORE_BUSY);
	CHECK(log != NULL && strstr(log, "redis: connect to 127.0.0.1 port 1") != NULL);
	free(log);
}

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

/* EXEC's reply to a new session's MULTI (DEL of the replaced session,
 * SET NX of the new one), as hiredis hands it over.  A nil EXEC (the
 * transaction did not run: only a WATCHed key makes Redis answer so, and
 * this transaction WATCHes none) is an error, never an element read. */
TEST(redis_session_created_reads_exec_replies_safely)
{
	redisReply ok = { .type = REDIS_REPLY_STATUS, .str = "OK", .len = 2 };
	redisReply one = { .type = REDIS_REPLY_INTEGER, .integer = 1 };
	redisReply nil = { .type = REDIS_REPLY_NIL };
	redisReply *both[] = { &one, &ok }, *taken[] = { &one, &nil };
	redisReply exec_both = { .type = REDIS_REPLY_ARRAY, .elements = 2, .element = both };
	redisReply exec_taken = { .type = REDIS_REPLY_ARRAY, .elements = 2, .element = taken };
	redisReply exec_set = { .type = REDIS_REPLY_ARRAY, .elements = 1, .element = &both[1] };
	struct capture cap;
	char *log;

	CHECK_INT(redis_session_created(&exec_both, 2, 1), STORE_OK);
	CHECK_INT(redis_session_created(&exec_set, 1, 1), STORE_OK);
	capture_stderr(&cap);
	CHECK_INT(redis_session_created(&exec_taken, 2, 1), STORE_ERROR);
	CHECK_INT(redis_session_created(&nil, 2, 1), STORE_ERROR);
	CHECK_INT(redis_session_created(&nil, 1, 1), STORE_ERROR);
	log = capture_end(&cap);
	CHECK(log != NULL && strstr(log, "taken already") != NULL);
	CHECK(log != NULL && strstr(log, "did not run") != NULL);
	free(log);
}
