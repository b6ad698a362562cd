# s0300 - the database file or its directory broken under the server
# (docs/http-api.md, docs/storage.md): a read-only file, a read-only directory, a missing
# directory, a file that is not a database.  Each gets a clear 500 JSON
# error and a line in the error log saying why; no program crashes, no
# request writes half a change, and once the fault is mended the data is
# all there and writing works.
#
# The programs run as Apache's children (www-data when the tests run as
# root): file modes bind them even when they do not bind the test, and
# each case first checks that the fault really holds for them.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/stress/load.sh"
. "$top/tests/table.sh"
lab_start
U=$BASE/cgi-bin/users.cgi
J=(-H 'Content-Type: application/json')

if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=www-data --regid=www-data --clear-groups); else as=(); fi
# cannot_write PATH: the user the programs run as may not write PATH.
cannot_write() {
	! "${as[@]}" test -w "$1"
}

for n in 하나 둘 셋; do
	req POST "$U" "${J[@]}" --data "{\"name\":\"$n\"}"
done
expect_status 201 "users to keep"
db_rows >"$WORK/before"
dbdir=$(dirname "$DB")

# log_lines: how many lines the error log has now.
log_lines() {
	wc -l <"$RUN/logs/error.log"
}

# create_under_fault: a create; its answer is the table row's.
create_under_fault() {
	LOG_FROM=$(log_lines)
	req POST "$U" "${J[@]}" --data '{"name":"고장 중"}'
}

# more_under_fault CASE LOG_REGEX: a rename and a delete under the fault,
# each a 500; and the programs' line in the error log since the create.
more_under_fault() {
	local what=$1 regex=$2 from=$LOG_FROM
	req PUT "$U/1" "${J[@]}" --data '{"name":"고장 중"}'
	expect_error 500 "$what: a rename is a 500"
	req DELETE "$U/2"
	expect_error 500 "$what: a delete is a 500"
	check "$what: the error log says why ($regex)" \
	    bash -c "tail -n +$((from + 1)) '$RUN/logs/error.log' | grep -qE '$regex'"
}

# mended WHAT: the data is as before, and a write works again (then it
# is undone, through the server, so every case starts alike).
mended() {
	local id
	req GET "$U"
	expect_status 200 "$1, mended: the list is served"
	check "$1, mended: nothing of the refused writes is there" test "$(db_rows)" = "$(cat "$WORK/before")"
	req POST "$U" "${J[@]}" --data '{"name":"고친 뒤"}'
	expect_status 201 "$1, mended: writing works again"
	id=$(jq -r .id "$WORK/body")
	req DELETE "$U/$id"
	expect_status 204 "$1, mended: and deleting"
}

# 1. A read-only database file.
chmod 0444 "$DB"
check "read-only file: the programs cannot write it" cannot_write "$DB"
create_under_fault
expect_answer F02
more_under_fault "read-only file" 'cgilab\[users\]: sqlite: .*readonly database'
req GET "$U"
expect_status 200 "read-only file: reads are still served"
chmod 0644 "$DB"
# SQLite gave the -wal and -shm files the database's mode.
chmod 0644 "$DB"-wal "$DB"-shm 2>/dev/null
mended "read-only file"

# 2. A read-only directory: SQLite cannot create the -wal file beside the
# database.
ls "$dbdir" >"$WORK/dir-before"
chmod 0555 "$dbdir"
check "read-only directory: the programs cannot write in it" cannot_write "$dbdir"
create_under_fault
expect_answer F03
more_under_fault "read-only directory" 'cgilab\[users\]: sqlite: .*readonly'
req GET "$U"
expect_error 500 "read-only directory: a read is a 500 too (no -wal file can be made)"
check "read-only directory: no file was added" test "$(ls "$dbdir")" = "$(cat "$WORK/dir-before")"
chmod 0750 "$dbdir"
mended "read-only directory"

# 3. The directory is missing.
mv "$dbdir" "$dbdir.away"
create_under_fault
expect_answer F04
more_under_fault "missing directory" 'cgilab\[users\]: sqlite: open .*unable to open database file'
req GET "$U"
expect_error 500 "missing directory: a read is a 500 too"
check "missing directory: it was not created" test ! -e "$dbdir"
mv "$dbdir.away" "$dbdir"
mended "missing directory"

# 4. A file that is not a database: random bytes, and text.
cp "$DB" "$WORK/saved.db"
for kind in bytes text; do
	if [ $kind = bytes ]; then
		head -c 8192 /dev/urandom >"$WORK/garbage"
	else
		printf 'name,id\nnot,a database\n' >"$WORK/garbage"
	fi
	cat "$WORK/garbage" >"$DB"
	create_under_fault
	expect_answer F05
	more_under_fault "not a database ($kind)" 'cgilab\[users\]: sqlite: .*file is not a database'
	req GET "$U"
	expect_error 500 "not a database ($kind): a read is a 500 too"
	check "not a database ($kind): the file was left as it was" cmp -s "$WORK/garbage" "$DB"
done
cat "$WORK/saved.db" >"$DB"
mended "not a database"

check "no program crashed or died without an answer (error log)" error_log_clean
