/* redis_url.h - a redis:// location, taken apart (the Redis store's
 * setting, CGILAB_STORE). */
#ifndef CGILAB_REDIS_URL_H
#define CGILAB_REDIS_URL_H

struct redis_url {
	char *host;		/* an IPv6 address without its brackets */
	int port;		/* 6379 when not given */
	int db;			/* the path's number; 0 when not given */
	char *user;		/* NULL: the default user (AUTH <password>) */
	char *password;		/* NULL: no AUTH */
	int tls;		/* rediss:// */
};

/* Parses url into *u (free it with redis_url_free).  Returns 0, or -1
 * with a sentence saying what is wrong in *why. */
int redis_url_parse(const char *url, struct redis_url *u, const char **why);
void redis_url_free(struct redis_url *u);

#endif
