/* users.c - the REST resource of restServer.js (SPEC.md §3).
 *
 *   GET    /cgi-bin/users.cgi        the list {"<id>": "<name>", …}, ETag
 *   POST   /cgi-bin/users.cgi        create        -> 201, Location
 *   GET    /cgi-bin/users.cgi/<id>   one user      -> {"id": …, "name": …}
 *   PUT    /cgi-bin/users.cgi/<id>   replace the name
 *   PATCH  /cgi-bin/users.cgi/<id>   change the fields given
 *   DELETE /cgi-bin/users.cgi/<id>   delete        -> 204
 *
 * The seed's paths (/users, /user, /user/<id>) reach this program through
 * the server's ScriptAliasMatch; /user alone takes only POST.  In FastCGI
 * mode the same program is /fcgi-bin/users.fcgi, and Location says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "decode.h"
#include "json.h"

#define M(m) (1u << (m))

struct route {
	unsigned methods;
	const char *allow;
};

static const struct route collection = {
	M(METHOD_GET) | M(METHOD_HEAD) | M(METHOD_POST) | M(METHOD_OPTIONS),
	"GET, HEAD, POST, OPTIONS"
};
static const struct route seed_post = {	/* the seed's POST /user */
	M(METHOD_POST) | M(METHOD_OPTIONS), "POST, OPTIONS"
};
static const struct route one_user = {
	M(METHOD_GET) | M(METHOD_HEAD) | M(METHOD_PUT) | M(METHOD_PATCH) |
	M(METHOD_DELETE) | M(METHOD_OPTIONS),
	"GET, HEAD, PUT, PATCH, DELETE, OPTIONS"
};

static const enum msg not_found = MSG_NO_SUCH_USER;

/* "/<digits>" -> id; anything else is no user at all. */
static int
parse_id(const char *path, long long *id)
{
	long long v = 0;

	if (*path++ != '/' || *path == '\0')
		return 0;
	for (; *path; path++) {
		if (*path < '0' || *path > '9' || v > (9007199254740991LL - 9) / 10)
			return 0;
		v = v * 10 + (*path - '0');
	}
	*id = v;
	return v > 0;
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
	switch (req->body_state) {
	case BODY_OK:
		break;
	case BODY_TOO_LARGE:
		response_error(res, 413, MSG_BODY_TOO_LARGE, req->settings.body_max);
		return -1;
	case BODY_INCOMPLETE:
		response_error(res, 400, MSG_BODY_INCOMPLETE);
		return -1;
	case BODY_BAD_LENGTH:
		response_error(res, 400, MSG_BAD_CONTENT_LENGTH);
		return -1;
	}
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

static void
list_users(struct store *st, const struct request *req, struct response *res)
{
	struct user_list list;
	long long version;
	enum store_result r;
	char tag[32], key[24];
	cJSON *doc;

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
	if ((doc = cJSON_CreateObject()) == NULL)
		res->failed = 1;
	for (size_t i = 0; doc != NULL && i < list.count; i++) {
		snprintf(key, sizeof(key), "%lld", list.items[i].id);
		if (cJSON_AddStringToObject(doc, key, list.items[i].name) == NULL)
			res->failed = 1;
	}
	snprintf(tag, sizeof(tag), "\"%lld\"", version);
	response_header(res, "ETag", "%s", tag);
	if (doc != NULL)
		response_json(res, 200, doc);
	cJSON_Delete(doc);
	user_list_free(&list);
}

static void
get_user(struct store *st, long long id, struct response *res)
{
	struct user u;
	enum store_result r;

	if ((r = store_user_get(st, id, &u)) != STORE_OK) {
		store_respond_error(res, r, not_found);
		return;
	}
	respond_user(res, 200, u.id, u.name);
	user_free(&u);
}

static void
create_user(struct store *st, const struct request *req, const char *name,
    struct response *res)
{
	enum store_result r;
	long long id;
	char self[64];

	if ((r = store_user_create(st, name, &id)) != STORE_OK) {
		store_respond_error(res, r, not_found);
		return;
	}
	response_header(res, "Location", "%s/%lld",
	    request_program_path(req, "users", self, sizeof(self)), id);
	respond_user(res, 201, id, name);
}

static void
replace_user(struct store *st, long long id, const char *name,
    struct response *res)
{
	enum store_result r;

	if ((r = store_user_replace(st, id, name)) != STORE_OK) {
		store_respond_error(res, r, not_found);
		return;
	}
	respond_user(res, 200, id, name);
}

static void
delete_user(struct store *st, long long id, struct response *res)
{
	enum store_result r;

	if ((r = store_user_delete(st, id)) != STORE_OK) {
		store_respond_error(res, r, not_found);
		return;
	}
	res->status = 204;
}

static void
users(struct app *app, const struct request *req, struct response *res)
{
	const struct route *route;
	struct store *st;
	long long id = 0;
	char *name = NULL;
	int has_name = 0;

	if (req->path_info[0] != '\0')
		route = &one_user;
	else if (strcmp(req->script_name, "/user") == 0)
		route = &seed_post;
	else
		route = &collection;

	if (response_method_guard(res, req, route->methods & M(req->method),
	    route->allow))
		return;
	if (route == &one_user && !parse_id(req->path_info, &id)) {
		response_error(res, 404, not_found);
		return;
	}
	if (response_origin_guard(res, req, MSG_USERS_CROSS_SITE))
		return;
	if (req->method == METHOD_POST || req->method == METHOD_PUT ||
	    req->method == METHOD_PATCH) {
		if ((has_name = body_name(req, res, &name)) < 0)
			return;
		if (!has_name) {
			response_error(res, 400, req->method == METHOD_PATCH ?
			    MSG_PATCH_NO_FIELD : MSG_POST_NO_NAME);
			return;
		}
	}
	if ((st = app_store(app, req, res)) == NULL) {
		free(name);
		return;
	}
	switch (req->method) {
	case METHOD_GET:
	case METHOD_HEAD:
		if (route == &one_user)
			get_user(st, id, res);
		else
			list_users(st, req, res);
		break;
	case METHOD_POST:
		create_user(st, req, name, res);
		break;
	case METHOD_PUT:
	case METHOD_PATCH:
		replace_user(st, id, name, res);
		break;
	case METHOD_DELETE:
		delete_user(st, id, res);
		break;
	default:
		break;
	}
	free(name);
}

const struct endpoint endpoint = { "users", users };
