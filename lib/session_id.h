/* session_id.h - session ids: 128 bits from the kernel, as 32 hex digits. */
#ifndef CGILAB_SESSION_ID_H
#define CGILAB_SESSION_ID_H

#define SESSION_ID_BYTES 16			/* 128 bits */
#define SESSION_ID_LEN (2 * SESSION_ID_BYTES)	/* lowercase hex digits */

/* Writes a new id (SESSION_ID_LEN lowercase hex digits and a NUL) from
 * getrandom(2), never a clock.  Returns -1, with a line in the error log,
 * when the kernel gives no random bytes. */
int session_id_new(char out[SESSION_ID_LEN + 1]);

/* 1 when s is exactly SESSION_ID_LEN lowercase hex digits: the only
 * shape session_id_new makes.  Anything else is malformed and is never
 * looked up. */
int session_id_valid(const char *s);

/* What the store keeps instead of the id: its SHA-256 as 64 lowercase
 * hex digits.  Whoever reads the database, a backup of it or Redis
 * learns no id a browser could send; 128 random bits need no salt. */
#define SESSION_KEY_LEN 64
void session_id_key(const char *id, char out[SESSION_KEY_LEN + 1]);

#endif
