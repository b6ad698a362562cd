/* users.c - the REST resource of restServer.js (docs/http-api.md).
 *
 *   GET    /cgi-bin/users.cgi        the list {"<id>": "<name>", …}, ETag
 *   POST   /cgi-bin/users.cgi        create        -> 201, Location
 *   GET    /cgi-bin/users.cgi/<id>   one user      -> {"id": …, "name": …}
 *   PUT    /cgi-bin/users.cgi/<id>   replace the name
 *   PATCH  /cgi-bin/users.cgi/<id>   change the fields given
 *   DELETE /cgi-bin/users.cgi/<id>   delete        -> 204
 *
 * restServer.js's paths (/users, /user, /user/<id>) reach this program through
 * the server's ScriptAliasMatch; /user alone takes only POST.  In FastCGI
 * mode the same program is /fcgi-bin/users.fcgi, and Location says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "decode.h"
#include "guard.h"
#include "json.h"
#include "route.h"

static const enum msg not_found = MSG_NO_SUCH_USER;

/* "/<digits>" -> id; anything else is no user at all (0).  Ids stay
 * within 2^53 - 1, what a JSON number holds exactly. */
static long long
path_id(const char *path)
{
	long long v;

	if (*path++ != '/')
		return 0;
	v = decimal_parse(path, strlen(path), 9007199254740991LL);
	return v > 0 ? v : 0;
}

/* If-None-Match (RFC 9110 §13.1.2): "*", or a list of tags compared
 * weakly. */
static int
etag_matches(const char *header, const char *tag)
{
	size_t n = strlen(tag);

	while (*header) {
		while (*header == ' ' || *header == '\t' || *header == ',')
			header++;
		if (*header == '*')
			return 1;
		if (strncmp(header, "W/", 2) == 0)
			header += 2;
		if (strncmp(header, tag, n) == 0 &&
		    (header[n] == '\0' || header[n] == ',' || header[n] == ' '))
			return 1;
		while (*header && *header != ',')
			header++;
	}
	return 0;
}

/* The name in the body: 1 and *out (free it) when there is one, 0 when
 * the body has none, -1 when the answer is already an error. */
static int
body_name(const struct request *req, struct response *res, char **out)
{
	const char *field = NULL;
	char *name = NULL;
	enum name_result nr;
	size_t len = 0;
	cJSON *doc = NULL;

	*out = NULL;
	if (guard_body(res, req))
		return -1;
	if (request_content_type_is(req, "application/json")) {
		enum json_result jr = json_parse_object(req->body, req->body_len, &doc);
		int present;

		if (jr != JSON_OK) {
			response_error(res, 400, json_problem(jr));
			return -1;
		}
		field = json_string_member(doc, "name", &present);
		if (present && field == NULL) {
			cJSON_Delete(doc);
			response_error(res, 400, MSG_NAME_NOT_STRING);
			return -1;
		}
		if (field != NULL && (name = strdup(field)) == NULL) {
			cJSON_Delete(doc);
			res->failed = 1;
			return -1;
		}
		len = name ? strlen(name) : 0;
		cJSON_Delete(doc);
	} else if (request_content_type_is(req,
	    "application/x-www-form-urlencoded")) {
		switch (form_field(req->body, req->body_len, "name", &name, &len)) {
		case FORM_FOUND:
		case FORM_MISSING:
			break;
		case FORM_BAD_ENCODING:
			response_error(res, 400, MSG_FORM_BAD_ESCAPE);
			return -1;
		case FORM_NOMEM:
			res->failed = 1;
			return -1;
		}
	} else {
		response_error(res, 415, MSG_USERS_BODY_TYPE);
		return -1;
	}
	if (name == NULL)
		return 0;
	if ((nr = name_clean(name, len)) != NAME_OK) {
		free(name);
		response_error(res, 400, name_problem(nr));
		return -1;
	}
	*out = name;
	return 1;
}

static void
respond_user(struct response *res, int status, long long id, const char *name)
{
	cJSON *doc = cJSON_CreateObject();

	if (doc == NULL || cJSON_AddNumberToObject(doc, "id", (double)id) == NULL ||
	    cJSON_AddStringToObject(doc, "name", name) == NULL)
		res->failed = 1;
	else
		response_json(res, status, doc);
	cJSON_Delete(doc);
}

/* What every handler does first: the id of a /<id> path (with_id), the
 * origin check, the name in the body of a POST, PUT or PATCH, and the
 * store.  Returns the store, with *id and *name (free it) set, or NULL
 * when res holds the answer. */
static struct store *
prepare(struct app *app, const struct request *req, struct response *res,
    int with_id, long long *id, char **name)
{
	struct store *st;
	int has_name;

	*id = 0;
	*name = NULL;
	if (with_id && (*id = path_id(req->path_info)) == 0) {
		response_error(res, 404, not_found);
		return NULL;
	}
	if (guard_origin(res, req, MSG_USERS_CROSS_SITE))
		return NULL;
	if (req->method == METHOD_POST || req->method == METHOD_PUT ||
	    req->method == METHOD_PATCH) {
		if ((has_name = body_name(req, res, name)) < 0)
			return NULL;
		if (!has_name) {
			response_error(res, 400, req->method == METHOD_PATCH ?
			    MSG_PATCH_NO_FIELD : MSG_POST_NO_NAME);
			return NULL;
		}
	}
	if ((st = app_store(app, req, res)) == NULL) {
		free(*name);
		*name = NULL;
	}
	return st;
}

/* A user's id as the list's key, in key's last bytes: for 1,000 users,
 * snprintf was a fifth of the request's instructions. */
#define ID_KEY_SIZE 24	/* a long long's digits, its sign and a NUL */
static const char *
id_key(char key[ID_KEY_SIZE], long long id)
{
	unsigned long long v = id < 0 ? 0 - (unsigned long long)id : (unsigned long long)id;
	char *p = key + ID_KEY_SIZE - 1;

	*p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (id < 0)
		*--p = '-';
	return p;
}

static void
list_users(void *app, const struct request *req, struct response *res)
{
	struct user_list list;
	long long version, id;
	enum store_result r;
	char tag[32], *keys, *name;
	struct store *st;
	cJSON *doc;

	if ((st = prepare(app, req, res, 0, &id, &name)) == NULL)
		return;
	response_header(res, "Cache-Control", "no-cache");
	if (req->if_none_match != NULL) {
		if ((r = store_users_version(st, &version)) != STORE_OK) {
			store_respond_error(res, r, not_found);
			return;
		}
		snprintf(tag, sizeof(tag), "\"%lld\"", version);
		if (etag_matches(req->if_none_match, tag)) {
			response_header(res, "ETag", "%s", tag);
			res->status = 304;
			return;
		}
	}
	if ((r = store_users_list(st, &list, &version)) != STORE_OK) {
		store_respond_error(res, r, not_found);
		return;
	}
	/* The tree refers to the list's names and to keys kept in one block,
	 * both freed after it is printed: nothing is copied into it. */
	keys = list.count ? malloc(list.count * ID_KEY_SIZE) : NULL;
	if ((doc = cJSON_CreateObject()) == NULL ||
	    (list.count && keys == NULL))
		res->failed = 1;
	for (size_t i = 0; !res->failed && i < list.count; i++) {
		cJSON *item = cJSON_CreateStringReference(list.items[i].name);

		if (item == NULL || !cJSON_AddItemToObjectCS(doc,
		    id_key(keys + ID_KEY_SIZE * i, list.items[i].id), item)) {
			cJSON_Delete(item);
			res->failed = 1;
		}
	}
	snprintf(tag, sizeof(tag), "\"%lld\"", version);
	response_header(res, "ETag", "%s", tag);
	if (!res->failed)
		response_json(res, 200, doc);
	cJSON_Delete(doc);
	free(keys);
	user_list_free(&list);
}

static void
get_user(void *app, const struct request *req, struct response *res)
{
	struct store *st;
	struct user u;
	enum store_result r;
	long long id;
	char *name;

	if ((st = prepare(app, req, res, 1, &id, &name)) == NULL)
		return;
	if ((r = store_user_get(st, id, &u)) != STORE_OK) {
		store_respond_error(res, r, not_found);
		return;
	}
	respond_user(res, 200, u.id, u.name);
	user_free(&u);
}

static void
create_user(void *app, const struct request *req, struct response *res)
{
	struct store *st;
	enum store_result r;
	long long id;
	char self[64], *name;

	if ((st = prepare(app, req, res, 0, &id, &name)) == NULL)
		return;
	if ((r = store_user_create(st, name, &id)) != STORE_OK)
		store_respond_error(res, r, not_found);
	else {
		response_header(res, "Location", "%s/%lld",
		    request_program_path(req, "users", self, sizeof(self)), id);
		respond_user(res, 201, id, name);
	}
	free(name);
}

/* PUT and PATCH: the name is the only field, so both replace it. */
static void
replace_user(void *app, const struct request *req, struct response *res)
{
	struct store *st;
	enum store_result r;
	long long id;
	char *name;

	if ((st = prepare(app, req, res, 1, &id, &name)) == NULL)
		return;
	if ((r = store_user_replace(st, id, name)) != STORE_OK)
		store_respond_error(res, r, not_found);
	else
		respond_user(res, 200, id, name);
	free(name);
}

static void
delete_user(void *app, const struct request *req, struct response *res)
{
	struct store *st;
	enum store_result r;
	long long id;
	char *name;

	if ((st = prepare(app, req, res, 1, &id, &name)) == NULL)
		return;
	if ((r = store_user_delete(st, id)) != STORE_OK) {
		store_respond_error(res, r, not_found);
		return;
	}
	res->status = 204;
}

#define M(m) ROUTE_METHOD(METHOD_##m)

/* A path with anything after the program's name is one user, even when
 * it is not a number: the method is checked first (405), then the id
 * (404).  The textbook's POST /user reaches the program as SCRIPT_NAME
 * /user and takes only POST. */
static const struct route routes[] = {
	{ NULL, "*", M(GET) | M(HEAD), get_user },
	{ NULL, "*", M(PUT) | M(PATCH), replace_user },
	{ NULL, "*", M(DELETE), delete_user },
	{ "/user", "", M(POST), create_user },
	{ NULL, "", M(GET) | M(HEAD), list_users },
	{ NULL, "", M(POST), create_user },
	{ NULL, NULL, 0, NULL }
};

static void
users(struct app *app, const struct request *req, struct response *res)
{
	if (!route_serve(routes, app, req, res))
		response_error(res, 404, not_found);
}

const struct endpoint endpoint = { "users", users };
