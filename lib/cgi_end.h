/* cgi_end.h - the end of a CGI process (cgi_end.c). */
#ifndef CGILAB_CGI_END_H
#define CGILAB_CGI_END_H

/* Called last, once the answer is written: from here on, under a server
 * (GATEWAY_INTERFACE set), standard input, output and error stay open
 * until this process has ended, so that the end of the output tells
 * Apache the process is gone. */
void cgi_end_hold_output(void);

#endif
