#!/usr/bin/env bash
# run.sh - runs each libFuzzer harness (build/fuzz/fuzz_*, `make
# fuzz-build`): first its corpus (tests/fuzz/corpus/<name>/) replayed, one
# run per file, then fuzzing for FUZZ_SECONDS (5 unless set; `make fuzz`
# sets 60).  New inputs go to build/fuzz/work/<name>/, crashes to
# build/fuzz/crashes/.  A crash fails the run and says how to keep it as
# a regression input.  Ends with "fuzz: N passed, N failed, 0 skipped"
# (and adds to tests/run's total).  tests/run passes the name in
# CGILAB_TEST_ONLY.
#
#   tests/fuzz/run.sh [name]    only the harnesses whose name has "name"
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
seconds=${FUZZ_SECONDS:-5}
only=${1:-${CGILAB_TEST_ONLY:-}}
pass=0
fail=0

for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	short=${name#fuzz_}
	[ -n "$only" ] && [[ $name != *"$only"* ]] && continue
	bin=build/fuzz/$name
	corpus=tests/fuzz/corpus/$short
	if [ ! -x "$bin" ]; then
		echo "  FAIL $name: $bin is not built; run 'make fuzz-build' (clang, libclang-rt-14-dev)"
		fail=$((fail + 1))
		continue
	fi
	if [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
		echo "  FAIL $name: no seed corpus in $corpus"
		fail=$((fail + 1))
		continue
	fi
	mkdir -p "build/fuzz/work/$short" build/fuzz/crashes
	log=build/fuzz/$name.log

	# 1. Every input ever kept, once.
	if "$bin" -runs=0 "$corpus" >"$log" 2>&1; then
		pass=$((pass + 1))
		[ -n "${VERBOSE:-}" ] && echo "  ok   $name: corpus replayed ($(ls "$corpus" | wc -l) inputs)"
	else
		fail=$((fail + 1))
		echo "  FAIL $name: an input of $corpus fails; see $log"
		tail -n 30 "$log" | sed 's/^/       /'
		continue
	fi

	# 2. Fuzzing, bounded in time, memory and time per input.
	if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=4096 -print_final_stats=1 \
	    -artifact_prefix="build/fuzz/crashes/$short-" \
	    "build/fuzz/work/$short" "$corpus" >"$log" 2>&1; then
		pass=$((pass + 1))
		[ -n "${VERBOSE:-}" ] && echo "  ok   $name: fuzzed ${seconds}s, $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") runs"
	else
		fail=$((fail + 1))
		echo "  FAIL $name: fuzzing found an input that fails; see $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|tests/fuzz/.*:[0-9]+:|artifact_prefix|Test unit written)' "$log" |
		    sed 's/^/       /' | head -n 10
		echo "       keep it as a regression input, then fix the code:"
		echo "         cp build/fuzz/crashes/$short-<hash> $corpus/crash-<what it is>"
	fi
done

echo "fuzz: $pass passed, $fail failed, 0 skipped"
[ -n "${CGILAB_TEST_RESULTS:-}" ] && echo "$pass $fail 0" >>"$CGILAB_TEST_RESULTS"
[ "$fail" -eq 0 ]
