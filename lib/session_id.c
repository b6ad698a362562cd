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

#include <nettle/sha2.h>

#include "log.h"
#include "session_id.h"

static const char hex[] = "0123456789abcdef";

static void
to_hex(char *out, const unsigned char *bytes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

int
session_id_new(char out[SESSION_ID_LEN + 1])
{
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
	to_hex(out, bytes, sizeof(bytes));
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

/* SHA-256 is nettle's (Debian's nettle-dev). */
void
session_id_key(const char *id, char out[SESSION_KEY_LEN + 1])
{
	unsigned char digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, strlen(id), (const uint8_t *)id);
	sha256_digest(&ctx, sizeof(digest), digest);
	to_hex(out, digest, sizeof(digest));
}
