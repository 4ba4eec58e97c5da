#!/bin/sh
# galley's test runner: every unit test binary, then every tests/t_*.sh.
# Each check prints one "ok"/"not ok"/"skip" line; the last line of the
# run is "N passed, N failed, N skipped".
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# Debian's own tools first (python3 with python3-jsonschema, java, jing),
# ahead of any version manager's shims.
PATH=/usr/bin:/bin:$PATH
export PATH
BUILD=${BUILD:-build/rel}
T=$ROOT/tests/out
rm -rf "$T" && mkdir -p "$T"
export ROOT T BUILD
LOG=$T/all.log
: >"$LOG"
cd "$ROOT" || exit 2
for b in "$BUILD"/tests/test_*; do
	[ -x "$b" ] || continue
	echo "# $b" | tee -a "$LOG"
	"$b" >"$T/unit.log" 2>&1
	rc=$?
	cat "$T/unit.log" | tee -a "$LOG"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$T/unit.log"; then
		echo "not ok - $b exited with status $rc" | tee -a "$LOG"
	fi
done
for t in tests/t_*.sh; do
	[ -f "$t" ] || continue
	echo "# $t" | tee -a "$LOG"
	sh -c ". tests/lib.sh; . $t" 2>&1 | tee -a "$LOG"
done
# Sanitizers: every unit test and galley over every test input, built
# with AddressSanitizer and UBSan; any report fails the check.
if [ -n "${SAN_BUILD:-}" ] && [ -x "$SAN_BUILD/galley" ]; then
	echo "# sanitizers ($SAN_BUILD)" | tee -a "$LOG"
	export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	for b in "$SAN_BUILD"/tests/test_*; do
		[ -x "$b" ] || continue
		"$b" >"$T/san.log" 2>&1
		rc=$?
		if [ $rc -eq 0 ] && ! grep -q "Sanitizer\|runtime error" "$T/san.log"
		then echo "ok - sanitizers: $(basename "$b") clean" | tee -a "$LOG"
		else echo "not ok - sanitizers: $(basename "$b") (status $rc)" | tee -a "$LOG"
			grep -m 5 "Sanitizer\|runtime error\|^not ok" "$T/san.log" | sed 's/^/#   /' | tee -a "$LOG"
		fi
	done
	set -- input tests/bad tests/text tests/epub tests/tei tests/filters
	"$SAN_BUILD/galley" convert -q -j 2 -t json,epub,tei,tree \
	    --tei-corpus "$T/san-out/corpus.tei.xml" -o "$T/san-out" "$@" \
	    >"$T/san.log" 2>&1
	rc=$?
	if [ $rc -le 1 ] && ! grep -q "Sanitizer\|runtime error" "$T/san.log"
	then echo "ok - sanitizers: galley convert over every test input clean" | tee -a "$LOG"
	else echo "not ok - sanitizers: galley convert (status $rc)" | tee -a "$LOG"
		grep -m 5 -A 5 "Sanitizer\|runtime error" "$T/san.log" | sed 's/^/#   /' | tee -a "$LOG"
	fi
	"$SAN_BUILD/galley" book -q -o "$T/san-out/book.epub" input >"$T/san.log" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && ! grep -q "Sanitizer\|runtime error" "$T/san.log"
	then echo "ok - sanitizers: galley book clean" | tee -a "$LOG"
	else echo "not ok - sanitizers: galley book (status $rc)" | tee -a "$LOG"
		grep -m 5 -A 5 "Sanitizer\|runtime error" "$T/san.log" | sed 's/^/#   /' | tee -a "$LOG"
	fi
fi
# ThreadSanitizer: parallel runs (more inputs than results in flight,
# a report, a corpus, --update, a book); any report fails the check.
if [ -n "${TSAN_BUILD:-}" ] && [ -x "$TSAN_BUILD/galley" ]; then
	echo "# thread sanitizer ($TSAN_BUILD)" | tee -a "$LOG"
	export TSAN_OPTIONS=halt_on_error=1:exitcode=66
	sh scripts/gen-articles.sh 400 "$T/tsan-in" input >/dev/null
	cp -r tests/text tests/epub "$T/tsan-in/"
	for run in 1 2; do
		"$TSAN_BUILD/galley" convert -q -j 4 --update -t json,epub,tei \
		    --report "$T/tsan-report.json" \
		    --tei-corpus "$T/tsan-out/corpus.tei.xml" \
		    -o "$T/tsan-out" "$T/tsan-in" >"$T/tsan.log" 2>&1
		rc=$?
		if [ $rc -le 1 ] && ! grep -q "ThreadSanitizer" "$T/tsan.log"
		then echo "ok - thread sanitizer: galley convert -j 4, run $run, clean" | tee -a "$LOG"
		else echo "not ok - thread sanitizer: galley convert -j 4, run $run (status $rc)" | tee -a "$LOG"
			grep -m 1 -A 12 "ThreadSanitizer" "$T/tsan.log" | sed 's/^/#   /' | tee -a "$LOG"
		fi
		echo "One more line." >>"$T/tsan-in/a00300.md"
	done
	"$TSAN_BUILD/galley" book -q -o "$T/tsan-out/book.epub" "$T/tsan-in" >"$T/tsan.log" 2>&1
	rc=$?
	if [ $rc -le 1 ] && ! grep -q "ThreadSanitizer" "$T/tsan.log"
	then echo "ok - thread sanitizer: galley book clean" | tee -a "$LOG"
	else echo "not ok - thread sanitizer: galley book (status $rc)" | tee -a "$LOG"
		grep -m 1 -A 12 "ThreadSanitizer" "$T/tsan.log" | sed 's/^/#   /' | tee -a "$LOG"
	fi
fi
passed=$(grep -c '^ok ' "$LOG")
failed=$(grep -c '^not ok ' "$LOG")
skipped=$(grep -c '^skip ' "$LOG")
if [ "$failed" -gt 0 ]; then
	echo "# failures:"; grep '^not ok ' "$LOG"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
