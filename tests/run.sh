#!/bin/sh
# galley's test runner: every unit test binary, then every tests/t_*.sh.
# Each check prints one "ok"/"not ok"/"skip" line; the last line of the
# run is "N passed, N failed, N skipped".
ROOT=$(cd "$(dirname "$0")/.." && pwd)
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
passed=$(grep -c '^ok ' "$LOG")
failed=$(grep -c '^not ok ' "$LOG")
skipped=$(grep -c '^skip ' "$LOG")
if [ "$failed" -gt 0 ]; then
	echo "# failures:"; grep '^not ok ' "$LOG"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
