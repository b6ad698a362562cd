/* log.h - one line per event to the server's error log (a CGI's stderr). */
#ifndef CGILAB_LOG_H
#define CGILAB_LOG_H

/* Writes "cgilab[<program>]: <message>\n" to stderr, which Apache copies
 * into its error log (RFC 3875 §4 leaves stderr to the server). */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The program name used as the prefix; set once by main. */
void log_set_program(const char *name);

#endif
