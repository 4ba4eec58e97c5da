# JSON: golden files for the Markdown seeds (reader and writer, no
# filters), round trips through the whole pipeline, the tree writer,
# reader errors, and every JSON the tests make against the JSON Schema.
# GALLEY_REGEN=1 rewrites the golden files instead (review the diff).
SCHEMA=include/galley/galley.schema.json
G=tests/golden
NOF=$(./galley --list-filters | awk '{ printf " --no-filter %s", $1 }')
mkdir -p "$T/json"

for md in input/*.txt; do
	head -n 1 "$md" | grep -q '^---' || continue	# Markdown seeds
	stem=$(basename "$md" .txt)
	for fmt in json tree; do
		# shellcheck disable=SC2086
		./galley convert -q $NOF -f markdown -t $fmt -o - "$md" >"$T/json/$stem.golden.$fmt"
		if [ "${GALLEY_REGEN:-}" = 1 ]; then
			cp "$T/json/$stem.golden.$fmt" "$G/$stem.$fmt"
			skip "golden $stem.$fmt" "rewritten (GALLEY_REGEN=1)"
		elif [ -f "$G/$stem.$fmt" ]; then
			check "golden $stem.$fmt (reader + writer, no filters)" \
			    diff -u "$G/$stem.$fmt" "$T/json/$stem.golden.$fmt"
		else
			notok "golden $stem.$fmt: missing"
		fi
	done
done

# The whole pipeline, then the JSON read back: the same bytes.
for f in input/*; do
	stem=$(basename "$f"); stem=${stem%.*}
	./galley convert -q -t json -o - "$f" >"$T/json/$stem.json" 2>"$T/json/$stem.err"
	./galley convert -q -t json -o - "$T/json/$stem.json" >"$T/json/$stem.2.json" 2>>"$T/json/$stem.err"
	./galley convert -q -f json -t json -o - "$T/json/$stem.json" >"$T/json/$stem.3.json" 2>>"$T/json/$stem.err"
	if [ -s "$T/json/$stem.json" ] && cmp -s "$T/json/$stem.json" "$T/json/$stem.2.json" &&
	    cmp -s "$T/json/$stem.json" "$T/json/$stem.3.json"; then
		ok "round trip $stem: convert, JSON back in (auto and -f json), same bytes"
	else
		notok "round trip $stem: convert, JSON back in, same bytes"
		diff "$T/json/$stem.json" "$T/json/$stem.2.json" | head -n 10 | sed 's/^/#   /'
		sed 's/^/#   /' "$T/json/$stem.err" | head -n 5
	fi
done

# Front-matter values galley has no slot for: kept in "extra", in
# order, with the unquoted (plain) scalars listed in "extra_plain".
printf -- '---\ntitle: "Quoted: title"\nvenue: Oslo\nshelf: [a, "b", c d]\ncount: 3\nempty:\nnested:\n  x: y\n  list:\n    - "1"\n    - 2\n  "a/b~c": ok\n---\n\n# H\n' >"$T/json/fm.md"
./galley convert -q -t json -o - "$T/json/fm.md" >"$T/json/fm.json" 2>/dev/null
./galley convert -q -t json -o - "$T/json/fm.json" >"$T/json/fm.2.json" 2>/dev/null
check "front matter extras: same bytes after a round trip" cmp "$T/json/fm.json" "$T/json/fm.2.json"
check "front matter extras: plain scalars as JSON Pointers" grep -q \
    '"extra_plain": \[.*"/shelf/0", "/shelf/2", "/count", "/nested/x", "/nested/list/1", "/nested/a~1b~0c"\]' \
    "$T/json/fm.json"
check "front matter extras: quoted scalars are not plain" sh -c \
    '! grep "\"extra_plain\"" "$1" | grep -q "/shelf/1\|/nested/list/0\""' sh "$T/json/fm.json"

# Seeds 000-003: title, three keywords and the description in the JSON.
check "seeds 000-003: title, 3 keywords, description in meta" python3 -c '
import json, sys
for p in sys.argv[1:]:
    m = json.load(open(p))["meta"]
    assert m["title"] and m["description"], p
    assert len(m["keywords"]) == 3, p
' "$T"/json/00[0-3]_*[0-9a-f].json

# The tree writer: a node per line with line:col.
./galley convert -q -t tree -o - input/000_5413cba6d7dd22c5.txt >"$T/json/000.tree" 2>/dev/null
check "tree: headings and links with line:col" sh -c "
grep -q '^ *8:1 *heading level=2' '$T/json/000.tree' &&
grep -q '^ *10:286 *link url=\"/frontoffice\"' '$T/json/000.tree'"

# A bad node: file:line:col, the JSON path, status 1.
printf '{"galley": 1, "body": [\n  {"type": "paragraph"},\n  {"type": "foo"}\n]}\n' >"$T/json/bad.json"
./galley convert -q -t json -o - "$T/json/bad.json" >/dev/null 2>"$T/json/bad.err"; rc=$?
if [ $rc = 1 ] && grep -q "^$T/json/bad.json:3:12: error: body\[1\].type: unknown node type \"foo\"$" "$T/json/bad.err"
then ok "bad JSON node: file:line:col, path, status 1"
else notok "bad JSON node: status $rc"; sed 's/^/#   /' "$T/json/bad.err"; fi

# One validator run over every JSON file made here but bad.json.
validate_all() {
	set --
	for f in "$T"/json/*.json "$T"/json/spec/*.json "$T"/json/unit/*.json \
	    "$T"/json/specrun1/*.json; do
		[ -f "$f" ] || continue		# an empty glob
		[ "$f" = "$T/json/bad.json" ] || set -- "$@" -i "$f"
	done
	/usr/bin/jsonschema "$@" "$SCHEMA"
}

# Each spec example as JSON and as Markdown.
mkdir -p "$T/json/spec" "$T/json/unit" "$T/json/specmd"
GALLEY_SPEC_JSON="$T/json/spec" GALLEY_SPEC_MD="$T/json/specmd" \
    "$BUILD/tests/test_spec" >/dev/null

# The spec examples through every filter, then back in from JSON.
./galley convert -q -f markdown -t json -o "$T/json/specrun1" "$T/json/specmd" 2>/dev/null
./galley convert -q -t json -o "$T/json/specrun2" "$T/json/specrun1" 2>/dev/null
n=$(ls "$T/json/specrun1" | grep -c '\.json$')
# Outside this workplace there are no spec files: those checks skip, and
# the schema check validates what the other tests made.
min_json=1400
if [ ! -f "${GALLEY_SPEC_DIR:-$ROOT/../shared/spec}/spec.txt" ]; then
	skip "spec examples, all filters" "no spec files of cmark-gfm (set GALLEY_SPEC_DIR)"
	min_json=20
elif [ "$n" -ge 700 ] && diff -r -x .galley-state "$T/json/specrun1" "$T/json/specrun2" >"$T/json/specrun.diff"
then ok "spec examples, all filters: $n JSON files read back and written byte-identically"
else notok "spec examples, all filters: JSON round trip ($n files)"; head -n 20 "$T/json/specrun.diff" | sed 's/^/#   /'; fi

# Every JSON above, the spec examples' and the unit test's all-kinds
# document, in one validator run.
GALLEY_JSON_DUMP="$T/json/unit" "$BUILD/tests/test_json" >/dev/null
n=$(ls "$T"/json/*.json "$T"/json/spec/*.json "$T"/json/unit/*.json \
    "$T"/json/specrun1/*.json | grep -v '/bad.json$' | wc -l)
if [ ! -x /usr/bin/jsonschema ]; then
	notok "JSON Schema: /usr/bin/jsonschema missing (python3-jsonschema)"
elif [ "$n" -lt "$min_json" ]; then
	notok "JSON Schema: only $n JSON files made"
else
	check "JSON Schema: $n JSON files valid (seeds, spec examples with and without filters, all node kinds)" \
	    validate_all
	check "JSON Schema refuses an unknown node type" sh -c \
	    '! /usr/bin/jsonschema -i "$1" "$2" 2>/dev/null' sh "$T/json/bad.json" "$SCHEMA"
fi

# -v says which reader read a file: galley JSON is read as json, and the
# note names the format its article was first read from.
./galley convert -q -t json -o "$T/vjson" input/000_5413cba6d7dd22c5.txt 2>/dev/null
./galley convert -v -t json -o "$T/vjson2" "$T/vjson/000_5413cba6d7dd22c5.json" 2>"$T/vjson.err"
check "json: -v on galley JSON says it was read as json" \
    grep -q "000_5413cba6d7dd22c5.json: note: read as json (an article first read as markdown)" "$T/vjson.err"

# Characters XML forbids, escaped in galley JSON: said, as for Markdown.
printf '{"galley":1,"meta":{"title":"x","language":"en"},"body":[{"type":"paragraph","pos":[3,1],"children":[{"type":"text","text":"a\\u0001b","pos":[3,1]}]}]}' >"$T/json/ctl.json"
./galley convert -t tei -o "$T/json/ctl-out" "$T/json/ctl.json" 2>"$T/json/ctl.err"
check "json: a character XML forbids in JSON text is said, with its place" \
    grep -q "ctl.json:3:1: warning: 1 character that XML 1.0 does not allow in the text" "$T/json/ctl.err"

# An id on a paragraph (the schema allows one on any node) has no place
# in EPUB or TEI: said, where it stands; heading ids raise nothing.
printf '{"galley": 1, "meta": {"title": "T", "language": "en"}, "body": [\n {"type": "heading", "level": 2, "id": "h", "children": [{"type": "text", "text": "Head"}]},\n {"type": "paragraph", "id": "p-1", "children": [{"type": "text", "text": "x"}]}\n]}\n' >"$T/json/pid.json"
./galley convert -t epub,tei -o "$T/json/pid-out" "$T/json/pid.json" 2>"$T/json/pid.err"
check "json: an id on a paragraph is said to be kept in JSON only, at file:line:col" \
    sh -c '[ "$(grep -c ": warning:" "$1")" = 1 ] && grep -q "pid.json:3:30: warning: body\[1\].id: id \"p-1\" of a paragraph (and any other such id) is kept in JSON only" "$1"' sh "$T/json/pid.err"
