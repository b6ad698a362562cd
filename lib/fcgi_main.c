/* fcgi_main.c - main() of every program in FastCGI mode: a loop of
 * requests from libfcgi, each through the same parser, handler and writer
 * as CGI mode (app_serve), with one struct app kept across them, so the
 * store stays open and its statements prepared.
 *
 * The lab's pool (spawn-fcgi, multiwatch) starts the program with a
 * listening socket on fd 0; the server sends one request at a time on a
 * connection (FastCGI 1.0, the Responder role).  The request's
 * environment is the FastCGI parameters (FCGX_GetParam), its body the
 * FCGI_STDIN stream, the answer the FCGI_STDOUT stream; the process's own
 * environment is never read.  stderr stays the server's error log, as in
 * CGI mode.  Started as a plain CGI program instead (FCGX_IsCGI), it
 * serves that one request the CGI way. */
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "app.h"
#include "log.h"

static const char *
fcgi_getenv(void *ctx, const char *name)
{
	FCGX_Request *r = ctx;

	return FCGX_GetParam(name, r->envp);
}

static ssize_t
fcgi_read(void *ctx, void *buf, size_t len)
{
	FCGX_Request *r = ctx;
	int n;

	n = FCGX_GetStr(buf, len > INT_MAX ? INT_MAX : (int)len, r->in);
	/* Fewer bytes than asked means end of input, or an error. */
	if (n == 0 && FCGX_GetError(r->in) != 0)
		return -1;
	return n;
}

static ssize_t
fcgi_write(void *ctx, const void *buf, size_t len)
{
	FCGX_Request *r = ctx;

	return FCGX_PutStr(buf, len > INT_MAX ? INT_MAX : (int)len, r->out);
}

/* A closed fd 1 or 2 at start would be the next descriptor accept(2)
 * hands out: the log lines written to stderr would then go into the
 * FastCGI connection and break it.  /dev/null takes each closed one.
 * Only closed ones: fd 0 is the listening socket, and an open stderr is
 * the server's error log. */
static void
fill_closed_std_fds(void)
{
	for (int fd = 0; fd <= STDERR_FILENO; fd++) {
		int nul;

		if (fcntl(fd, F_GETFD) != -1)
			continue;
		/* The lowest free descriptor: fd itself. */
		nul = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (nul >= 0 && nul != fd)
			close(nul);
	}
}

int
main(void)
{
	struct app app = { 0 };
	FCGX_Request r;
	char drain[4096];

	fill_closed_std_fds();
	log_set_program(endpoint.name);
	if (FCGX_IsCGI()) {
		app_one_request();
		app_serve(&app, &endpoint, &request_source_cgi,
		    &response_sink_cgi);
		app_close(&app);
		return 0;
	}
	if (FCGX_Init() != 0 || FCGX_InitRequest(&r, 0, 0) != 0) {
		log_error("libfcgi could not start");
		return 1;
	}
	while (FCGX_Accept_r(&r) >= 0) {
		struct request_source src = { fcgi_getenv, fcgi_read, &r };
		struct response_sink sink = { fcgi_write, &r };

		app_serve(&app, &endpoint, &src, &sink);
		/* A request without a body leaves its (empty) FCGI_STDIN
		 * unread: read it to its end, so that a connection the server
		 * keeps open (mod_proxy_fcgi's enablereuse) starts the next
		 * request in step. */
		while (FCGX_GetStr(drain, sizeof(drain), r.in) > 0)
			;
		FCGX_Finish_r(&r);
	}
	/* The pool's supervisor stops a process with SIGTERM, which libfcgi
	 * catches: its accept fails and the loop ends.  Closing the store lets the
	 * last connection checkpoint the WAL. */
	FCGX_Free(&r, 1);
	app_close(&app);
	return 0;
}
