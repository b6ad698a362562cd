# t0210 - users.cgi: every refusal of docs/http-api.md (400, 403, 404, 405, 413,
# 415), each a JSON error, none writing anything.
# store: any
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
lab_start
U=$BASE$CGI_DIR/users$CGI_EXT
J=(-H 'Content-Type: application/json')

req POST "$U" "${J[@]}" --data '{"name":"keep"}'
id=$(jq -r .id "$WORK/body")

rows() { db_users || echo "the store could not be read"; }
before=$(rows)
check "the store holds the one user made" test "$before" = "$id=keep"

# 400: names
for body in '{"name":""}' '{"name":"   "}' '{"name":"a\u0000b"}' '{"name":"a\u0007b"}' \
    '{"name":"a\nb"}' '{"name":"a\u0085b"}' '{"name":12}' '{"name":null}' '{"name":["x"]}' \
    '{"nam":"x"}' '{}'; do
	req POST "$U" "${J[@]}" --data "$body"
	expect_error 400 "POST $body: 400"
done
name101=$(printf '가%.0s' $(seq 101))
req POST "$U" "${J[@]}" --data "{\"name\":\"$name101\"}"
expect_error 400 "a name of 101 characters: 400"
printf '{"name":"\xff\xfe"}' >"$WORK/bad-utf8.json"
req POST "$U" "${J[@]}" --data-binary "@$WORK/bad-utf8.json"
expect_error 400 "a name that is not UTF-8: 400"
printf '{"name":"\xc0\xaf"}' >"$WORK/overlong.json"
req POST "$U" "${J[@]}" --data-binary "@$WORK/overlong.json"
expect_error 400 "an overlong UTF-8 form: 400"
printf '{"name":"a\0b"}' >"$WORK/nul.json"
req POST "$U" "${J[@]}" --data-binary "@$WORK/nul.json"
expect_error 400 "a raw NUL byte in the body: 400"

# 400: not JSON, not an object
for body in '' 'not json' '{"name":"x"' '{"name":"x"} trailing' '["x"]' '"x"' 'null' '{"name":"x",}'; do
	req POST "$U" "${J[@]}" --data "$body"
	expect_error 400 "POST '$body': 400"
done
req POST "$U" -H 'Content-Type: application/x-www-form-urlencoded' --data 'name=%zz'
expect_error 400 "a form with a bad %-escape: 400"
req POST "$U" -H 'Content-Type: application/x-www-form-urlencoded' --data 'other=1'
expect_error 400 "a form without name: 400"
req POST "$U" -H 'Content-Type: application/x-www-form-urlencoded' --data 'name=a%0Ab'
expect_error 400 "a form name with a control character: 400"
# Unicode format characters (Cf) make a name display as another: U+202E
# RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE, U+FEFF, U+2066.
for cf in '\u202e' '\u200b' '\ufeff' '\u2066' '\u00ad'; do
	req POST "$U" "${J[@]}" --data "{\"name\":\"ab${cf}cd\"}"
	expect_error 400 "a name with ${cf#\\}: 400"
	expect_json .error '"The name contains an invisible formatting character (Unicode Cf), such as a direction override or a zero-width space."' \
	    "a name with ${cf#\\}: the reason"
done
req PUT "$U/$id" "${J[@]}" --data '{"name":"x\u202ey"}'
expect_error 400 "PUT a name with U+202E: 400"
req POST "$U" -H 'Content-Type: application/x-www-form-urlencoded' --data 'name=a%E2%80%AEb'
expect_error 400 "a form name with U+202E: 400"
req PUT "$U/$id" "${J[@]}" --data '{}'
expect_error 400 "PUT without name: 400"
req PATCH "$U/$id" "${J[@]}" --data '{}'
expect_error 400 "PATCH {} (no known field): 400"
req PATCH "$U/$id" "${J[@]}" --data '{"color":"red"}'
expect_error 400 "PATCH with no known field: 400"
req PUT "$U/$id" "${J[@]}" --data 'nope'
expect_error 400 "PUT with invalid JSON: 400"

# 404: ids
for path in /0 /abc /-1 /1.5 /1e3 "/$id/x" / /99999999 /123456789012345678901234567890; do
	req GET "$U$path"
	expect_error 404 "GET $path: 404"
done
req PUT "$U/99999" "${J[@]}" --data '{"name":"x"}'
expect_error 404 "PUT an unknown id: 404"
req PATCH "$U/99999" "${J[@]}" --data '{"name":"x"}'
expect_error 404 "PATCH an unknown id: 404"
req DELETE "$U/99999"
expect_error 404 "DELETE an unknown id: 404"
req DELETE "$U/abc"
expect_error 404 "DELETE a non-numeric id: 404"

# 405 with Allow
req PUT "$U" "${J[@]}" --data '{"name":"x"}'
expect_error 405 "PUT on the list: 405"
expect_header Allow 'GET, HEAD, POST, OPTIONS' "405 on the list: Allow"
req DELETE "$U"
expect_error 405 "DELETE on the list: 405"
req POST "$U/$id" "${J[@]}" --data '{"name":"x"}'
expect_error 405 "POST on one user: 405"
expect_header Allow 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS' "405 on one user: Allow"
req TRACK "$U"
expect_error 405 "an unknown method: 405"
req GET "$BASE/user"
expect_error 405 "GET /user (the chapter's POST path): 405"
expect_header Allow 'POST, OPTIONS' "405 on /user: Allow"
req PUT "$BASE/users" "${J[@]}" --data '{"name":"x"}'
expect_error 405 "PUT /users (the chapter's collection): 405"

# 413 and 415
head -c 16385 /dev/zero | tr '\0' ' ' >"$WORK/16385.json"
req POST "$U" "${J[@]}" --data-binary "@$WORK/16385.json"
expect_error 413 "a 16385-byte body: 413"
head -c 200000 /dev/zero | tr '\0' 'a' >"$WORK/big"
req POST "$U" "${J[@]}" --data-binary "@$WORK/big"
expect_error 413 "a 200 kB body: 413, the whole body read"
req POST "$U" "${J[@]}" --data-binary "@$WORK/big" -H 'Transfer-Encoding: chunked'
expect_error 413 "a 200 kB chunked body (no Content-Length): 413"
req POST "$U" -H 'Content-Type: text/plain' --data 'name=x'
expect_error 415 "text/plain: 415"
req POST "$U" -H 'Content-Type:' --data-binary '{"name":"x"}'
expect_error 415 "a body without a Content-Type: 415"
req PUT "$U/$id" -H 'Content-Type: application/xml' --data '<name>x</name>'
expect_error 415 "PUT application/xml: 415"
req POST "$U" -H 'Content-Type: Application/JSON; charset=UTF-8' --data '{"name":"ct"}'
expect_status 201 "the media type is matched case-insensitively, parameters aside"
req DELETE "$U/$(jq -r .id "$WORK/body")" # keep the rows for the check below
expect_status 204 "…and that user is deleted again"

# 403: cross-origin unsafe requests
req POST "$U" "${J[@]}" -H 'Sec-Fetch-Site: cross-site' --data '{"name":"x"}'
expect_error 403 "Sec-Fetch-Site: cross-site: 403"
expect_header Vary '.*Sec-Fetch-Site.*' "403: Vary names Sec-Fetch-Site"
req DELETE "$U/$id" -H 'Sec-Fetch-Site: same-site'
expect_error 403 "Sec-Fetch-Site: same-site: 403"
req PUT "$U/$id" "${J[@]}" -H 'Origin: http://evil.example' --data '{"name":"x"}'
expect_error 403 "an Origin of another host: 403"
req PATCH "$U/$id" "${J[@]}" -H 'Origin: null' --data '{"name":"x"}'
expect_error 403 "Origin: null: 403"
req POST "$U" "${J[@]}" -H "Origin: http://127.0.0.1:$((PORT + 1))" --data '{"name":"x"}'
expect_error 403 "an Origin on another port: 403"
req GET "$U" -H 'Sec-Fetch-Site: cross-site'
expect_status 200 "a cross-site GET is allowed (safe method)"

check "no refused request wrote anything" test "$(rows)" = "$before"

req POST "$U" "${J[@]}" -H 'Sec-Fetch-Site: same-origin' --data '{"name":"same"}'
expect_status 201 "Sec-Fetch-Site: same-origin passes"
expect_header Vary '.*Origin.*' "unsafe answers: Vary names Origin"
req POST "$U" "${J[@]}" -H 'Sec-Fetch-Site: none' --data '{"name":"none"}'
expect_status 201 "Sec-Fetch-Site: none passes"
req POST "$U" "${J[@]}" -H "Origin: http://127.0.0.1:$PORT" --data '{"name":"origin"}'
expect_status 201 "an Origin equal to Host passes"
