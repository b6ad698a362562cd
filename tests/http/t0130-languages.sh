# t0130 - the programs' sentences in the reader's language (docs/lab.md,
# "Languages"): chosen by Accept-Language, English when it is absent or
# names neither, and Vary: Accept-Language on every answer whose text could
# vary; the lessons' own words stay as the chapter has them.
# modes: cgi fcgi
# store: any
. "$(dirname "$0")/../lib.sh"
lab_start
U=$BASE$CGI_DIR/users$CGI_EXT
L=$BASE$CGI_DIR/login$CGI_EXT
KO=(-H 'Accept-Language: ko-KR,ko;q=0.9')
EN=(-H 'Accept-Language: en-US')

vary_lang() {
	tr -d '\r' <"$WORK/headers" | grep -i '^vary:' | grep -qi 'accept-language'
}

# error LANGUAGE-ARGS... -- METHOD URL [curl options]: the JSON error's
# sentence into $ERR.
err() {
	req "$@"
	ERR=$(jq -r .error <"$WORK/body" 2>/dev/null)
}

post() { err POST "$U" -H 'Content-Type: application/json' "$@"; }

post --data '{"name":""}' "${KO[@]}"
expect_status 400 "an empty name, in Korean"
check "…says 이름을 입력하세요 ($ERR)" bash -c "[[ '$ERR' == '이름을 입력하세요. '* ]]"
check "…Vary: Accept-Language" vary_lang
post --data '{"name":""}' "${EN[@]}"
check "an empty name, in English ($ERR)" test "$ERR" = "The name is empty; type at least one character."
check "…Vary: Accept-Language" vary_lang
post --data '{"name":""}'
check "an empty name with no Accept-Language: English ($ERR)" \
    test "$ERR" = "The name is empty; type at least one character."
check "…and Vary: Accept-Language all the same" vary_lang
for al in 'fr-FR, de;q=0.8' 'ko;q=0, *' 'ko-KR;q=0' '*'; do
	post --data '{"name":""}' -H "Accept-Language: $al"
	check "Accept-Language: $al gives English ($ERR)" \
	    test "$ERR" = "The name is empty; type at least one character."
done
for al in 'ko' 'KO-kr' 'en;q=0.5, ko;q=0.9' 'en;q=0, *' 'fr, ko;q=0.1'; do
	post --data '{"name":""}' -H "Accept-Language: $al"
	check "Accept-Language: $al gives Korean ($ERR)" bash -c "[[ '$ERR' == '이름을 입력하세요. '* ]]"
done

post --data "{\"name\":\"$(printf 'x%.0s' $(seq 101))\"}" "${KO[@]}"
check "a 101-character name, in Korean ($ERR)" test "$ERR" = "이름은 100자까지 입력할 수 있습니다."
post --data '{"name":1}' "${KO[@]}"
check "a name that is not a string, in Korean ($ERR)" test "$ERR" = "name은 JSON 문자열이어야 합니다."
post --data '{' "${KO[@]}"
check "bad JSON, in Korean ($ERR)" test "$ERR" = "요청 본문이 올바른 JSON이 아닙니다."
post --data '{}' "${KO[@]}"
check "no name, in Korean ($ERR)" test "$ERR" = '본문에 name이 없습니다. {"name": "…"} 형태로 보내세요.'
err POST "$U" -H 'Content-Type: text/plain' --data x "${KO[@]}"
expect_status 415 "415"
check "…in Korean ($ERR)" test "$ERR" = "본문은 application/json이나 application/x-www-form-urlencoded로 보내세요."
err GET "$U/999999" "${KO[@]}"
expect_status 404 "an unknown user"
check "…in Korean ($ERR)" test "$ERR" = "그 id의 사용자가 없습니다."
check "…Vary: Accept-Language" vary_lang
err GET "$U/999999" "${EN[@]}"
check "…in English ($ERR)" test "$ERR" = "There is no user with that id."
err PATCH "$U" "${KO[@]}"
check "405, in Korean ($ERR)" bash -c "[[ '$ERR' == *'Allow 헤더'* ]]"
err POST "$U" -H 'Content-Type: application/json' -H 'Origin: http://evil.example' \
    -H 'Sec-Fetch-Site: cross-site' --data '{"name":"x"}' "${KO[@]}"
expect_status 403 "a cross-site write"
check "…in Korean ($ERR)" test "$ERR" = "사용자를 바꾸는 요청은 이 사이트의 페이지에서만 보낼 수 있습니다."
check "…Vary names Origin and Accept-Language" bash -c \
    "tr -d '\r' <'$WORK/headers' | grep -i '^vary:' | tr '\n' ' ' | grep -qi 'origin.*accept-language'"
post --data "{\"name\":\"$(head -c 20000 /dev/zero | tr '\0' x)\"}" "${KO[@]}"
expect_status 413 "a body over CGILAB_BODY_MAX"
check "…in Korean, with the limit ($ERR)" test "$ERR" = "요청 본문이 16384바이트보다 큽니다."

# Answers with no sentence do not vary.
req GET "$U" "${KO[@]}"
expect_status 200 "the list"
check "…has no Vary: Accept-Language (no sentence in it)" bash -c "! grep -qi '^vary:.*accept-language' '$WORK/headers'"
req GET "$BASE$CGI_DIR/hello$CGI_EXT" "${KO[@]}"
check "hello is the lesson's page whatever the language" grep -q '<h1>Hello World!</h1>' "$WORK/body"

# The login form's reasons.
req GET "$L/login?name=" "${KO[@]}"
expect_status 400 "login.cgi: an empty name"
check "…the form's reason in Korean, marked lang=ko" \
    grep -q '<p id="error" role="alert" lang="ko">이름을 입력하세요. 한 글자 이상이어야 합니다.</p>' "$WORK/body"
check "…the lesson's own words stay" grep -q 'placeholder="이름을 입력하세요"' "$WORK/body"
check "…Vary: Accept-Language" vary_lang
req GET "$L/login?name=" "${EN[@]}"
check "…in English, marked lang=en" \
    grep -q '<p id="error" role="alert" lang="en">The name is empty; type at least one character.</p>' "$WORK/body"
req GET "$L/login?x=1" "${KO[@]}"
check "login.cgi: no name field, in Korean" grep -q '폼에 이름이 없습니다. 이름을 입력하고 로그인하세요.' "$WORK/body"
req GET "$L/login?name=%zz" "${KO[@]}"
check "login.cgi: a bad %-escape, in Korean (one %)" grep -q '이름에 잘못된 %-이스케이프가 있습니다.' "$WORK/body"
err GET "$L/nowhere" "${KO[@]}"
expect_status 404 "login.cgi: no such page"
check "…in Korean, with the form's path ($ERR)" test "$ERR" = "그런 페이지는 없습니다. 로그인 폼은 $CGI_DIR/login$CGI_EXT에 있습니다."
err POST "$L/login" -H 'Content-Type: text/plain' --data 'name=x' "${KO[@]}"
expect_status 415 "login.cgi: a body of another type"
check "…in Korean ($ERR)" test "$ERR" = "로그인 폼은 application/x-www-form-urlencoded로 보내세요."
req GET "$L/login?name=kim" "${KO[@]}"
expect_status 302 "a good login"
req GET "$L" -H 'Cookie: name=kim' "${KO[@]}"
expect_body 'kim님 안녕하세요' "the greeting is the chapter's, in any language"
