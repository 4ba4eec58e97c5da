# The command line: help, version, exit statuses, standard input and
# output, parallel runs, shards, --update and --report.
check "galley --help exits 0" ./galley --help
check "galley convert --help lists every option" sh -c \
    './galley convert --help | grep -q -- "--shard K/N" && ./galley convert --help | grep -q -- "--max-depth"'
check "galley --version names the libraries" sh -c './galley --version | grep -q "cmark-gfm .*libyaml .*libxml2 .*zlib"'
if ldd ./galley 2>/dev/null | grep -q libmimalloc; then
	check "galley --version names mimalloc when linked" sh -c './galley --version | grep -q "mimalloc [0-9]*\.[0-9]*\.[0-9]"'
else
	check "galley --version names no mimalloc when not linked" sh -c '! ./galley --version | grep -q mimalloc'
fi
./galley frobnicate 2>/dev/null; rc=$?
if [ $rc = 2 ]; then ok "unknown command: status 2"; else notok "unknown command: status $rc"; fi
./galley convert -t nosuch input 2>/dev/null; rc=$?
if [ $rc = 2 ]; then ok "unknown format: status 2"; else notok "unknown format: status $rc"; fi
./galley convert -j 0 input 2>/dev/null; rc=$?
if [ $rc = 2 ]; then ok "-j 0: status 2"; else notok "-j 0: status $rc"; fi
./galley convert -q -o "$T/cli-missing" no/such/file 2>"$T/missing.err"; rc=$?
if [ $rc = 1 ] && grep -q "^no/such/file: error: cannot read: No such file or directory" "$T/missing.err"
then ok "missing input: status 1 and a message"; else notok "missing input: status $rc"; fi

printf '# Hello\n\nworld\n' | ./galley convert -o - - >"$T/stdin.json" 2>/dev/null
check "standard input to standard output" grep -q '"text": "Hello"' "$T/stdin.json"
printf '# Hello\n\nworld\n' | ./galley convert -t json -o "$T/stdin-and-file" input/000_5413cba6d7dd22c5.txt - 2>"$T/stdin2.err"; rc=$?
check "standard input beside a file: read once, converted (pass 1 read it first)" sh -c \
    "[ $rc = 0 ] && grep -q '\"text\": \"Hello\"' '$T/stdin-and-file/stdin.json' && grep -q '^2 converted, 0 failed' '$T/stdin2.err'"

# Standard output that cannot be written (a full disk) is said.
if [ -w /dev/full ]; then
	./galley convert -o - input/000_5413cba6d7dd22c5.txt >/dev/full 2>"$T/full.err"; rc=$?
	check "-o - on a full disk: status 1 and why" sh -c \
	    "[ $rc = 1 ] && grep -q '^-: error: cannot write to standard output' '$T/full.err'"
fi

# Values that can mean nothing are usage errors (status 2).
for args in "--lang xx-!!" "-t ," "--report=" "--tei-corpus="; do
	./galley convert $args -o "$T/u2" input 2>/dev/null; rc=$?
	if [ $rc = 2 ]; then ok "convert $args: status 2"; else notok "convert $args: status $rc"; fi
done
for args in "--link-base=notaurl" "--link-base=https://ex.com?q=1"; do
	./galley convert $args -o "$T/u2" input 2>/dev/null; rc=$?
	if [ $rc = 2 ]; then ok "convert $args: status 2"; else notok "convert $args: status $rc"; fi
done
for args in "--language xx-!!" "--title=" "--identifier= " "--max-size=-1" "--max-size=+100"; do
	./galley book $args -o "$T/u2.epub" input 2>/dev/null; rc=$?
	if [ $rc = 2 ]; then ok "book $args: status 2"; else notok "book $args: status $rc"; fi
done
for args in "--max-size=+100" "--max-size= 100" "-j+2" "--bogus" "--translations"; do
	./galley convert "$args" -o "$T/u2" input 2>"$T/u2.err"; rc=$?
	check "convert $args: status 2, one line of help" sh -c \
	    "[ $rc = 2 ] && [ \$(wc -l <'$T/u2.err') -le 2 ] && grep -q '^galley' '$T/u2.err'"
done
./galley convert --update -o - input/000_5413cba6d7dd22c5.txt >"$T/upd-stdout.out" 2>"$T/upd-stdout.err"; rc=$?
check "convert --update -o -: status 2, nothing written" sh -c \
    "[ $rc = 2 ] && ! [ -s '$T/upd-stdout.out' ] && grep -q 'not with -o -' '$T/upd-stdout.err'"
rm -rf "$T/dup-t"; ./galley convert -q -t json,tei,json -o "$T/dup-t" input/000_5413cba6d7dd22c5.txt 2>/dev/null; rc=$?
check "-t json,tei,json: each format once" sh -c "[ $rc = 0 ] && [ \$(ls '$T/dup-t' | wc -l) = 2 ]"
# -o that can be no folder: refused before anything is written.
mkdir -p "$T/empty-o" && cp input/000_5413cba6d7dd22c5.txt "$T/empty-o/"
(cd "$T/empty-o" && "$ROOT/$BUILD/galley" convert -o '' . 2>"$T/empty-o.err"); rc=$?
check "convert -o '': status 2, nothing written" sh -c \
    "[ $rc = 2 ] && grep -qx 'galley: -o wants a folder name, or - for standard output' '$T/empty-o.err' && [ \$(ls -A '$T/empty-o' | wc -l) = 1 ]"
./galley convert -o "$T/empty-o/000_5413cba6d7dd22c5.txt" input 2>"$T/file-o.err"; rc=$?
check "convert -o FILE: status 2, said once" sh -c \
    "[ $rc = 2 ] && [ \$(wc -l <'$T/file-o.err') = 1 ] && grep -q 'that is a file, not a folder' '$T/file-o.err'"
./galley book -o '' input 2>"$T/book-o.err"; rc=$?
check "book -o '': status 2" sh -c "[ $rc = 2 ] && grep -q -- '-o wants a file name' '$T/book-o.err'"

# Parallel runs write the same bytes as one job.
sh scripts/gen-articles.sh 60 "$T/gen60" input
./galley convert -q -j 1 -t json,tree -o "$T/j1" "$T/gen60" 2>/dev/null
./galley convert -q -j 4 -t json,tree -o "$T/j4" "$T/gen60" 2>/dev/null
check "-j 4 writes the same bytes as -j 1" diff -r -x .galley-state "$T/j1" "$T/j4"

# More inputs than results in flight (a ring of 256 slots): messages,
# report, corpus and outputs in input order whatever the jobs.
sh scripts/gen-articles.sh 700 "$T/gen700" input
for j in 1 3; do
	./galley convert -j $j -t json,tei --report "$T/r700-$j.json" \
	    --tei-corpus "$T/c700-$j.xml" -o "$T/o700-$j" "$T/gen700" \
	    2>"$T/e700-$j.err"
	sed 's/"seconds": [0-9.e-]*//; s/o700-[13]/o700/g' "$T/r700-$j.json" >"$T/r700-$j.cmp"
	sed 's/ in [0-9.]* s ([0-9]* articles\/s)//' "$T/e700-$j.err" >"$T/e700-$j.cmp"
done
check "700 inputs: -j 3 writes, reports and says the same as -j 1" sh -c \
    "diff -r -x .galley-state '$T/o700-1' '$T/o700-3' && cmp '$T/r700-1.cmp' '$T/r700-3.cmp' && cmp '$T/c700-1.xml' '$T/c700-3.xml' && cmp '$T/e700-1.cmp' '$T/e700-3.cmp'"
check "700 inputs: the report and the corpus hold all of them" python3 -c "
import json, sys, re
r = json.load(open(sys.argv[1]))
names = [i['input'].rsplit('/', 1)[1] for i in r['inputs']]
assert len(names) == 700 and names == sorted(names), names[:3]
assert r['converted'] == 700
c = open(sys.argv[2]).read()
assert c.count('<TEI ') + c.count('<TEI>') == 700" "$T/r700-1.json" "$T/c700-1.xml"
echo "One more line." >> "$T/gen700/a00500.md"
./galley convert -j 2 --update -t json,tei -o "$T/o700-1" "$T/gen700" 2>"$T/u700.err"
check "700 inputs: --update past the ring converts only the changed one" \
    grep -q "^1 converted, 0 failed.*; 699 unchanged" "$T/u700.err"

# A corpus past its memory budget (16 MB of documents) spools the rest
# of its texts: the same bytes whatever the jobs, a valid corpus.
sh scripts/gen-articles.sh 1500 "$T/gen1500" input
for j in 1 2; do
	./galley convert -v -j $j -t json --tei-corpus "$T/c1500-$j.xml" \
	    -o "$T/o1500-$j" "$T/gen1500" 2>"$T/e1500-$j.err"
done
check "1,500 inputs: the TEI corpus spools texts" grep -q \
    "note: TEI corpus: 1500 texts, [1-9][0-9]* of them spooled" "$T/e1500-2.err"
check "1,500 inputs: the spooled corpus is the same with -j 1 and -j 2" \
    cmp "$T/c1500-1.xml" "$T/c1500-2.xml"
check "1,500 inputs: 1,500 texts in order, each bibl and pointer resolves" python3 -c "
import re, sys
c = open(sys.argv[1]).read()
ids = re.findall(r'xml:id=\"([^\"]*)\"', c)
assert len(ids) == len(set(ids)), 'ids repeat'
texts = re.findall(r'<TEI xml:id=\"([^\"]*)\"', c)
assert texts == ['a%05d' % i for i in range(1500)], texts[:3]
refs = re.findall(r'(?:corresp|target)=\"#([^\"]*)\"', c)
assert refs and all(r in set(ids) for r in refs)
assert len(re.findall(r'<bibl corresp=', c)) == 1500" "$T/c1500-2.xml"
schema=$(tei_schema)
if [ -z "$schema" ]; then
	skip "1,500 inputs: jing" "no TEI schema (set GALLEY_TEI_SCHEMA)"
else
	check "1,500 inputs: the spooled corpus is valid TEI (jing)" \
	    sh -c "jing '$schema' '$T/c1500-2.xml' 2>/dev/null"
fi
ls -A "$T" | grep -q '^\.galley-corpus' &&
	notok "1,500 inputs: a spool file left behind" ||
	ok "1,500 inputs: no spool file left behind"
rm -rf "$T/gen1500" "$T/o1500-1" "$T/o1500-2" "$T/c1500-1.xml"

# The union of the shards is the whole run, byte for byte.
for k in 1 2 3; do ./galley convert -q --shard $k/3 -t json -o "$T/shards" "$T/gen60" 2>/dev/null; done
./galley convert -q -t json -o "$T/whole" "$T/gen60" 2>/dev/null
check "three shards together equal the whole run" diff -r -x .galley-state "$T/shards" "$T/whole"
# ... also when articles link across shards: every shard names all
# articles (pass 1 reads every input's front matter).
mkdir -p "$T/xlinks"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf -- '---\ntitle: Article %s\nslug: art-%s\nlang: en\n---\n\n# Article %s\n\n## Part\n\nSee [the next](/art-%s) and [its part](/art-%s#part).\n' \
	    $i $i $i $((i % 12 + 1)) $((i % 12 + 1)) >"$T/xlinks/a$i.md"
done
for k in 1 2 3; do ./galley convert -q --shard $k/3 -t json,tei -o "$T/xshards" "$T/xlinks" 2>/dev/null; done
./galley convert -q -t json,tei -o "$T/xwhole" "$T/xlinks" 2>/dev/null
check "three shards of linked articles together equal the whole run, links resolved" sh -c \
    "diff -r -x .galley-state '$T/xshards' '$T/xwhole' && ! grep -q unresolved '$T/xwhole/a5.json' && grep -q '\"link\": \"internal\", \"target\": \"art-6\"' '$T/xwhole/a5.json'"
# Shards at the same time into one folder (a job array) each add their
# state: an --update after them finds every input unchanged.
for k in 1 2 3 4 5 6; do ./galley convert -q -j 1 --shard $k/6 -t json -o "$T/pshards" "$T/gen60" 2>/dev/null & done; wait
./galley convert --update -t json -o "$T/pshards" "$T/gen60" 2>"$T/pshards.err"
check "six shards run at once keep all their state: --update finds 60 unchanged" \
    grep -q '^0 converted, 0 failed, 0 warnings in .*; 60 unchanged' "$T/pshards.err"
n1=$(./galley convert -q --shard 1/3 -t json -o "$T/s1" "$T/gen60" 2>/dev/null; ls "$T/s1" | wc -l)
if [ "$n1" -gt 5 ] && [ "$n1" -lt 40 ]; then ok "a shard holds a part ($n1 of 60)"
else notok "a shard holds a part ($n1 of 60)"; fi
./galley convert -q --shard 4/3 input 2>/dev/null; rc=$?
if [ $rc = 2 ]; then ok "--shard 4/3: status 2"; else notok "--shard 4/3: status $rc"; fi

# --update skips what did not change, and converts what did.
./galley convert -q --update -t json -o "$T/upd" "$T/gen60" 2>/dev/null
./galley convert --update -t json -o "$T/upd" "$T/gen60" 2>"$T/upd.err"
check "--update: an unchanged folder converts nothing" grep -q "^0 converted, 0 failed.*; 60 unchanged" "$T/upd.err"
echo "One more line." >> "$T/gen60/a00007.md"
./galley convert --update -t json -o "$T/upd" "$T/gen60" 2>"$T/upd2.err"
check "--update: a changed file is converted again" grep -q "^1 converted, 0 failed.*; 59 unchanged" "$T/upd2.err"
./galley convert -q --update -t json --tei-corpus "$T/upd-c.xml" -o "$T/upd-c" "$T/gen60" 2>/dev/null
echo "One more line." >> "$T/gen60/a00003.md"
./galley convert --update -t json --tei-corpus "$T/upd-c.xml" -o "$T/upd-c" "$T/gen60" 2>"$T/upd-c.err"
check "--update with --tei-corpus: one converted, the corpus still holds all 60" sh -c \
    "grep -q '^1 converted, 0 failed.*; 59 unchanged' '$T/upd-c.err' && [ \$(grep -c '<TEI ' '$T/upd-c.xml') = 60 ]"
mv "$T/gen60/a00011.md" "$T/a00011.md.away"
./galley convert --update -t json -o "$T/upd" "$T/gen60" 2>"$T/upd-gone.err"
mv "$T/a00011.md.away" "$T/gen60/a00011.md"
check "--update: an input gone is said before the summary, its outputs left" sh -c \
    "grep -q 'note: a00011.md, converted into $T/upd by an earlier run, is no input now: its outputs stay' '$T/upd-gone.err' && [ -f '$T/upd/a00011.json' ] &&
    tail -n 1 '$T/upd-gone.err' | grep -q '^[0-9]* converted, 0 failed'"
rm "$T/upd/a00008.json"
./galley convert --update -t json -o "$T/upd" "$T/gen60" 2>"$T/upd3.err"
check "--update: a missing output is written again" grep -q "^1 converted, 0 failed.*; 59 unchanged" "$T/upd3.err"

./galley convert -q --update -t json --report "$T/upd-rep.json" -o "$T/upd" "$T/gen60" 2>/dev/null
check "--update --report: an unchanged input's outputs are listed" python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
e = [i for i in r['inputs'] if i['input'].endswith('a00012.md')][0]
assert e['status'] == 'unchanged' and r['skipped'] == 60, e
assert e['outputs'] == [sys.argv[2] + '/a00012.json'], e['outputs']" "$T/upd-rep.json" "$T/upd"
# --report is JSON naming every input.
./galley convert -q --report "$T/report.json" -t json -o "$T/rep" input tests/bad/empty.md
check "--report is valid JSON" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T/report.json"
check "--report lists inputs, outputs and errors" python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r['inputs']) == 6, r
bad = [i for i in r['inputs'] if i['status'] == 'failed']
assert len(bad) == 1 and 'empty input' in bad[0]['errors'][0], bad
assert all(i['outputs'] for i in r['inputs'] if i['status'] == 'converted')
assert r['converted'] == 5 and r['failed'] == 1" "$T/report.json"
./galley convert -q --report "$T/report-json.json" -t json -o "$T/rep-json" "$T/rep/004_4a80590e0acbb5b6.json" "$T/rep/000_5413cba6d7dd22c5.json" 2>/dev/null
check "--report names the format each input was read in: json for galley JSON" python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert [i['format'] for i in r['inputs']] == ['json', 'json'], r" "$T/report-json.json"

# Folders: hidden entries and binary files are skipped, loops reported.
mkdir -p "$T/tree/.hidden" "$T/tree/sub"
cp input/000_5413cba6d7dd22c5.txt "$T/tree/.hidden/x.md"
cp input/000_5413cba6d7dd22c5.txt "$T/tree/sub/a.md"
printf '\211PNG\r\n\032\n\0\0' > "$T/tree/sub/pic.png"
ln -s .. "$T/tree/sub/loop"
cp tests/text/ja-utf16le-nobom.txt "$T/tree/sub/u16.txt"
./galley convert -t json -o "$T/tree-out" "$T/tree" 2>"$T/tree.err"; rc=$?
check "folders: hidden skipped, binary skipped" sh -c "[ -f '$T/tree-out/sub/a.json' ] && [ ! -e '$T/tree-out/.hidden' ] && [ ! -e '$T/tree-out/sub/pic.json' ]"
check "folders: UTF-16 without a BOM is text, read as named on the command line" sh -c \
    "[ -f '$T/tree-out/sub/u16.json' ] && grep -q 'read as UTF-16LE' '$T/tree.err'"
check "folders: a symbolic link loop is reported, not followed" grep -q "symbolic link loop" "$T/tree.err"
mkdir -p "$T/nul-tree"
printf 'text\nmore\0binary\n' > "$T/nul-tree/a.txt"
printf '\211PNG\r\n\032\n\0\0' > "$T/nul-tree/pic.png"
./galley convert -q -o "$T/nul-out" "$T/nul-tree" 2>"$T/nul.err"; rc=$?
check "folders: a .txt holding a NUL is an error (status 1), a .png is skipped" sh -c \
    "[ $rc = 1 ] && grep -q 'a.txt:2:5: error: NUL byte' '$T/nul.err' && ! grep -q pic '$T/nul.err'"

# HTML and XML documents found in a folder (a saved page, galley's own
# TEI output) are skipped, with a note; named, they are an error at 1:1
# unless -f names a reader.
mkdir -p "$T/markup"
cp input/000_5413cba6d7dd22c5.txt "$T/markup/a.md"
printf '<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>\n' > "$T/markup/page.html"
printf '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n' > "$T/markup/a.tei.xml"
./galley convert -v -t json -o "$T/markup-out" "$T/markup" 2>"$T/markup.err"; rc=$?
check "folders: HTML and XML documents skipped with a note, the article converted" sh -c \
    "[ $rc = 0 ] && [ -f '$T/markup-out/a.json' ] && [ ! -e '$T/markup-out/page.json' ] && grep -q 'page.html: note: skipped: an HTML document' '$T/markup.err' && grep -q 'a.tei.xml: note: skipped: an XML document' '$T/markup.err'"
printf '\0\1\2binary' > "$T/markup/0.bin"
./galley convert -q --report "$T/markup-report.json" -t json -o "$T/markup-out2" "$T/markup" 2>/dev/null
check "--report: valid JSON when the first inputs found are skipped" python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert [i['input'].rsplit('/', 1)[1] for i in r['inputs']] == ['a.md'], r['inputs']" "$T/markup-report.json"
./galley convert -o - "$T/markup/page.html" >/dev/null 2>"$T/markup2.err"; rc=$?
check "an HTML file named: status 1, file:1:1 says galley does not read HTML" sh -c \
    "[ $rc = 1 ] && grep -q 'page.html:1:1: error: an HTML document, which galley does not read' '$T/markup2.err'"
check "an HTML file with -f text: read as plain text" sh -c \
    "./galley convert -f text -o - '$T/markup/page.html' 2>/dev/null | grep -q 'Hi'"

# The output folder, the report and the corpus inside the folder read:
# a second run does not read them back.
mkdir -p "$T/own"
cp input/000_5413cba6d7dd22c5.txt "$T/own/a.md"
for k in 1 2; do
	(cd "$T/own" && "$ROOT/galley" convert -v -t json,epub --report rep.json \
	    --tei-corpus c.tei.xml -o out . 2>"../own-$k.err"); rc=$?
done
check "the run's own outputs inside its input folder are not read back" sh -c \
    "[ $rc = 0 ] && [ ! -e '$T/own/out/out' ] && grep -q '^1 converted, 0 failed' '$T/own-2.err' && grep -q 'out: note: skipped: the output folder of this run' '$T/own-2.err' && grep -q 'rep.json: note: skipped: an output of this run' '$T/own-2.err'"

# A file name near the file system's limit: its outputs fit, and so
# must the temporary files they are written through.
mkdir -p "$T/longname"
long=$(printf '%0236d' 0 | tr 0 a)
cp input/000_5413cba6d7dd22c5.txt "$T/longname/$long.md"
./galley convert -q -t json,epub,tei -o "$T/longname-out" "$T/longname" 2>/dev/null; rc=$?
check "a 236-character file name: status 0, its three outputs" sh -c \
    "[ $rc = 0 ] && [ \$(ls '$T/longname-out' | wc -l) = 3 ]"

# The same file named twice is converted once.
./galley convert -t json -o "$T/twice-out" input/000_5413cba6d7dd22c5.txt ./input/000_5413cba6d7dd22c5.txt input 2>"$T/twice.err"; rc=$?
check "one file named twice (and in a folder named): converted once, said" sh -c \
    "[ $rc = 0 ] && grep -q '^5 converted' '$T/twice.err' && [ \$(grep -c 'named twice: converted once' '$T/twice.err') = 2 ]"

# An article alone in its run still finds itself by slug.
mkdir -p "$T/self"
printf -- '---\ntitle: Lease\nslug: lease\nlang: en\n---\n\n# Lease\n\n## Key points\n\nSee [the key points](/lease#key-points) and [this page](lease.md).\n' > "$T/self/lease.md"
./galley convert -t json -o "$T/self-out" "$T/self/lease.md" 2>"$T/self.err"
check "one input alone: its links to itself resolve, no warning" sh -c \
    "grep -q '0 warnings' '$T/self.err' && grep -q '\"link\": \"internal\", \"target\": \"lease\", \"fragment\": \"key-points\"' '$T/self-out/lease.json'"

# Links between the articles of one run become internal links.
mkdir -p "$T/links"
printf -- '---\ntitle: Lease\nslug: lease\nlang: en\n---\n\n# Lease\n\nA lease is a contract.\n\n## Risk\n\nThe risk.\n' > "$T/links/lease.md"
printf -- '---\ntitle: Main\nlang: en\n---\n\nSee [the lease](/lease), [its risk](/lease#risk) and [nothing](/nothing).\n' > "$T/links/main.md"
./galley convert -t json -o "$T/links-out" "$T/links" 2>"$T/links.err"
check "a /slug link to another article of the run is internal" \
    grep -q '"url": "/lease", "link": "internal", "target": "lease"' "$T/links-out/main.json"
check "an unresolved link is reported with its position and in the summary" sh -c \
    "grep -q 'main.md:6:54: warning: link to \"/nothing\" names no article' '$T/links.err' && grep -q '; 1 unresolved links' '$T/links.err'"

# Many threads and every libxml2 writer at once: no deadlock, no crash.
hung=0
for i in 1 2 3 4 5; do
	timeout 120 ./galley convert -q -j 4 -t json,epub,tei -o "$T/threads" input "$T/gen60" tests/bad/good.md 2>/dev/null
	[ $? -eq 124 ] && hung=$((hung + 1))
done
if [ $hung = 0 ]; then ok "five runs with -j 4 and every writer finish"
else notok "$hung of five runs with -j 4 hung"; fi

# Map, then reduce: JSON made in shards, a book assembled from it.
mkdir -p "$T/mr"
cp "$T/links/lease.md" "$T/links/main.md" "$T/mr/"
sh scripts/gen-articles.sh 8 "$T/mr/gen" input
for k in 1 2 3; do ./galley convert -q --shard $k/3 -t json -o "$T/mr-json" "$T/mr" 2>/dev/null; done
./galley book -q -o "$T/mr.epub" "$T/mr-json" 2>"$T/mr.err"; rc=$?
chapters=$(unzip -l "$T/mr.epub" 2>/dev/null | grep -c 'text/c[0-9]*\.xhtml')
if [ $rc = 0 ] && [ "$chapters" = 10 ]; then ok "a book from JSON made in three shards: 10 chapters"
else notok "a book from sharded JSON: status $rc, $chapters chapters"; cat "$T/mr.err"; fi
if unzip -p "$T/mr.epub" 'OEBPS/text/*.xhtml' | grep -q '<a href="c[0-9]*\.xhtml#[^"]*">the lease</a>\|<a href="c[0-9]*\.xhtml">the lease</a>'
then ok "the book from JSON links its chapters to each other"
else notok "the book from JSON lost the internal link"; unzip -p "$T/mr.epub" 'OEBPS/text/*.xhtml' | grep -o '.\{60\}the lease.\{20\}' | head -3; fi

# Messages about a JSON input name it, and where its source said so.
./galley convert -t json -o "$T/mr-again" "$T/mr-json/gen/a00001.json" 2>"$T/mr-again.err"
check "a JSON input's messages name it, then the place in its source" \
    grep -q "^$T/mr-json/gen/a00001.json: warning: link to \"/frontoffice\" names no article of this run; .* \[from $T/mr/gen/a00001.md:10:[0-9]*\]\$" "$T/mr-again.err"

# galley book --update rebuilds only when a chapter changed.
mkdir -p "$T/bu"
cp "$T/links/lease.md" "$T/links/main.md" "$T/bu/"
./galley book -q --update -o "$T/bu.epub" "$T/bu" 2>/dev/null
./galley book --update -o "$T/bu.epub" "$T/bu" 2>"$T/bu1.err"
check "book --update: unchanged articles, no rebuild" grep -qx "$T/bu.epub: unchanged" "$T/bu1.err"
echo "One more sentence." >> "$T/bu/main.md"
./galley book --update -o "$T/bu.epub" "$T/bu" 2>"$T/bu2.err"
check "book --update: a changed chapter rebuilds the book" grep -q "$T/bu.epub: 2 chapters" "$T/bu2.err"
# ... and when an image a chapter shows changed, or its --tei is gone.
mkdir -p "$T/bi"
cp tests/epub/img/dot.png "$T/bi/pic.png"
printf -- '---\ntitle: Pic\nlang: en\n---\n\n![a dot](pic.png)\n' >"$T/bi/pic.md"
./galley book -q --update --tei "$T/bi.tei.xml" -o "$T/bi.epub" "$T/bi/pic.md" 2>/dev/null
cp tests/epub/img/pixel.gif "$T/bi/pic.png"
./galley book --update --tei "$T/bi.tei.xml" -o "$T/bi.epub" "$T/bi/pic.md" 2>"$T/bi1.err"
rm -f "$T/bi.tei.xml"
./galley book --update --tei "$T/bi.tei.xml" -o "$T/bi.epub" "$T/bi/pic.md" 2>"$T/bi2.err"
check "book --update: a changed image rebuilds the book, a deleted --tei is made again" sh -c \
    "grep -q '1 chapter' '$T/bi1.err' && unzip -l '$T/bi.epub' | grep -q 'images/i0001.gif' && grep -q '1 chapter' '$T/bi2.err' && [ -s '$T/bi.tei.xml' ]"

# Two articles asking for one slug: the earlier input keeps it, whatever
# the threads do, and the later one is told.
mkdir -p "$T/dup"
for n in 1 2 3 4 5 6; do
	printf -- '---\ntitle: Lease %s\nid: lease%s\nslug: lease\nlang: en\n---\n\nThe lease, version %s.\n' $n $n $n > "$T/dup/l$n.md"
done
printf -- '---\ntitle: Main\nlang: en\n---\n\nSee [the lease](/lease).\n' > "$T/dup/main.md"
./galley convert -q -j 1 -t json,tei -o "$T/dup-1" "$T/dup" 2>"$T/dup.err"
same=1
for k in 1 2 3 4 5; do
	./galley convert -q -j 4 -t json,tei -o "$T/dup-4" "$T/dup" 2>/dev/null
	diff -r -x .galley-state "$T/dup-1" "$T/dup-4" >/dev/null || same=0
done
if [ $same = 1 ]; then ok "a slug claimed twice resolves the same with -j 1 and -j 4 (5 runs)"
else notok "a slug claimed twice resolves differently under -j 4"; fi
check "the earliest input keeps the slug" grep -q '"target": "lease1"' "$T/dup-1/main.json"
check "a later input claiming a slug is warned" grep -qx "$T/dup/l2.md: warning: slug \"lease\" is also the slug of $T/dup/l1.md, earlier in this run: links to it go there" "$T/dup.err"

# Articles that share an id (post.md in two folders; a slug that is
# another's file name): the first keeps it, the next is told apart
# ("-2") and said; a link names a file by its path and extension.
mkdir -p "$T/ids/one" "$T/ids/two"
printf -- '---\ntitle: One\nlang: en\n---\n\nThe first post.\n' >"$T/ids/one/post.md"
printf -- '---\ntitle: Two\nlang: en\n---\n\nThe second post.\n' >"$T/ids/two/post.md"
printf -- '---\ntitle: A\nslug: x\nlang: en\n---\n\nA asks for slug x.\n' >"$T/ids/a.md"
printf -- '---\ntitle: X\nlang: en\n---\n\nThe file x.md.\n' >"$T/ids/x.md"
printf -- '---\ntitle: C\nlang: en\n---\n\n[1](one/post.md) [2](two/post.md) [3](x.md) [4](/x)\n' >"$T/ids/c.md"
./galley convert -j 2 -t json,tei --tei-corpus "$T/ids.xml" -o "$T/ids-o" "$T/ids" 2>"$T/ids.err"
check "shared ids: one/post and two/post, a.md's slug and x.md are told apart" sh -c \
    "grep -q '\"id\": \"post-2\"' '$T/ids-o/two/post.json' && grep -q '\"id\": \"x-2\"' '$T/ids-o/x.json' && grep -o '\"target\": \"[^\"]*\"' '$T/ids-o/c.json' | tr '\n' ' ' | grep -qx '\"target\": \"post\" \"target\": \"post-2\" \"target\": \"x-2\" \"target\": \"x\" '"
check "shared ids: the later article is told" grep -qx "$T/ids/two/post.md: warning: id \"post\" is also the id of $T/ids/one/post.md, earlier in this run: this article's id is \"post-2\"" "$T/ids.err"
check "shared ids: the corpus points at each" sh -c \
    "grep -c 'xml:id=\"post-2\"' '$T/ids.xml' | grep -qx 1 && grep -q 'target=\"#post-2\"' '$T/ids.xml'"
./galley book -q -o "$T/ids.epub" "$T/ids" 2>"$T/ids-book.err"
check "shared ids: in a book, each link goes to its chapter" sh -c \
    "unzip -p '$T/ids.epub' OEBPS/text/c00002.xhtml | grep -o '<a href=\"[^\"]*\"' | tr '\n' ' ' | grep -qx '<a href=\"c00003.xhtml\" <a href=\"c00004.xhtml\" <a href=\"c00005.xhtml\" <a href=\"c00001.xhtml\" '"
check "shared ids: book says so too" grep -q 'this chapter.s id is "post-2"' "$T/ids-book.err"
# Relative links are read from the linking article's folder first.
mkdir -p "$T/rel/one" "$T/rel/two"
for f in one/post two/post post; do
	printf -- '---\ntitle: %s\nlang: en\n---\n\nText of %s.\n' "$f" "$f" >"$T/rel/$f.md"
done
printf -- '---\ntitle: B\nlang: en\n---\n\n[r](post.md) [r2](./post.md)\n' >"$T/rel/b.md"
printf -- '---\ntitle: A\nlang: en\n---\n\n[s](post.md) [u](../post.md) [o](../one/post)\n' >"$T/rel/two/a.md"
./galley convert -q -t json -o "$T/rel-o" "$T/rel" 2>/dev/null
check "relative links: from the article's folder, then from the top" sh -c \
    "[ \"\$(grep -o '\"target\": \"[^\"]*\"' '$T/rel-o/b.json' '$T/rel-o/two/a.json' | sed 's/.*: //' | tr '\n' ' ')\" = '\"post-2\" \"post-2\" \"post-3\" \"post-2\" \"post\" ' ]"
# --update: an article that takes another's id makes it and its links new
mkdir -p "$T/upid/two"
printf -- '---\ntitle: Two\nlang: en\n---\n\nsecond\n' >"$T/upid/two/post.md"
printf -- '---\ntitle: L\nlang: en\n---\n\n[t](two/post.md)\n' >"$T/upid/links.md"
./galley convert -q --update -t json -o "$T/upid-o" "$T/upid" 2>/dev/null
mkdir -p "$T/upid/one"
printf -- '---\ntitle: One\nlang: en\n---\n\nfirst\n' >"$T/upid/one/post.md"
./galley convert -q --update -t json -o "$T/upid-o" "$T/upid" 2>/dev/null
./galley convert -q -t json -o "$T/upid-fresh" "$T/upid" 2>/dev/null
check "--update: a new article that takes an id redoes the one that had it and its links" \
    diff -r -x .galley-state "$T/upid-fresh" "$T/upid-o"
# Two files whose paths differ in case alone: a link spelt as one finds it.
mkdir -p "$T/case/sub"
printf -- '---\ntitle: Upper\nlang: en\n---\n\nUpper.\n' >"$T/case/Post.md"
printf -- '---\ntitle: Lower\nlang: en\n---\n\nLower.\n' >"$T/case/post.md"
printf -- '---\ntitle: L\nlang: en\n---\n\n[a](post.md) [b](Post.md) [c](../post.md) [d](../Post.md)\n' >"$T/case/sub/l.md"
./galley convert -q -t json -o "$T/case-o" "$T/case" 2>/dev/null
check "Post.md and post.md: a link spelt as one goes to that one" sh -c \
    "[ \"\$(grep -o '\"target\": \"[^\"]*\"' '$T/case-o/sub/l.json' | sed 's/.*: //' | tr '\n' ' ')\" = '\"post-2\" \"Post\" \"post-2\" \"Post\" ' ]"

# The page at the top (site/index.md) is named for its folder however the
# folder is named ("site", ".", "index.md" there); "/" and "../" go to it.
mkdir -p "$T/home/site/a"
printf -- '---\ntitle: Home\nlang: en\n---\n\nHome.\n' >"$T/home/site/index.md"
printf -- '---\ntitle: A\nlang: en\n---\n\n[home](/) [up](../) [file](../index.md)\n' >"$T/home/site/a/index.md"
./galley convert -q -t json -o "$T/home/o1" "$T/home/site" 2>/dev/null
(cd "$T/home/site" && "$ROOT/galley" convert -q -t json -o ../o2 . 2>/dev/null)
(cd "$T/home/site" && "$ROOT/galley" convert -q -t json -o ../o3 index.md 2>/dev/null)
check "the top page's id is its folder's name, however the folder is named" sh -c \
    "grep -q '\"id\": \"site\"' '$T/home/o1/index.json' && grep -q '\"id\": \"site\"' '$T/home/o2/index.json' && grep -q '\"id\": \"site\"' '$T/home/o3/index.json'"
check "links to / and ../ go to the top page" test "$(grep -c '"target": "site"' "$T/home/o2/a/index.json")" = 3

# Hugo's ref and relref shortcodes as link destinations are the links they
# make; other shortcodes stay text, with a warning; columns stay right.
mkdir -p "$T/hugosc/posts"
printf -- '---\ntitle: A\nlang: en\n---\n\n[b]({{< ref "b.md" >}}) [part]({{< relref "b.md#part-two" >}}) [p]({{< ref path="b.md" >}}) [r][r]\n\n{{< figure src="x.png" >}} [bad](nowhere)\n\n[r]: {{< ref "b.md" >}}\n' >"$T/hugosc/posts/a.md"
printf -- '---\ntitle: B\nlang: en\n---\n\n## Part two\n\nB.\n' >"$T/hugosc/posts/b.md"
./galley convert -t json,epub -o "$T/hugosc-o" "$T/hugosc" 2>"$T/hugosc.err"
check "Hugo ref/relref: internal links, the fragment kept" sh -c \
    "test \$(grep -c '\"link\": \"internal\", \"target\": \"b\"' '$T/hugosc-o/posts/a.json') = 4 && grep -q '\"fragment\": \"part-two\"' '$T/hugosc-o/posts/a.json'"
check "Hugo shortcodes: another is text with a warning, later columns right" sh -c \
    "grep -q 'a.md:8:1: warning: Hugo shortcode \"figure\" kept as text' '$T/hugosc.err' && grep -q 'a.md:8:28: warning: link to \"nowhere\"' '$T/hugosc.err' && grep -q '{{< figure src=' '$T/hugosc-o/posts/a.json'"

# Galley JSON in a legacy encoding names its article alike in both passes
# (pass 1 read it as Windows-1252: another id, and a crash).
mkdir -p "$T/jleg"
printf -- '---\ntitle: A\nlang: en\n---\n\n[b](b.json)\n' >"$T/jleg/a.md"
printf '{"galley": 1, "meta": {"title": "Статья аренда", "slug": "статья-аренда", "language": "ru"}, "body": [{"type": "paragraph", "children": [{"type": "text", "text": "Договор аренды — это соглашение, по которому арендодатель передаёт имущество во временное пользование."}]}]}\n' |
    iconv -f UTF-8 -t WINDOWS-1251 >"$T/jleg/b.json"
./galley convert -q -t json,epub -o "$T/jleg-o" "$T/jleg" 2>/dev/null; rc=$?
check "JSON in Windows-1251: converted, the link goes to its id" sh -c \
    "[ $rc = 0 ] && grep -q '\"id\": \"statya-arenda\"' '$T/jleg-o/b.json' && grep -q '\"target\": \"statya-arenda\"' '$T/jleg-o/a.json'"
./galley book -q -o "$T/jleg.epub" "$T/jleg" 2>/dev/null; rc=$?
check "JSON in Windows-1251: a book of it" test $rc = 0

# A README's table of contents links GitHub's anchors: they find the
# headings (repeated ones numbered -1, -2 as GitHub numbers them).
mkdir -p "$T/ghanchor"
printf -- '# API\n\n- [a](#shellstringstr)\n- [b](#fetchurl-options)\n- [c](#0%%E5%%BF%%AB%%E9%%80%%9F%%E4%%BD%%BF%%E7%%94%%A8)\n- [d](#usage-1)\n\n## ShellString(str)\n\nx\n\n## fetch(url[, options])\n\nx\n\n## 0.快速使用\n\nx\n\n## Usage\n\nx\n\n## Usage\n\ny\n' >"$T/ghanchor/readme.md"
./galley convert -t json -o "$T/ghanchor-o" "$T/ghanchor/readme.md" 2>"$T/ghanchor.err"
check "GitHub's anchors find their headings" sh -c \
    "! grep -q 'names no heading' '$T/ghanchor.err' && [ \"\$(grep -o '\"url\": \"#[^\"]*\"' '$T/ghanchor-o/readme.json' | tr '\n' ' ')\" = '\"url\": \"#shellstring-str\" \"url\": \"#fetch-url-options\" \"url\": \"#h-0-kuai-su-shi-yong\" \"url\": \"#usage-1\" ' ]"

# HTML anchors (<a name="x"></a> before a heading, <a id="y"> in a table):
# links to them go to that heading, or to the section they are in.
printf -- '# Top\n\nSee [l](#levels), [e](#fst_err_x) and [n](#nope).\n\n<a name="levels"></a>\n## Error levels\n\n| Code | Text |\n| --- | --- |\n| <a id="fst_err_x">X</a> | Error. |\n' >"$T/ghanchor/html.md"
./galley convert -t json -o "$T/ghanchor-o" "$T/ghanchor/html.md" 2>"$T/ghhtml.err"
check "HTML anchors: links go to the heading they stand for" sh -c \
    "[ \"\$(grep -o '\"url\": \"#[^\"]*\"' '$T/ghanchor-o/html.json' | tr '\n' ' ')\" = '\"url\": \"#error-levels\" \"url\": \"#error-levels\" \"url\": \"#nope\" ' ] && grep -q 'link to \"#nope\" names no heading' '$T/ghhtml.err' && test \$(grep -c 'names no heading' '$T/ghhtml.err') = 1"

# READMEs: "#Name#" is a heading; a heading the repair filter made gives
# the title; a title from a heading has no trailing space.
mkdir -p "$T/readme"
printf '#LunarCalendar#\n\nA **lunar** calendar library.\n\n##Install##\n\n```sh\nnpm install lunar-calendar\n```\n' >"$T/readme/closed.md"
printf '#Bugs\n\n> Strikethrough means **fixed**.\n' >"$T/readme/repaired.md"
printf '# YAML <a href="https://example.com/"><img src="https://example.com/b.svg" alt="badge"></a>\n\nThe library reads and writes YAML documents for you.\n' >"$T/readme/badge.md"
printf '# es-hangul [![MIT License](https://img.shields.io/badge/license-MIT-blue.svg)](LICENSE) [![NPM badge](https://img.shields.io/npm/v/es-hangul)](https://npm.im/es-hangul)\n\nA library for Hangul.\n' >"$T/readme/badges.md"
./galley convert -q -t json -o "$T/readme-o" "$T/readme" 2>/dev/null
check "README headings: #Name# is one, titles from repaired headings, no trailing space, no badges" sh -c \
    "grep -q '\"title\": \"es-hangul\",' '$T/readme-o/badges.json' && grep -q '\"title\": \"LunarCalendar\"' '$T/readme-o/closed.json' && grep -q '\"text\": \"Install\"' '$T/readme-o/closed.json' && grep -q '\"title\": \"Bugs\"' '$T/readme-o/repaired.json' && grep -q '\"title\": \"YAML\"' '$T/readme-o/badge.json'"

# Language: a title that is the first heading counts once ("# mint-navbar"
# was Kurdish), a URL written out counts for nothing (was Italian).
printf '# mint-navbar\n' >"$T/readme/short.md"
printf '[https://dcloud.io/license/uni-app.html](https://dcloud.io/license/uni-app.html)\n' >"$T/readme/url.md"
./galley convert -q -t json -o "$T/readme-o" "$T/readme/short.md" "$T/readme/url.md" 2>/dev/null
check "language: a heading alone, a URL alone: und" sh -c \
    "grep -q '\"language\": \"und\"' '$T/readme-o/short.json' && grep -q '\"language\": \"und\"' '$T/readme-o/url.json'"

# A folder's README.md is its page, as GitHub shows it: named for the
# folder, and "dist/" goes to dist/README.md.
mkdir -p "$T/ghrepo/dist" "$T/ghrepo/docs"
printf '# Top\n\nSee [dist](dist/) and [docs](./docs/).\n' >"$T/ghrepo/README.md"
printf '# Dist\n\nThe built files.\n' >"$T/ghrepo/dist/README.md"
printf '# Docs\n\nThe docs.\n' >"$T/ghrepo/docs/index.md"
./galley convert -t json -o "$T/ghrepo-o" "$T/ghrepo" 2>"$T/ghrepo.err"
check "README.md: its folder's page, named for it; links to the folder find it" sh -c \
    "grep -q '\"id\": \"ghrepo\"' '$T/ghrepo-o/README.json' && grep -q '\"id\": \"dist\"' '$T/ghrepo-o/dist/README.json' && grep -q '\"target\": \"dist\"' '$T/ghrepo-o/README.json' && grep -q '\"target\": \"docs\"' '$T/ghrepo-o/README.json' && ! grep -q 'also the id' '$T/ghrepo.err'"

# "<form>", "<slot>" or "<video>" written in prose open elements the EPUB
# drops: the rest of the paragraph is kept all the same (it was lost).
printf '# T\n\nReplace <slot name="cell"> with inline rendering.\n\nReturns the parent <form> element, if any.\n\nFixes <video> elements (#2788), closes it.\n\n<video src="a.mp4">Your reader shows no <b>video</b>.</video>\n\n<picture><source media="(prefers-color-scheme: dark)" srcset="https://example.com/dark.png"><img alt="Project logo" src="https://example.com/logo.png"></picture>\n' >"$T/readme/prose-tags.md"
./galley convert -q -t epub -o "$T/readme-o" "$T/readme/prose-tags.md" 2>/dev/null
unzip -p "$T/readme-o/prose-tags.epub" OEBPS/text/c00001.xhtml >"$T/prose-tags.xhtml"
check "raw tags in prose: the words after them stay, no element of them" sh -c \
    "grep -q 'with inline rendering' '$T/prose-tags.xhtml' && grep -q 'element, if any' '$T/prose-tags.xhtml' && grep -q 'elements (#2788), closes it' '$T/prose-tags.xhtml' && grep -q 'Your reader shows no <b>video</b>' '$T/prose-tags.xhtml' && grep -q '>Project logo</a>' '$T/prose-tags.xhtml' && ! grep -Eq '<(slot|form|video)' '$T/prose-tags.xhtml'"

# --update: a new article that an unchanged one links to redoes that one
# alone; one gone redoes the articles that linked to it.
mkdir -p "$T/upnew"
printf -- '---\ntitle: A\nlang: en\n---\n\n[b](b.md) [c](/c)\n' >"$T/upnew/a.md"
printf -- '---\ntitle: C\nlang: en\n---\n\nThe c.\n' >"$T/upnew/c.md"
printf -- '---\ntitle: D\nlang: en\n---\n\nThe d.\n' >"$T/upnew/d.md"
./galley convert -q --update -t json -o "$T/upnew-o" "$T/upnew" 2>/dev/null
printf -- '---\ntitle: B\nlang: en\n---\n\nThe b.\n' >"$T/upnew/b.md"
./galley convert --update -t json -o "$T/upnew-o" "$T/upnew" 2>"$T/upnew.err"
check "--update: a new article that an unchanged one links to: both written, the rest unchanged" sh -c \
    "grep -q '^2 converted, 0 failed, 0 warnings.*; 2 unchanged\$' '$T/upnew.err' && grep -q '\"target\": \"b\"' '$T/upnew-o/a.json'"
./galley convert --update -t json -o "$T/upnew-o" "$T/upnew" 2>"$T/upnew2.err"
check "--update: then nothing" grep -q '^0 converted, 0 failed, 0 warnings.*; 4 unchanged$' "$T/upnew2.err"
rm "$T/upnew/b.md"
./galley convert --update -t json -o "$T/upnew-o" "$T/upnew" 2>"$T/upnew3.err"
check "--update: an article gone: the one linking to it is written again, its link text only" sh -c \
    "grep -q '^1 converted, 0 failed, 1 warnings.*; 2 unchanged; 1 unresolved links\$' '$T/upnew3.err' && ! grep -q '\"target\": \"b\"' '$T/upnew-o/a.json' && grep -q 'b.md, converted into .* is no input now' '$T/upnew3.err'"
./galley convert --update -t json -o "$T/upnew-o" "$T/upnew" 2>"$T/upnew4.err"
check "--update: after an input is gone, a run with no change writes nothing" grep -q '^0 converted, 0 failed, 0 warnings.*; 3 unchanged$' "$T/upnew4.err"
# a run of one file into the folder's outputs keeps the others' state
./galley convert -q --update -t json -o "$T/upnew-o" "$T/upnew/d.md" 2>/dev/null
./galley convert --update -t json -o "$T/upnew-o" "$T/upnew" 2>"$T/upnew5.err"
check "--update: a run of one file does not make the next run redo the others" grep -q '^0 converted, 0 failed, 0 warnings.*; 3 unchanged$' "$T/upnew5.err"
./galley convert -q -t json -o "$T/upnew-fresh" "$T/upnew" 2>/dev/null
check "--update: the outputs are a fresh run's" diff -r -x .galley-state -x b.json "$T/upnew-fresh" "$T/upnew-o"

# translation_of by path names that file
mkdir -p "$T/tpath/one" "$T/tpath/two"
printf -- '---\ntitle: One\nlang: en\n---\n\nfirst\n' >"$T/tpath/one/post.md"
printf -- '---\ntitle: Two\nlang: en\n---\n\nsecond\n' >"$T/tpath/two/post.md"
printf -- '---\ntitle: To\nlang: nb\ntranslation_of: two/post.md\n---\n\nandre\n' >"$T/tpath/two/oversatt.md"
./galley convert -q -t json --tei-corpus "$T/tpath.xml" -o "$T/tpath-o" "$T/tpath" 2>/dev/null
check "translation_of: two/post.md groups with that file (post-2), not one/post.md" \
    grep -q '<TEI xml:id="post-2" corresp="#oversatt"' "$T/tpath.xml"
# book and convert agree: detected languages make no translations
mkdir -p "$T/blang/a" "$T/blang/b"
printf -- '---\ntitle: Lease\n---\n\nThe lease is a contract by which one party conveys land or property to another for a specified time.\n' >"$T/blang/a/lease.md"
printf -- '---\ntitle: Miete\n---\n\nEin Mietvertrag ist ein Vertrag, durch den eine Partei einer anderen ein Grundstueck fuer eine bestimmte Zeit ueberlaesst.\n' >"$T/blang/b/lease.md"
./galley book -o "$T/blang.epub" "$T/blang" 2>"$T/blang.err"
check "book: detected languages do not make two articles translations" \
    grep -q 'this chapter.s id is "lease-2"' "$T/blang.err"

# A link that names one translation's file goes to that translation.
mkdir -p "$T/xl/en" "$T/xl/nb" "$T/xl/de"
printf -- '---\ntitle: Lease\nlang: en\n---\n\nThe lease.\n' >"$T/xl/en/lease.md"
printf -- '---\ntitle: Leie\nlang: nb\n---\n\nLeien.\n' >"$T/xl/nb/lease.md"
printf -- '---\ntitle: Miete\nlang: de\n---\n\nDie Miete.\n' >"$T/xl/de/lease.md"
printf -- '---\ntitle: A\nlang: en\n---\n\n[en](en/lease.md) [nb](nb/lease.md) [de](de/lease.md) [any](/lease)\n' >"$T/xl/a.md"
./galley convert -q -t json --tei-corpus "$T/xl.xml" -o "$T/xl-o" "$T/xl" 2>/dev/null
check "translations by file: the corpus points at each language" sh -c \
    "[ \"\$(grep -o '<ref [^>]*target=\"#lease[^\"]*\"' '$T/xl.xml' | grep -o 'target=.*' | tr '\n' ' ')\" = 'target=\"#lease-en\" target=\"#lease-nb\" target=\"#lease-de\" target=\"#lease-en\" ' ]"
./galley book -q -o "$T/xl.epub" "$T/xl" 2>/dev/null
check "translations by file: the book links each chapter" sh -c \
    "[ \"\$(unzip -p '$T/xl.epub' OEBPS/text/c00001.xhtml | grep -o '<a href=\"[^\"]*\"' | tr '\n' ' ')\" = '<a href=\"c00003.xhtml\" <a href=\"c00004.xhtml\" <a href=\"c00002.xhtml\" <a href=\"c00003.xhtml\" ' ]"

# (the fuzzer's) One article's slug does not hide another's id in the
# corpus; an article's own EPUB does not link a translation to itself.
mkdir -p "$T/shadow" "$T/selfl/en" "$T/selfl/nb"
printf -- '---\ntitle: Ex\nid: ex\nslug: post\nlang: en\n---\n\nThe x article.\n' >"$T/shadow/a-x.md"
printf -- '---\ntitle: C\nlang: en\n---\n\n[file](post.md) [slug](/post)\n' >"$T/shadow/c.md"
printf -- '---\ntitle: Post\nlang: en\n---\n\nThe post.\n' >"$T/shadow/post.md"
./galley convert -q -t json --tei-corpus "$T/shadow.xml" -o "$T/shadow-o" "$T/shadow" 2>/dev/null
check "corpus: a link to an id goes to that text, not to another's slug" sh -c \
    "[ \"\$(grep -o '<ref [^>]*>' '$T/shadow.xml' | tr '\n' ' ')\" = '<ref type=\"internal\" target=\"#post\"> <ref type=\"internal\" target=\"#ex\"> ' ]"
printf -- '---\ntitle: Lease\nlang: en\n---\n\n## Risk\n\nThe lease.\n' >"$T/selfl/en/lease.md"
printf -- '---\ntitle: Leie\nlang: nb\n---\n\nSe [risiko](../en/lease.md#risk).\n' >"$T/selfl/nb/lease.md"
./galley convert -t epub -o "$T/selfl-o" "$T/selfl" 2>"$T/selfl.err"
check "an article's EPUB: a link to its translation is text, not a link to itself" sh -c \
    "! unzip -p '$T/selfl-o/nb/lease.epub' OEBPS/text/c00001.xhtml | grep -q '<a href=\"c00001' && ! grep -q 'no heading' '$T/selfl.err'"

# Characters beyond the BMP (emoji) are character references in TEI:
# jing's parser fails on some raw four-byte UTF-8 sequences.
mkdir -p "$T/emoji"
printf '# Emoji 😀 test\n\nText with 😀 and 𝕏 and 𠀀, é and ж kept.\n\n[link 🚀](https://example.com/ "title 🎉")\n' >"$T/emoji/em.md"
./galley convert -q -t tei,json --tei-corpus "$T/emoji.xml" -o "$T/emoji-o" "$T/emoji" 2>/dev/null
check "TEI: emoji as character references, other text as it is, in texts and corpora" sh -c \
    "grep -q '&#x1F600;' '$T/emoji-o/em.tei.xml' && grep -q '&#x1F389;' '$T/emoji-o/em.tei.xml' && grep -q 'é and ж' '$T/emoji-o/em.tei.xml' && ! grep -q '😀' '$T/emoji-o/em.tei.xml' && grep -q '&#x20000;' '$T/emoji.xml' && ! grep -q '😀' '$T/emoji.xml' && grep -q '😀' '$T/emoji-o/em.json'"

# Image paths in messages without "./" steps.
mkdir -p "$T/imgpath/docs"
printf '# T\n\n![a](./docs/./missing.png)\n' >"$T/imgpath/a.md"
./galley convert -q -t epub -o "$T/imgpath-o" "$T/imgpath/a.md" 2>"$T/imgpath.err"
check "image paths in messages: no ./ steps" grep -q "image $T/imgpath/docs/missing.png: No such file" "$T/imgpath.err"

# Folders named together that hold one path: no output is overwritten.
mkdir -p "$T/same/a" "$T/same/b" "$T/same/c"
for d in a b c; do
	printf -- '---\ntitle: Post %s\nlang: en\n---\n\n[sib](other.md)\n' $d >"$T/same/$d/post.md"
	printf -- '---\ntitle: Other %s\nlang: en\n---\n\nother\n' $d >"$T/same/$d/other.md"
done
(cd "$T/same" && "$ROOT/galley" convert -t json -o out a b c 2>../same.err)
check "folders named together with one path: each keeps its outputs, links stay in their folder" sh -c \
    "grep -q 'Post a' '$T/same/out/post.json' && grep -q 'Post b' '$T/same/out/b/post.json' && grep -q 'Post c' '$T/same/out/c/post.json' && grep -q '\"target\": \"other-3\"' '$T/same/out/c/post.json' && grep -q 'the outputs of this one go to b/post.md' '$T/same.err'"

# Hugo's page bundles (posts/alpha/index.md) are named for their folder;
# one article in en/ and nb/ is a translation: one id, one group.
mkdir -p "$T/hugo/posts/alpha" "$T/hugo/posts/beta" "$T/hugo/en" "$T/hugo/nb"
printf -- '---\ntitle: Alpha\nlang: en\n---\n\nSee [beta](../beta/).\n' >"$T/hugo/posts/alpha/index.md"
printf -- '---\ntitle: Beta\nlang: en\n---\n\nThe beta bundle.\n' >"$T/hugo/posts/beta/index.md"
printf -- '---\ntitle: Lease\n---\n\nThe lease is a contract by which one party conveys land or property to another for a specified time.\n' >"$T/hugo/en/lease.md"
printf -- '---\ntitle: Leie\n---\n\nEn leieavtale er en kontrakt der den ene parten gir den andre rett til å bruke en eiendom i en bestemt tid.\n' >"$T/hugo/nb/lease.md"
./galley convert -t json --tei-corpus "$T/hugo.xml" -o "$T/hugo-o" "$T/hugo" 2>"$T/hugo.err"
check "page bundles: ids alpha and beta, and the link between them resolves" sh -c \
    "grep -q '\"id\": \"alpha\"' '$T/hugo-o/posts/alpha/index.json' && grep -q '\"target\": \"beta\"' '$T/hugo-o/posts/alpha/index.json'"
check "en/lease.md and nb/lease.md: translations, one id, one group" sh -c \
    "! grep -q 'is also the id' '$T/hugo.err' && grep -q 'xml:id=\"lease-en\"' '$T/hugo.xml' && grep -q 'xml:id=\"lease-nb\"' '$T/hugo.xml' && grep -q 'linkGrp type=\"translation\"' '$T/hugo.xml'"

# A link into another article's section by the heading's words, as
# GitHub's anchors are written: the corpus and the book find the
# heading; one that names no heading warns, in convert and in book.
mkdir -p "$T/frag"
printf -- '---\ntitle: A\nlang: en\n---\n\n[one](b.md#Section%%20One) [two](b.md#Что-такое) [three](b.md#1%%20Intro) [four](b.md#nope)\n' >"$T/frag/a.md"
printf -- '---\ntitle: B\nlang: en\n---\n\n## Section One\n\nx\n\n## Что такое\n\ny\n\n## 1 Intro\n\nz\n' >"$T/frag/b.md"
./galley convert -t json --tei-corpus "$T/frag.xml" -o "$T/frag-o" "$T/frag" 2>"$T/frag.err"
check "fragments by a heading's words: the corpus points at each heading" sh -c \
    "[ \"\$(grep -o '<ref [^>]*target=\"#b[^\"]*\"' '$T/frag.xml' | grep -o 'target=.*' | tr '\n' ' ')\" = 'target=\"#b.section-one\" target=\"#b.cto-takoe\" target=\"#b.h-1-intro\" target=\"#b\" ' ]"
check "fragments: convert warns of one that names no heading, at its place, and counts it" sh -c \
    "grep -q 'a.md:6:73: warning: link to \"b.md#nope\": that article has no heading \"#nope\"' '$T/frag.err' && grep -q ', 1 warnings in' '$T/frag.err'"
printf -- '---\ntitle: C\nlang: en\n---\n\n[node](b.md#nodejs-server) [fetch](b.md#fetchurl-options) [again](b.md#nodejs-server-1)\n' >"$T/frag/c.md"
printf -- '---\ntitle: D\nlang: en\n---\n\n## Node.js server\n\nx\n\n## fetch(url[, options])\n\ny\n\n## Node.js server\n\nz\n' >"$T/frag/d.md"
sed -i 's/b\.md#/d.md#/g' "$T/frag/c.md"
./galley book -o "$T/frag.epub" "$T/frag" 2>"$T/frag-b.err"
./galley convert -q -t json --tei-corpus "$T/frag2.xml" -o "$T/frag2-o" "$T/frag" 2>"$T/frag2.err"
check "fragments as GitHub makes anchors: the corpus points at each heading" sh -c \
    "[ \"\$(grep -o '<ref [^>]*target=\"#d[^\"]*\"' '$T/frag2.xml' | grep -o 'target=.*' | tr '\n' ' ')\" = 'target=\"#d.node-js-server\" target=\"#d.fetch-url-options\" target=\"#d.node-js-server-1\" ' ] && test \$(grep -c 'no heading' '$T/frag2.err') = 1"
check "fragments as GitHub makes anchors: the book links each heading" sh -c \
    "[ \"\$(unzip -p '$T/frag.epub' OEBPS/text/c00003.xhtml | grep -o '<a href=\"[^\"]*\"' | tr '\n' ' ')\" = '<a href=\"c00004.xhtml#node-js-server\" <a href=\"c00004.xhtml#fetch-url-options\" <a href=\"c00004.xhtml#node-js-server-1\" ' ]"
check "fragments: the book links each heading and warns once of the missing one" sh -c \
    "[ \"\$(unzip -p '$T/frag.epub' OEBPS/text/c00001.xhtml | grep -o '<a href=\"[^\"]*\"' | tr '\n' ' ')\" = '<a href=\"c00002.xhtml#section-one\" <a href=\"c00002.xhtml#cto-takoe\" <a href=\"c00002.xhtml#h-1-intro\" <a href=\"c00002.xhtml\" ' ] && test \$(grep -c 'no heading' '$T/frag-b.err') = 1"

# book.yaml's chapters that leave articles of the folder out say so;
# "galley book ." is named for the folder.
mkdir -p "$T/by/sub"
for n in a b c; do
	printf -- '---\ntitle: %s\nlang: en\n---\n\nChapter %s.\n' $n $n >"$T/by/$n.md"
done
printf -- '---\ntitle: e\nlang: en\n---\n\nSub e.\n' >"$T/by/sub/e.md"
printf 'title: B\nchapters:\n  - a.md\n  - ./c.md\n' >"$T/by/book.yaml"
./galley book -o "$T/by.epub" "$T/by" 2>"$T/by.err"
check "book.yaml's chapters leave articles out: one warning names them" \
    grep -q "^$T/by/book.yaml: warning: its chapters leave out 2 articles of the folder: b.md, sub/e.md" "$T/by.err"
rm "$T/by/book.yaml"
(cd "$T/by" && "$ROOT/galley" book -q -o ../by-dot.epub . 2>/dev/null)
check "galley book . takes the folder's name for its title" sh -c \
    "unzip -p '$T/by-dot.epub' OEBPS/content.opf | grep -q '<dc:title id=\"title\">by</dc:title>'"

# A newline in a file name is shown escaped: one message, one line.
mkdir -p "$T/nl"
printf -- '---\ntitle: [bad\ntags:\n  - x\n---\n\nx\n' >"$T/nl/a
b.md"
./galley convert -o "$T/nl-o" "$T/nl" 2>"$T/nl.err"
check "a newline in a file name is escaped in file:line:col" \
    grep -q '^.*/nl/a\\nb.md:3:5: error: front matter' "$T/nl.err"
# So is a terminal's escape, or a newline, in what a message quotes.
printf '{"galley":1,"meta":{"title":"T","language":"en"},"body":[{"type":"paragraph","children":[{"type":"link","url":"/a\\u001b[31mb\\nc","children":[{"type":"text","text":"x"}]}]}]}\n' >"$T/ctl.json"
./galley convert -t json -o "$T/ctl-o" "$T/ctl.json" 2>"$T/ctl.err"
check "control characters a message quotes are escaped" \
    grep -qF 'ctl.json: warning: link to "/a\x1b[31mb\nc" names no article' "$T/ctl.err"

# Another run's report in a folder is not an article (convert, book).
mkdir -p "$T/rpt"
./galley convert -q -t json --report "$T/rpt/rep.json" -o "$T/rpt-o0" input 2>/dev/null
cp input/000_5413cba6d7dd22c5.txt "$T/rpt/a.md"
./galley convert -v -t json -o "$T/rpt-o" "$T/rpt" 2>"$T/rpt.err"; rc=$?
check "a galley report in the folder is skipped, with a note" sh -c \
    "[ $rc = 0 ] && grep -q 'rep.json: note: skipped: a galley report' '$T/rpt.err' && grep -q '^1 converted, 0 failed' '$T/rpt.err'"
./galley book -o "$T/rpt.epub" "$T/rpt" 2>"$T/rpt-book.err"
check "book: a galley report in the folder is no chapter" sh -c \
    "grep -q '1 chapter,' '$T/rpt-book.err' && ! grep -q 'rep.json' '$T/rpt-book.err'"

# One image reached by two relative paths is packed once.
mkdir -p "$T/im/a" "$T/im/img"
cp tests/epub/img/pixel.gif "$T/im/img/p.gif"
printf -- '---\ntitle: One\nlang: en\n---\n\n![dot](img/p.gif)\n' >"$T/im/one.md"
printf -- '---\ntitle: Two\nlang: en\n---\n\n![dot](../img/p.gif) ![again](../a/../img/p.gif)\n' >"$T/im/a/two.md"
./galley book -q -o "$T/im.epub" "$T/im" 2>/dev/null
check "book: one image by two paths is packed once" sh -c \
    "[ \$(unzip -l '$T/im.epub' | grep -c 'OEBPS/images/') = 1 ]"

# galley book: a file named on the command line is a chapter whatever
# its name; in folders only article names are (the rest are resources).
cp input/004_4a80590e0acbb5b6.txt "$T/named.export"
./galley book -q -o "$T/named.epub" "$T/named.export" input/000_5413cba6d7dd22c5.txt 2>/dev/null
check "book: a named file with any extension is a chapter" \
    test "$(unzip -l "$T/named.epub" | grep -c 'text/c[0-9]*\.xhtml')" = 2

# cmark-gfm shares one table of the characters its extensions react to
# between parsers (src/readers/markdown.c): in parallel, articles with
# strikethrough (whose inline pass is serialised) and articles with
# autolinks only (parsed in parallel) keep every strikethrough and link.
mkdir -p "$T/race"
i=0
while [ $i -lt 300 ]; do
	{
		printf -- '---\ntitle: r%d\n---\n\n' $i
		k=0
		while [ $k -lt 10 ]; do
			if [ $((i % 2)) = 0 ]; then
				echo "Line $k ~~gone~~ see www.example.com/p$k now."
			else
				echo "Line $k see www.example.com/p$k and https://x.org/$k, *em*."
			fi
			echo
			k=$((k + 1))
		done
	} >"$T/race/r$i.md"
	i=$((i + 1))
done
./galley convert -q -j 1 -t json -o "$T/race-1" "$T/race" 2>/dev/null
check "strikethrough and autolinks, one job: 1,500 struck, 4,500 links" \
    test "$(cat "$T"/race-1/*.json | grep -c '"type": "strikethrough"')" = 1500 \
    -a "$(cat "$T"/race-1/*.json | grep -c '"type": "link"')" = 4500
same=1
for k in 1 2 3; do
	rm -rf "$T/race-2"
	./galley convert -q -j 2 -t json -o "$T/race-2" "$T/race" 2>/dev/null
	diff -r -x .galley-state "$T/race-1" "$T/race-2" >"$T/race.diff" 2>&1 || same=0
done
if [ $same = 1 ]; then ok "strikethrough and autolinks in parallel: -j 2 writes what -j 1 does (3 runs)"
else notok "strikethrough or autolinks lost in parallel"; head -n 10 "$T/race.diff" | sed 's/^/#   /'; fi

# -j N makes the same bytes as -j 1, on inputs with autolinks,
# strikethrough and tables and on names that differ only in the
# extension (a.md, a.txt).
./galley convert -q -j 1 -t json,tei -o "$T/par-1" tests/epub tests/bad 2>/dev/null
same=1
for k in 1 2 3; do
	rm -rf "$T/par-4"
	./galley convert -q -j 4 -t json,tei -o "$T/par-4" tests/epub tests/bad 2>/dev/null
	diff -r -x .galley-state "$T/par-1" "$T/par-4" >"$T/par.diff" 2>&1 || same=0
done
if [ $same = 1 ]; then ok "-j 4 writes the same bytes as -j 1 (3 runs over the fixtures)"
else notok "-j 4 differs from -j 1"; head -n 10 "$T/par.diff" | sed 's/^/#   /'; fi
check "inputs named alike but the extension keep it in their outputs" \
    test -f "$T/par-1/slug-traversal.json" -a -f "$T/par-1/slug-traversal.md.json"

# galley book reads each article twice (index, then chapter): its
# warnings are said once.
./galley book -o "$T/once.epub" tests/bad/cp1252.txt input/004_4a80590e0acbb5b6.txt 2>"$T/once.err"
check "book: an article's warnings are said once" \
    test "$(grep -c 'not UTF-8' "$T/once.err")" = 1

# --encoding: a name ICU does not know is a usage error; a known one is
# used for input that is not UTF-8.
./galley convert --encoding no-such -o "$T/enc" tests/text/ru-cp1251.txt 2>/dev/null; rc=$?
if [ $rc = 2 ]; then ok "--encoding no-such: status 2"; else notok "--encoding no-such: status $rc"; fi
./galley convert -q --encoding KOI8-R -t json -o "$T/enc" tests/text/ru-cp1251.txt 2>"$T/enc.err"
check "--encoding names the encoding (here a wrong one, as asked): no detection" sh -c \
    "test -s '$T/enc/ru-cp1251.json' && ! grep -q 'detected' '$T/enc.err' && ! grep -q 'Бэк-офис' '$T/enc/ru-cp1251.json'"

# Pass 1 names each article for links: by its file name alone when it has
# neither front matter nor JSON (its body is not read there), by its
# front matter's slug or JSON's id when it has them.
mkdir -p "$T/names"
printf -- '---\ntitle: A\n---\n\nSee [b](/b), [c](/cee) and [d](/dee).\n' >"$T/names/a.md"
printf '24 juni 2021 7:51\nTitel B\n\nTekst van het artikel, lang genoeg voor een alinea.\n' >"$T/names/b.txt"
printf -- '---\ntitle: C\nslug: cee\n---\n\nText.\n' >"$T/names/c.md"
printf '# D\n\nText.\n' | ./galley convert -o - - 2>/dev/null |
    sed 's/"slug": "[^"]*"/"slug": "dee"/' >"$T/names/d.json"
./galley convert -q -t json -o "$T/names-out" "$T/names" 2>"$T/names.err"
check "links find a text file by its name, front matter and JSON by their slugs" \
    sh -c "test \$(grep -c '\"link\": \"internal\"' '$T/names-out/a.json') = 3 && ! grep -q unresolved '$T/names.err'"
