# Bad input: every tests/bad/NAME.* with a NAME.err beside it is converted
# in one run with tests/bad/good.md.  NAME.err's first line is "status N",
# every further line must appear exactly in galley's standard error.
# Each case also checks that good.md was still converted, that no
# temporary file is left and that a failed input left no output.
formats=$(./galley --list-formats | awk '$1 == "writer" && $2 != "tree" { printf "%s%s", sep, $2; sep = "," }')
[ -n "$formats" ] || formats=json
for err in tests/bad/*.err; do
	[ -f "$err" ] || continue
	name=$(basename "$err" .err)
	in=$(ls tests/bad/"$name".* | grep -v '\.err$' | head -n 1)
	out=$T/bad/$name
	want=$(sed -n '1s/^status //p' "$err")
	./galley convert -q -t "$formats" -o "$out" "$in" tests/bad/good.md \
	    >"$T/bad-$name.out" 2>"$T/bad-$name.stderr"
	got=$?
	if [ "$got" = "$want" ]; then ok "bad/$name: exit status $want"
	else notok "bad/$name: exit status $got, want $want"; sed 's/^/#   /' "$T/bad-$name.stderr"; fi
	missing=$(sed 1d "$err" | while IFS= read -r line; do
		grep -qxF -- "$line" "$T/bad-$name.stderr" || echo "$line"; done)
	if [ -z "$missing" ]; then ok "bad/$name: message"
	else notok "bad/$name: message"; echo "$missing" | sed 's/^/#   want: /'
		sed 's/^/#   got:  /' "$T/bad-$name.stderr"; fi
	if [ -n "$(ls "$out"/good.* 2>/dev/null)" ]; then ok "bad/$name: good.md still converted"
	else notok "bad/$name: good.md still converted"; fi
	left=$(find "$out" -name '.*.tmp' 2>/dev/null)
	partial=""
	[ "$want" = 0 ] || partial=$(ls "$out/$name".* 2>/dev/null)
	if [ -z "$left$partial" ]; then ok "bad/$name: no partial output"
	else notok "bad/$name: left behind: $left $partial"; fi
done

# Shapes made on the fly: too big to keep in the repository.
gen=$T/bad-gen
mkdir -p "$gen"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "> "; print "deep" }' > "$gen/quotes.md"
timeout 120 ./galley convert -q -o "$T/bad-gen-out" "$gen/quotes.md" 2>"$T/quotes.err"
rc=$?
if [ $rc = 1 ] && grep -q "quotes.md:1:.*error: nested deeper than 1000 levels" "$T/quotes.err"
then ok "100,000 nested block quotes: refused with a position"
else notok "100,000 nested block quotes: status $rc"; head -c 600 "$T/quotes.err"; fi
awk 'BEGIN { for (i = 0; i < 100000; i++) { for (j = 0; j < i % 40; j++) printf "  "; print "- x" } }' > "$gen/lists.md"
if timeout 120 ./galley convert -q -o "$T/bad-gen-out" "$gen/lists.md" 2>"$T/lists.err"
then ok "100,000 list items at 40 levels: converted"
else notok "100,000 list items at 40 levels"; head -c 600 "$T/lists.err"; fi
awk 'BEGIN { printf "---\ntitle: long\n---\n"; for (i = 0; i < 1000000; i++) printf "word word "; print "" }' > "$gen/line.md"
if timeout 120 ./galley convert -q -t json,epub,tei -o "$T/bad-gen-out" "$gen/line.md" 2>"$T/line.err"
then ok "a 10 MB single line: converted"
else notok "a 10 MB single line"; head -c 600 "$T/line.err"; fi
# A first line of bylines within bylines ("x Di A, Di A, ..."): each
# "by" could end a date line; once took time doubling with each.
awk 'BEGIN { printf "x "; for (i = 0; i < 26; i++) printf "Di A, "; print ""; print "Title"; print ""; print "Text." }' > "$gen/bylines.txt"
if timeout 20 ./galley convert -q -o "$T/bad-gen-out" "$gen/bylines.txt" 2>/dev/null
then ok "a first line of 26 nested bylines: converted at once"
else notok "a first line of 26 nested bylines: status $?"; fi
# Shift Out bytes, which ISO-2022-KR allows once it designates its set:
# a file of millions of them without the designation is refused at once
# (the designation is looked for once, not once a byte).
awk 'BEGIN { printf "abc "; for (i = 0; i < 4000000; i++) printf "%c", 14 }' >"$gen/shifts.txt"
timeout 20 ./galley convert -q -o "$T/bad-gen-out" "$gen/shifts.txt" 2>"$T/shifts.err"
rc=$?
if [ $rc = 1 ] && grep -q "shifts.txt:1:1: error: 4000000 control bytes: a binary file" "$T/shifts.err"
then ok "4 MB of Shift Out bytes: refused at once as binary"
else notok "4 MB of Shift Out bytes: status $rc"; head -c 600 "$T/shifts.err"; fi
./galley convert -q --max-size 1000 -o "$T/bad-gen-out" "$gen/line.md" 2>"$T/max.err"
rc=$?
if [ $rc = 1 ] && grep -qx "$gen/line.md: error: input larger than 1000 bytes (--max-size)" "$T/max.err"
then ok "--max-size refuses a larger input"
else notok "--max-size: status $rc"; cat "$T/max.err"; fi

# What hostile input must never reach an output: scripts, frames, event
# attributes and script URLs in EPUB; anything outside the output folder.
./galley convert -q -t epub,tei,json -o "$T/hostile" tests/bad/hostile.md tests/bad/js-links.md \
    tests/bad/slug-traversal.md tests/bad/xml-forbidden.md 2>/dev/null
found=$(for e in "$T"/hostile/*.epub; do unzip -p "$e" '*.xhtml'; done |
    grep -ioE '<script|<iframe|<object|<form|onload=|onclick=|javascript:|vbscript:' | sort -u | tr '\n' ' ')
if [ -z "$found" ]; then ok "hostile markup and links are gone from the EPUBs"
else notok "hostile markup in the EPUBs: $found"; fi
if grep -qiE 'target="(javascript|vbscript|data):' "$T"/hostile/*.tei.xml
then notok "script and data URLs reach TEI targets"
else ok "script and data URLs never become TEI targets"; fi
names=$(cd "$T/hostile" && ls | tr '\n' ' ')
if [ "$names" = "hostile.epub hostile.json hostile.tei.xml js-links.epub js-links.json js-links.tei.xml slug-traversal.epub slug-traversal.json slug-traversal.tei.xml xml-forbidden.epub xml-forbidden.json xml-forbidden.tei.xml " ]
then ok "an id or slug of ../../etc/passwd writes nothing outside the output folder"
else notok "unexpected outputs: $names"; fi
check "characters XML forbids leave the TEI well-formed" xmllint --noout "$T"/hostile/*.tei.xml

# A 200 MB input is refused at the size limit, in bounded memory.
truncate -s 200M "$T/huge.md"
/usr/bin/time -f %M -o "$T/huge.mem" ./galley convert -q -o "$T/huge-out" "$T/huge.md" 2>"$T/huge.err"
rc=$?
mem=$(tail -n 1 "$T/huge.mem" 2>/dev/null)
if [ $rc = 1 ] && grep -q "huge.md: error: input larger than 67108864 bytes (--max-size)" "$T/huge.err" &&
    [ "${mem:-999999}" -lt 200000 ]
then ok "a 200 MB input: refused at --max-size using ${mem} KB"
else notok "a 200 MB input: status $rc, ${mem} KB"; cat "$T/huge.err"; fi
rm -f "$T/huge.md"

# An output folder that cannot be written: a file stands in its way.
: > "$T/not-a-folder"
./galley convert -q -o "$T/not-a-folder/out" tests/bad/good.md 2>"$T/nf.err"; rc=$?
if [ $rc = 1 ] && grep -q "not-a-folder/out/good.json: error: cannot write: Not a directory" "$T/nf.err"
then ok "an output folder that cannot be written: status 1 and a message"
else notok "unwritable output folder: status $rc"; cat "$T/nf.err"; fi

# A file that is gone by the time it is read (a dangling link here).
mkdir -p "$T/vanish"
cp tests/bad/good.md "$T/vanish/a.md"
ln -sf "$T/vanish/gone.md" "$T/vanish/b.md"
./galley convert -q -o "$T/vanish-out" "$T/vanish/a.md" "$T/vanish/b.md" 2>"$T/vanish.err"; rc=$?
if [ $rc = 1 ] && grep -q "b.md: error: cannot read: No such file or directory" "$T/vanish.err" && [ -f "$T/vanish-out/a.json" ]
then ok "a file gone before it is read: reported, the others converted"
else notok "vanished file: status $rc"; cat "$T/vanish.err"; fi

# Two articles with the same slug in one book: both chapters, valid EPUB,
# unique ids in the teiCorpus.
mkdir -p "$T/sameslug"
printf -- '---\ntitle: One\nslug: same\nlang: en\n---\n\n# One\n\nThe first article with this slug, written in English.\n' > "$T/sameslug/a.md"
printf -- '---\ntitle: Two\nslug: same\nlang: en\n---\n\n# One\n\nThe second article with the same slug, see [one](/same).\n' > "$T/sameslug/b.md"
./galley book -q --tei "$T/sameslug.tei.xml" -o "$T/sameslug.epub" "$T/sameslug" 2>"$T/sameslug.err"; rc=$?
chapters=$(unzip -l "$T/sameslug.epub" 2>/dev/null | grep -c 'text/c[0-9]*\.xhtml')
if [ $rc = 0 ] && [ "$chapters" = 2 ]; then ok "two articles with one slug: a book of both"
else notok "two articles with one slug: status $rc, $chapters chapters"; cat "$T/sameslug.err"; fi
if [ -f /usr/bin/epubcheck ] && command -v java >/dev/null; then
	check "two articles with one slug: EPUBCheck passes" sh -c \
	    "java -jar /usr/bin/epubcheck '$T/sameslug.epub' 2>&1 | grep -q 'Messages: 0 fatals / 0 errors / 0 warnings'"
fi
dups=$(grep -o 'xml:id="[^"]*"' "$T/sameslug.tei.xml" | sort | uniq -d | head -n 3)
if [ -z "$dups" ]; then ok "two articles with one slug: ids stay unique in the teiCorpus"
else notok "duplicate ids: $dups"; fi

# Interrupted: SIGINT in the middle of a run leaves no temporary file,
# only whole outputs.
sh scripts/gen-articles.sh 3000 "$T/sigint-in" input
./galley convert -q -j 2 -t json,epub,tei -o "$T/sigint-out" "$T/sigint-in" 2>/dev/null &
pid=$!
i=0	# interrupt once the first outputs are there: mid-run on any machine
while [ $i -lt 1000 ] && [ "$(ls "$T/sigint-out" 2>/dev/null | wc -l)" -lt 30 ]; do
	sleep 0.01; i=$((i + 1)); done
kill -INT $pid 2>/dev/null
wait $pid; rc=$?
left=$(find "$T/sigint-out" -name '.*.tmp' 2>/dev/null | head -n 3)
if [ -z "$left" ] && [ $rc -ne 0 ]; then ok "SIGINT: no temporary files left (status $rc)"
else notok "SIGINT: status $rc, left: $left"; fi
broken=$(find "$T/sigint-out" -name '*.json' | python3 -c "
import json, sys
bad = 0
for f in sys.stdin.read().split():
    try:
        json.load(open(f))
    except Exception:
        bad += 1
print(bad)")
if [ "$broken" = 0 ]; then ok "SIGINT: every output left is whole"
else notok "SIGINT: $broken outputs are broken"; fi

# SIGKILL (no handler runs): outputs are written as unnamed files
# (O_TMPFILE) where the file system has them, so nothing is left but
# whole outputs.  Where it has none, the named temporary files of the
# fallback would stay: skipped there.
if python3 -c "import os, sys; os.close(os.open(sys.argv[1], os.O_TMPFILE | os.O_WRONLY))" "$T"; then
	./galley convert -q -j 2 -t json,epub,tei -o "$T/sigkill-out" "$T/sigint-in" 2>/dev/null &
	pid=$!
	i=0
	while [ $i -lt 1000 ] && [ "$(ls "$T/sigkill-out" 2>/dev/null | wc -l)" -lt 30 ]; do
		sleep 0.01; i=$((i + 1)); done
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null; rc=$?	# the shell's "Killed" goes there
	left=$(find "$T/sigkill-out" -name '.*.tmp' 2>/dev/null | head -n 3)
	n=$(find "$T/sigkill-out" -type f | wc -l)
	if [ -z "$left" ] && [ $rc = 137 ] && [ "$n" -ge 30 ]; then
		ok "SIGKILL: no temporary files left ($n whole outputs)"
	else notok "SIGKILL: status $rc, $n files, left: $left"; fi
else
	skip "SIGKILL leaves no temporary files" "this file system has no O_TMPFILE"
fi
rm -rf "$T/sigint-in" "$T/sigint-out" "$T/sigkill-out"

# Outputs written again over older ones (an unnamed file is linked
# beside and renamed over), and the fallback of named temporary files
# where /proc is missing (a mount namespace hides it; skipped where one
# cannot be made): the same bytes, no temporary file left.
./galley convert -q -t json,epub,tei -o "$T/again-out" input 2>/dev/null
cp -r "$T/again-out" "$T/again-first"
./galley convert -q -t json,epub,tei -o "$T/again-out" input 2>/dev/null; rc=$?
check "outputs written over older ones: the same bytes, no temporary file" sh -c \
    "[ $rc = 0 ] && diff -r '$T/again-first' '$T/again-out' && [ -z \"\$(find '$T/again-out' -name '.*.tmp')\" ]"
if unshare -m sh -c "mount -t tmpfs none /proc && ./galley convert -q -t json,epub,tei -o '$T/noproc-out' input 2>/dev/null && ./galley convert -q -t json,epub,tei -o '$T/noproc-out' input 2>/dev/null" 2>"$T/noproc.err"; then
	check "without /proc (named temporary files): the same bytes, none left" sh -c \
	    "diff -r '$T/again-first' '$T/noproc-out' && [ -z \"\$(find '$T/noproc-out' -name '.*.tmp')\" ]"
else
	skip "outputs without /proc" "no mount namespace here ($(head -c 80 "$T/noproc.err"))"
fi
rm -rf "$T/again-out" "$T/again-first" "$T/noproc-out"

# The time allowed per file (--max-seconds): a 30 MB article with a limit
# of 0.05 s stops with a message; the other file of the run converts.
awk 'BEGIN { printf "---\ntitle: slow\nlang: en\n---\n"; for (l = 0; l < 600; l++) { for (i = 0; i < 10000; i++) printf "word "; print "\n" } }' > "$T/slow.md"
./galley convert -q --max-seconds 0.05 -t json,epub,tei -o "$T/slow-out" "$T/slow.md" tests/bad/good.md 2>"$T/slow.err"; rc=$?
if [ $rc = 1 ] && grep -q "slow.md: error: time limit .*(--max-seconds)" "$T/slow.err" &&
    [ -f "$T/slow-out/good.json" ] && [ ! -e "$T/slow-out/slow.tei.xml" ]
then ok "--max-seconds stops a file that takes too long; the others convert"
else notok "--max-seconds: status $rc"; cat "$T/slow.err"; fi
rm -f "$T/slow.md"

# --max-depth holds for every reader: a plain-text export nested 40 deep.
awk 'BEGIN { for (i = 0; i < 40; i++) { for (j = 0; j < i; j++) printf "  "; print "- x" } }' > "$T/deep-text.txt"
./galley convert -q -f text --lang en --max-depth 10 -o "$T/deep-text-out" "$T/deep-text.txt" 2>"$T/deep-text.err"; rc=$?
if [ $rc = 1 ] && grep -q "deep-text.txt:[0-9]*:[0-9]*: error: nested deeper than 10 levels (--max-depth; a list counts two, list and item)" "$T/deep-text.err"
then ok "--max-depth holds for the plain-text reader too"
else notok "--max-depth, plain text: status $rc"; cat "$T/deep-text.err"; fi

# An unreadable file.  Permissions do not stop root, so this reads a file
# whose read() fails (/proc/self/mem: EIO); the other input converts.
if [ -r /proc/self/mem ]; then
	./galley convert -q -o "$T/unreadable-out" /proc/self/mem tests/bad/good.md 2>"$T/unreadable.err"; rc=$?
	if [ $rc = 1 ] && grep -qx "/proc/self/mem: error: cannot read: Input/output error" "$T/unreadable.err" &&
	    [ -f "$T/unreadable-out/good.json" ]
	then ok "an unreadable file: reported, the other input converted"
	else notok "unreadable file: status $rc"; cat "$T/unreadable.err"; fi
else
	skip "an unreadable file" "no /proc/self/mem here"
fi

# An input whose last output cannot be written (the file size limit: a
# full disk) leaves none of its outputs: all or nothing, per input.
awk 'BEGIN { print "---\ntitle: Big\nlang: en\n---\n"
	for (i = 0; i < 300; i++)
		printf "## Heading %d\n\nSome *text* with a [link](https://example.com/%d) and words.\n\n", i, i }' >"$T/fsize.md"
# (galley itself ignores SIGXFSZ, which would kill it without a word)
sh -c "ulimit -f 200; exec ./galley convert -t epub,tei,json -o '$T/fsize-out' '$T/fsize.md'" 2>"$T/fsize.err"; rc=$?
if [ $rc = 1 ] && grep -q "fsize.json: error: cannot write: File too large" "$T/fsize.err" &&
    [ -z "$(ls -A "$T/fsize-out" 2>/dev/null)" ]
then ok "an output that cannot be written: the input's other outputs are not left either"
else notok "file size limit: status $rc, left: $(ls -A "$T/fsize-out" 2>/dev/null)"; cat "$T/fsize.err"; fi
