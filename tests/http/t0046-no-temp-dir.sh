# t0046 - where TMPDIR names no directory, the bench, the test runner and
# a test stop at once and say why.  None may go on with an empty path in
# place of its directory: as root its files would go to / and the
# bench's lab server to /run.  They run here as nobody, who can write
# neither, so that a defect shows as a wrong answer and does no harm.
. "$(dirname "$0")/../lib.sh"
as=()
[ "$(id -u)" -eq 0 ] && as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
missing=$WORK/missing
if [ ${#as[@]} -gt 0 ] && ! "${as[@]}" test -x "$top/bench/run" -a -x "$top/tests/run" \
    -a -r "$top/tests/lib.sh"; then
	skip "nobody cannot reach $top (a checkout in a private directory)"
	exit 0
fi

# stops WHAT MESSAGE COMMAND...: COMMAND, with TMPDIR naming no directory,
# ends within 60 s with a status other than 0, its output saying MESSAGE
# and nothing of what it would have gone on to do.
stops() {
	local what=$1 message=$2 out rc=0
	shift 2
	out=$(cd / && TMPDIR=$missing timeout -k 1 60 "${as[@]}" "$@" 2>&1) || rc=$?
	check "$what: stops (status $rc)" test "$rc" -ne 0 -a "$rc" -ne 124
	check "$what: says why ($out)" grep -qF "$message" <<<"$out"
	check "$what: and goes no further ($out)" \
	    test "$(grep -vc -e '^mktemp: ' -e "$message" <<<"$out")" -eq 0
}

stops "make bench's bench/run" "bench: cannot make a directory in $missing" \
    "$top/bench/run"
stops "tests/run" "tests/run: cannot make a directory in $missing" \
    "$top/tests/run" unit
cat >"$WORK/t.sh" <<EOF
. "$top/tests/lib.sh"
check "a check" true
EOF
chmod 0644 "$WORK/t.sh"
stops "a test (tests/lib.sh)" "cannot make a directory in $missing for the test" \
    bash "$WORK/t.sh"
