# EPUB writer and "galley book": every EPUB made here goes through
# EPUBCheck (0 errors, 0 warnings, one JVM for all); rebuilds are
# byte-identical; chapter text equals article text; metadata is read
# back with Python's zipfile and ElementTree; raw HTML comes out safe.
G="$ROOT/galley"
E="$T/epub"
X="$ROOT/tests/epub"
PY="python3 $X/epubtext.py"
mkdir -p "$E"
# GALLEY_BOOK may name another "galley book" command while main.c does
# not dispatch it yet.
BOOK=${GALLEY_BOOK:-"$G book"}

check "epub: the seeds, one EPUB each (and JSON)" \
    "$G" convert -q -t epub,json -o "$E/seeds" "$ROOT/input"
"$G" convert -q -t epub,json -o "$E/fx" "$X/footnotes.md" "$X/images.md" \
    "$X/rawhtml.md" "$X/urls.md" "$X/links/a.json" "$X/links/b.json" 2>"$E/fx.log"
check "epub: a URL whose host is none is a warning at file:line:col, its text kept" \
    grep -q 'urls.md:7:56: warning: links: "http://www.b\]" has no valid host name; kept as text only' "$E/fx.log"
check "epub: a host with a tilde is none; a C1 control in a path is escaped" sh -c "
    grep -q 'https://example.org~Struck\" has no valid host name' '$E/fx.log' &&
    unzip -p '$E/fx/urls.epub' OEBPS/text/c00001.xhtml | grep -q 'href=\"http://www./ww%C2%88w'"
check "epub: hosts in other scripts in ASCII (IDNA), spaces escaped" sh -c "
    unzip -p '$E/fx/urls.epub' OEBPS/text/c00001.xhtml | grep -q 'href=\"https://xn--bcher-kva.de/seite\"' &&
    unzip -p '$E/fx/urls.epub' OEBPS/text/c00001.xhtml | grep -q 'href=\"https://example.com/remo%20te.png\"' &&
    ! unzip -p '$E/fx/urls.epub' OEBPS/text/c00001.xhtml | grep -q 'www.b]\"'"
check "epub: the fixtures, one EPUB each" test -s "$E/fx/rawhtml.epub"
"$G" convert -v -t epub -o "$E/sib" "$X/links/a.json" "$X/links/b.json" 2>"$E/sib.log"
"$G" convert -q -t epub --link-base https://example.org/blog/ -o "$E/sib-base" \
    "$X/links/a.json" "$X/links/b.json" 2>/dev/null
check "epub: in an article's own EPUB a link to another article is text with a note, or with --link-base its address" sh -c "
    grep -q 'a.json: note: link to \"b.md#deep\": article \"article-b\" is not in this EPUB; kept as text' '$E/sib.log' &&
    unzip -p '$E/sib/a.epub' OEBPS/text/c00001.xhtml | grep -q 'See the deep part of B, all of B,' &&
    unzip -p '$E/sib-base/a.epub' OEBPS/text/c00001.xhtml | grep -q 'See <a href=\"https://example.org/blog/b.md#deep\">the deep part of B</a>, <a href=\"https://example.org/blog/b.md\">all of B</a>,'"
check "epub: a missing image is a warning at file:line:col" \
    grep -q 'images.md:18:18: warning: image .*missing.png' "$E/fx.log"
check "epub: a file that is no image is a warning" \
    grep -q 'images.md:20:15: warning: .*not-an-image.png is not PNG' \
    "$E/fx.log"

for f in "$E"/seeds/*.epub "$E"/fx/footnotes.epub "$E"/fx/images.epub \
    "$E"/fx/a.epub "$E"/fx/b.epub; do
	b=${f%.epub}
	check "epub: chapter text = article text: ${f#$E/}" \
	    $PY same "$f" "$b.json"
done
# Without the sections and ids filters: flat headings, ids made here.
"$G" convert -q -t epub,json --no-filter sections --no-filter ids \
    -o "$E/flat" "$X/footnotes.md" "$X/rawhtml.md" 2>/dev/null
check "epub: without sections and ids: text = article text" \
    $PY same "$E/flat/footnotes.epub" "$E/flat/footnotes.json"
check "epub: without sections and ids: headings get ids" \
    sh -c "unzip -p '$E/flat/footnotes.epub' OEBPS/text/c00001.xhtml |
    grep -q '<h2 id=\"h-2\">A table</h2>' &&
    ! unzip -p '$E/flat/footnotes.epub' OEBPS/text/c00001.xhtml |
    grep -q '<section>'"
check "epub: mimetype first, stored, no extra field" \
    $PY zipcheck "$E/seeds/000_5413cba6d7dd22c5.epub"

# One article alone: its metadata becomes the book's.
$PY meta "$E/fx/footnotes.epub" >"$E/fn.meta"
check "epub: article metadata: title, language, author, subjects, date" \
    sh -c "grep -qx 'title Notes and tables' '$E/fn.meta' &&
    grep -qx 'language en' '$E/fn.meta' &&
    grep -qx 'creator Ada Tester' '$E/fn.meta' &&
    grep -qx 'subject footnotes' '$E/fn.meta' &&
    grep -qx 'subject tables' '$E/fn.meta' &&
    grep -qx 'date 2023-04-05' '$E/fn.meta' &&
    grep -q '^description A fixture with footnotes' '$E/fn.meta' &&
    grep -qx 'source .*tests/epub/footnotes.md' '$E/fn.meta' &&
    grep -qx 'dcterms:modified 2023-04-05T00:00:00Z' '$E/fn.meta'"
check "epub: accessibility metadata" \
    sh -c "grep -qx 'schema:accessMode textual' '$E/fn.meta' &&
    grep -qx 'schema:accessibilityHazard none' '$E/fn.meta' &&
    grep -q '^schema:accessibilitySummary ' '$E/fn.meta' &&
    grep -qx 'schema:accessibilityFeature tableOfContents' '$E/fn.meta'"
unzip -p "$E/fx/footnotes.epub" OEBPS/text/c00001.xhtml >"$E/fn.xhtml"
check "epub: footnotes: noteref, footnote, back link" \
    sh -c "grep -q 'epub:type=\"noteref\" role=\"doc-noteref\" id=\"fnref-1\" href=\"#fn-1\"' '$E/fn.xhtml' &&
    grep -q '<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn-[a-z0-9-]*\">' '$E/fn.xhtml' &&
    test \$(grep -c '<aside epub:type=\"footnote\"' '$E/fn.xhtml') -eq 2 &&
    grep -q 'role=\"doc-backlink\" href=\"#fnref-2\"' '$E/fn.xhtml'"
check "epub: tables: header cells, alignment" \
    sh -c "grep -q '<th scope=\"col\" class=\"center\">Centre</th>' '$E/fn.xhtml' &&
    grep -q '<td class=\"right\">20</td>' '$E/fn.xhtml'"
check "epub: chapter has lang and xml:lang" \
    grep -q '<html .* lang="en" xml:lang="en">' "$E/fn.xhtml"

# Images: local ones packed once with their media type, remote ones a link.
unzip -l "$E/fx/images.epub" >"$E/img.list"
unzip -p "$E/fx/images.epub" OEBPS/content.opf >"$E/img.opf"
unzip -p "$E/fx/images.epub" OEBPS/text/c00001.xhtml >"$E/img.xhtml"
check "epub: local images packed once, with their media types" \
    sh -c "test \$(grep -c 'OEBPS/images/' '$E/img.list') -eq 2 &&
    grep -q 'href=\"images/i0001.png\" media-type=\"image/png\"' '$E/img.opf' &&
    grep -q 'href=\"images/i0002.gif\" media-type=\"image/gif\"' '$E/img.opf'"
check "epub: a remote image becomes its alt text with a link" \
    sh -c "grep -q '<a class=\"remote-image\" href=\"https://example.com/logo.png\">A remote logo</a>' '$E/img.xhtml' &&
    ! grep -q 'src=\"http' '$E/img.xhtml'"

# Raw HTML: parsed, cleaned, well-formed.
unzip -p "$E/fx/rawhtml.epub" OEBPS/text/c00001.xhtml >"$E/raw.xhtml"
check "epub: raw HTML without script, iframe, object, form, style" \
    sh -c "! grep -Eiq '<(script|iframe|object|embed|form|input|button|style)' '$E/raw.xhtml'"
check "epub: raw HTML without event attributes or javascript: URLs" \
    sh -c "! grep -Eiq ' on[a-z]+=|javascript:|style=' '$E/raw.xhtml'"
check "epub: raw HTML keeps its text and safe markup" \
    sh -c "grep -q '<p>Kept <b>bold</b> and <i>italic</i>.</p>' '$E/raw.xhtml' &&
    grep -q '<a href=\"https://example.com/\">good link</a>' '$E/raw.xhtml' &&
    grep -q 'js link' '$E/raw.xhtml' &&
    grep -q '<img src=\"../images/i0001.png\" alt=\"Raw square\"/>' '$E/raw.xhtml'"
check "epub: raw HTML chapter is well-formed XML" xmllint --noout "$E/raw.xhtml"

# A broken book, to show the validator run below can fail.
python3 - "$E/fx/footnotes.epub" "$E/broken.epub" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for i in src.infolist():
    d = src.read(i)
    if i.filename.endswith("c00001.xhtml"):
        d = d.replace(b"<p>", b"<p><blink>x</blink>", 1)
    dst.writestr(i, d)
dst.close()
PY

books=""
if $BOOK --help >/dev/null 2>&1; then
	check "book: the five seeds, five languages" \
	    $BOOK -q -o "$E/seeds-book.epub" --tei "$E/seeds.tei.xml" \
	    "$ROOT/input"
	$BOOK -q -o "$E/seeds-book2.epub" --tei "$E/seeds2.tei.xml" \
	    "$ROOT/input" 2>/dev/null
	check "book: two builds are byte-identical" \
	    cmp "$E/seeds-book.epub" "$E/seeds-book2.epub"
	check "book: --tei writes a teiCorpus" \
	    grep -q '<teiCorpus' "$E/seeds.tei.xml"
	check "book: chapter text = article text (five seeds)" \
	    $PY same "$E/seeds-book.epub" "$E"/seeds/*.json
	$PY meta "$E/seeds-book.epub" >"$E/seeds.meta"
	check "book: five languages in the package, main one on <package>" \
	    sh -c "test \$(grep -c '^language ' '$E/seeds.meta') -eq 5 &&
	    ! grep -qx 'language mul' '$E/seeds.meta' &&
	    grep -q '^package-lang [a-z]' '$E/seeds.meta'"
	check "book: one dc:subject per keyword" \
	    sh -c "grep -qx 'subject Investing' '$E/seeds.meta' &&
	    grep -qx 'subject Stock Brokers' '$E/seeds.meta'"
	check "book: dcterms:modified is the newest article date" \
	    grep -qx 'dcterms:modified 2021-06-24T07:51:00Z' "$E/seeds.meta"
	check "book: each chapter in its article's language" \
	    sh -c "unzip -p '$E/seeds-book.epub' OEBPS/text/c00002.xhtml |
	    grep -q 'lang=\"is\" xml:lang=\"is\"'"
	SOURCE_DATE_EPOCH=1700000000 $BOOK -q -o "$E/sde.epub" "$ROOT/input" \
	    2>/dev/null
	check "book: SOURCE_DATE_EPOCH sets dcterms:modified" \
	    sh -c "$PY meta '$E/sde.epub' |
	    grep -qx 'dcterms:modified 2023-11-14T22:13:20Z'"
	check "book: the title of a book of a folder is the folder's name" \
	    grep -qx 'title input' "$E/seeds.meta"

	check "book: book.yaml" $BOOK -q -o "$E/yaml.epub" "$X/book"
	$PY meta "$E/yaml.epub" >"$E/yaml.meta"
	check "book: book.yaml metadata read back" \
	    sh -c "grep -qx 'title A Small Book' '$E/yaml.meta' &&
	    grep -qx 'title Fixtures for galley book' '$E/yaml.meta' &&
	    grep -qx 'creator Bo Writer' '$E/yaml.meta' &&
	    grep -qx 'language en' '$E/yaml.meta' &&
	    grep -qx 'language de' '$E/yaml.meta' &&
	    grep -qx 'publisher galley tests' '$E/yaml.meta' &&
	    grep -qx 'rights CC0' '$E/yaml.meta' &&
	    grep -qx 'date 2024-02-29' '$E/yaml.meta' &&
	    grep -qx 'description Three short chapters that link to one another.' '$E/yaml.meta' &&
	    grep -qx 'schema:accessMode visual' '$E/yaml.meta'"
	check "book: book.yaml's chapter list gives the order" \
	    sh -c "$PY spine '$E/yaml.epub' | tail -3 | tr '\n' '|' |
	    grep -qx 'The Third|The First Chapter|Das zweite Kapitel|'"
	check "book: cover image and cover page" \
	    sh -c "unzip -p '$E/yaml.epub' OEBPS/content.opf |
	    grep -q 'href=\"images/cover.png\" media-type=\"image/png\" properties=\"cover-image\"'"
	check "book: front matter order, then path" \
	    $BOOK -q -o "$E/order.epub" "$X/book/third.md" "$X/book/first.md" \
	    "$X/book/second.md"
	check "book: order read back" \
	    sh -c "$PY spine '$E/order.epub' | tail -3 | tr '\n' '|' |
	    grep -qx 'Das zweite Kapitel|The First Chapter|The Third|'"
	check "book: options override book.yaml" \
	    $BOOK -q -o "$E/opts.epub" --title "Other Title" --author "C. Person" \
	    --language de --identifier "urn:isbn:9780000000002" \
	    --css "$X/book.css" "$X/book"
	$PY meta "$E/opts.epub" >"$E/opts.meta"
	check "book: options read back" \
	    sh -c "grep -qx 'title Other Title' '$E/opts.meta' &&
	    grep -qx 'creator C. Person' '$E/opts.meta' &&
	    ! grep -qx 'creator Ada Tester' '$E/opts.meta' &&
	    grep -qx 'package-lang de' '$E/opts.meta' &&
	    grep -qx 'identifier urn:isbn:9780000000002' '$E/opts.meta' &&
	    unzip -p '$E/opts.epub' OEBPS/css/galley.css | cmp -s - '$X/book.css'"
	unzip -p "$E/order.epub" OEBPS/text/c00002.xhtml >"$E/first.xhtml"
	check "book: links between articles become links between chapters" \
	    sh -c "grep -q '<a href=\"c00001.xhtml\">the second one</a>' '$E/first.xhtml' &&
	    grep -q '<a href=\"c00001.xhtml#the-detail\">a part of it</a>' '$E/first.xhtml' &&
	    grep -q '<a href=\"c00003.xhtml\">the third by its slug</a>' '$E/first.xhtml' &&
	    grep -q ', and to nothing.' '$E/first.xhtml'"
	$BOOK -q -o "$E/links-book.epub" "$X/links" 2>/dev/null
	unzip -p "$E/links-book.epub" OEBPS/text/c00001.xhtml >"$E/a.xhtml"
	check "book: internal links with and without fragments; others text" \
	    sh -c "grep -q '<a href=\"c00002.xhtml#deep\">the deep part of B</a>' '$E/a.xhtml' &&
	    grep -q '<a href=\"c00002.xhtml\">a missing part of B</a>' '$E/a.xhtml' &&
	    grep -q ', an article not in the book, an unresolved link, a relative link, ' '$E/a.xhtml' &&
	    grep -q '<a href=\"#a-more\">a link down this page</a>, a link to no id and ' '$E/a.xhtml'"
	check "book: nav has the toc with headings, landmarks and a title page" \
	    sh -c "unzip -p '$E/links-book.epub' OEBPS/nav.xhtml >'$E/nav.xhtml' &&
	    grep -q '<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\"' '$E/nav.xhtml' &&
	    grep -q 'href=\"text/c00002.xhtml#deep\">Der tiefe Teil' '$E/nav.xhtml' &&
	    grep -q 'epub:type=\"bodymatter\"' '$E/nav.xhtml' &&
	    grep -q 'epub:type=\"titlepage\" href=\"text/title.xhtml\"' '$E/nav.xhtml' &&
	    unzip -l '$E/links-book.epub' | grep -q OEBPS/toc.ncx"

	sh "$ROOT/scripts/gen-articles.sh" 1000 "$E/gen" >/dev/null
	check "book: 1,000 generated articles" \
	    $BOOK -q -o "$E/gen1000.epub" "$E/gen" 2>/dev/null
	check "book: 1,000 chapters in the spine" \
	    sh -c "test \$(unzip -p '$E/gen1000.epub' OEBPS/content.opf |
	    grep -c '<itemref idref=\"ch') -eq 1000"
	# book.yaml as people write it: a locale for a language, empty
	# values (as if not given, with a warning each)
	mkdir -p "$E/yaml-odd"
	cp input/000_5413cba6d7dd22c5.txt "$E/yaml-odd/one.md"
	printf 'language: en_US\ntitle: ""\npublisher: ""\nrights: " "\nidentifier: ""\nsubtitle: ""\nauthors: [""]\n' >"$E/yaml-odd/book.yaml"
	$BOOK -o "$E/yaml-odd.epub" "$E/yaml-odd" 2>"$E/yaml-odd.err"
	check "book: book.yaml's en_US is en-US, empty values are ignored with a warning" \
	    sh -c "unzip -p '$E/yaml-odd.epub' OEBPS/content.opf | grep -q '<dc:language>en-US</dc:language>' &&
	    [ \$(grep -c 'is empty; ignored' '$E/yaml-odd.err') = 5 ] &&
	    grep -q 'an empty or non-text entry of \"authors\"' '$E/yaml-odd.err'"
	books="$E/seeds-book.epub $E/sde.epub $E/yaml.epub $E/order.epub
	    $E/opts.epub $E/links-book.epub $E/gen1000.epub $E/yaml-odd.epub"
else
	skip "book: galley book" "this galley does not dispatch 'book' yet"
fi

# Right-to-left: an Arabic article (its language detected) is dir="rtl",
# and a book whose main language is Arabic turns its pages right to left.
"$G" convert -q -t epub -o "$E/rtl" "$X/rtl-ar.md" 2>/dev/null
check "epub: an Arabic chapter is dir=\"rtl\"" sh -c "unzip -p '$E/rtl/rtl-ar.epub' \
    OEBPS/text/c00001.xhtml | grep -q 'lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\"'"
mkdir -p "$E/mixed" && cp input/000_5413cba6d7dd22c5.txt "$X/rtl-ar.md" "$E/mixed/"
"$G" book -q -o "$E/mixed.epub" "$E/mixed" 2>/dev/null
check "epub: an Arabic chapter in a Norwegian book: dir=\"rtl\" in nav and NCX" sh -c \
    "unzip -p '$E/mixed.epub' OEBPS/nav.xhtml | grep -q '<li lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">' && \
    unzip -p '$E/mixed.epub' OEBPS/toc.ncx | grep -q '<navLabel xml:lang=\"ar\" dir=\"rtl\">'"
check "epub: code in a right-to-left chapter reads left to right" sh -c "unzip -p \
    '$E/rtl/rtl-ar.epub' OEBPS/text/c00001.xhtml | grep -q '<pre dir=\"ltr\"><code' && \
    unzip -p '$E/rtl/rtl-ar.epub' OEBPS/text/c00001.xhtml | grep -q '<code dir=\"ltr\">print(x)</code>'"
check "epub: an Arabic book's pages turn right to left" sh -c "unzip -p \
    '$E/rtl/rtl-ar.epub' OEBPS/content.opf | grep -q 'page-progression-direction=\"rtl\"'"
check "epub: left-to-right chapters have no dir" sh -c "! unzip -p \
    '$E/seeds/000_5413cba6d7dd22c5.epub' 'OEBPS/text/*.xhtml' OEBPS/content.opf | grep -q 'rtl'"

# Inputs the fuzzers made whose EPUBs once failed EPUBCheck (URLs with
# two '#', "https:" without "//", a footnote whose reference was inside
# dropped raw HTML): whatever galley makes of them must pass.
"$G" convert -q -t epub -o "$E/hard" "$X/hard" 2>/dev/null
"$G" convert -q -t epub -o "$E/hard-v" "$X/hard/iframe.md" 2>"$E/iframe.err"
check "epub: a dropped <iframe> is said once per chapter, with its src" sh -c \
    "[ \"\$(grep -c 'raw HTML <iframe> (https://www.youtube.com/embed/xyz) has no place in an EPUB: dropped' '$E/iframe.err')\" = 1 ] &&
     [ \"\$(grep -c 'iframe' '$E/iframe.err')\" = 1 ]"
check "epub: raw HTML that opens a container and closes it blocks later holds the Markdown between" sh -c "
    unzip -p '$E/hard/figure-details.epub' OEBPS/text/c00001.xhtml | tr -d '\n' | grep -q '<details><summary>More</summary><p>Hidden text.</p></details>' &&
    unzip -p '$E/hard/details-span.epub' OEBPS/text/c00001.xhtml | tr -d '\n' >'$E/span.x' &&
    grep -q '<details><summary>On Debian</summary><pre><code class=\"language-sh\">apt install it</code></pre><ul class=\"tight\"><li><p>one</p></li><li><p>two</p></li></ul><details><summary>Nested</summary><table>.*</table></details></details>' '$E/span.x' &&
    grep -q '<details><summary>Never closed</summary></details><p>Text after an unclosed details.</p>' '$E/span.x' &&
    grep -q '<div><p>Centred text.</p></div>' '$E/span.x' &&
    grep -q '<p>A <em>fast</em> tool<sup class=\"galley-noteref\"><a epub:type=\"noteref\" role=\"doc-noteref\" id=\"fnref-1\" href=\"#fn-1\">1</a></sup>' '$E/span.x'"
check "epub: a heading inside raw <details> ... </details> stays inside, its section ends there" sh -c "
    unzip -p '$E/hard/details-heading.epub' OEBPS/text/c00001.xhtml | tr -d '\n' |
    grep -q '<p>Intro.</p><details><summary>More</summary><section><h2 id=\"inside\">Inside</h2><p>Text <em>here</em>.</p></section></details><p>After.</p><section><h2 id=\"next\">Next</h2>'"
check "epub: a chapter whose only level-1 heading is blank gets its title as heading" sh -c \
    "unzip -p '$E/hard/blank-summary.epub' OEBPS/text/c00001.xhtml | grep -q '<h1 class=\"galley-title\">x</h1>'"
check "epub: a link to a dropped player's web address stands in for it, where a link may" sh -c "
    grep -q 'has no place in an EPUB: dropped; a link to it stands in' '$E/iframe.err' &&
    unzip -p '$E/hard-v/iframe.epub' OEBPS/text/c00001.xhtml | grep -qx '<p><a href=\"https://www.youtube.com/embed/xyz\">https://www.youtube.com/embed/xyz</a></p>' &&
    unzip -p '$E/hard/players.epub' OEBPS/text/c00001.xhtml | grep -q '<p>Watch <a href=\"https://e.com/v.mp4\">https://e.com/v.mp4</a> your browser now, or  and <a href=\"https://e.com\"></a>.</p>' &&
    unzip -p '$E/hard/players.epub' OEBPS/text/c00001.xhtml | grep -q '<td><a href=\"https://e.com/t\">https://e.com/t</a></td>' &&
    unzip -p '$E/hard/players.epub' OEBPS/text/c00001.xhtml | grep -q '<p>A <a href=\"https://e.com/s.webm\">https://e.com/s.webm</a> fallback words and <a href=\"https://e.com/in\">in a link</a>.</p>' &&
    ! unzip -p '$E/hard/players.epub' OEBPS/text/c00001.xhtml | grep -q 'javascript\|no.mp4'"
check "epub: a note referenced three times links back to each, named in the article's language" \
    sh -c "unzip -p '$E/hard/notes-twice.epub' OEBPS/text/c00001.xhtml >'$E/twice.x' &&
    grep -q '<p><a class=\"galley-backlink\" role=\"doc-backlink\" href=\"#fnref-1\" aria-label=\"tilbake 1\">1.</a> <a class=\"galley-backlink\" role=\"doc-backlink\" href=\"#fnref-1-2\" aria-label=\"tilbake 1 (2)\">.<sup>2</sup></a> <a class=\"galley-backlink\" role=\"doc-backlink\" href=\"#fnref-1-3\" aria-label=\"tilbake 1 (3)\">.<sup>3</sup></a> Notat A.</p>' '$E/twice.x' &&
    grep -q 'id=\"fnref-1-3\" href=\"#fn-a\"' '$E/twice.x' &&
    grep -q 'href=\"#fnref-2\" aria-label=\"tilbake 2\">2.</a> Notat B.' '$E/twice.x'"
check "epub: figure, figcaption, details and summary are kept where HTML allows them" sh -c \
    "unzip -p '$E/hard/figure-details.epub' OEBPS/text/c00001.xhtml | tr -d '\n' | grep -q '<figure><img[^>]*/><figcaption>A <em>red</em> dot</figcaption></figure><details><summary>More</summary><p>Hidden text.</p></details>'"
mkdir -p "$E/frag"
printf -- '---\ntitle: A\nlang: en\n---\n\n## Key points\n\nText.\n\n## 1. Intro\n\nMore.\n' > "$E/frag/a.md"
printf -- '---\ntitle: B\nlang: en\n---\n\nSee [k](a.md#Key%%20points), [i](a.md#1-intro) and [n](a.md#no-such).\n' > "$E/frag/b.md"
"$G" book -q -o "$E/frag.epub" "$E/frag/a.md" "$E/frag/b.md" 2>"$E/frag.err"
check "epub: a fragment of another chapter finds its heading, or is warned" sh -c \
    "unzip -p '$E/frag.epub' OEBPS/text/c00002.xhtml | grep -q 'href=\"c00001.xhtml#key-points\"' &&
     unzip -p '$E/frag.epub' OEBPS/text/c00002.xhtml | grep -q 'href=\"c00001.xhtml#h-1-intro\"' &&
     grep -q 'b.md:6:.*link to \"a.md#no-such\": that article has no heading' '$E/frag.err'"
check "epub: a data: URL image is a file of the book (twice written, once packed)" sh -c \
    "[ \"\$(unzip -l '$E/hard/data-url.epub' | grep -c 'OEBPS/images/')\" = 1 ] &&
     [ \"\$(unzip -p '$E/hard/data-url.epub' 'OEBPS/text/*.xhtml' | grep -o '<img src=\"../images/i0001.png\"' | wc -l)\" = 2 ]"

# SVG images are packed with only what draws (libxml2 reads them; the
# fixtures are an Inkscape drawing, an Illustrator export with its
# entities, external entities, references to other files and URLs, a PNG
# inside, and a file without SVG's namespace).
"$G" convert -q -t epub -o "$E/svg" "$X/svg.md" 2>"$E/svg.err"
"$G" book -q --cover "$X/svg/illustrator.svg" -o "$E/svg-cover.epub" "$X/svg.md" 2>/dev/null
unzip -p "$E/svg/svg.epub" 'OEBPS/images/*.svg' >"$E/svg.all" 2>/dev/null
check "epub: SVG images are packed; one without SVG's namespace is warned" sh -c "
    [ \$(unzip -l '$E/svg/svg.epub' | grep -c 'OEBPS/images/i000[1-5].svg') = 5 ] &&
    [ \$(unzip -l '$E/svg/svg.epub' | grep -c 'OEBPS/images/') = 5 ] &&
    grep -q 'svg.md:16:19: warning: image .*no-namespace.svg cannot be packed: an SVG image galley cannot use (its root is not <svg xmlns=\"http://www.w3.org/2000/svg\">)' '$E/svg.err' &&
    unzip -p '$E/svg/svg.epub' OEBPS/content.opf | grep -q 'href=\"images/i0001.svg\" media-type=\"image/svg+xml\"'"
check "epub: an SVG keeps what draws, loses scripts, events, foreignObject, links, editors' markup, DOCTYPE" sh -c "
    grep -q '<linearGradient id=\"grad\"><stop offset=\"0\" style=\"stop-color:#c00;\"/>' '$E/svg.all' &&
    grep -q '<rect x=\"5\" y=\"5\" width=\"110\" height=\"70\" style=\"fill:url(#grad);\"/>' '$E/svg.all' &&
    grep -q '<text x=\"60\" y=\"30\" style=\"text-anchor:middle;font-size:12px;font-family:DejaVu Sans;\">Inkscape</text>' '$E/svg.all' &&
    grep -q '<g><circle cx=\"100\" cy=\"60\" r=\"8\" style=\"fill:#0a0;\"/></g>' '$E/svg.all' &&
    grep -q '<g><circle cx=\"50\" cy=\"50\" r=\"40\" style=\"fill:#F7931E;\"/></g>' '$E/svg.all' &&
    ! grep -qi 'script\|onload\|onclick\|foreignObject\|sodipodi\|inkscape:\|ns.adobe\|DOCTYPE\|alert\|rdf:\|<a \|animate\|<set' '$E/svg.all'"
check "epub: an SVG loads nothing: no external entity, URL, other file or @import" sh -c "
    grep -q '<text x=\"5\" y=\"20\">ABC</text>' '$E/svg.all' &&
    ! grep -q 'root:\|example.com\|other.svg\|img.png\|@import\|#gone' '$E/svg.all' &&
    grep -q '<style>circle { fill: #123456 }</style>' '$E/svg.all' &&
    grep -q '<image id=\"_Image1\" width=\"1\" height=\"1\" xlink:href=\"data:image/png;base64,' '$E/svg.all' &&
    grep -q '<use xlink:href=\"#_Image1\"' '$E/svg.all'"
check "epub: an SVG's presentation attributes go into style (EPUBCheck checks neither place nor value there)" \
    grep -q '<path d="M10 40 L110 40" style="overflow:visible;font-weight:bold;font-family:Arial;stroke:#000;stroke-width:2"/>' "$E/svg.all"
# SVG files that once failed EPUBCheck after cleaning, or loaded from
# elsewhere (attributes on elements that do not take them, SVG 2 values,
# bad or duplicate ids, url() of no id, "@IMPORT", CSS escapes, a link in
# text, text outside text, prefixes never declared): all in one EPUB.
"$G" convert -q -t epub -o "$E/svg" "$X/svg-review.md" 2>"$E/svg-review.err"
check "epub: 92 SVG files as people make them: all packed, nothing loaded from elsewhere" sh -c "
    [ \$(unzip -l '$E/svg/svg-review.epub' | grep -c 'OEBPS/images/i00[0-9][0-9].svg') = 92 ] &&
    unzip -p '$E/svg/svg-review.epub' OEBPS/images/i0092.svg | grep -q 'style=\"fill:none;\"/><style>rect { stroke: none }</style>' &&
    [ ! -s '$E/svg-review.err' ] &&
    ! unzip -p '$E/svg/svg-review.epub' 'OEBPS/images/*.svg' | grep -qi 'e\.com\|@import\|image-set\|\\\\'"
check "epub: an SVG cover" sh -c "unzip -p '$E/svg-cover.epub' OEBPS/content.opf |
    grep -q '<item id=\"cover-image\" href=\"images/cover.svg\" media-type=\"image/svg+xml\" properties=\"cover-image\"/>'"

# WebP images become PNG (EPUB 3.2 and EPUBCheck 4.2 take no WebP):
# lossless with alpha pixel for pixel, lossy, an animation's first frame
# (warned), a file cut short (warned, its alt text stands in).
"$G" convert -q -t epub -o "$E/webp" "$X/webp.md" 2>"$E/webp.err"
python3 -c "
for y in range(16):
    print(''.join('%02x%02x%02x%02x' % (x * 16, y * 16, 128, 255 if x < 8 else 64) for x in range(16)))
" >"$E/webp.want"
check "epub: a lossless WebP with alpha is the same pixels in PNG" sh -c "
    $PY png '$E/webp/webp.epub' OEBPS/images/i0001.png >'$E/webp.got' &&
    head -n 1 '$E/webp.got' | grep -qx '16 16 6' && tail -n +2 '$E/webp.got' | cmp -s - '$E/webp.want'"
check "epub: a lossy WebP is an RGB PNG, an animation's first frame an RGBA PNG, said" sh -c "
    $PY png '$E/webp/webp.epub' OEBPS/images/i0002.png | head -n 1 | grep -qx '16 16 2' &&
    $PY png '$E/webp/webp.epub' OEBPS/images/i0003.png | head -n 1 | grep -qx '16 16 6' &&
    [ \$(unzip -l '$E/webp/webp.epub' | grep -c 'OEBPS/images/') = 3 ] &&
    unzip -p '$E/webp/webp.epub' OEBPS/content.opf | grep -q 'href=\"images/i0001.png\" media-type=\"image/png\"' &&
    grep -q 'webp.md:10:11: warning: image .*animated.webp: an animated WebP image: its first frame is packed, as PNG' '$E/webp.err' &&
    grep -q 'webp.md:12:12: warning: image .*broken.webp cannot be packed: a WebP image libwebp cannot decode; its alt text stands in for it' '$E/webp.err' &&
    unzip -p '$E/webp/webp.epub' OEBPS/text/c00001.xhtml | grep -q 'half a file'"

# EPUBCheck, once for all.  Debian's EPUBCheck recurses once per link in
# reading order: a big stack for the 1,000-chapter book.
all=$(ls "$E"/seeds/*.epub "$E"/fx/*.epub "$E"/flat/*.epub "$E"/rtl/*.epub "$E/mixed.epub" \
    "$E"/hard/*.epub "$E"/svg/*.epub "$E/svg-cover.epub" "$E"/webp/*.epub "$E"/sib-base/*.epub)
java -Xss64m -cp /usr/bin/epubcheck "$X/EpubCheckAll.java" $all $books \
    "$E/broken.epub" >"$E/epubcheck.log" 2>&1
if ! grep -q '^\(ok\|FAIL\) ' "$E/epubcheck.log"; then
	# No Java compiler for the one-JVM runner: one EPUBCheck per file.
	for f in $all $books "$E/broken.epub"; do
		if java -Xss64m -jar /usr/bin/epubcheck --failonwarnings \
		    "$f" >>"$E/epubcheck.log" 2>&1; then
			echo "ok $f" >>"$E/epubcheck.log"
		else
			echo "FAIL $f: 1 errors or warnings" >>"$E/epubcheck.log"
		fi
	done
fi
for f in $all $books; do
	if grep -qx "ok $f" "$E/epubcheck.log"; then
		ok "epubcheck: 0 errors, 0 warnings: ${f#$E/}"
	else
		notok "epubcheck: 0 errors, 0 warnings: ${f#$E/}"
		grep -B3 -A20 "$f" "$E/epubcheck.log" | grep -v '^\s*at ' |
		    head -n 30 | sed 's/^/#   /'
	fi
done
check "epubcheck: a broken EPUB is found out" \
    grep -q "^FAIL $E/broken.epub: [1-9]" "$E/epubcheck.log"
