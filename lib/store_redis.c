/* store_redis.c - the store in Redis, through hiredis: what several Apache
 * machines share when one SQLite file on one machine is no longer enough.
 *
 * Keys, all under "cgilab:" (one Redis database may hold other things):
 *   cgilab:users           a hash, id -> name
 *   cgilab:users:next_id   the last id given; INCR makes the next, so a
 *                          deleted id is never given again
 *   cgilab:users:version   the list's version (its ETag), bumped by INCR
 *                          in the same MULTI/EXEC as every write to users
 *   cgilab:session:<key>   a session's name under the SHA-256 of its id
 *                          (session_id_key; never the id itself), made
 *                          with SET ... EX <ttl>: Redis drops it when it
 *                          expires, so there is nothing to purge.  (Keys
 *                          of ids kept in the clear by older versions
 *                          are never found again and expire.)
 *
 * Every write is one MULTI/EXEC.  A replace or a delete first WATCHes the
 * hash and checks that the id is there, so it never creates a user and
 * answers 404 for one that is gone; EXEC fails when another client wrote
 * the hash in between, and it goes round again until the timeout.  The
 * version key starts at a random number (SET NX, queued in every
 * transaction, so a flushed database starts afresh too) and so never
 * repeats another database's tags, as store_sqlite.c's does.
 *
 * A Redis that refuses the connection, closes it, or does not answer in
 * time is STORE_BUSY (503 with Retry-After), never a hang: connecting
 * waits at most CONNECT_TIMEOUT_MS, each reply at most the busy timeout.
 * A connection kept between requests (FastCGI) is checked before each
 * operation and made again when the server closed it, and dropped after
 * a timeout or an error that passes by itself (READONLY, LOADING). */
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <hiredis/hiredis.h>

#include "clock.h"
#include "decode.h"
#include "log.h"
#include "redis_url.h"
#include "store_impl.h"

#define KEY_USERS		"cgilab:users"
#define KEY_USERS_NEXT_ID	"cgilab:users:next_id"
#define KEY_USERS_VERSION	"cgilab:users:version"
#define KEY_SESSION		"cgilab:session:"	/* and the id's key */

#define CONNECT_TIMEOUT_MS	1000	/* or the busy timeout, if shorter */
#define MIN_TIMEOUT_MS		100	/* 0 would mean "wait for ever" */
#define VERSION_START_MAX	1000000000000LL	/* as store_sqlite.c's */

struct redis_store {
	struct store base;
	redisContext *c;	/* NULL while not connected */
	struct redis_url url;
	long timeout_ms;
};

static const struct store_ops redis_ops;

static struct timeval
timeval_ms(long ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	return tv;
}

/* Where the users version starts in a new database. */
static long long
version_start(void)
{
	unsigned long long v;

	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != (ssize_t)sizeof(v)) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		v = (unsigned long long)ts.tv_sec * 1000000000ULL +
		    (unsigned long long)ts.tv_nsec + (unsigned long long)getpid();
	}
	return (long long)(v % VERSION_START_MAX);
}

/* The connection failed (refused, closed, reset, timed out): log why and
 * drop it; the next operation connects again. */
static enum store_result
lost(struct redis_store *st, const char *what)
{
	enum store_result r = st->c->err == REDIS_ERR_OOM ? STORE_ERROR :
	    STORE_BUSY;

	log_error("redis: %s: %s", what,
	    st->c->errstr[0] != '\0' ? st->c->errstr : "the connection failed");
	redisFree(st->c);
	st->c = NULL;
	return r;
}

/* An error reply.  Those that pass by themselves (a server loading its
 * data, a failover under way, a slow script) are STORE_BUSY. */
static enum store_result
refused(const char *what, const redisReply *reply)
{
	static const char *const passing[] = {
		"LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "READONLY",
		"CLUSTERDOWN", "NOREPLICAS"
	};

	log_error("redis: %s: %s", what, reply->str);
	for (size_t i = 0; i < sizeof(passing) / sizeof(passing[0]); i++) {
		size_t n = strlen(passing[i]);

		if (strncmp(reply->str, passing[i], n) == 0 &&
		    (reply->str[n] == ' ' || reply->str[n] == '\0'))
			return STORE_BUSY;
	}
	return STORE_ERROR;
}

/* Queues one command; it is sent with the others when the replies are
 * read.  A failure here (memory) sets c->err, which replies() reports. */
static void
queue(struct redis_store *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)redisvAppendCommand(st->c, fmt, ap);
	va_end(ap);
}

/* Sends the n queued commands in one write and reads their n replies;
 * returns the last (free it), or NULL with *r set when the connection
 * failed or any reply is an error.  All n are read either way, so the
 * connection stays in step.  After an error that passes by itself
 * (STORE_BUSY: READONLY from a master turned replica, LOADING, ...) the
 * connection is dropped too: the next operation connects again, so a
 * kept connection (FastCGI) follows the address to the new master as a
 * new process (CGI) does, rather than asking the old one for ever. */
static redisReply *
replies(struct redis_store *st, int n, const char *what, enum store_result *r)
{
	redisReply *reply = NULL;

	*r = STORE_OK;
	for (int i = 0; i < n; i++) {
		freeReplyObject(reply);
		if (redisGetReply(st->c, (void **)&reply) != REDIS_OK) {
			*r = lost(st, what);
			return NULL;
		}
		if (reply->type == REDIS_REPLY_ERROR && *r == STORE_OK)
			*r = refused(what, reply);
	}
	if (*r != STORE_OK) {
		freeReplyObject(reply);
		if (*r == STORE_BUSY) {
			redisFree(st->c);
			st->c = NULL;
		}
		return NULL;
	}
	return reply;
}

/* EXEC's reply to n queued commands: STORE_OK when each ran, with
 * *conflict set instead when a WATCHed key changed (a nil reply). */
static enum store_result
exec_result(const char *what, const redisReply *reply, size_t n,
    int *conflict)
{
	*conflict = reply->type == REDIS_REPLY_NIL;
	if (*conflict)
		return STORE_OK;
	if (reply->type != REDIS_REPLY_ARRAY || reply->elements != n) {
		log_error("redis: %s: EXEC gave an unexpected reply", what);
		return STORE_ERROR;
	}
	for (size_t i = 0; i < n; i++)
		if (reply->element[i]->type == REDIS_REPLY_ERROR)
			return refused(what, reply->element[i]);
	return STORE_OK;
}

/* An integer reply, or a string of one (GET); -1 when it is neither. */
static int
reply_number(const redisReply *reply, long long *v)
{
	if (reply->type == REDIS_REPLY_INTEGER) {
		*v = reply->integer;
		return 0;
	}
	if (reply->type != REDIS_REPLY_STRING)
		return -1;
	*v = decimal_parse(reply->str, reply->len, LLONG_MAX);
	return *v < 0 ? -1 : 0;
}

static enum store_result
connect_redis(struct redis_store *st)
{
	long connect_ms = st->timeout_ms < CONNECT_TIMEOUT_MS ?
	    st->timeout_ms : CONNECT_TIMEOUT_MS;
	enum store_result r;
	redisReply *reply;
	int n = 0;

	st->c = redisConnectWithTimeout(st->url.host, st->url.port,
	    timeval_ms(connect_ms));
	if (st->c == NULL) {
		log_error("redis: out of memory");
		return STORE_ERROR;
	}
	if (st->c->err) {
		log_error("redis: connect to %s port %d: %s", st->url.host,
		    st->url.port, st->c->errstr);
		redisFree(st->c);
		st->c = NULL;
		return STORE_BUSY;
	}
	if (redisSetTimeout(st->c, timeval_ms(st->timeout_ms)) != REDIS_OK)
		return lost(st, "set the timeout");
	if (st->url.password != NULL && st->url.user != NULL)
		queue(st, "AUTH %s %s", st->url.user, st->url.password), n++;
	else if (st->url.password != NULL)
		queue(st, "AUTH %s", st->url.password), n++;
	if (st->url.db != 0)
		queue(st, "SELECT %d", st->url.db), n++;
	if (n == 0)
		return STORE_OK;
	if ((reply = replies(st, n, "AUTH and SELECT", &r)) == NULL) {
		if (st->c != NULL) {	/* refused: a wrong password, no such db */
			redisFree(st->c);
			st->c = NULL;
		}
		return r;
	}
	freeReplyObject(reply);
	return STORE_OK;
}

/* A connection to use now: the kept one when the server has not closed
 * it, else a new one. */
static enum store_result
ready(struct redis_store *st)
{
	if (st->c != NULL) {
		struct pollfd p = { .fd = st->c->fd, .events = POLLIN };

		/* Between commands the server sends nothing: a readable
		 * socket is one it closed (a restart) or reset. */
		if (st->c->err == 0 && poll(&p, 1, 0) == 0)
			return STORE_OK;
		redisFree(st->c);
		st->c = NULL;
	}
	return connect_redis(st);
}

struct store *
store_redis_open(const char *url, long busy_ms, enum store_result *why)
{
	struct redis_store *st;
	const char *problem;

	*why = STORE_ERROR;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	st->base.ops = &redis_ops;
	st->timeout_ms = busy_ms < MIN_TIMEOUT_MS ? MIN_TIMEOUT_MS : busy_ms;
	/* Never the URL itself in the log: it may hold a password. */
	if (redis_url_parse(url, &st->url, &problem) < 0) {
		log_error("CGILAB_STORE: the redis:// location is wrong: %s",
		    problem);
		goto err;
	}
	if (st->url.tls) {
		log_error("CGILAB_STORE: rediss:// (TLS) needs hiredis 1.0 or "
		    "later with hiredis_ssl; this program has hiredis %d.%d",
		    HIREDIS_MAJOR, HIREDIS_MINOR);
		goto err;
	}
	/* hiredis writes with write(2): a server that closed the connection
	 * must be an error to answer, not a SIGPIPE that kills the process. */
	signal(SIGPIPE, SIG_IGN);
	if ((*why = connect_redis(st)) != STORE_OK)
		goto err;
	return &st->base;
err:
	redis_ops.close(&st->base);
	return NULL;
}

static void
redis_close(struct store *base)
{
	struct redis_store *st = (struct redis_store *)base;

	if (st->c != NULL)
		redisFree(st->c);
	redis_url_free(&st->url);
	free(st);
}

/* Queues the commands that read the users version, starting it first
 * if this database has none. */
static void
send_version_read(struct redis_store *st)
{
	queue(st, "SET %s %lld NX", KEY_USERS_VERSION, version_start());
	queue(st, "GET %s", KEY_USERS_VERSION);
}

static enum store_result
redis_users_version(struct store *base, long long *version)
{
	struct redis_store *st = (struct redis_store *)base;
	const char *what = "users version";
	enum store_result r;
	redisReply *reply;
	int conflict;

	if ((r = ready(st)) != STORE_OK)
		return r;
	queue(st, "MULTI");
	send_version_read(st);
	queue(st, "EXEC");
	if ((reply = replies(st, 4, what, &r)) == NULL)
		return r;
	if ((r = exec_result(what, reply, 2, &conflict)) == STORE_OK &&
	    (conflict || reply_number(reply->element[1], version) < 0)) {
		log_error("redis: %s: %s is not a number", what, KEY_USERS_VERSION);
		r = STORE_ERROR;
	}
	freeReplyObject(reply);
	return r;
}

static int
by_id(const void *a, const void *b)
{
	const struct user *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* HGETALL's flat field, value list into users, sorted by id. */
static enum store_result
users_from_hash(const redisReply *hash, struct user_list *out)
{
	size_t n = hash->elements / 2;

	if (hash->type != REDIS_REPLY_ARRAY || hash->elements % 2 != 0) {
		log_error("redis: %s is not a hash", KEY_USERS);
		return STORE_ERROR;
	}
	for (size_t i = 0; i < n; i++) {
		const redisReply *field = hash->element[2 * i];
		const redisReply *value = hash->element[2 * i + 1];
		long long id;

		if (field->type != REDIS_REPLY_STRING ||
		    value->type != REDIS_REPLY_STRING ||
		    (id = decimal_parse(field->str, field->len,
		    9007199254740991LL)) < 1) {
			log_error("redis: %s has a field that is not an id",
			    KEY_USERS);
			return STORE_ERROR;
		}
		if (user_list_add(out, id, value->str, value->len) != 0)
			return STORE_ERROR;
	}
	/* A hash has no order: ascending id, as the list promises. */
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), by_id);
	return STORE_OK;
}

static enum store_result
redis_users_list(struct store *base, struct user_list *out,
    long long *version)
{
	struct redis_store *st = (struct redis_store *)base;
	const char *what = "list users";
	enum store_result r;
	redisReply *reply;
	int conflict;

	memset(out, 0, sizeof(*out));
	if ((r = ready(st)) != STORE_OK)
		return r;
	/* One transaction: the list and its version agree. */
	queue(st, "MULTI");
	send_version_read(st);
	queue(st, "HGETALL %s", KEY_USERS);
	queue(st, "EXEC");
	if ((reply = replies(st, 5, what, &r)) == NULL)
		return r;
	if ((r = exec_result(what, reply, 3, &conflict)) == STORE_OK) {
		if (conflict || reply_number(reply->element[1], version) < 0) {
			log_error("redis: %s: %s is not a number", what,
			    KEY_USERS_VERSION);
			r = STORE_ERROR;
		} else
			r = users_from_hash(reply->element[2], out);
	}
	freeReplyObject(reply);
	if (r != STORE_OK)
		user_list_free(out);
	return r;
}

static enum store_result
redis_user_get(struct store *base, long long id, struct user *out)
{
	struct redis_store *st = (struct redis_store *)base;
	enum store_result r;
	redisReply *reply;

	if ((r = ready(st)) != STORE_OK)
		return r;
	queue(st, "HGET %s %lld", KEY_USERS, id);
	if ((reply = replies(st, 1, "get user", &r)) == NULL)
		return r;
	if (reply->type == REDIS_REPLY_NIL)
		r = STORE_NOT_FOUND;
	else if (reply->type != REDIS_REPLY_STRING)
		r = STORE_ERROR;
	else {
		out->id = id;
		out->name = strndup(reply->str, reply->len);
		r = out->name != NULL ? STORE_OK : STORE_ERROR;
	}
	freeReplyObject(reply);
	return r;
}

static enum store_result
redis_user_create(struct store *base, const char *name, long long *id)
{
	struct redis_store *st = (struct redis_store *)base;
	const char *what = "create user";
	enum store_result r;
	redisReply *reply;
	int conflict;

	if ((r = ready(st)) != STORE_OK)
		return r;
	/* The id first: a transaction that then fails leaves a gap, never
	 * a repeat. */
	queue(st, "INCR %s", KEY_USERS_NEXT_ID);
	if ((reply = replies(st, 1, what, &r)) == NULL)
		return r;
	r = reply_number(reply, id) == 0 && *id > 0 ? STORE_OK : STORE_ERROR;
	freeReplyObject(reply);
	if (r != STORE_OK) {
		log_error("redis: %s: %s is not a counter", what, KEY_USERS_NEXT_ID);
		return r;
	}
	queue(st, "MULTI");
	queue(st, "SET %s %lld NX", KEY_USERS_VERSION, version_start());
	queue(st, "HSET %s %lld %s", KEY_USERS, *id, name);
	queue(st, "INCR %s", KEY_USERS_VERSION);
	queue(st, "EXEC");
	if ((reply = replies(st, 5, what, &r)) == NULL)
		return r;
	r = exec_result(what, reply, 3, &conflict);
	freeReplyObject(reply);
	return r;	/* nothing was WATCHed: no conflict */
}

/* After an error in a WATCH ... EXEC sequence the connection may still
 * watch a key (or be inside MULTI): drop it rather than keep that state
 * for the next operation. */
static enum store_result
unwatched(struct redis_store *st, enum store_result r)
{
	if (st->c != NULL) {
		redisFree(st->c);
		st->c = NULL;
	}
	return r;
}

/* Replaces the name of user id, or deletes it when name is NULL, only
 * if it exists: WATCH the hash, look, then MULTI the change with the
 * version bump.  EXEC gives nil when another client wrote the hash in
 * between; then it looks again, until the timeout. */
static enum store_result
change_user(struct redis_store *st, long long id, const char *name)
{
	const char *what = name != NULL ? "replace user" : "delete user";
	struct timespec start;
	enum store_result r;
	redisReply *reply;
	int exists, conflict, tries = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if ((r = ready(st)) != STORE_OK)
			return r;
		queue(st, "WATCH %s", KEY_USERS);
		queue(st, "HEXISTS %s %lld", KEY_USERS, id);
		if ((reply = replies(st, 2, what, &r)) == NULL)
			return unwatched(st, r);
		exists = reply->type == REDIS_REPLY_INTEGER && reply->integer == 1;
		freeReplyObject(reply);
		if (!exists) {
			queue(st, "UNWATCH");
			if ((reply = replies(st, 1, what, &r)) == NULL)
				return unwatched(st, r);
			freeReplyObject(reply);
			return STORE_NOT_FOUND;
		}
		queue(st, "MULTI");
		queue(st, "SET %s %lld NX", KEY_USERS_VERSION, version_start());
		if (name != NULL)
			queue(st, "HSET %s %lld %s", KEY_USERS, id, name);
		else
			queue(st, "HDEL %s %lld", KEY_USERS, id);
		queue(st, "INCR %s", KEY_USERS_VERSION);
		queue(st, "EXEC");
		if ((reply = replies(st, 5, what, &r)) == NULL)
			return unwatched(st, r);
		r = exec_result(what, reply, 3, &conflict);
		freeReplyObject(reply);
		if (r != STORE_OK || !conflict)
			return r;
		tries++;
		if (ms_since(&start) >= st->timeout_ms) {
			log_error("redis: %s: %s kept changing under %d tries "
			    "for %ld ms", what, KEY_USERS, tries, st->timeout_ms);
			return STORE_BUSY;
		}
	}
}

static enum store_result
redis_user_replace(struct store *base, long long id, const char *name)
{
	return change_user((struct redis_store *)base, id, name);
}

static enum store_result
redis_user_delete(struct store *base, long long id)
{
	return change_user((struct redis_store *)base, id, NULL);
}

/* A session: SET NX with its time to live, and the one it replaces
 * deleted in the same transaction.  A time to live of 0 (or less) makes
 * a session that has expired already: none is stored. */
static enum store_result
redis_session_create(struct store *base, const char *id, const char *name,
    time_t created, time_t expires, const char *replaces)
{
	struct redis_store *st = (struct redis_store *)base;
	const char *what = "create session";
	long long ttl = (long long)(expires - created);
	enum store_result r;
	redisReply *reply;
	int n = 0;

	if ((r = ready(st)) != STORE_OK)
		return r;
	queue(st, "MULTI");
	if (replaces != NULL)
		queue(st, "DEL " KEY_SESSION "%s", replaces), n++;
	if (ttl > 0)
		queue(st, "SET " KEY_SESSION "%s %s EX %lld NX", id, name, ttl), n++;
	queue(st, "EXEC");
	if ((reply = replies(st, n + 2, what, &r)) == NULL)
		return r;
	r = redis_session_created(reply, n, ttl > 0);
	freeReplyObject(reply);
	return r;
}

enum store_result
redis_session_created(const redisReply *reply, int n, int set)
{
	const char *what = "create session";
	enum store_result r;
	int conflict;

	r = exec_result(what, reply, (size_t)n, &conflict);
	/* Nothing was WATCHed, so a nil EXEC is a Redis (or something in
	 * between) that did not run the transaction: no element to read. */
	if (r == STORE_OK && conflict) {
		log_error("redis: %s: EXEC answered nil: the transaction did not run", what);
		return STORE_ERROR;
	}
	/* NX: a nil reply to SET is an id that is taken already, which 128
	 * random bits make a sign of a broken random source. */
	if (r == STORE_OK && set &&
	    reply->element[n - 1]->type != REDIS_REPLY_STATUS) {
		log_error("redis: %s: the new id is taken already", what);
		r = STORE_ERROR;
	}
	return r;
}

/* Redis's clock decides when a session has expired, not now: several
 * machines then agree even when their clocks do not. */
static enum store_result
redis_session_find(struct store *base, const char *id, time_t now,
    char **name)
{
	struct redis_store *st = (struct redis_store *)base;
	enum store_result r;
	redisReply *reply;

	(void)now;
	if ((r = ready(st)) != STORE_OK)
		return r;
	queue(st, "GET " KEY_SESSION "%s", id);
	if ((reply = replies(st, 1, "find session", &r)) == NULL)
		return r;
	if (reply->type == REDIS_REPLY_NIL)
		r = STORE_NOT_FOUND;
	else if (reply->type != REDIS_REPLY_STRING)
		r = STORE_ERROR;
	else
		r = (*name = strndup(reply->str, reply->len)) != NULL ?
		    STORE_OK : STORE_ERROR;
	freeReplyObject(reply);
	return r;
}

static enum store_result
redis_session_delete(struct store *base, const char *id)
{
	struct redis_store *st = (struct redis_store *)base;
	enum store_result r;
	redisReply *reply;

	if ((r = ready(st)) != STORE_OK)
		return r;
	queue(st, "DEL " KEY_SESSION "%s", id);
	if ((reply = replies(st, 1, "delete session", &r)) == NULL)
		return r;
	r = reply->type != REDIS_REPLY_INTEGER ? STORE_ERROR :
	    reply->integer == 0 ? STORE_NOT_FOUND : STORE_OK;
	freeReplyObject(reply);
	return r;
}

/* Redis expires the keys itself (EX): nothing is left to purge. */
static enum store_result
redis_session_purge(struct store *base, time_t now)
{
	(void)base;
	(void)now;
	return STORE_OK;
}

static const struct store_ops redis_ops = {
	.close = redis_close,
	.users_version = redis_users_version,
	.users_list = redis_users_list,
	.user_get = redis_user_get,
	.user_create = redis_user_create,
	.user_replace = redis_user_replace,
	.user_delete = redis_user_delete,
	.session_create = redis_session_create,
	.session_find = redis_session_find,
	.session_delete = redis_session_delete,
	.session_purge = redis_session_purge,
};
