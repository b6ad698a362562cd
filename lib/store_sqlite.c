/* store_sqlite.c - the store in one SQLite file (SPEC.md §7).
 *
 * The database is opened one way, everywhere: defensive mode, no
 * double-quoted string literals, a busy handler with a deadline.  The
 * schema is created and migrated here, keyed by PRAGMA user_version, and
 * only when user_version says so: a request on an up-to-date database
 * reads one pragma and does no schema work.  Every write is one
 * BEGIN IMMEDIATE transaction (taken up front, so two writers never
 * deadlock upgrading a read lock), and writers take turns for it in the
 * order they came (take_turn); every statement is prepared once, on
 * first use, and kept for the next request in FastCGI mode. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "arena.h"
#include "log.h"
#include "store_impl.h"

enum stmt_id {
	S_BEGIN_READ, S_BEGIN_WRITE, S_COMMIT, S_ROLLBACK,
	S_USERS_VERSION, S_USERS_BUMP, S_USERS_LIST, S_USER_GET,
	S_USER_CREATE, S_USER_REPLACE, S_USER_DELETE,
	S_SESSION_INSERT, S_SESSION_FIND, S_SESSION_DELETE, S_SESSION_PURGE,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_BEGIN_READ] = "BEGIN",
	[S_BEGIN_WRITE] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_USERS_VERSION] = "SELECT value FROM meta WHERE name = 'users_version'",
	[S_USERS_BUMP] = "UPDATE meta SET value = value + 1 WHERE name = 'users_version'",
	[S_USERS_LIST] = "SELECT id, name FROM users ORDER BY id",
	[S_USER_GET] = "SELECT name FROM users WHERE id = ?1",
	[S_USER_CREATE] = "INSERT INTO users(name) VALUES (?1) RETURNING id",
	[S_USER_REPLACE] = "UPDATE users SET name = ?2 WHERE id = ?1",
	[S_USER_DELETE] = "DELETE FROM users WHERE id = ?1",
	[S_SESSION_INSERT] =
	    "INSERT INTO sessions(id, name, created, expires) VALUES (?1, ?2, ?3, ?4)",
	[S_SESSION_FIND] = "SELECT name FROM sessions WHERE id = ?1 AND expires > ?2",
	[S_SESSION_DELETE] = "DELETE FROM sessions WHERE id = ?1",
	[S_SESSION_PURGE] = "DELETE FROM sessions WHERE expires <= ?1",
};

/* Schema migrations: migrations[n] takes user_version n to n + 1.  Each
 * is one parenthesised script of several literals. */
static const char *const migrations[] = {
	/* 0 -> 1: users, and the version that makes the list's ETag.  The
	 * version starts at a random number so that a new database never
	 * repeats an old one's tags. */
	("CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL"
	");"
	"CREATE TABLE meta ("
	"  name TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"INSERT INTO meta(name, value)"
	"  VALUES ('users_version', abs(random() % 1000000000000));"),
	/* 1 -> 2: sessions (SPEC.md §6), looked up by id; the index on
	 * expires makes the purge of expired rows a range scan. */
	("CREATE TABLE sessions ("
	"  id TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  expires INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE INDEX sessions_expires ON sessions(expires);"),
};
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

struct sqlite_store {
	struct store base;
	sqlite3 *db;
	char *turn_path;		/* the writers' lock file */
	int turn_fd;			/* open on it, or -1 */
	int has_turn;			/* this store holds the writers' lock */
	long busy_ms;
	struct timespec busy_since;	/* when the current wait began */
	int read_open;			/* open's read transaction, not yet taken */
	char *path;			/* the database file (NULL: in memory) */
	dev_t dev;			/* the file open, as stat(2) named it */
	ino_t ino;
	int stale;			/* open it again before the next request */
	sqlite3_stmt *stmt[S_COUNT];
};

static const struct store_ops sqlite_ops;

static enum store_result readonly_files(struct sqlite_store *st);

static enum store_result
fail(struct sqlite_store *st, const char *what)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;

	log_error("sqlite: %s: %s", what, sqlite3_errmsg(st->db));
	if (code == SQLITE_READONLY)
		return readonly_files(st);
	return code == SQLITE_BUSY || code == SQLITE_LOCKED ? STORE_BUSY :
	    STORE_ERROR;
}

/*
 * A write refused as read-only.  Either the database file is not
 * writable (the log says so), or it is again but SQLite's -wal or -shm
 * file is not: SQLite makes them with the database's mode, so while the
 * database was read-only (chmod 0444) it made a read-only -shm, and that
 * one stays after the database is writable again, failing every write.
 * When this user owns such a file it gives it the database's mode and
 * the next request writes (this one is a 503: try again); otherwise the
 * log says exactly what to do (docs/reliability.md).
 */
static enum store_result
readonly_files(struct sqlite_store *st)
{
	static const char *const suffix[] = { "-shm", "-wal" };
	enum store_result r = STORE_ERROR;
	struct stat db, sb;
	char side[PATH_MAX];

	if (st->path == NULL || stat(st->path, &db) != 0)
		return STORE_ERROR;
	if (access(st->path, W_OK) != 0) {
		log_error("sqlite: %s is read-only for uid %ld (mode %04o, owner uid %ld): "
		    "make it writable for that user (chmod u+w, or chown)", st->path,
		    (long)geteuid(), (unsigned)(db.st_mode & 07777), (long)db.st_uid);
		return STORE_ERROR;
	}
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(side, sizeof(side), "%s%s", st->path, suffix[i]);
		if (lstat(side, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    access(side, W_OK) == 0)
			continue;
		if (sb.st_uid == geteuid() &&
		    chmod(side, db.st_mode & 0666) == 0) {
			log_error("sqlite: %s was read-only (mode %04o), left from when the "
			    "database was; gave it the database's mode %04o: the next "
			    "request writes", side, (unsigned)(sb.st_mode & 07777),
			    (unsigned)(db.st_mode & 0666));
			/* This connection opened it read-only: a new one. */
			st->stale = 1;
			r = STORE_BUSY;
		} else
			log_error("sqlite: %s is writable but %s is not (mode %04o, owner uid %ld): "
			    "make it writable for uid %ld (chmod 0644 %s, chown), or remove "
			    "it while no program has the database open",
			    st->path, side, (unsigned)(sb.st_mode & 07777),
			    (long)sb.st_uid, (long)geteuid(), side);
	}
	return r;
}

/*
 * Whether path still names the file this connection has open.  A
 * database deleted or replaced (by a rename) under an open connection
 * would take writes that the next connection, opening the path, never
 * sees: acknowledged and lost.  So a write transaction checks this once
 * it holds SQLite's write lock, and a FastCGI process before each
 * request (store_current).  One stat(2).  Logs why when quiet is 0.
 */
static int
same_file(struct sqlite_store *st, int quiet)
{
	struct stat sb;

	if (st->path == NULL)
		return 1;
	if (stat(st->path, &sb) != 0) {
		if (!quiet)
			log_error("sqlite: %s is gone (%s) while open: it was deleted or moved; "
			    "nothing is written to it, and no request makes a new one "
			    "(scripts/lab and make install create the database)",
			    st->path, strerror(errno));
		return 0;
	}
	if (sb.st_dev != st->dev || sb.st_ino != st->ino) {
		if (!quiet)
			log_error("sqlite: %s was replaced by another file while open; "
			    "nothing is written to the old one", st->path);
		return 0;
	}
	return 1;
}

/* The statement id, prepared on first use. */
static sqlite3_stmt *
stmt(struct sqlite_store *st, enum stmt_id id)
{
	if (st->stmt[id] == NULL &&
	    sqlite3_prepare_v3(st->db, stmt_sql[id], -1,
	    SQLITE_PREPARE_PERSISTENT, &st->stmt[id], NULL) != SQLITE_OK) {
		log_error("sqlite: prepare %s: %s", stmt_sql[id],
		    sqlite3_errmsg(st->db));
		return NULL;
	}
	return st->stmt[id];
}

static void
done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

static enum store_result run(struct sqlite_store *, enum stmt_id);

/* Ends the read transaction store_sqlite_open left open, if it did. */
static enum store_result
end_open_read(struct sqlite_store *st)
{
	if (!st->read_open)
		return STORE_OK;
	st->read_open = 0;
	return run(st, S_COMMIT);
}

/* Runs a statement that returns no rows.  A BEGIN takes over the read
 * transaction store_sqlite_open left open, if there is one: a read goes
 * on in it, a write ends it first. */
static enum store_result
run(struct sqlite_store *st, enum stmt_id id)
{
	sqlite3_stmt *s;
	enum store_result r;
	int rc;

	if (id == S_BEGIN_READ && st->read_open) {
		st->read_open = 0;
		return STORE_OK;
	}
	if (id == S_BEGIN_WRITE && (r = end_open_read(st)) != STORE_OK)
		return r;
	if ((s = stmt(st, id)) == NULL)
		return STORE_ERROR;
	rc = sqlite3_step(s);
	done(s);
	if (rc != SQLITE_DONE)
		return fail(st, stmt_sql[id]);
	if (id == S_BEGIN_WRITE && !same_file(st, 0)) {
		st->stale = 1;
		run(st, S_ROLLBACK);
		return STORE_ERROR;
	}
	return STORE_OK;
}

static void
rollback(struct sqlite_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		run(st, S_ROLLBACK);
}

static long
ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000;
}

/*
 * Writers take turns.  SQLite's lock is a try-lock: a writer that finds
 * it taken sleeps and tries again, and whoever tries just after it is
 * freed wins, however long the others have waited: at 16 writers the
 * slowest POST took 50 times the median.  So a writer first takes an
 * exclusive flock(2) on a file beside the database, blocking: the kernel
 * queues the waiters and hands the lock on in the order they came
 * (Linux chains a waiter that conflicts with an earlier waiter behind
 * it).  Then BEGIN IMMEDIATE finds SQLite's lock free, unless a program
 * that does not take turns (the sqlite3 shell) holds it; busy_wait covers
 * that.  The whole wait is bounded by the busy timeout: an interval timer
 * interrupts flock, and past the deadline the answer is a 503 as before.
 */
static void
on_alarm(int sig)
{
	(void)sig;	/* only interrupts flock (no SA_RESTART) */
}

static enum store_result
take_turn(struct sqlite_store *st)
{
	static int handler_set;
	struct itimerval timer;
	long left;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &st->busy_since);
	if (st->turn_path == NULL)
		return STORE_OK;
	if (st->turn_fd < 0 &&
	    (st->turn_fd = open(st->turn_path, O_RDONLY | O_CREAT | O_CLOEXEC,
	    0644)) < 0) {
		/* Without it writes still work, on SQLite's lock alone.
		 * (Read-only is enough for flock, so a lock file someone
		 * else created serves too.) */
		log_error("open %s: %s", st->turn_path, strerror(errno));
		return STORE_OK;
	}
	if (flock(st->turn_fd, LOCK_EX | LOCK_NB) == 0) {
		st->has_turn = 1;
		return STORE_OK;
	}
	if (!handler_set) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, NULL);
		handler_set = 1;
	}
	while ((left = st->busy_ms - ms_since(&st->busy_since)) > 0) {
		/* At the deadline, then every 10 ms: a signal that comes
		 * before flock starts waiting is followed by another. */
		memset(&timer, 0, sizeof(timer));
		timer.it_value.tv_sec = left / 1000;
		timer.it_value.tv_usec = left % 1000 * 1000;
		timer.it_interval.tv_usec = 10000;
		setitimer(ITIMER_REAL, &timer, NULL);
		rc = flock(st->turn_fd, LOCK_EX);
		memset(&timer, 0, sizeof(timer));
		setitimer(ITIMER_REAL, &timer, NULL);
		if (rc == 0) {
			st->has_turn = 1;
			return STORE_OK;
		}
		if (errno != EINTR)
			break;
	}
	log_error("sqlite: waited %ld ms for the writers' turn: database is locked",
	    ms_since(&st->busy_since));
	return STORE_BUSY;
}

static void
end_turn(struct sqlite_store *st)
{
	if (st->has_turn) {
		flock(st->turn_fd, LOCK_UN);
		st->has_turn = 0;
	}
}

/* Begins a write transaction, in turn. */
static enum store_result
begin_write_txn(struct sqlite_store *st)
{
	enum store_result r;

	/* (No read transaction kept while waiting for the turn.) */
	if ((r = end_open_read(st)) != STORE_OK)
		return r;
	if ((r = take_turn(st)) != STORE_OK)
		return r;
	if ((r = run(st, S_BEGIN_WRITE)) != STORE_OK)
		end_turn(st);
	return r;
}

/* Ends a transaction, COMMIT when r is STORE_OK, ROLLBACK otherwise, and
 * the writer's turn with it. */
static enum store_result
finish(struct sqlite_store *st, enum store_result r)
{
	if (r != STORE_OK || (r = run(st, S_COMMIT)) != STORE_OK)
		rollback(st);
	end_turn(st);
	return r;
}

/* SQLite's lock taken all the same (by a program that does not take
 * turns, or the last connection checkpointing as it closes): waits in
 * short, even steps instead of SQLite's growing sleeps, until the
 * deadline, which for a writer counts from the start of its turn's wait. */
static int
busy_wait(void *arg, int count)
{
	struct sqlite_store *st = arg;

	if (count == 0 && !st->has_turn)
		clock_gettime(CLOCK_MONOTONIC, &st->busy_since);
	if (ms_since(&st->busy_since) >= st->busy_ms)
		return 0;
	sqlite3_sleep(1);
	return 1;
}

/* Runs each statement of a constant script (the migrations). */
static int
exec_script(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	const char *tail;

	while (*sql != '\0') {
		if (sqlite3_prepare_v2(db, sql, -1, &s, &tail) != SQLITE_OK)
			return -1;
		if (s != NULL) {
			int rc = sqlite3_step(s);

			sqlite3_finalize(s);
			if (rc != SQLITE_DONE && rc != SQLITE_ROW)
				return -1;
		}
		sql = tail;
	}
	return 0;
}

static int
user_version(sqlite3 *db)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static enum store_result
migrate(struct sqlite_store *st)
{
	enum store_result r;
	char sql[64];
	int v;

	/* WAL is a property of the file: set once, when it is new.  It lets
	 * readers go on while one process writes. */
	if (exec_script(st->db, "PRAGMA journal_mode=WAL") < 0)
		return fail(st, "journal_mode=WAL");
	/* (A turn not had in time is a 503; the reason is logged.) */
	if ((r = begin_write_txn(st)) != STORE_OK)
		return r;
	/* Another process may have migrated while this one waited. */
	if ((v = user_version(st->db)) < 0)
		return finish(st, fail(st, "user_version"));
	for (; v < SCHEMA_VERSION; v++)
		if (exec_script(st->db, migrations[v]) < 0)
			return finish(st, fail(st, "migration"));
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", SCHEMA_VERSION);
	if (exec_script(st->db, sql) < 0)
		return finish(st, fail(st, "set user_version"));
	return finish(st, STORE_OK);
}

static void *
arena_sqlite_malloc(int n)
{
	return arena_alloc((size_t)n);
}

static void *
arena_sqlite_realloc(void *p, int n)
{
	return arena_realloc(p, (size_t)n);
}

static int
arena_sqlite_size(void *p)
{
	return (int)arena_size(p);
}

static int
arena_sqlite_roundup(int n)
{
	return (n + 15) & ~15;
}

static int
arena_sqlite_init(void *data)
{
	(void)data;
	return SQLITE_OK;
}

static void
arena_sqlite_shutdown(void *data)
{
	(void)data;
}

static const sqlite3_mem_methods arena_methods = {
	arena_sqlite_malloc, arena_free, arena_sqlite_realloc,
	arena_sqlite_size, arena_sqlite_roundup, arena_sqlite_init,
	arena_sqlite_shutdown, NULL
};

/* Once per process, before its first connection.  One thread uses SQLite
 * (in FastCGI mode too: the request loop is single-threaded), so its
 * mutexes, and the memory statistics they guard, are pure cost: about a
 * tenth of a CGI request's instructions.  The page cache starts empty
 * rather than with room for 20 pages set up at once: a request reads four
 * or five pages, and in a new process every fresh page of memory touched
 * is a page fault (a sixth of users.cgi's faults).  A process that serves
 * one request allocates from the arena. */
static void
configure_process(void)
{
	static int configured;

	if (configured)
		return;
	configured = 1;
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	if (arena_in_use())
		sqlite3_config(SQLITE_CONFIG_MALLOC, &arena_methods);
}

struct store *
store_sqlite_open(const char *path, long busy_ms, enum store_result *why)
{
	struct sqlite_store *st;
	struct stat before;
	enum store_result r;
	int v;

	*why = STORE_ERROR;
	if (path == NULL || *path == '\0') {
		log_error("CGILAB_DB is not set: the server config names the database file");
		return NULL;
	}
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	st->base.ops = &sqlite_ops;
	st->busy_ms = busy_ms;
	st->turn_fd = -1;
	/* An in-memory database (the fuzzers') has one connection and no
	 * file beside which to keep the writers' lock. */
	if (strcmp(path, ":memory:") != 0) {
		if ((st->turn_path = malloc(strlen(path) + sizeof("-writer"))) == NULL)
			goto err;
		strcpy(st->turn_path, path);
		strcat(st->turn_path, "-writer");
	}
	configure_process();
	/* Never SQLITE_OPEN_CREATE: scripts/lab and make install create the
	 * database; a request that made a new empty one where the file went
	 * missing would hand out ids again and lose what came before. */
	if (st->turn_path != NULL) {
		if ((st->path = strdup(path)) == NULL)
			goto err;
		if (stat(path, &before) != 0) {
			log_error("sqlite: open %s: unable to open database file: %s "
			    "(scripts/lab and make install create the database; no "
			    "request makes a new one)", path, strerror(errno));
			goto err;
		}
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_error("sqlite: open %s: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto err;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	sqlite3_busy_handler(st->db, busy_wait, st);
	/* The schema check, in a read transaction.  A process that serves
	 * one request (CGI mode) does one operation next, so the transaction
	 * is left open for it (run takes it over): otherwise SQLite would
	 * open two more, one to read the schema as the first statement is
	 * prepared and one to run it, each a dozen system calls. */
	if (run(st, S_BEGIN_READ) != STORE_OK ||
	    (v = user_version(st->db)) < 0) {
		*why = fail(st, "open");
		goto err;
	}
	/* The file is open now: what the path named before the open and
	 * names still is the file open (same_file compares with it). */
	if (st->path != NULL) {
		st->dev = before.st_dev;
		st->ino = before.st_ino;
		if (!same_file(st, 0))
			goto err;
	}
	if (v == SCHEMA_VERSION && arena_in_use())
		st->read_open = 1;
	else if ((r = run(st, S_COMMIT)) != STORE_OK) {
		*why = r;	/* (run logged it) */
		goto err;
	}
	if (v > SCHEMA_VERSION) {
		log_error("sqlite: %s has schema version %d, newer than this program's %d",
		    path, v, SCHEMA_VERSION);
		goto err;
	}
	if (v < SCHEMA_VERSION && (*why = migrate(st)) != STORE_OK)
		goto err;
	*why = STORE_OK;
	return &st->base;
err:
	sqlite_ops.close(&st->base);
	return NULL;
}

static void
sqlite_close(struct store *base)
{
	struct sqlite_store *st = (struct sqlite_store *)base;

	end_open_read(st);
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	/* The last connection to close checkpoints the WAL into the file and
	 * deletes the -wal and -shm files by name: when the path names
	 * another file now, those names are that file's. */
	if (st->db != NULL && !same_file(st, 1))
		sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_close(st->db);
	if (st->turn_fd >= 0)
		close(st->turn_fd);
	free(st->turn_path);
	free(st->path);
	free(st);
}

/* Whether the connection may serve the next request (FastCGI mode): the
 * path still names the file open, and nothing asked for a new one. */
static int
sqlite_current(struct store *base)
{
	struct sqlite_store *st = (struct sqlite_store *)base;

	if (!st->stale && same_file(st, 1))
		return 1;
	log_error("sqlite: %s was deleted, replaced or its files repaired since this "
	    "process opened it: opening it again", st->path);
	return 0;
}

/* Reads the users version inside the caller's transaction. */
static enum store_result
read_version(struct sqlite_store *st, long long *version)
{
	sqlite3_stmt *s = stmt(st, S_USERS_VERSION);
	enum store_result r = STORE_OK;

	if (s == NULL)
		return STORE_ERROR;
	if (sqlite3_step(s) == SQLITE_ROW)
		*version = sqlite3_column_int64(s, 0);
	else
		r = fail(st, "users version");
	done(s);
	return r;
}

static enum store_result
sqlite_users_version(struct store *base, long long *version)
{
	return read_version((struct sqlite_store *)base, version);
}

static char *
column_text(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return strdup(t ? (const char *)t : "");
}

static enum store_result
sqlite_users_list(struct store *base, struct user_list *out,
    long long *version)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	/* One read transaction: the list and its version agree. */
	if ((r = run(st, S_BEGIN_READ)) != STORE_OK)
		return r;
	if ((r = read_version(st, version)) != STORE_OK)
		return finish(st, r);
	if ((s = stmt(st, S_USERS_LIST)) == NULL)
		return finish(st, STORE_ERROR);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->count == cap) {
			struct user *p;

			cap = cap ? cap * 2 : 32;
			if ((p = realloc(out->items, cap * sizeof(*p))) == NULL)
				break;
			out->items = p;
		}
		out->items[out->count].id = sqlite3_column_int64(s, 0);
		if ((out->items[out->count].name = column_text(s, 1)) == NULL)
			break;
		out->count++;
	}
	r = rc == SQLITE_DONE ? STORE_OK :
	    rc == SQLITE_ROW ? STORE_ERROR : fail(st, "list users");
	done(s);
	if (r != STORE_OK)
		user_list_free(out);
	return finish(st, r);
}

static enum store_result
sqlite_user_get(struct store *base, long long id, struct user *out)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	sqlite3_stmt *s = stmt(st, S_USER_GET);
	enum store_result r;
	int rc;

	if (s == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->name = column_text(s, 0);
		r = out->name ? STORE_OK : STORE_ERROR;
	} else
		r = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail(st, "get user");
	done(s);
	return r;
}

/* Runs a bound write statement s inside a write transaction, bumps the
 * users version when it changed a row, and commits. */
static enum store_result
write_users(struct sqlite_store *st, sqlite3_stmt *s, long long *id_out)
{
	enum store_result r = STORE_OK;
	int rc;

	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && id_out != NULL) {
		*id_out = sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s);
	}
	if (rc != SQLITE_DONE)
		r = fail(st, "write users");
	else if (sqlite3_changes(st->db) == 0)
		r = STORE_NOT_FOUND;
	done(s);
	if (r == STORE_OK)
		r = run(st, S_USERS_BUMP);
	return finish(st, r);
}

/* Begins the write transaction and returns statement id, or NULL with
 * *r set. */
static sqlite3_stmt *
begin_write(struct sqlite_store *st, enum stmt_id id, enum store_result *r)
{
	sqlite3_stmt *s;

	if ((*r = begin_write_txn(st)) != STORE_OK)
		return NULL;
	if ((s = stmt(st, id)) == NULL) {
		*r = finish(st, STORE_ERROR);
		return NULL;
	}
	return s;
}

static enum store_result
sqlite_user_create(struct store *base, const char *name, long long *id)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;

	if ((s = begin_write(st, S_USER_CREATE, &r)) == NULL)
		return r;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	return write_users(st, s, id);
}

static enum store_result
sqlite_user_replace(struct store *base, long long id, const char *name)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;

	if ((s = begin_write(st, S_USER_REPLACE, &r)) == NULL)
		return r;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	return write_users(st, s, NULL);
}

static enum store_result
sqlite_user_delete(struct store *base, long long id)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;

	if ((s = begin_write(st, S_USER_DELETE, &r)) == NULL)
		return r;
	sqlite3_bind_int64(s, 1, id);
	return write_users(st, s, NULL);
}

/* Runs statement id with one text or integer parameter; no rows back.
 * STORE_NOT_FOUND when it changed nothing and that matters (changed). */
static enum store_result
run_bound(struct sqlite_store *st, enum stmt_id id, const char *text,
    sqlite3_int64 num, int changed)
{
	sqlite3_stmt *s = stmt(st, id);
	int rc;

	if (s == NULL)
		return STORE_ERROR;
	if (text != NULL)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, num);
	rc = sqlite3_step(s);
	done(s);
	if (rc != SQLITE_DONE)
		return fail(st, stmt_sql[id]);
	return changed && sqlite3_changes(st->db) == 0 ? STORE_NOT_FOUND : STORE_OK;
}

static enum store_result
sqlite_session_create(struct store *base, const char *id, const char *name,
    time_t created, time_t expires, const char *replaces)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;
	sqlite3_stmt *s;
	int rc;

	/* One write: what has expired goes, the replaced session goes
	 * exactly when the new one comes. */
	if ((r = run(st, S_BEGIN_WRITE)) != STORE_OK)
		return r;
	if ((r = run_bound(st, S_SESSION_PURGE, NULL, (sqlite3_int64)created,
	    0)) != STORE_OK)
		return finish(st, r);
	if (replaces != NULL &&
	    (r = run_bound(st, S_SESSION_DELETE, replaces, 0, 0)) != STORE_OK)
		return finish(st, r);
	if ((s = stmt(st, S_SESSION_INSERT)) == NULL)
		return finish(st, STORE_ERROR);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)created);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)expires);
	rc = sqlite3_step(s);
	done(s);
	return finish(st, rc == SQLITE_DONE ? STORE_OK :
	    fail(st, "create session"));
}

static enum store_result
sqlite_session_find(struct store *base, const char *id, time_t now,
    char **name)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	sqlite3_stmt *s = stmt(st, S_SESSION_FIND);
	enum store_result r;
	int rc;

	if (s == NULL)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*name = column_text(s, 0);
		r = *name ? STORE_OK : STORE_ERROR;
	} else
		r = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail(st, "find session");
	done(s);
	return r;
}

static enum store_result
sqlite_session_delete(struct store *base, const char *id)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;

	if ((r = run(st, S_BEGIN_WRITE)) != STORE_OK)
		return r;
	return finish(st, run_bound(st, S_SESSION_DELETE, id, 0, 1));
}

static enum store_result
sqlite_session_purge(struct store *base, time_t now)
{
	struct sqlite_store *st = (struct sqlite_store *)base;
	enum store_result r;

	if ((r = run(st, S_BEGIN_WRITE)) != STORE_OK)
		return r;
	return finish(st, run_bound(st, S_SESSION_PURGE, NULL,
	    (sqlite3_int64)now, 0));
}

static const struct store_ops sqlite_ops = {
	.close = sqlite_close,
	.current = sqlite_current,
	.users_version = sqlite_users_version,
	.users_list = sqlite_users_list,
	.user_get = sqlite_user_get,
	.user_create = sqlite_user_create,
	.user_replace = sqlite_user_replace,
	.user_delete = sqlite_user_delete,
	.session_create = sqlite_session_create,
	.session_find = sqlite_session_find,
	.session_delete = sqlite_session_delete,
	.session_purge = sqlite_session_purge,
};
