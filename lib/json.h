/* json.h - JSON request bodies, through cJSON (a JSON answer is
 * response_json's, response.h). */
#ifndef CGILAB_JSON_H
#define CGILAB_JSON_H

#include <stddef.h>
#include <cJSON.h>

#include "msg.h"

enum json_result { JSON_OK, JSON_INVALID, JSON_NOT_OBJECT, JSON_NUL, JSON_NOMEM };

/* Parses body[0..len) (NUL-terminated at len) as one JSON object with
 * cJSON_ParseWithLengthOpts, nothing after it but white space.  A NUL
 * byte or a \u0000 escape is refused (JSON_NUL): cJSON's strings end at
 * the first NUL, so either would cut a string short unseen. */
enum json_result json_parse_object(const char *body, size_t len, cJSON **out);

/* The sentence (msg.h) a person understands for a json_result. */
enum msg json_problem(enum json_result r);

/* The string member key of obj (case-sensitive), or NULL; *present says
 * whether the member exists at all (with any type). */
const char *json_string_member(const cJSON *obj, const char *key, int *present);

/* This process serves one request and exits (CGI mode): cJSON allocates
 * from the arena (arena.h).  Called before cJSON is first used, or never. */
void json_one_request(void);

#endif
