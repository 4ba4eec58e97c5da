# The filter chain through the command line: the seeds' languages,
# repairs and keywords, stable ids, md -> json -> json idempotence, the
# switches.  Sourced by tests/run.sh with tests/lib.sh.
G=$ROOT/galley
F=$T/filters
mkdir -p "$F"

# jq-like look-ups with python3: q FILE EXPR (EXPR over d, the document)
q() {
	python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
def walk(n):
	yield n
	for c in n.get("children", []):
		yield from walk(c)
nodes = [x for b in d["body"] for x in walk(b)]
print(eval(sys.argv[2]))' "$1" "$2"
}

check "list-filters prints the chain in order with help" sh -c \
	"'$G' --list-filters | awk '{print \$1}' | tr '\n' ' ' |
	grep -qx 'meta language repair ids links sections smart '"

"$G" convert -q -t json -o "$F/one" "$ROOT/input" 2>"$F/one.err"
"$G" convert -q -t json -o "$F/two" "$ROOT/input" 2>/dev/null
for s in 000_5413cba6d7dd22c5:nb 001_eb685c18aea0661e:is \
    002_1b145a7ea59f55d5:fi 003_1b98ebf3e98aebf6:pl \
    004_4a80590e0acbb5b6:nl; do
	f=$F/one/${s%%:*}.json want=${s#*:}
	got=$(q "$f" 'd["meta"]["language"]' 2>/dev/null)
	case "$want:$got" in
	nb:nb|nb:no|"$want:$want") ok "seed ${s%%:*}: language $got" ;;
	*) notok "seed ${s%%:*}: language $got, want $want" ;;
	esac
done
f=$F/one/000_5413cba6d7dd22c5.json
check "seed 000: Høydepunkter is a level 2 heading" test "$(q "$f" \
	'[n["level"] for n in nodes if n["type"] == "heading" and
	n["children"][0].get("text") == "Høydepunkter"]')" = "[2]"
check "seed 000: its section holds one list of 3 items" test "$(q "$f" \
	'[[len(c["children"]) for c in s["children"] if c["type"] == "list"]
	for s in nodes if s["type"] == "section" and
	s["id"] == "hoydepunkter"]')" = "[[3]]"
for s in 000_5413cba6d7dd22c5 001_eb685c18aea0661e 002_1b145a7ea59f55d5 \
    003_1b98ebf3e98aebf6; do
	check "seed $s: keywords are a list of three" test "$(q \
		"$F/one/$s.json" 'len(d["meta"]["keywords"])')" = 3
done
check "ids are stable across two runs" diff -r -x .galley-state "$F/one" "$F/two"
check "ids: every heading id unique in its document" sh -c "for f in \
	'$F'/one/*.json; do python3 -c 'import json,sys
ids = []
def walk(n):
	if n[\"type\"] in (\"heading\", \"footnote_definition\"):
		ids.append(n[\"id\"])
	for c in n.get(\"children\", []): walk(c)
for b in json.load(open(sys.argv[1]))[\"body\"]: walk(b)
sys.exit(len(ids) != len(set(ids)))' \"\$f\" || exit 1; done"

# every filter is idempotent: md -> json -> json is byte-identical
"$G" convert -q -t json -o "$F/again" "$F/one" 2>/dev/null
check "md -> json -> json is byte-identical" diff -r -x .galley-state "$F/one" "$F/again"
"$G" convert -q --smart -t json -o "$F/s1" "$ROOT/input" 2>/dev/null
"$G" convert -q --smart -t json -o "$F/s2" "$F/s1" 2>/dev/null
check "with --smart too" diff -r -x .galley-state "$F/s1" "$F/s2"
check "--smart: Polish quotes from CLDR in seed 003" \
	grep -q '„biuro zaplecza”' "$F/s1/003_1b98ebf3e98aebf6.json"
check "--smart: Norwegian quotes in seed 000" \
	grep -q '«back office»' "$F/s1/000_5413cba6d7dd22c5.json"
check "no --smart: straight quotes kept" \
	grep -q '\\"back office\\"' "$F/one/000_5413cba6d7dd22c5.json"

# notes with -v only
"$G" convert -q -t json -o "$F/v" "$ROOT/input/000_5413cba6d7dd22c5.txt" \
	2>"$F/quiet.err"
"$G" convert -v -t json -o "$F/v" "$ROOT/input/000_5413cba6d7dd22c5.txt" \
	2>"$F/v.err"
check "-v: the repair is a note with file:line:col" grep -q \
	'000_5413cba6d7dd22c5.txt:36:1: note: repair: "##Høydepunkter"' \
	"$F/v.err"
check "without -v: no notes" sh -c "! grep -q ': note: ' '$F/quiet.err'"
check "unresolved links: a warning each, file:line:col" grep -q \
	'000_5413cba6d7dd22c5.txt:22:130: warning: link to "/lease"' \
	"$F/quiet.err"

# the switches
"$G" convert -q --no-filter sections --lang nn_NO \
	--link-base https://example.com/ -t json -o "$F/sw" \
	"$ROOT/input/000_5413cba6d7dd22c5.txt" 2>"$F/sw.err"
f=$F/sw/000_5413cba6d7dd22c5.json
check "--no-filter sections: no sections" test "$(q "$f" \
	'len([n for n in nodes if n["type"] == "section"])')" = 0
check "--lang nn_NO forces nn-NO" test "$(q "$f" \
	'd["meta"]["language"]')" = nn-NO
check "--link-base: /lease made absolute" test "$(q "$f" \
	'[n["url"] for n in nodes if n["type"] == "link"][3]')" = \
	https://example.com/lease
check "--link-base: no link warnings" sh -c "! grep -q 'link to' '$F/sw.err'"
check "--no-filter with an unknown name is a usage error" sh -c \
	"'$G' convert --no-filter nope -o '$F/x' '$ROOT/input' 2>/dev/null;
	test \$? -eq 2"

# a folder: one article links to another by /slug, by file name, by alias
mkdir -p "$F/site/b"
printf -- '---\ntitle: Leieavtaler\nslug: lease\naliases: [/old/lease/]\n---\n\nEn leieavtale er en kontrakt mellom en utleier og en leietaker om bruk av en eiendom.\n' >"$F/site/b/leie.md"
printf -- '---\ntitle: Back office\n---\n\nSe [leieavtaler](/lease), [den gamle](/old/lease/#pris), [fila](b/leie.md) og [ingenting](/cpa) for mer om regnskap og kontorer.\n' >"$F/site/a.md"
"$G" convert -q -t json -o "$F/site.out" "$F/site" 2>"$F/site.err"
f=$F/site.out/a.json
check "folder: /slug becomes an internal link to the article's id" \
	test "$(q "$f" '[(n["link"], n.get("target")) for n in nodes
	if n["type"] == "link"][0]')" = "('internal', 'lease')"
check "folder: an alias with a fragment, and a file name, resolve" \
	test "$(q "$f" '[(n.get("target"), n.get("fragment")) for n in nodes
	if n["type"] == "link"][1:3]')" = \
	"[('lease', 'pris'), ('lease', None)]"
check "folder: a link to no article stays unresolved, warned once" \
	test "$(grep -c 'link to "/cpa"' "$F/site.err")" = 1
"$G" convert -q -t json -o "$F/site.again" "$F/site.out" 2>/dev/null
check "folder: json -> json keeps the internal links" \
	diff -r -x .galley-state "$F/site.out" "$F/site.again"

# Language warnings say where: the text's first line, or the lang key.
printf -- '---\ntitle: x\n---\n\n12345 678\n' >"$F/und.md"
"$G" convert -q -t json -o "$F/und.out" "$F/und.md" 2>"$F/und.err"
check "language: \"und\" is warned at the text's first line" \
	grep -q "und.md:5:1: warning: cannot tell the language" "$F/und.err"
printf -- '---\ntitle: x\nlang: klingonish\n---\n\nDies ist ein deutscher Text über das Wetter.\n' >"$F/kl.md"
"$G" convert -q -t json -o "$F/kl.out" "$F/kl.md" 2>"$F/kl.err"
check "language: a lang that is no language is warned at its key" \
	grep -q 'kl.md:3:7: warning: language "klingonish"' "$F/kl.err"

# No title given: the first heading's, the same in every output.
printf -- '---\nlang: es\n---\n\nIntro sin encabezado.\n\n## ¿Qué es el back office?\n\nTexto del artículo.\n' >"$F/untitled.md"
"$G" convert -q -t json,epub,tei -o "$F/untitled.out" "$F/untitled.md" 2>/dev/null
check "meta: no title: the first heading's, in JSON, EPUB and TEI" sh -c "
grep -q '\"title\": \"¿Qué es el back office?\"' '$F/untitled.out/untitled.json' &&
unzip -p '$F/untitled.out/untitled.epub' OEBPS/content.opf | grep -q '<dc:title[^>]*>¿Qué es el back office?</dc:title>' &&
grep -q '<title>¿Qué es el back office?</title>' '$F/untitled.out/untitled.tei.xml'"

# Hugo's TOML front matter ("+++"): the same metadata as YAML's, typed
# values as text (marked plain), tables and arrays of tables in extra;
# recognised by content under any name.
cat >"$F/hugo.txt" <<'TOMLEOF'
+++
title = "Hva er back office?"
date = 2021-06-24T07:51:00+02:00
description = "Kort om back office"
keywords = ["lease", "kontor"]
tags = ["økonomi"]
lang = "nb"
draft = false
weight = 3
[params]
rating = 4.5
[[resources]]
name = "bilde"
+++

Back office er den delen av et selskap som består av administrativt personale.
TOMLEOF
"$G" convert -q -t json,epub,tei -o "$F/hugo.out" "$F/hugo.txt" 2>"$F/hugo.err"
check "meta: TOML front matter gives title, date, description, keywords, language and extra" \
    python3 - "$F/hugo.out/hugo.json" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1]))["meta"]
assert m["format"] == "markdown", m
assert m["title"] == "Hva er back office?", m
assert m["date"] == "2021-06-24T07:51:00+02:00", m
assert m["description"] == "Kort om back office", m
assert m["keywords"] == ["lease", "kontor", "økonomi"], m
assert m["language"] == "nb" and m["language_confidence"] == 1.0, m
assert m["extra"] == {"draft": "false", "params": {"rating": "4.5"},
    "resources": [{"name": "bilde"}], "weight": "3"}, m["extra"]
assert m["extra_plain"] == ["/draft", "/weight", "/params/rating"], m
PYEOF
check "meta: TOML front matter reaches EPUB and TEI" sh -c "
unzip -p '$F/hugo.out/hugo.epub' OEBPS/content.opf | grep -q '<dc:title[^>]*>Hva er back office?</dc:title>' &&
grep -q '<title>Hva er back office?</title>' '$F/hugo.out/hugo.tei.xml' && [ ! -s '$F/hugo.err' ]"

# Jekyll's Liquid: highlight blocks are code of their language, raw and
# endraw vanish (in fences too), post_url, link, site.baseurl and
# relative_url in links are read and resolve, tags in code stay, other
# tags are noted with -v; positions after them stay right.
mkdir -p "$F/jekyll/_posts"
cat >"$F/jekyll/_posts/2021-06-24-lease.md" <<'MDEOF'
---
title: Lease
lang: en
---

A lease is a contract by which one party conveys land or property to another.

{% highlight ruby linenos %}
def rent(months)
  months * 100
end
{% endhighlight %}

```liquid
{% raw %}
{% if page.title %}{{ page.title }}{% endif %}
{% endraw %}
```

{% highlight text %}
never closed
MDEOF
cat >"$F/jekyll/_posts/2021-06-25-other.md" <<'MDEOF'
---
title: Other
lang: en
---

See [the lease]({% post_url 2021-06-24-lease %}), [again]({% link _posts/2021-06-24-lease.md %}), [home]({{ site.baseurl }}/) and [rel]({{ '/2021-06-24-lease' | relative_url }}).

Write `{% if x %}` to test, {% include note.html %} here, and {% raw %}{{ x }}{% endraw %} literally.
MDEOF
"$G" convert -v -t json,epub,tei -o "$F/jekyll.out" "$F/jekyll" 2>"$F/jekyll.err"
check "liquid: highlight is a code block of its language, raw vanishes in a fence, an unclosed one stays text" \
    python3 - "$F/jekyll.out/_posts/2021-06-24-lease.json" <<'PYEOF'
import json, sys
body = json.load(open(sys.argv[1]))["body"]
def walk(ns):
    for n in ns:
        yield n
        yield from walk(n.get("children", []))
code = [n for n in walk(body) if n["type"] == "code_block"]
assert code[0]["info"] == "ruby" and code[0]["text"] == "def rent(months)\n  months * 100\nend\n", code[0]
assert code[0]["pos"] == [8, 1], code[0]
assert code[1]["info"] == "liquid" and "{% raw %}" not in code[1]["text"] and \
    "{% if page.title %}{{ page.title }}{% endif %}" in code[1]["text"], code[1]
texts = [n["text"] for n in walk(body) if n["type"] == "text"]
assert any("{% highlight text %}" in t for t in texts), texts
PYEOF
check "liquid: post_url, link, site.baseurl and relative_url in links; tags in code and raw stay; others noted" \
    python3 - "$F/jekyll.out/_posts/2021-06-25-other.json" "$F/jekyll.err" <<'PYEOF'
import json, sys
body = json.load(open(sys.argv[1]))["body"]
def walk(ns):
    for n in ns:
        yield n
        yield from walk(n.get("children", []))
links = [(n["url"], n.get("link"), n.get("target"), n["pos"]) for n in walk(body) if n["type"] == "link"]
assert links[0] == ("2021-06-24-lease", "internal", "a-2021-06-24-lease", [6, 5]), links
assert links[1] == ("/_posts/2021-06-24-lease.md", "internal", "a-2021-06-24-lease", [6, 51]), links
assert links[2][0] == "/" and links[3][:2] == ("/2021-06-24-lease", "internal"), links
codes = [n["text"] for n in walk(body) if n["type"] == "code"]
assert codes == ["{% if x %}"], codes
texts = "".join(n["text"] for n in walk(body) if n["type"] == "text")
assert "{% include note.html %}" in texts and "{{ x }}" in texts and "raw" not in texts, texts
err = open(sys.argv[2]).read()
assert '2021-06-25-other.md:8:29: note: Liquid tag "include" kept as text' in err, err
PYEOF

# Wiki links between notes (Obsidian, Foam): [[Page]], [[Page|label]],
# [[Page#Heading]], [[#Heading]], a block reference, an image embed;
# escaped ones, [[[x]]], "[[ -f x ]]" and those in code stay text;
# positions are the source's, escapes counted.
mkdir -p "$F/wiki/sub"
printf -- '---\ntitle: Back Office\n---\n\n# Back Office\n\n## Costs and fees\n\nText.\n' >"$F/wiki/sub/Back Office.md"
cat >"$F/wiki/note.md" <<'MDEOF'
---
title: Note
---

See [[Back Office]], [[back office#Costs and fees|its costs]], [[#Other part]], [[Back Office#^abc123]], \[\[Back Office]], [[[x]]], [[ -f x ]], `[[code]]`, ![[pic.png]] and [[Nowhere]].

## Other part

| a | b |
|---|---|
| [[Back Office]] | *[[sub/Back Office.md]]* |
MDEOF
"$G" convert -t json,epub,tei -o "$F/wiki.out" "$F/wiki" 2>"$F/wiki.err"
check "wiki links: resolved between articles, labels, headings, image embeds; escapes stay text" \
    python3 - "$F/wiki.out/note.json" "$F/wiki.err" <<'PYEOF'
import json, sys
body = json.load(open(sys.argv[1]))["body"]
def walk(ns):
    for n in ns:
        yield n
        yield from walk(n.get("children", []))
def text(n):
    return n.get("text", "") + "".join(text(c) for c in n.get("children", []))
links = [(n["url"], n.get("link"), n.get("target"), n.get("fragment"), text(n), n["pos"])
         for n in walk(body) if n["type"] == "link"]
assert links[0] == ("Back Office", "internal", "back-office", None, "Back Office", [5, 5]), links
assert links[1] == ("back office#costs and fees", "internal", "back-office", "costs-and-fees", "its costs", [5, 22]), links
assert links[2][0] == "#other-part" and links[2][4] == "Other part", links
assert links[3][:5] == ("Back Office", "internal", "back-office", None, "Back Office"), links
assert links[4][:2] == ("Nowhere", "unresolved") and links[4][5] == [5, 175], links
assert links[5][:2] == ("Back Office", "internal") and links[6][:3] == ("sub/Back Office.md", "internal", "back-office"), links
assert len(links) == 7, links
texts = "".join(n["text"] for n in walk(body) if n["type"] == "text")
assert "[[Back Office]], [[[x]]], [[ -f x ]], " in texts and "[[pic.png]]" not in texts, texts
images = [(n["url"], n["pos"]) for n in walk(body) if n["type"] == "image"]
assert images == [("pic.png", [5, 158])], images
assert [n["text"] for n in walk(body) if n["type"] == "code"] == ["[[code]]"]
err = open(sys.argv[2]).read()
assert 'note.md:5:175: warning: link to "Nowhere" names no article' in err, err
PYEOF
check "wiki links: EPUB links the chapter, TEI is valid" sh -c "
unzip -p '$F/wiki.out/note.epub' OEBPS/text/c00001.xhtml | grep -q 'href=\"#other-part\"' &&
[ -s '$F/wiki.out/note.tei.xml' ]"

# An embed names its image by its name alone, wherever it is in the
# vault (the folder with .obsidian), as Obsidian finds it; without a
# vault, beside the note only.
mkdir -p "$F/vault/.obsidian" "$F/vault/assets" "$F/vault/Daily"
cp "$ROOT/tests/epub/img/cover.png" "$F/vault/assets/pic.png"
printf -- '---\ntitle: Day\nlang: en\n---\n\nToday: ![[pic.png|A chart]] and ![[missing.png]].\n' >"$F/vault/Daily/day.md"
printf -- '---\ntitle: Note\nlang: en\n---\n\nHere ![[pic.png]].\n' >"$F/vault/note.md"
"$G" convert -q -t json,epub -o "$F/vault.out" "$F/vault" 2>"$F/vault.err"
check "wiki embeds: an image named alone is found in the vault, the path from the note's folder" sh -c "
grep -q '\"url\": \"../assets/pic.png\"' '$F/vault.out/Daily/day.json' &&
grep -q '\"url\": \"assets/pic.png\"' '$F/vault.out/note.json' &&
grep -q '\"url\": \"missing.png\"' '$F/vault.out/Daily/day.json' &&
unzip -l '$F/vault.out/Daily/day.epub' | grep -q 'OEBPS/images/i0001.png' &&
grep -q 'day.md:6:33: warning: image .*missing.png' '$F/vault.err'"

# Alerts and callouts: GitHub's "> [!NOTE]", Obsidian's "> [!tip]- A
# title"; an escaped marker, one alone and a plain quote stay quotes.
cat >"$F/callout.md" <<'MDEOF'
---
title: Callouts
lang: en
---

> [!NOTE]
> Useful information that users should know.

> [!warning] Mind *the* gap
> Do not step here.
>
> - a list too

> [!tip]- Folded
> Hidden at first.

> \[!NOTE]
> Escaped: a plain quote.

> [!NOTE]

> [!CAUTION] Only a title
MDEOF
"$G" convert -q -t json,epub,tei -o "$F/callout.out" "$F/callout.md" 2>"$F/callout.err"
check "callouts: kind and title in JSON, the marker line gone; escaped and lone markers stay text" \
    python3 - "$F/callout.out/callout.json" <<'PYEOF'
import json, sys
body = json.load(open(sys.argv[1]))["body"]
def text(n):
    return n.get("text", "") + "".join(text(c) for c in n.get("children", []))
q = [(n.get("callout"), n.get("title"), n["pos"], text(n)) for n in body if n["type"] == "quote"]
assert q[0] == ("note", None, [6, 1], "Useful information that users should know."), q
assert q[1] == ("warning", "Mind the gap", [9, 1], "Do not step here.a list too"), q
assert q[2] == ("tip", "Folded", [14, 1], "Hidden at first."), q
assert q[3][:2] == (None, None) and q[3][3].startswith("[!NOTE]"), q
assert q[4][:2] == (None, None) and q[4][3] == "[!NOTE]", q
assert q[5][:2] == (None, None) and q[5][3] == "[!CAUTION] Only a title", q
assert body[0]["children"][0]["pos"] == [7, 3], body[0]
PYEOF
check "callouts: a titled note in EPUB, a note of its type in TEI, JSON round trip" sh -c "
unzip -p '$F/callout.out/callout.epub' OEBPS/text/c00001.xhtml > '$F/callout.xhtml' &&
grep -q '<div class=\"callout callout-note\" role=\"note\">' '$F/callout.xhtml' &&
grep -q '<p class=\"callout-title\">Note</p>' '$F/callout.xhtml' &&
grep -q '<p class=\"callout-title\">Mind the gap</p>' '$F/callout.xhtml' &&
grep -q '<note type=\"warning\" place=\"inline\">' '$F/callout.out/callout.tei.xml' &&
grep -q '<label>Mind the gap</label>' '$F/callout.out/callout.tei.xml' &&
'$G' convert -q -t json -o '$F/callout.back' '$F/callout.out/callout.json' &&
[ \"\$(grep -v '\"source\"\\|\"format\"' '$F/callout.out/callout.json')\" = \"\$(grep -v '\"source\"\\|\"format\"' '$F/callout.back/callout.json')\" ] &&
[ ! -s '$F/callout.err' ]"

# In a Norwegian article GitHub's alerts are titled in Norwegian; a
# kind we have no word for keeps its English name, said to be English.
# Only task items lose their marker; an image alone is a block.
cat >"$F/callout-nb.md" <<'MDEOF'
---
title: Oppgjør
lang: nb
---

> [!WARNING]
> Oppgjør tar to dager, og det er viktig å vite for alle som handler aksjer.

> [!info]
> Mer informasjon om oppgjør finnes hos børsen og hos meglerne i Oslo.

- [ ] en oppgave som gjenstår
- et vanlig punkt i den samme listen

![Et diagram](callout-nb.png)
MDEOF
python3 -c "import base64,sys; open(sys.argv[1],'wb').write(base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC'))" "$F/callout-nb.png"
check "callouts: alert titles in the article's language, other kinds lang=en; task items alone lose their marker" sh -c "
'$G' convert -q -t epub -o '$F/callout-nb.out' '$F/callout-nb.md' 2>/dev/null &&
unzip -p '$F/callout-nb.out/callout-nb.epub' OEBPS/text/c00001.xhtml > '$F/callout-nb.xhtml' &&
grep -q '<p class=\"callout-title\">Advarsel</p>' '$F/callout-nb.xhtml' &&
grep -q '<p class=\"callout-title\" lang=\"en\" xml:lang=\"en\">Info</p>' '$F/callout-nb.xhtml' &&
grep -q '<li class=\"task\">' '$F/callout-nb.xhtml' &&
grep -q '^<li><p>et vanlig punkt' '$F/callout-nb.xhtml' &&
grep -q '<p class=\"image\"><img' '$F/callout-nb.xhtml'"
check "callouts: the Norwegian EPUB passes EPUBCheck" java -jar /usr/bin/epubcheck --failonwarnings "$F/callout-nb.out/callout-nb.epub"

# A link naming its own article's file with a fragment goes to the
# heading the fragment names there, in every format.
mkdir -p "$F/selflink"
printf '# Alpha\n\nSee [self](Alpha.md#Details) and [beta](Beta.md).\n\n## Details\n\nText.\n' >"$F/selflink/Alpha.md"
printf '# Beta\n\nIntro.\n' >"$F/selflink/Beta.md"
"$G" convert -q -t json,tei,epub -o "$F/selflink.out" "$F/selflink" 2>/dev/null
check "links: Alpha.md#Details in Alpha.md goes to its heading details (JSON, TEI, EPUB)" sh -c "
grep -q '\"link\": \"internal\", \"target\": \"Alpha\", \"fragment\": \"details\"' '$F/selflink.out/Alpha.json' &&
grep -q '<ref type=\"internal\" cRef=\"Alpha#details\">' '$F/selflink.out/Alpha.tei.xml' &&
unzip -p '$F/selflink.out/Alpha.epub' OEBPS/text/c00001.xhtml | grep -q '<a href=\"#details\">'"

# Highlights: ==text== is a mark (EPUB <mark>, TEI hi rend=highlight);
# "a == b", "x === y", an unclosed or escaped one and code stay text.
printf -- '---\ntitle: Marks\nlang: en\n---\n\nThis is ==very important== and ==é ü== too; a == b, x === y, ==not closed, \\=\\=escaped==, `==code==`, [link ==in==](http://x.org).\n' >"$F/mark.md"
"$G" convert -q -t json,epub,tei -o "$F/mark.out" "$F/mark.md" 2>"$F/mark.err"
check "marks: ==text== is a mark with its place; equations, escapes and code stay text" \
    python3 - "$F/mark.out/mark.json" <<'PYEOF'
import json, sys
body = json.load(open(sys.argv[1]))["body"]
def walk(ns):
    for n in ns:
        yield n
        yield from walk(n.get("children", []))
marks = [(n["children"][0]["text"], n["pos"]) for n in walk(body) if n["type"] == "mark"]
assert marks == [("very important", [6, 9]), ("é ü", [6, 32]), ("in", [6, 109])], marks
texts = "".join(n["text"] for n in walk(body) if n["type"] == "text")
assert "a == b, x === y, ==not closed, ==escaped==, " in texts, texts
assert [n["text"] for n in walk(body) if n["type"] == "code"] == ["==code=="]
PYEOF
check "marks: <mark> in EPUB, hi rend=highlight in TEI" sh -c "
unzip -p '$F/mark.out/mark.epub' OEBPS/text/c00001.xhtml | grep -q '<mark>very important</mark>' &&
grep -q '<hi rend=\"highlight\">very important</hi>' '$F/mark.out/mark.tei.xml' && [ ! -s '$F/mark.err' ]"

# The first heading is the title when it opens the text: not when it
# closes it ("# Older entries have been removed" under a changelog).
printf 'pkg (1.2) unstable; urgency=medium\n\n  * A fix.\n\n -- Someone <s@x.org>  Thu, 25 May 2023 17:54:35 +0200\n\n# Older entries have been removed from this changelog.\n# To read the complete changelog use `apt changelog pkg`.\n' >"$F/late-h1.md"
printf 'A tagline.\n\n# The title\n\nBody text.\n' >"$F/early-h1.md"
"$G" convert -q -t json -o "$F/h1.out" "$F/late-h1.md" "$F/early-h1.md" 2>/dev/null
check "meta: a heading that closes the text is no title; one after a tagline is" sh -c "
! grep -q '\"title\"' '$F/h1.out/late-h1.json' &&
grep -q '\"title\": \"The title\"' '$F/h1.out/early-h1.json'"

# Site links that spell a key without its separators, or with others
# ("/frontoffice" for front-office.md, "/back-office" for backoffice.md),
# and pages of other sites' kinds (".asp", ".php") find the article
# when no key is spelt so; a near miss stays unresolved.
mkdir -p "$F/loose"
printf -- '---\ntitle: Front office\nlang: en\n---\n\nThe front.\n' >"$F/loose/front-office.md"
printf -- '---\ntitle: Back office\nlang: en\n---\n\nThe back.\n' >"$F/loose/backoffice.md"
printf -- '---\ntitle: Note\nlang: en\n---\n\n[1](/frontoffice) [2](/back-office) [3](/Front_Office) [4](/terms/f/frontoffice.asp) [5](/frontofice) [6](/index.php)\n' >"$F/loose/note.md"
"$G" convert -q -t json,epub,tei -o "$F/loose.out" "$F/loose" 2>/dev/null
check "links: keys without their separators, .asp and .php pages" \
    python3 - "$F/loose.out/note.json" <<'PYEOF'
import json, sys
body = json.load(open(sys.argv[1]))["body"]
def walk(ns):
    for n in ns:
        yield n
        yield from walk(n.get("children", []))
links = [(n["url"], n.get("link"), n.get("target")) for n in walk(body) if n["type"] == "link"]
assert links[:5] == [("/frontoffice", "internal", "front-office"),
    ("/back-office", "internal", "backoffice"), ("/Front_Office", "internal", "front-office"),
    ("/terms/f/frontoffice.asp", "internal", "front-office"), ("/frontofice", "unresolved", None)], links
PYEOF

# MultiMarkdown's and Pelican's metadata lines; a first paragraph of
# "Note: ..." lines stays text.
printf 'Title: My super title\nDate: 2010-12-03 10:20\nCategory: Python\nTags: pelican, publishing\nSlug: my-super-post\nAuthors: Alexis Metaireau, Conan Doyle\nSummary: Short version\n    for index and feeds\nBase Header Level: 2\nTitle: again\n\nThis is the content of my super blog post, with *emphasis*.\n' >"$F/pelican.md"
printf 'Note: this is a *paragraph*.\nWarning: so is this.\n\nMore text in English, long enough.\n' >"$F/notmeta.md"
"$G" convert -t json,epub,tei -o "$F/pelican.out" "$F/pelican.md" "$F/notmeta.md" 2>"$F/pelican.err"
check "meta: Pelican/MultiMarkdown metadata lines give the metadata, the body its lines" \
    python3 - "$F/pelican.out" "$F/pelican.err" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1] + "/pelican.json"))
m = d["meta"]
assert m["title"] == "My super title" and m["slug"] == "my-super-post", m
assert m["date"] == "2010-12-03T10:20" and m["authors"] == ["Alexis Metaireau", "Conan Doyle"], m
assert m["description"] == "Short version for index and feeds", m
assert m["keywords"] == ["Python", "pelican", "publishing"], m
assert m["extra"] == {"baseheaderlevel": "2"}, m
assert d["body"][0]["pos"] == [12, 1], d["body"][0]
err = open(sys.argv[2]).read()
assert "pelican.md:10:1: warning: metadata: 'title' given again; the first is kept" in err, err
n = json.load(open(sys.argv[1] + "/notmeta.json"))
assert n["body"][0]["type"] == "paragraph" and n["body"][0]["children"][0]["text"] == "Note: this is a ", n["body"]
PYEOF

# TOML: keys in the file's order, floats as short as they read back, a
# key of thousands of parts an error (toml++ would recurse that deep).
printf '+++\ntitle = "T"\nzeta = 1\npi = 0.1\nalpha = 3.14\n+++\nBody text in English, long enough to tell.\n' >"$F/toml-order.md"
python3 -c "print('+++\n' + '.'.join(['a'] * 50000) + ' = 1\n+++\nbody\n')" >"$F/toml-deep.md"
"$G" convert -t json -o "$F/toml-order.out" "$F/toml-order.md" "$F/toml-deep.md" 2>"$F/toml-order.err"
check "meta: TOML keys in order, 0.1 as 0.1; a 50,000-part key is an error at its line, not a crash" \
    sh -c "grep -q '\"extra\": {\"zeta\": \"1\", \"pi\": \"0.1\", \"alpha\": \"3.14\"}' '$F/toml-order.out/toml-order.json' ||
    python3 -c \"import json,sys; e=json.load(open('$F/toml-order.out/toml-order.json'))['meta']['extra']; assert list(e.items()) == [('zeta','1'),('pi','0.1'),('alpha','3.14')], e\" &&
    grep -q 'toml-deep.md:2:1: error: front matter: a key of more than 64 parts' '$F/toml-order.err'"

# Liquid: a highlight in a list item stays in it; spans of two
# backticks and endraw in code stay; indented code and fences in
# quotes are left alone; a 3,000-byte link tag is text (no overflow);
# without YAML front matter nothing is read (Jekyll's rule).
{ printf -- '---\ntitle: T\nlang: en\n---\n\nText here for the language of the page.\n\n'
  printf '1. First step:\n\n   {%% highlight sh %%}\n   make install\n   {%% endhighlight %%}\n\n2. Second step.\n\n'
  printf 'Use `{%% raw %%}`, `{%% endraw %%}` and ``{%% raw %%}`` here.\n\n    [home]({{ site.baseurl }}/x)\n\n'
  printf '> ```\n> {{ site.baseurl }}\n> ```\n\n'
  python3 -c "print('See [x]({% link ' + 'a' * 3000 + ' %}).')"; } >"$F/liquid-hard.md"
printf 'No front matter: [a]({{ site.baseurl }}/about).\n' >"$F/liquid-none.md"
"$G" convert -q -t json,epub,tei -o "$F/liquid-hard.out" "$F/liquid-hard.md" "$F/liquid-none.md" 2>/dev/null
check "liquid: list item highlight, code spans, indented and quoted code, a long tag, no front matter" \
    python3 - "$F/liquid-hard.out" <<'PYEOF'
import json, sys
def walk(ns):
    for n in ns:
        yield n
        yield from walk(n.get("children", []))
body = json.load(open(sys.argv[1] + "/liquid-hard.json"))["body"]
lists = [n for n in body if n["type"] == "list"]
assert len(lists) == 1 and len(lists[0]["children"]) == 2, lists
code = [n for n in walk(lists) if n["type"] == "code_block"]
assert code[0]["info"] == "sh" and code[0]["text"] == "make install\n", code
spans = [n["text"] for n in walk(body) if n["type"] == "code"]
assert spans == ["{% raw %}", "{% endraw %}", "{% raw %}"], spans
blocks = [n["text"] for n in walk(body) if n["type"] == "code_block"]
assert "[home]({{ site.baseurl }}/x)\n" in blocks and "{{ site.baseurl }}\n" in blocks, blocks
assert any("{% link aaa" in n.get("text", "") for n in walk(body)), "long tag"
none = json.load(open(sys.argv[1] + "/liquid-none.json"))["body"]
assert "{{ site.baseurl }}/about" in json.dumps(none), none
PYEOF

# Display math: "$$ ... $$" paragraphs (in quotes and items too) and
# "math" fences keep their TeX as written ("\\" is not an escape there):
# a code block of info math in JSON, formula notation="TeX" in TEI;
# "$500" and "$$a$$ and $$b$$" stay text.
printf -- '---\ntitle: ROI\nlang: en\n---\n\nThe formula, in English words for the language.\n\n$$\n\\begin{aligned} &\\text{ROI} = \\frac{a_1 * b_2}{c} \\\\ \\end{aligned}\n$$\n\nIt costs $500 per month and $600 with tax.\n\n> $$\n> x^2\n> $$\n\n$$a$$ and $$b$$\n\n```math\ny = mx + b\n```\n' >"$F/math.md"
"$G" convert -q -t json,epub,tei -o "$F/math.out" "$F/math.md" 2>/dev/null
check "math: \$\$ blocks and math fences keep their TeX; formula notation=TeX in TEI" \
    python3 - "$F/math.out" <<'PYEOF'
import json, sys
def walk(ns):
    for n in ns:
        yield n
        yield from walk(n.get("children", []))
body = json.load(open(sys.argv[1] + "/math.json"))["body"]
m = [n["text"] for n in walk(body) if n["type"] == "code_block" and n.get("info") == "math"]
assert m == ["\\begin{aligned} &\\text{ROI} = \\frac{a_1 * b_2}{c} \\\\ \\end{aligned}\n",
    "x^2\n", "y = mx + b\n"], m
texts = [n["text"] for n in walk(body) if n["type"] == "text"]
assert "It costs $500 per month and $600 with tax." in texts and "$$a$$ and $$b$$" in texts, texts
tei = open(sys.argv[1] + "/math.tei.xml").read()
assert '<formula notation="TeX" rend="display">\\begin{aligned} &amp;\\text{ROI} = \\frac{a_1 * b_2}{c} \\\\ \\end{aligned}</formula>' in tei, tei
assert tei.count("<formula ") == 3, tei
PYEOF
check "math: the EPUB passes EPUBCheck" java -jar /usr/bin/epubcheck --failonwarnings "$F/math.out/math.epub"
schema=$(tei_schema)
if [ -n "$schema" ]; then
	check "math: the TEI is valid" jing "$schema" "$F/math.out/math.tei.xml"
else
	skip "math: the TEI is valid" "no TEI schema (set GALLEY_TEI_SCHEMA)"
fi

# Hugo's JSON front matter: an object opening the file, "}" alone on a
# line, the page after it; a JSON file with nothing after it is still
# JSON (refused as not galley JSON).
printf '{\n  "title": "Hei verden",\n  "date": "2021-06-24T07:51:00+02:00",\n  "tags": ["a", "b"],\n  "draft": false,\n  "lang": "nb"\n}\n\n# Overskrift\n\nTekst her som er lang nok til at spraket kan bestemmes.\n' >"$F/hugo-json.md"
printf '{\n  "title": "x"\n}\n' >"$F/data.json"
"$G" convert -t json,epub,tei -o "$F/hugo-json.out" "$F/hugo-json.md" "$F/data.json" 2>"$F/hugo-json.err"
check "meta: Hugo's JSON front matter gives the metadata; a JSON file stays JSON" \
    python3 - "$F/hugo-json.out/hugo-json.json" "$F/hugo-json.err" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["meta"]
assert m["title"] == "Hei verden" and m["date"] == "2021-06-24T07:51:00+02:00", m
assert m["keywords"] == ["a", "b"] and m["language"] == "nb", m
assert m["extra"] == {"draft": "false"} and m["extra_plain"] == ["/draft"], m
assert d["body"][0]["pos"] == [9, 1], d["body"][0]
assert 'data.json:1:1: error: JSON but not galley JSON' in open(sys.argv[2]).read()
PYEOF

# A folder named for a language tips CLD2 between close ones: this
# Indonesian article was read as Malay (ms) without it.
check "language: a folder named id/ tips Indonesian over Malay" sh -c "
'$G' convert -q -t json -o - '$ROOT/tests/filters/folder-hint/id/lease.md' 2>/dev/null |
    grep -q '\"language\": \"id\"'"

# A country's code given as a language: the language meant, said.
printf -- '---\ntitle: T\nlang: jp\n---\n\nこれは日本語の文章です。決済には二日かかります。\n' >"$F/lang-jp.md"
check "language: lang: jp is read as ja, with a warning naming file:line:col" sh -c "
'$G' convert -t json -o '$F/lang-jp' '$F/lang-jp.md' 2>'$F/lang-jp.err' &&
grep -q '\"language\": \"ja\"' '$F/lang-jp/lang-jp.json' &&
grep -q 'lang-jp.md:3:7: warning: language \"jp\" is a country' '$F/lang-jp.err'"
