/* cgi_main.c - main() of every program in CGI mode: one request from the
 * environment and stdin, one answer to stdout (RFC 3875). */
#include "app.h"
#include "cgi_end.h"
#include "log.h"

int
main(void)
{
	struct app app = { 0 };

	log_set_program(endpoint.name);
	app_one_request();
	app_serve(&app, &endpoint, &request_source_cgi, &response_sink_cgi);
	app_close(&app);
	cgi_end_hold_output();
	return 0;
}
