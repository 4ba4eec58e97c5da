# The plain-text reader, detection and encodings through the command
# line.  Goldens are the reader's model as JSON, every filter off, beside
# their input in tests/text/ (NAME.txt -> NAME.json); the Dutch seed's is
# tests/text/004_4a80590e0acbb5b6.json.  GALLEY_REGEN=1 rewrites them
# (review the diff).
TX=$ROOT/tests/text
nofilters=""
for f in $(./galley --list-filters 2>/dev/null | awk 'NF && $1 !~ /^#/ { print $1 }'); do
	nofilters="$nofilters --no-filter $f"
done

# golden INPUT GOLDEN: the reader's JSON equals the golden.
golden() {
	rm -rf "$T/text-g" && mkdir -p "$T/text-g"
	# shellcheck disable=SC2086
	./galley convert -q -t json $nofilters -o "$T/text-g" "$1" || return 1
	out=$T/text-g/$(basename "${1%.*}").json
	if [ "${GALLEY_REGEN:-}" = 1 ]; then cp "$out" "$2"; fi
	diff -u "$2" "$out"
}

for f in input/004_4a80590e0acbb5b6.txt; do
	check "text: golden JSON of the Dutch seed" golden "$f" "$TX/004_4a80590e0acbb5b6.json"
done
for f in en-export.txt de-export.md fr-cp1252.txt pl-utf16.txt fi-cr.txt notes-markdown.txt \
    ru-cp1251.txt ja-sjis.txt zh-gb18030.txt th-buddhist.txt el-iso8859-7.txt \
    tr-bom.txt et-dotted.txt zh-wrapped.txt ja-nakaguro.txt el-question.txt \
    ja-utf16le-nobom.txt pl-utf16be-nobom.txt ar-hijri.txt fa-digits.txt \
    en-byline.txt en-relative.txt de-byline.txt en-authors.txt en-readtime.txt \
    pt-title-byline.txt de-years-ago.txt nl-door-title.txt en-jobtitle.txt \
    ru-case.txt hi-danda.txt he-rlm-date.txt de-linesep.txt cs-date-dot.txt \
    zh-label-byline.txt ja-iso2022.txt bg-cp1251-short.txt uk-koi8u.txt \
    th-tis620.txt ru-cp866.txt fa-cp1256.txt ja-markers.txt \
    en-label-title.txt de-parasep.txt hr-listopad.txt sl-genitive.txt \
    ko-byline.txt ru-relative.txt zh-relative.txt nl-list-restart.txt \
    nl-letter-lists.txt fr-macroman.txt lt-cp1257.txt lv-iso885913.txt \
    et-cp1257.txt vi-cp1258.txt lt-iso88594.txt en-byline-date.txt \
    en-roman-lists.txt en-url-published.txt sv-dialogue.txt de-ordinal.txt \
    en-reader-view.txt zh-enum.txt th-cp874-long.txt id-cp1252-bullets.txt \
    en-related-terms.txt ko-iso2022.txt fr-latin9.txt es-macroman.txt \
    en-cp1252-symbols.txt en-cp1252-fractions.txt; do
	check "text: golden JSON of $f" golden "tests/text/$f" "$TX/${f%.*}.json"
done

# The Dutch seed through the whole pipeline, filters on.
./galley convert -q -t json -o "$T/text-full" input/004_4a80590e0acbb5b6.txt
check "text: Dutch seed, full pipeline: date, title, headings, one list of three" \
    python3 - "$T/text-full/004_4a80590e0acbb5b6.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["meta"]
assert m["date"] == "2021-06-24T07:51", m["date"]
assert m["title"] == "Back Office", m["title"]
assert m["format"] == "text", m["format"]
heads, lists = [], []
def text(n):
    return n.get("text", "") + "".join(text(c) for c in n.get("children", []))
def walk(n):
    for c in n.get("children", []) if isinstance(n, dict) else n:
        if c["type"] == "heading":
            heads.append(text(c))
        elif c["type"] == "list":
            lists.append((c, len(c["children"])))
        walk(c)
walk(d["body"])
assert heads == ["Wat is backoffice?", "Belangrijkste leerpunten",
    "Hoe de backoffice werkt", "Voorbeeld van backoffice",
    "Speciale overwegingen"], heads
assert len(lists) == 1 and lists[0][1] == 3 and not lists[0][0]["ordered"], lists
EOF

# Detection by content, reported with -v; -f overrides.
./galley convert -v -q -t json -o "$T/text-v" tests/text/de-export.md tests/text/notes-markdown.txt 2>"$T/text-v.err"
check "text: a plain export named .md is read as text" \
    grep -q "^tests/text/de-export.md: note: read as text" "$T/text-v.err"
check "text: Markdown named .txt is read as Markdown" \
    grep -q "^tests/text/notes-markdown.txt: note: read as markdown" "$T/text-v.err"
./galley convert -q -f text -t json -o "$T/text-f" tests/text/notes-markdown.txt
check "text: -f text overrides detection" \
    grep -q '"format": "text"' "$T/text-f/notes-markdown.json"

# Encodings: one warning for Windows-1252, errors with a position.
./galley convert -q -t json -o "$T/text-e" tests/text/fr-cp1252.txt 2>"$T/text-e.err"
check "text: Windows-1252 warns once, exactly" \
    sh -c "[ \"\$(cat '$T/text-e.err')\" = 'tests/text/fr-cp1252.txt:1:14: warning: not UTF-8 from here on, read as Windows-1252 (detected; --encoding names another)' ]"
# Latin text whose language has its own code page (CLD2 knows it from
# the Windows-1252 reading): read in that page, saying so.
./galley convert -q -t json -o "$T/text-bl" tests/text/lt-cp1257.txt tests/text/vi-cp1258.txt 2>"$T/text-bl.err"
check "text: Lithuanian and Vietnamese code pages named by their language" \
    sh -c "grep -qxF 'tests/text/lt-cp1257.txt:1:12: warning: not UTF-8 from here on, read as windows-1257, the code page of its language (lt; --encoding names another)' '$T/text-bl.err' &&
     grep -qF 'read as windows-1258, the code page of its language (vi;' '$T/text-bl.err' &&
     grep -qF 'ką rinktis šiemet' '$T/text-bl/lt-cp1257.json' &&
     grep -qF 'nên chọn gì' '$T/text-bl/vi-cp1258.json'"
# UTF-16 without a BOM (Notepad's "Unicode"): the byte order that reads
# as text is taken, with a warning; --encoding names it, without one.
./galley convert -q -t json -o "$T/text-u" tests/text/ja-utf16le-nobom.txt tests/text/pl-utf16be-nobom.txt 2>"$T/text-u.err"
check "text: UTF-16 without a BOM: read, each byte order named in a warning" sh -c \
    "grep -qxF 'tests/text/ja-utf16le-nobom.txt:1:1: warning: no byte order mark, but NUL bytes: read as UTF-16LE (--encoding names another)' '$T/text-u.err' &&
     grep -qxF 'tests/text/pl-utf16be-nobom.txt:1:1: warning: no byte order mark, but NUL bytes: read as UTF-16BE (--encoding names another)' '$T/text-u.err'"
./galley convert -q -t json --encoding UTF-16BE -o "$T/text-u2" tests/text/pl-utf16be-nobom.txt 2>"$T/text-u2.err"
check "text: --encoding UTF-16BE reads it without the warning" sh -c \
    "! grep -q 'byte order' '$T/text-u2.err' && grep -q '\"title\": \"Zaplecze biurowe\"' '$T/text-u2/pl-utf16be-nobom.json'"
./galley convert -q -t json --encoding UTF-16LE -o "$T/text-u3" tests/text/pl-utf16be-nobom.txt 2>"$T/text-u3.err"
check "text: --encoding UTF-16LE on big-endian bytes is what was asked: no title Zaplecze" sh -c \
    "! grep -q 'Zaplecze biurowe' '$T/text-u3/pl-utf16be-nobom.json' 2>/dev/null"
./galley convert -q -t json -o "$T/text-b" tests/text/bad-bytes.txt 2>"$T/text-b.err"; rc=$?
if [ $rc = 1 ] && grep -q "^tests/text/bad-bytes.txt:3:34: error: invalid UTF-8 byte 0xff at byte offset 41" "$T/text-b.err" &&
    [ ! -e "$T/text-b/bad-bytes.json" ]
then ok "text: bytes neither UTF-8 nor Windows-1252: file:line:col error, status 1, nothing written"
else notok "text: bad bytes: status $rc, $(cat "$T/text-b.err")"; fi
for f in empty blank; do
	./galley convert -q -t json -o "$T/text-$f" "tests/text/$f.txt" 2>"$T/text-$f.err"; rc=$?
	if [ $rc = 1 ] && grep -q "^tests/text/$f.txt:1:1: error: .*\(empty\|white space\)" "$T/text-$f.err" &&
	    [ ! -e "$T/text-$f/$f.json" ]
	then ok "text: $f input is an error"
	else notok "text: $f input: status $rc, $(cat "$T/text-$f.err")"; fi
done

# Hostile shapes stay near-linear: a 400 KB line of unclosed "**",
# 20,000 list items at ever-changing depths, 200,000 blank lines.
python3 - "$T/text-hostile" <<'EOF2'
import os, sys
d = sys.argv[1]
os.makedirs(d, exist_ok=True)
open(d + "/stars.txt", "w").write("Title\n\n" + "**a " * 100000 + "\n")
open(d + "/depth.txt", "w").write("Title\n\n" + "".join(
    " " * (i % 50) + "\u2022 item\n" for i in range(20000)))
open(d + "/blank.txt", "w").write("Title\n" + "\n" * 200000 + "Body.\n")
EOF2
check "text: hostile shapes convert within 20 s" \
    timeout 20 ./galley convert -q -j 1 -t json -o "$T/text-hostile-out" "$T/text-hostile"

# The goldens and the full-pipeline output meet galley's JSON Schema.
if [ -x /usr/bin/jsonschema ]; then
	set -- -i "$T/text-full/004_4a80590e0acbb5b6.json"
	for f in "$TX"/*.json; do set -- "$@" -i "$f"; done
	check "text: goldens valid against galley.schema.json" \
	    /usr/bin/jsonschema "$@" include/galley/galley.schema.json
else
	skip "text: goldens against galley.schema.json" "no /usr/bin/jsonschema (python3-jsonschema)"
fi

# Exports in other languages, scripts and encodings: the date line is
# read (CLDR month names through ICU, CJK markers, a Thai Buddhist
# year), the title is the line after it, the encoding is detected.
check "text: dates and titles of exports in eight languages" python3 - "$TX" <<'PY'
import json, sys
want = {
    "ru-cp1251": ("2022-03-03T14:05", "Бэк-офис"),
    "ja-sjis": ("2021-06-24T07:51", "バックオフィス"),
    "zh-gb18030": ("2021-06-24T07:51", "后台办公室"),
    "th-buddhist": ("2021-06-24T07:51", "แบ็คออฟฟิศ"),
    "el-iso8859-7": ("2021-06-24T07:51", "Γραφείο υποστήριξης"),
    "tr-bom": ("2021-06-24T07:51", "Arka Ofis"),
    "et-dotted": ("2021-06-24T07:51", "Tagakontor"),
}
for name, (date, title) in want.items():
    m = json.load(open("%s/%s.json" % (sys.argv[1], name)))["meta"]
    assert (m.get("date"), m.get("title")) == (date, title), (name, m.get("date"), m.get("title"))
PY
check "text: wrapped Chinese lines join without a space" python3 -c "
import json, sys
s = json.dumps(json.load(open(sys.argv[1])), ensure_ascii=False)
assert '结算、 审批' not in s and '结算、审批' in s" "$TX/zh-wrapped.json"
check "text: Japanese ・ bullets make a list" python3 -c "
import json, sys
s = json.dumps(json.load(open(sys.argv[1])), ensure_ascii=False)
assert s.count('\"type\": \"item\"') == 3, s.count('\"type\": \"item\"')" "$TX/ja-nakaguro.json"
printf 'Kamis 24 Juno 2021 7:51\n\nTitle\n\nText of the article, long enough to be a paragraph.\n' >"$T/lv.txt"
./galley convert -q -t json -o "$T/lv" "$T/lv.txt" 2>"$T/lv.err"
check "text: a first line like a date galley cannot read is a warning" \
    grep -q "lv.txt:1:1: warning: this line looks like a date" "$T/lv.err"
check "text: the line after an unreadable date line is the title, the date line is text" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['meta']['title'] == 'Title', d['meta']
assert 'Kamis 24 Juno 2021 7:51' in json.dumps(d['body'])" "$T/lv/lv.json"
# Romanian with English terms: CLD2 is unsure, but most of it is Romanian.
./galley convert -q -t json -o "$T/ro" tests/text/ro-mixed.txt 2>/dev/null
check "text: a Romanian text with English terms is Romanian (half confidence)" python3 -c "
import json, sys
m = json.load(open(sys.argv[1]))['meta']
assert m['language'] == 'ro' and 0 < m['language_confidence'] <= 0.5, m" "$T/ro/ro-mixed.json"

# Lettered lists ("a)", "A)") keep their letters in every output.
./galley convert -q -t epub,tei -o "$T/text-letters" tests/text/nl-letter-lists.txt 2>/dev/null
check "text: a lettered list is lettered in EPUB (ol type) and TEI (rend, item n)" sh -c "
    unzip -p '$T/text-letters/nl-letter-lists.epub' OEBPS/text/c00001.xhtml | grep -q '<ol type=\"a\" class=\"tight\">' &&
    unzip -p '$T/text-letters/nl-letter-lists.epub' OEBPS/text/c00001.xhtml | grep -q '<ol type=\"A\" class=\"tight\">' &&
    grep -q '<list rend=\"numbered lower-alpha\">' '$T/text-letters/nl-letter-lists.tei.xml' &&
    grep -q '<item n=\"c\">gamma</item>' '$T/text-letters/nl-letter-lists.tei.xml' &&
    grep -q '<item n=\"B\">Twee</item>' '$T/text-letters/nl-letter-lists.tei.xml'"
check "text: the lettered lists' EPUB passes EPUBCheck" \
    java -jar /usr/bin/epubcheck --failonwarnings "$T/text-letters/nl-letter-lists.epub"
schema=$(tei_schema)
if [ -n "$schema" ]; then
	check "text: the lettered lists' TEI is valid" \
	    jing "$schema" "$T/text-letters/nl-letter-lists.tei.xml"
else
	skip "text: the lettered lists' TEI is valid" "no TEI schema (set GALLEY_TEI_SCHEMA)"
fi

# Titles that look a little like relative dates or Korean bylines stay
# titles; "1." after "1." is one list (Markdown numbers every item 1).
check "text: titles with numbers, 前, 전, önce, percent or 기자 stay titles; 1. 1. 1. is one list" \
    python3 - "$T/text-titles" ./galley <<'PYEOF'
import json, os, subprocess, sys
d, galley = sys.argv[1], sys.argv[2]
os.makedirs(d, exist_ok=True)
titles = ["El paro acumula 5 meses de subida", "Predicting the next 10 years",
    "Unemployment falls to 4 percent", "30年前的今天", "100年前の日本",
    "수능 100일 전", "Seçimden 3 gün önce", "여성 기자"]
for k, t in enumerate(titles):
    p = os.path.join(d, "t%d.txt" % k)
    open(p, "w").write(t + "\n\nA second short line\n\nBody text goes on here. It is long enough.\n")
    out = subprocess.run([galley, "convert", "-q", "-t", "json", "-o", "-", p],
        capture_output=True, text=True).stdout
    got = json.loads(out)["meta"].get("title")
    assert got == t, (t, got)
p = os.path.join(d, "ones.txt")
open(p, "w").write("Titel\n\nEen alinea met genoeg woorden om een paragraaf te zijn.\n\n1. First\n\n1. Second\n\n1. Third\n")
body = json.loads(subprocess.run([galley, "convert", "-q", "-t", "json", "-o", "-", p],
    capture_output=True, text=True).stdout)["body"]
lists = [b for b in body if b["type"] == "list"]
assert len(lists) == 1 and len(lists[0]["children"]) == 3, lists
PYEOF

# "(a)" and "a)" number differently: two lists, as "(1)" and "1)" are.
printf 'Titel van het stuk\n\nEen alinea met genoeg woorden om een paragraaf te zijn, en dan nog wat meer.\n\n(a) een\n(b) twee\na) drie\n' >"$T/paren-letters.txt"
check "text: (a) (b) then a) are two lettered lists" sh -c "
    ./galley convert -q -t json -o - '$T/paren-letters.txt' | grep -c '\"type\": \"list\", \"ordered\": true, \"start\": 1, \"tight\": true, \"numbering\": \"a\"' | grep -qx 2"

# Roman numerals: "(i)" starts one, "i)" after "h)" is a letter, "(i)"
# between "(a)" and "(b)" is a list in "(a)"; every writer keeps them.
roman_lists() {
	rm -rf "$T/roman" && ./galley convert -q -t json,epub,tei -o "$T/roman" \
	    tests/text/en-roman-lists.txt 2>/dev/null || return 1
	x=$T/roman/en-roman-lists.tei.xml
	[ "$(grep -o '<list rend="numbered [a-z-]*"' "$x" | tr '\n' ' ')" = \
	    '<list rend="numbered lower-roman" <list rend="numbered lower-alpha" <list rend="numbered lower-roman" <list rend="numbered lower-alpha" <list rend="numbered upper-roman" ' ] || return 1
	[ "$(grep -o '<item n="[^"]*"' "$x" | sed 's/.*n="//; s/"//' | tr '\n' ' ')" = \
	    'i ii iii a i ii b h i j IV V VI ' ] || return 1
	unzip -p "$T/roman/en-roman-lists.epub" '*.xhtml' | grep -q '<ol type="i"' || return 1
	unzip -p "$T/roman/en-roman-lists.epub" '*.xhtml' | grep -q '<ol start="4" type="I"' || return 1
	# the JSON reads back the same
	./galley convert -q -t json -o "$T/roman/back" "$T/roman/en-roman-lists.json" 2>/dev/null &&
	    cmp "$T/roman/en-roman-lists.json" "$T/roman/back/en-roman-lists.json"
}
check "text: Roman-numeral lists reach JSON, EPUB and TEI" roman_lists

# A web address under the title: the url of JSON, TEI's source and
# EPUB's dc:source.
url_under_title() {
	rm -rf "$T/urlt" && ./galley convert -q -t json,epub,tei -o "$T/urlt" \
	    tests/text/en-url-published.txt 2>/dev/null || return 1
	grep -q '"url": "https://example.com/blog/pick-a-broker"' "$T/urlt/en-url-published.json" &&
	    grep -q '<ref target="https://example.com/blog/pick-a-broker">' "$T/urlt/en-url-published.tei.xml" &&
	    unzip -p "$T/urlt/en-url-published.epub" OEBPS/content.opf | grep -q '<dc:source>https://example.com/blog/pick-a-broker</dc:source>' &&
	    [ "$(grep -c 'https://example.com' "$T/urlt/en-url-published.json")" = 1 ]
}
check "text: a web address under the title is the article's url (JSON, TEI, EPUB)" url_under_title
