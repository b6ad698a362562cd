/* msg.c - the message catalogue and the choice of language (msg.h). */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "msg.h"

static const char *const tags[LANG_COUNT] = {
	[LANG_EN] = "en",
	[LANG_KO] = "ko",
};

/* A row per message, a column per language.  Korean in the polite
 * 합니다/하세요 style of the chapter's pages ("이름을 입력하세요"). */
static const char *const table[MSG_COUNT][LANG_COUNT] = {
	[MSG_METHOD_NOT_ALLOWED] = {
		"That method is not allowed here; the Allow header lists those that are.",
		"이 주소에서는 쓸 수 없는 메서드입니다. 쓸 수 있는 메서드는 Allow 헤더에 있습니다.",
	},
	[MSG_SERVER_FAILED] = {
		"The server could not build its answer; its error log may say why.",
		"서버가 응답을 만들지 못했습니다. 서버의 오류 로그에 이유가 있을 수 있습니다.",
	},
	[MSG_BODY_TOO_LARGE] = {
		"The request body is larger than %zu bytes.",
		"요청 본문이 %zu바이트보다 큽니다.",
	},
	[MSG_BODY_INCOMPLETE] = {
		"The request body ended before its Content-Length.",
		"요청 본문이 Content-Length보다 짧게 끝났습니다.",
	},
	[MSG_BAD_CONTENT_LENGTH] = {
		"The Content-Length is not a number.",
		"Content-Length가 숫자가 아닙니다.",
	},
	[MSG_STORE_BUSY] = {
		"The database is busy; try again in a moment.",
		"데이터베이스가 바쁩니다. 잠시 후 다시 시도하세요.",
	},
	[MSG_STORE_FAILED] = {
		"The database failed; the server's error log says why.",
		"데이터베이스에서 오류가 났습니다. 이유는 서버의 오류 로그에 있습니다.",
	},
	[MSG_NAME_OK] = {
		"The name is fine.",
		"이름에 문제가 없습니다.",
	},
	[MSG_NAME_EMPTY] = {
		"The name is empty; type at least one character.",
		"이름을 입력하세요. 한 글자 이상이어야 합니다.",
	},
	[MSG_NAME_TOO_LONG] = {
		"The name is longer than 100 characters.",
		"이름은 100자까지 입력할 수 있습니다.",
	},
	[MSG_NAME_NOT_UTF8] = {
		"The name is not valid UTF-8 text.",
		"이름이 올바른 UTF-8 텍스트가 아닙니다.",
	},
	[MSG_NAME_CONTROL] = {
		"The name contains a control character.",
		"이름에 제어 문자가 들어 있습니다.",
	},
	[MSG_NAME_FORMAT] = {
		"The name contains an invisible formatting character (Unicode Cf), such as a direction override or a zero-width space.",
		"이름에 방향 전환 문자나 폭 없는 공백 같은 보이지 않는 서식 문자(유니코드 Cf)가 들어 있습니다.",
	},
	[MSG_NAME_INVALID] = {
		"The name is not valid.",
		"올바른 이름이 아닙니다.",
	},
	[MSG_JSON_OK] = {
		"The JSON is fine.",
		"JSON에 문제가 없습니다.",
	},
	[MSG_JSON_INVALID] = {
		"The request body is not valid JSON.",
		"요청 본문이 올바른 JSON이 아닙니다.",
	},
	[MSG_JSON_NOT_OBJECT] = {
		"The request body must be a JSON object such as {\"name\": \"…\"}.",
		"요청 본문은 {\"name\": \"…\"} 같은 JSON 객체여야 합니다.",
	},
	[MSG_JSON_NUL] = {
		"The request body contains a NUL character.",
		"요청 본문에 NUL 문자가 들어 있습니다.",
	},
	[MSG_OUT_OF_MEMORY] = {
		"The server ran out of memory.",
		"서버의 메모리가 부족합니다.",
	},
	[MSG_NO_SUCH_USER] = {
		"There is no user with that id.",
		"그 id의 사용자가 없습니다.",
	},
	[MSG_NAME_NOT_STRING] = {
		"The name must be a JSON string.",
		"name은 JSON 문자열이어야 합니다.",
	},
	[MSG_FORM_BAD_ESCAPE] = {
		"The form body has a bad %%-escape.",
		"폼 본문에 잘못된 %%-이스케이프가 있습니다.",
	},
	[MSG_USERS_BODY_TYPE] = {
		"Send the body as application/json or application/x-www-form-urlencoded.",
		"본문은 application/json이나 application/x-www-form-urlencoded로 보내세요.",
	},
	[MSG_USERS_CROSS_SITE] = {
		"Requests that change users must come from this site's own pages.",
		"사용자를 바꾸는 요청은 이 사이트의 페이지에서만 보낼 수 있습니다.",
	},
	[MSG_PATCH_NO_FIELD] = {
		"The body has no field to change; send {\"name\": \"…\"}.",
		"본문에 바꿀 항목이 없습니다. {\"name\": \"…\"} 형태로 보내세요.",
	},
	[MSG_POST_NO_NAME] = {
		"The body has no name; send {\"name\": \"…\"}.",
		"본문에 name이 없습니다. {\"name\": \"…\"} 형태로 보내세요.",
	},
	[MSG_LOGIN_BODY_TYPE] = {
		"Send the login form as application/x-www-form-urlencoded.",
		"로그인 폼은 application/x-www-form-urlencoded로 보내세요.",
	},
	[MSG_LOGIN_NO_NAME] = {
		"The form sent no name; type one to log in.",
		"폼에 이름이 없습니다. 이름을 입력하고 로그인하세요.",
	},
	[MSG_NAME_BAD_ESCAPE] = {
		"The name has a bad %%-escape.",
		"이름에 잘못된 %%-이스케이프가 있습니다.",
	},
	[MSG_LOGIN_NO_SUCH_PAGE] = {
		"There is no such page; the login form is at %s.",
		"그런 페이지는 없습니다. 로그인 폼은 %s에 있습니다.",
	},
	[MSG_LOGIN_CROSS_SITE] = {
		"Logging in and out must be done from this site's own pages.",
		"로그인과 로그아웃은 이 사이트의 페이지에서만 할 수 있습니다.",
	},
};

const char *
msg_text(enum lang lang, enum msg id)
{
	const char *s;

	if ((unsigned)id >= MSG_COUNT)
		id = MSG_SERVER_FAILED;
	if ((unsigned)lang >= LANG_COUNT)
		lang = LANG_EN;
	/* A language a row lacks falls back to English. */
	s = table[id][lang];
	return s != NULL ? s : table[id][LANG_EN];
}

const char *
lang_tag(enum lang lang)
{
	return (unsigned)lang < LANG_COUNT ? tags[lang] : tags[LANG_EN];
}

/* RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ),
 * as thousandths; -1 when malformed. */
static int
qvalue(const char *s, size_t len)
{
	int q, scale = 100;
	size_t i;

	if (len == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	q = (s[0] - '0') * 1000;
	if (len == 1)
		return q;
	if (s[1] != '.' || len > 5)
		return -1;
	for (i = 2; i < len; i++, scale /= 10) {
		if (!isdigit((unsigned char)s[i]) || (q == 1000 && s[i] != '0'))
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q;
}

/* A language-range (RFC 4647 §2.1): "*", or 1*8ALPHA *("-" 1*8alphanum). */
static int
range_ok(const char *s, size_t len)
{
	size_t i, run = 0;

	if (len == 1 && s[0] == '*')
		return 1;
	for (i = 0; i < len; i++) {
		if (s[i] == '-') {
			if (run == 0)
				return 0;
			run = 0;
		} else if (isalpha((unsigned char)s[i]) ||
		    (isdigit((unsigned char)s[i]) && memchr(s, '-', i) != NULL)) {
			if (++run > 8)
				return 0;
		} else
			return 0;
	}
	return run > 0;
}

#define OWS(c) ((c) == ' ' || (c) == '\t')

/* How specifically a range names a language: 3 its tag, 2 a longer tag
 * of it (ko-KR for ko), 1 "*", 0 not at all. */
static int
specificity(const char *range, size_t len, const char *tag)
{
	size_t t = strlen(tag);

	if (len == 1 && range[0] == '*')
		return 1;
	if (len < t || strncasecmp(range, tag, t) != 0)
		return 0;
	if (len == t)
		return 3;
	return range[t] == '-' ? 2 : 0;
}

enum lang
lang_choose(const char *field)
{
	/* Per language: the specificity, weight and position of the range
	 * that decides it. */
	int spec[LANG_COUNT] = { 0 }, q[LANG_COUNT] = { 0 }, pos[LANG_COUNT] = { 0 };
	const char *p = field;
	int n = 0, best = LANG_EN, i;

	if (field == NULL)
		return LANG_EN;
	/* Apache bounds the field (8190 bytes); so does this loop, by
	 * elements, against a field of nothing but commas. */
	while (*p != '\0' && n < 256) {
		const char *elem = p, *end = strchr(p, ','), *semi, *r, *re;
		size_t len;
		int w = 1000;

		if (end == NULL)
			end = p + strlen(p);
		p = *end == ',' ? end + 1 : end;
		n++;
		while (elem < end && OWS(*elem))
			elem++;
		len = (size_t)(end - elem);
		while (len > 0 && OWS(elem[len - 1]))
			len--;
		if (len == 0)
			continue;	/* empty list elements are allowed */
		semi = memchr(elem, ';', len);
		r = elem;
		re = semi != NULL ? semi : elem + len;
		while (re > r && OWS(re[-1]))
			re--;
		if (!range_ok(r, (size_t)(re - r)))
			continue;
		if (semi != NULL) {
			/* The one parameter: OWS ";" OWS "q=" qvalue. */
			const char *v = semi + 1, *ve = elem + len;

			while (v < ve && OWS(*v))
				v++;
			if (ve - v < 2 || (v[0] != 'q' && v[0] != 'Q') || v[1] != '=')
				continue;
			if ((w = qvalue(v + 2, (size_t)(ve - v - 2))) < 0)
				continue;
		}
		for (i = 0; i < LANG_COUNT; i++) {
			int s = specificity(r, (size_t)(re - r), tags[i]);

			/* The most specific range decides; among equally
			 * specific ones (ko-KR and ko-KP), the heavier. */
			if (s > spec[i] || (s == spec[i] && s > 0 && w > q[i])) {
				spec[i] = s;
				q[i] = w;
				pos[i] = n;
			}
		}
	}
	for (i = 1; i < LANG_COUNT; i++)
		if (q[i] > q[best] || (q[i] == q[best] && q[i] > 0 && pos[i] < pos[best]))
			best = i;
	return q[best] > 0 ? (enum lang)best : LANG_EN;
}
