# t0510 - the database file deleted or replaced while the lab serves
# (docs/reliability.md F11, F12): no write is answered 2xx unless it is
# in the file the next request reads.  Deleted (moved away): every
# request is the 500 JSON error, the error log says why, and no request
# makes a new empty database in its place; put back, it serves what it
# held and ids go on.  Replaced by another file with a rename: the next
# request reads and writes the new file.  In FastCGI mode the program
# keeps the file open across requests, so it must notice both.
# modes: cgi fcgi
. "$(dirname "$0")/../lib.sh"
. "$top/tests/table.sh"
lab_start
U=$BASE$CGI_DIR/users$CGI_EXT
J=(-H 'Content-Type: application/json')
if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=www-data --regid=www-data --clear-groups); else as=(); fi
dbdir=$(dirname "$DB")

check "the lab made the database before any request" test -f "$DB"
req POST "$U" "${J[@]}" --data '{"name":"처음"}'
expect_status 201 "a user in the database"
first=$(jq -r .id "$WORK/body")
req GET "$U"
expect_json . "{\"$first\":\"처음\"}" "the list has it (FastCGI: the program holds the file open now)"

# 1. Deleted: moved out of its directory (the -wal and -shm files stay).
mv "$DB" "$WORK/away.db"
from=$(wc -l <"$RUN/logs/error.log")
req POST "$U" "${J[@]}" --data '{"name":"잃으면 안 됨"}'
expect_answer F11
req PUT "$U/$first" "${J[@]}" --data '{"name":"바꾸면 안 됨"}'
expect_error 500 "deleted: a rename is a 500"
req DELETE "$U/$first"
expect_error 500 "deleted: a delete is a 500"
req GET "$U"
expect_error 500 "deleted: a read is a 500"
check "deleted: no request made a new database in its place" test ! -e "$DB"
check "deleted: the error log says why" \
    bash -c "tail -n +$((from + 1)) '$RUN/logs/error.log' | grep -qE 'cgilab\\[users\\]: sqlite: .*(is gone|unable to open database file)'"

mv "$WORK/away.db" "$DB"
req GET "$U"
expect_json . "{\"$first\":\"처음\"}" "put back: it serves what it held, nothing of the refused writes"
req POST "$U" "${J[@]}" --data '{"name":"돌아온 뒤"}'
expect_status 201 "put back: writing works"
back=$(jq -r .id "$WORK/body")
check "put back: ids go on ($back after $first)" test "$back" -gt "$first"
check "put back: the row is in the file" test "$(db_user "$back")" = "돌아온 뒤"

# 2. Replaced: a copy with one more user, renamed over it (its old -wal
# and -shm go first: they belong to the old file).
"${as[@]}" sqlite3 -batch "$DB" ".backup '$dbdir/new.db'"
"${as[@]}" sqlite3 -batch "$dbdir/new.db" "INSERT INTO users(name) VALUES ('새 파일')"
added=$("${as[@]}" sqlite3 -batch "$dbdir/new.db" "SELECT max(id) FROM users")
rm -f "$DB-wal" "$DB-shm"
mv "$dbdir/new.db" "$DB"
req POST "$U" "${J[@]}" --data '{"name":"새 파일에"}'
expect_status 201 "replaced: a write goes into the new file"
new=$(jq -r .id "$WORK/body")
check "replaced: its id follows the new file's ($new after $added)" test "$new" -gt "$added"
check "replaced: the row is in the file the path names" test "$(db_user "$new")" = "새 파일에"
req GET "$U"
expect_answer F12
expect_json ".\"$new\"" '"새 파일에"' "replaced: the list has the new write"

check "no program crashed or died without an answer (error log)" \
    bash -c "! grep -E 'Premature end of script headers|End of script output before headers|Segmentation fault|exit signal' '$RUN/logs/error.log'"
