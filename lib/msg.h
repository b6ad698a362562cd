/* msg.h - every sentence the programs send a person, in every language
 * they speak, and the choice of language by Accept-Language.
 *
 * One table (msg.c): a row per message, a column per language.  Adding a
 * language is adding a value to enum lang, its tag to lang_tags and a
 * column to the table; the compiler then wants every row filled.  The
 * lessons' own words (the greeting "<name>님 안녕하세요", the form's
 * labels, "Hello World!") are not here: they stay as the chapter has
 * them.  Entries are printf formats (a literal % is %%). */
#ifndef CGILAB_MSG_H
#define CGILAB_MSG_H

enum lang { LANG_EN, LANG_KO, LANG_COUNT };	/* LANG_EN: the default */

enum msg {
	/* Any program. */
	MSG_METHOD_NOT_ALLOWED,
	MSG_SERVER_FAILED,
	MSG_BODY_TOO_LARGE,		/* %zu: the limit in bytes */
	MSG_BODY_INCOMPLETE,
	MSG_BAD_CONTENT_LENGTH,
	MSG_STORE_BUSY,
	MSG_STORE_FAILED,
	/* Names (decode.c). */
	MSG_NAME_OK,
	MSG_NAME_EMPTY,
	MSG_NAME_TOO_LONG,
	MSG_NAME_NOT_UTF8,
	MSG_NAME_CONTROL,
	MSG_NAME_FORMAT,
	MSG_NAME_INVALID,
	/* JSON bodies (json.c). */
	MSG_JSON_OK,
	MSG_JSON_INVALID,
	MSG_JSON_NOT_OBJECT,
	MSG_JSON_NUL,
	MSG_OUT_OF_MEMORY,
	/* users.cgi */
	MSG_NO_SUCH_USER,
	MSG_NAME_NOT_STRING,
	MSG_FORM_BAD_ESCAPE,
	MSG_USERS_BODY_TYPE,
	MSG_USERS_CROSS_SITE,
	MSG_PATCH_NO_FIELD,
	MSG_POST_NO_NAME,
	/* login.cgi, session.cgi (login_flow.c) */
	MSG_LOGIN_BODY_TYPE,
	MSG_LOGIN_NO_NAME,
	MSG_NAME_BAD_ESCAPE,
	MSG_LOGIN_NO_SUCH_PAGE,		/* %s: the form's path */
	MSG_LOGIN_CROSS_SITE,
	MSG_COUNT
};

/* The message in lang (a printf format). */
const char *msg_text(enum lang lang, enum msg id);

/* The language tag of lang ("en", "ko"), for Content-Language. */
const char *lang_tag(enum lang lang);

/* The language to answer in, from an Accept-Language field value (NULL
 * when absent), as RFC 9110 §12.5.4 and RFC 4647 have it: each language
 * weighs what the most specific range naming it says (its own tag, or a
 * longer one such as ko-KR for ko; "*" for any not named), q=0 refuses
 * it; the heaviest wins, a tie going to the one named first.  English
 * when the field is absent, malformed, or accepts neither. */
enum lang lang_choose(const char *accept_language);

#endif
