/* response_json.c - JSON answers, errors among them, printed by cJSON. */
#include <stdarg.h>

#include <cJSON.h>

#include "response.h"

void
response_json(struct response *res, int status, const cJSON *doc)
{
	char *text = cJSON_PrintUnformatted(doc);

	if (text == NULL) {
		res->failed = 1;
		return;
	}
	res->status = status;
	response_header(res, "Content-Type", "application/json; charset=utf-8");
	response_print(res, text);
	cJSON_free(text);
}

void
response_error(struct response *res, int status, enum msg id, ...)
{
	cJSON *doc = cJSON_CreateObject();
	char message[512];
	va_list ap;

	res->body.len = 0;
	va_start(ap, id);
	response_vsentence(res, message, sizeof(message), id, ap);
	va_end(ap);
	if (doc == NULL || cJSON_AddStringToObject(doc, "error", message) == NULL) {
		res->failed = 1;
		cJSON_Delete(doc);
		return;
	}
	if (status == 503)
		response_header(res, "Retry-After", "1");
	response_json(res, status, doc);
	cJSON_Delete(doc);
}
