/* test_msg.c - the message catalogue and the choice of language by
 * Accept-Language (RFC 9110 §12.5.4, RFC 4647). */
#include <string.h>

#include "msg.h"
#include "test.h"

#define CHOOSES(field, lang) CHECK_INT(lang_choose(field), lang)

TEST(lang_choose_english_when_absent_or_naming_neither)
{
	CHOOSES(NULL, LANG_EN);
	CHOOSES("", LANG_EN);
	CHOOSES("   ", LANG_EN);
	CHOOSES("fr-FR, de;q=0.5", LANG_EN);
	CHOOSES("en-US", LANG_EN);
	CHOOSES("en", LANG_EN);
	CHOOSES("*", LANG_EN);		/* anything: the default */
}

TEST(lang_choose_korean_by_tag_or_longer_tag)
{
	CHOOSES("ko", LANG_KO);
	CHOOSES("KO", LANG_KO);
	CHOOSES("ko-KR", LANG_KO);
	CHOOSES("ko-kr,ko;q=0.9", LANG_KO);
	CHOOSES("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", LANG_KO);
	CHOOSES("fr, ko;q=0.1", LANG_KO);
	CHOOSES("kok", LANG_EN);	/* Konkani is not Korean */
	CHOOSES("kor", LANG_EN);
}

TEST(lang_choose_by_weight_then_order)
{
	CHOOSES("en;q=0.5, ko;q=0.8", LANG_KO);
	CHOOSES("ko;q=0.5, en;q=0.8", LANG_EN);
	CHOOSES("ko, en", LANG_KO);	/* a tie: the one named first */
	CHOOSES("en, ko", LANG_EN);
	CHOOSES("en;q=0.5, ko;q=0.500", LANG_EN);
	CHOOSES("ko;q=1.0, en;q=1", LANG_KO);
	CHOOSES("en-US;q=0.3, ko-KR;q=0.7", LANG_KO);
	CHOOSES("ko;q=0.001", LANG_KO);
}

TEST(lang_choose_q0_refuses_and_star_takes_the_rest)
{
	CHOOSES("ko;q=0", LANG_EN);
	CHOOSES("ko;q=0.000, *", LANG_EN);
	CHOOSES("en;q=0, *", LANG_KO);
	CHOOSES("en;q=0, *;q=0.1", LANG_KO);
	CHOOSES("en;q=0, ko;q=0", LANG_EN);	/* neither: the default */
	CHOOSES("*;q=0", LANG_EN);
	/* The most specific range decides: ko's own beats ko-KR's and *. */
	CHOOSES("ko-KR, ko;q=0", LANG_EN);
	CHOOSES("ko;q=0, ko-KR", LANG_EN);
	CHOOSES("*, en;q=0.5", LANG_KO);
	CHOOSES("fr, *;q=0.5, en;q=0.2", LANG_KO);
}

TEST(lang_choose_skips_what_is_malformed)
{
	CHOOSES("ko;q=2", LANG_EN);
	CHOOSES("ko;q=1.5", LANG_EN);
	CHOOSES("ko;q=0.1234", LANG_EN);
	CHOOSES("ko;q=", LANG_EN);
	CHOOSES("ko;q=abc", LANG_EN);
	CHOOSES("ko;level=1", LANG_EN);
	CHOOSES("ko_KR", LANG_EN);
	CHOOSES("toolongtag, ko;q=0.5", LANG_KO);
	CHOOSES("ko-, en;q=0.1", LANG_EN);
	CHOOSES("-ko", LANG_EN);
	CHOOSES(",,, ko ;q=0.9 ,", LANG_KO);
	CHOOSES("ko\t;\tq=0.9", LANG_KO);
	CHOOSES("ko;Q=0.9", LANG_KO);
	CHOOSES("ko-KR-x-y-12345678", LANG_KO);
	CHOOSES("ko-123456789", LANG_EN);
	CHOOSES("\xea\xb9\x80, ko", LANG_KO);
}

TEST(lang_choose_is_bounded)
{
	static char field[10000];

	memset(field, ',', sizeof(field) - 1);
	memcpy(field + sizeof(field) - 4, ",ko", 3);
	CHOOSES(field, LANG_EN);	/* past 256 elements: not looked at */
	memset(field, 'a', sizeof(field) - 1);
	CHOOSES(field, LANG_EN);
}

/* The conversions of a printf format, in order ("%zu%s"). */
static void
conversions(const char *f, char *out, size_t size)
{
	size_t n = 0;

	for (; *f != '\0' && n + 3 < size; f++) {
		if (*f != '%')
			continue;
		f++;
		if (*f == '%')
			continue;
		out[n++] = '%';
		while (*f != '\0' && strchr("zl", *f) != NULL)
			out[n++] = *f++;
		out[n++] = *f;
		if (*f == '\0')
			break;
	}
	out[n] = '\0';
}

TEST(catalogue_has_every_sentence_in_every_language)
{
	for (int id = 0; id < MSG_COUNT; id++) {
		char en[16], other[16];

		conversions(msg_text(LANG_EN, (enum msg)id), en, sizeof(en));
		for (int l = 0; l < LANG_COUNT; l++) {
			const char *s = msg_text((enum lang)l, (enum msg)id);

			CHECK(s != NULL && strlen(s) > 5);
			CHECK(s[strlen(s) - 1] == '.');
			if (l != LANG_EN)
				CHECK(strcmp(s, msg_text(LANG_EN, (enum msg)id)) != 0);
			/* The same arguments, in the same order. */
			conversions(s, other, sizeof(other));
			CHECK_STR(other, en);
		}
	}
	CHECK_STR(lang_tag(LANG_EN), "en");
	CHECK_STR(lang_tag(LANG_KO), "ko");
	CHECK_STR(msg_text(LANG_KO, MSG_NAME_EMPTY), "이름을 입력하세요. 한 글자 이상이어야 합니다.");
}
