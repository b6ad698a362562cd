#!/usr/bin/env bash
# run.sh - the browser tests: starts the lab server as every HTTP test does
# (tests/lib.sh's lab_start, stopped by its trap), then runs
# browser.test.mjs (rest.mjs, login.mjs, lessons.mjs, languages.mjs) with
# node's test runner, Debian's Chromium and playwright-core, and counts
# node's results into lib.sh's summary line.
#
#   tests/browser/run.sh [NAME]   only the tests whose name matches NAME
#                                 (a regular expression, any case)
#
# A failing run keeps its directory (screenshots in <run>/screenshots/);
# KEEP= (empty) removes it anyway.
. "$(dirname "$0")/../lib.sh"
TEST_NAME=browser
KEEP=${KEEP-1}
here=$top/tests/browser

if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null; then
	FAIL=1
	echo "  FAIL browser: /usr/bin/chromium or node is missing; run 'make deps'"
	exit 1
fi
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
	FAIL=1
	echo "  FAIL browser: playwright-core is not installed; run 'make test-browser' (npm ci in tests/browser)"
	exit 1
fi

FAIL=1	# a server that does not start is a failure, not "0 passed"
lab_start
FAIL=0
export BASE RUN
# The TLS port, when lab_start gave the server one.
[ -n "${TLS_BASE:-}" ] && export TLS_BASE

args=()
only=${1:-${CGILAB_TEST_ONLY:-}}
[ -n "$only" ] && args+=(--test-name-pattern="/$only/i")
# Chromium's temporary profiles go in the test's own directory.
(cd "$here" && TMPDIR=$WORK node --test --test-reporter=tap "${args[@]}" browser.test.mjs) \
    >"$WORK/browser.tap" 2>"$WORK/browser.err"
status=$?

# Failures with their details, skips with their reasons; all with VERBOSE=1.
if [ -n "${VERBOSE:-}" ]; then
	cat "$WORK/browser.tap"
else
	awk '
	    /^# Subtest: / { suite = substr($0, 12) }
	    /^ *not ok / { show = 1; print; next }
	    /^ *(ok|# Subtest:) / || /^ *[0-9]+\.\.[0-9]+$/ { show = 0 }
	    / # SKIP test name does not match pattern$/ { next }
	    / # SKIP/ {
		i = index($0, " # SKIP")
		name = substr($0, 1, i - 1); sub(/^ *ok [0-9]+ - /, "", name)
		print "  skip " suite ": " name ": " substr($0, i + 8)
		next
	    }
	    show || /^ *# screenshot/ { print }
	' "$WORK/browser.tap"
fi
[ -s "$WORK/browser.err" ] && grep -v 'ExperimentalWarning\|--trace-warnings' "$WORK/browser.err" | sed 's/^/  stderr: /'

count() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$WORK/browser.tap" | tail -1; }
PASS=$(count pass)
failed=$(count fail)
cancelled=$(count cancelled)
FAIL=$((${failed:-0} + ${cancelled:-0}))
skipped=$(grep -c ' # SKIP' "$WORK/browser.tap" | head -1)
skipped=$((skipped - $(grep -c ' # SKIP test name does not match pattern$' "$WORK/browser.tap")))
if [ -z "$PASS" ]; then
	# node ended without its summary: count the run as one failure.
	PASS=0
	FAIL=$((FAIL + 1))
	echo "  FAIL browser: node --test gave no summary (exit $status); see above"
elif [ "$status" -ne 0 ] && [ "$FAIL" -eq 0 ]; then
	FAIL=1
	echo "  FAIL browser: node --test exited $status with no failed test"
fi
SKIP=${skipped:-0}
exit 0
