/* session_id.c - making and checking session ids.
 *
 * An id must be unguessable (RFC 6265 §8.4 on session identifiers;
 * OWASP asks for at least 64 bits of entropy): 128 bits from
 * getrandom(2), the kernel's CSPRNG, which blocks only until it is first
 * seeded.  A read may be cut short by a signal (EINTR) or return fewer
 * bytes than asked; both are read again. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>

#include "log.h"
#include "session_id.h"

int
session_id_new(char out[SESSION_ID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char bytes[SESSION_ID_BYTES];
	size_t got = 0;

	while (got < sizeof(bytes)) {
		ssize_t n = getrandom(bytes + got, sizeof(bytes) - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_error("getrandom: %s", n < 0 ? strerror(errno) :
			    "no bytes");
			return -1;
		}
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof(bytes); i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 15];
	}
	out[SESSION_ID_LEN] = '\0';
	return 0;
}

int
session_id_valid(const char *s)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; i < SESSION_ID_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}
