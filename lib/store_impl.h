/* store_impl.h - the table of operations a store back end provides. */
#ifndef CGILAB_STORE_IMPL_H
#define CGILAB_STORE_IMPL_H

#include "store.h"

struct store_ops {
	void (*close)(struct store *);
	enum store_result (*users_version)(struct store *, long long *);
	enum store_result (*users_list)(struct store *, struct user_list *,
	    long long *);
	enum store_result (*user_get)(struct store *, long long, struct user *);
	enum store_result (*user_create)(struct store *, const char *,
	    long long *);
	enum store_result (*user_replace)(struct store *, long long,
	    const char *);
	enum store_result (*user_delete)(struct store *, long long);
};

/* Every back end's handle starts with this. */
struct store {
	const struct store_ops *ops;
};

struct store *store_sqlite_open(const char *path, long busy_ms,
    enum store_result *why);
void store_sqlite_one_request(void);

#endif
