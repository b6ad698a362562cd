# t0900 - the reliability table (docs/reliability.md) is true: every row
# that is one request is sent here and gets the answer the row gives;
# every other row is checked by the test it names; a refused request
# writes nothing.  In FastCGI mode every row's /cgi-bin/<program>.cgi is
# /fcgi-bin/<program>.fcgi (table_mode_path); the chapter's paths stay CGI.
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
. "$top/tests/table.sh"
lab_start
U=$BASE$CGI_DIR/users$CGI_EXT

req POST "$U" -H 'Content-Type: application/json' --data '{"name":"그대로"}'
expect_status 201 "the user the rows may name"
TABLE_ID=$(jq -r .id "$WORK/body")
before=$(sql "SELECT group_concat(id || '=' || name) FROM users")

check "the table has rows" test ${#TABLE_IDS[@]} -gt 50
check "row ids are unique" test -z "$(printf '%s\n' "${TABLE_IDS[@]}" | sort | uniq -d)"

# Rows that do not hold in FastCGI mode, and why (docs/fastcgi.md).
declare -A NOT_FCGI=()
for id in "${TABLE_IDS[@]}"; do
	if [ "$MODE" = fcgi ] && [ -n "${NOT_FCGI[$id]:-}" ]; then
		skip "$id in FastCGI mode: ${NOT_FCGI[$id]}"
		continue
	fi
	request=${TABLE_REQUEST[$id]}
	table_spans "$request"
	first=${SPAN_TEXT[0]:-}
	if ! [[ $first =~ ^[A-Za-z]+\ / ]]; then
		# Checked elsewhere: the test it names must check it.
		file=
		[[ $first == tests/* ]] && file=$first
		check "$id is checked by the test it names (${file:-none named})" \
		    grep -sqE "expect_answer $id( |\$)" "$top/${file:-/nonexistent}"
		continue
	fi
	table_send "$id"
	expect_answer "$id"
done

check "no refused request wrote anything" \
    test "$(sql "SELECT group_concat(id || '=' || name) FROM users")" = "$before"
# (mod_fcgid's words for the same: a process that closed its connection
# before answering, or was found dead.)
check "no program crashed or died without an answer (error log)" \
    bash -c "! grep -E 'Premature end of script headers|End of script output before headers|Segmentation fault|exit signal|mod_fcgid: error reading data|mod_fcgid: process .* exit' '$RUN/logs/error.log'"
