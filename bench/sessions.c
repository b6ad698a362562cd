/* sessions.c - the bench's sessions to sign out: prints N lines, each a
 * new session's id (what its cookie carries) and, after a tab, the key
 * the store keeps it under, made as the programs make them (session_id.c).
 * bench/run puts the keys into the database and hands the ids to wrk, so
 * that each sign-out request signs out a session of its own. */
#include <stdio.h>
#include <stdlib.h>

#include "session_id.h"

int
main(int argc, char **argv)
{
	char id[SESSION_ID_LEN + 1], key[SESSION_KEY_LEN + 1];
	long n = argc == 2 ? strtol(argv[1], NULL, 10) : -1;

	if (n < 0) {
		fprintf(stderr, "usage: sessions N\n");
		return 2;
	}
	for (long i = 0; i < n; i++) {
		if (session_id_new(id) < 0)
			return 1;
		session_id_key(id, key);
		printf("%s\t%s\n", id, key);
	}
	return fflush(stdout) != 0;
}
