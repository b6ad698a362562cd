/* store_sqlite.c - the store in one SQLite file (docs/storage.md):
 * opening and closing it.
 *
 * The database is opened one way, everywhere: defensive mode, no
 * double-quoted string literals, a busy handler with a deadline.  The
 * schema is checked here and migrated when user_version says so
 * (store_sqlite_schema.c).  The statements, the transactions and the one
 * write path are store_sqlite_stmt.c's, each table has its file, and the
 * writers' turn is writers_turn.c's (store_sqlite.h lists them). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "clock.h"
#include "log.h"
#include "store_sqlite.h"

static const struct store_ops sqlite_ops;

/* SQLite's lock taken all the same (by a program that does not take
 * turns, or the last connection checkpointing as it closes): waits in
 * short, even steps instead of SQLite's growing sleeps, until the
 * deadline, which for a writer counts from the start of its turn's wait. */
static int
busy_wait(void *arg, int count)
{
	struct sqlite_store *st = arg;

	if (count == 0 && !st->turn.held)
		clock_gettime(CLOCK_MONOTONIC, &st->busy_since);
	if (ms_since(&st->busy_since) >= st->busy_ms)
		return 0;
	sqlite3_sleep(1);
	return 1;
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
	writers_turn_init(&st->turn, NULL);
	/* An in-memory database (the fuzzers') has one connection and no
	 * file beside which to keep the writers' lock. */
	if (strcmp(path, ":memory:") != 0) {
		char *turn_path = malloc(strlen(path) + sizeof("-writer"));

		if (turn_path == NULL)
			goto err;
		strcpy(turn_path, path);
		strcat(turn_path, "-writer");
		writers_turn_init(&st->turn, turn_path);
	}
	configure_process();
	/* Never SQLITE_OPEN_CREATE: scripts/lab and make install create the
	 * database; a request that made a new empty one where the file went
	 * missing would hand out ids again and lose what came before. */
	if (strcmp(path, ":memory:") != 0) {
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
	 * is left open for it (db_run takes it over): otherwise SQLite would
	 * open two more, one to read the schema as the first statement is
	 * prepared and one to run it, each a dozen system calls. */
	if (db_begin_read(st) != STORE_OK ||
	    (v = db_user_version(st->db)) < 0) {
		*why = db_fail(st, "open");
		goto err;
	}
	/* The file is open now: what the path named before the open and
	 * names still is the file open (db_same_file compares with it). */
	if (st->path != NULL) {
		st->dev = before.st_dev;
		st->ino = before.st_ino;
		if (!db_same_file(st, 0))
			goto err;
	}
	if (v == db_schema_version && arena_in_use())
		st->read_open = 1;
	else if ((r = db_run(st, S_COMMIT)) != STORE_OK) {
		*why = r;	/* (db_run logged it) */
		goto err;
	}
	if (v > db_schema_version) {
		log_error("sqlite: %s has schema version %d, newer than this program's %d",
		    path, v, db_schema_version);
		goto err;
	}
	if (v < db_schema_version && (*why = db_migrate(st)) != STORE_OK)
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

	db_end_open_read(st);
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	/* The last connection to close checkpoints the WAL into the file and
	 * deletes the -wal and -shm files by name: when the path names
	 * another file now, those names are that file's. */
	if (st->db != NULL && !db_same_file(st, 1))
		sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_close(st->db);
	writers_turn_close(&st->turn);
	free(st->path);
	free(st);
}

/* Whether the connection may serve the next request (FastCGI mode): the
 * path still names the file open, and nothing asked for a new one. */
static int
sqlite_current(struct store *base)
{
	struct sqlite_store *st = (struct sqlite_store *)base;

	if (!st->stale && db_same_file(st, 1))
		return 1;
	log_error("sqlite: %s was deleted, replaced or its files repaired since this "
	    "process opened it: opening it again", st->path);
	return 0;
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
