# Shared helpers for tests/t_*.sh: each check prints "ok - what" or
# "not ok - what"; tests/run.sh counts the lines.  Sourced, not run.
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }
# check WHAT COMMAND...: ok if the command exits 0.
check() {
	what=$1; shift
	if "$@" >"$T/last.log" 2>&1; then ok "$what"
	else notok "$what"; sed 's/^/#   /' "$T/last.log" | head -n 20; fi
}
# skip WHAT WHY
skip() { echo "skip - $1: $2"; }
# The TEI schema: GALLEY_TEI_SCHEMA, else ../shared/schemas/tei_all.rng.
tei_schema() {
	if [ -n "${GALLEY_TEI_SCHEMA:-}" ]; then echo "$GALLEY_TEI_SCHEMA"
	elif [ -f "$ROOT/../shared/schemas/tei_all.rng" ]; then
		echo "$ROOT/../shared/schemas/tei_all.rng"
	fi
}
