# table.sh - reads the reliability table (docs/reliability.md) so that the
# tests check it: each row names a bad input, the request that sends it
# and the answer it gets, and expect_answer ID asserts that answer about
# the last request made with req.
#
# A cell is prose with code spans; the word before a span says what it is:
#   request:  `METHOD /path?query` first, then  header `Name: value`,
#             body `text`, bytes `text with \xHH escapes`
#   answer:   the status first, then  error `sentence` (a JSON error with
#             exactly that sentence), header `Name: regex` (an extended
#             regular expression the whole value must match),
#             body has `text`, body lacks `text`, body is `text`
# In a request, {id} is a user that exists (TABLE_ID), {otherhost} this
# server's address with another port, @a:N is N letters a, @sp:N N
# spaces, @ga:N N characters 가, @lb:N N [.
#
# Sourced after tests/lib.sh.

TABLE=$top/docs/reliability.md

# The table, read once: TABLE_IDS in order, and per id its section, bad
# input, request cell and answer cell.
declare -A TABLE_SECTION TABLE_WHAT TABLE_REQUEST TABLE_ANSWER
TABLE_IDS=()
# table_trim NAME VALUE: NAME=VALUE without spaces at either end.
table_trim() {
	local v=${2#"${2%%[! ]*}"}
	printf -v "$1" '%s' "${v%"${v##*[! ]}"}"
}
while IFS='|' read -r _ id section what request answer _; do
	id=${id// /}
	[[ $id =~ ^[A-Z][0-9][0-9]$ ]] || continue
	TABLE_IDS+=("$id")
	table_trim "TABLE_SECTION[$id]" "$section"
	table_trim "TABLE_WHAT[$id]" "$what"
	table_trim "TABLE_REQUEST[$id]" "$request"
	table_trim "TABLE_ANSWER[$id]" "$answer"
done <"$TABLE"

# table_spans CELL: the cell's code spans into SPAN_ROLE and SPAN_TEXT.
# The role is the last word (two for "body has/lacks/is") before a span.
table_spans() {
	local parts words i pre
	SPAN_ROLE=()
	SPAN_TEXT=()
	IFS='`' read -r -a parts <<<"$1"
	for ((i = 1; i < ${#parts[@]}; i += 2)); do
		read -r -a words <<<"${parts[i - 1]}"
		pre=${#words[@]}
		if [ "$pre" -eq 0 ]; then
			SPAN_ROLE+=(-)
		elif [ "$pre" -gt 1 ] && [ "${words[pre - 2]}" = body ]; then
			SPAN_ROLE+=("body ${words[pre - 1]}")
		else
			SPAN_ROLE+=("${words[pre - 1]}")
		fi
		SPAN_TEXT+=("${parts[i]}")
	done
}

# table_expand TEXT: TABLE_EXPANDED is TEXT with the placeholders of a
# request replaced.
table_expand() {
	local s=$1 n rep
	s=${s//\{id\}/${TABLE_ID:-1}}
	s=${s//\{otherhost\}/127.0.0.1:$((PORT + 1))}
	while [[ $s =~ @(a|sp|ga|lb):([0-9]+) ]]; do
		n=${BASH_REMATCH[2]}
		case ${BASH_REMATCH[1]} in
		a) rep=$(head -c "$n" /dev/zero | tr '\0' a) ;;
		sp) rep=$(head -c "$n" /dev/zero | tr '\0' ' ') ;;
		ga) rep=$(printf '가%.0s' $(seq "$n")) ;;
		lb) rep=$(head -c "$n" /dev/zero | tr '\0' '[') ;;
		esac
		[ "$n" -eq 0 ] && rep=
		s=${s/"${BASH_REMATCH[0]}"/$rep}
	done
	TABLE_EXPANDED=$s
}

# table_mode_path: target, a row's path, in the test's mode (tests/lib.sh):
# in FastCGI mode /cgi-bin/<program>.cgi[/...] is /fcgi-bin/<program>.fcgi[/...]
# and any other /cgi-bin/ path is under /fcgi-bin/; the chapter's paths stay.
table_mode_path() {
	[[ $target == /cgi-bin/* ]] || return 0
	target=${CGI_DIR:-/cgi-bin}/${target#/cgi-bin/}
	if [[ $target =~ ^(/[^/]+/[^/?]+)\.cgi([/?].*)?$ ]]; then
		target=${BASH_REMATCH[1]}${CGI_EXT:-.cgi}${BASH_REMATCH[2]}
	fi
}

# table_send ID: makes the request of row ID with req.
table_send() {
	local i role text method target has_ct=0 body=
	local args=()
	table_spans "${TABLE_REQUEST[$1]}"
	for ((i = 0; i < ${#SPAN_TEXT[@]}; i++)); do
		role=${SPAN_ROLE[i]}
		table_expand "${SPAN_TEXT[i]}"
		text=$TABLE_EXPANDED
		if [ $i = 0 ]; then
			method=${text%% *}
			target=${text#* }
			table_mode_path
			continue
		fi
		case $role in
		header)
			args+=(-H "$text")
			[[ ${text,,} == content-type:* ]] && has_ct=1
			;;
		body)
			printf '%s' "$text" >"$WORK/table-body"
			body=1
			;;
		bytes)
			printf '%b' "$text" >"$WORK/table-body"
			body=1
			;;
		esac
	done
	if [ -n "$body" ]; then
		args+=(--data-binary "@$WORK/table-body")
		# curl would add a form Content-Type of its own.
		[ $has_ct = 0 ] && args+=(-H 'Content-Type:')
	fi
	req "$method" "$BASE$target" "${args[@]}"
}

# expect_answer ID: the last answer is the one row ID promises; one check
# per promise, each named after the row.
expect_answer() {
	local id=$1 what cell i role text status name value
	if [ -z "${TABLE_ANSWER[$id]:-}" ]; then
		fail "$id: no such row in docs/reliability.md"
		return
	fi
	what="$id ${TABLE_WHAT[$id]}"
	cell=${TABLE_ANSWER[$id]}
	status=${cell%%[!0-9]*}
	expect_status "$status" "$what: $status"
	table_spans "$cell"
	for ((i = 0; i < ${#SPAN_TEXT[@]}; i++)); do
		role=${SPAN_ROLE[i]}
		text=${SPAN_TEXT[i]}
		case $role in
		error)
			expect_header Content-Type 'application/json; charset=utf-8' "$what: JSON"
			expect_json .error "$(jq -cn --arg s "$text" '$s')" "$what: error '$text'"
			;;
		header)
			name=${text%%:*}
			value=${text#*: }
			expect_header "$name" "$value" "$what: $name"
			;;
		"body has")
			check "$what: body has '$text'" grep -qF -- "$text" "$WORK/body"
			;;
		"body lacks")
			check "$what: body lacks '$text'" bash -c '! grep -qF -- "$1" "$2"' _ "$text" "$WORK/body"
			;;
		"body is")
			expect_body "$text" "$what: body is '$text'"
			;;
		*)
			fail "$id: the answer cell has a span with no known role: '$role'"
			;;
		esac
	done
}
