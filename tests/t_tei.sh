# TEI: every file galley's TEI writers make here validates against
# tei_all with jing (the seeds, a generated batch, the unit tests'
# fixtures and corpora); the seeds' headers say what their front matter
# says; the text of each generated article survives.
G=$ROOT/galley
D=$T/tei
mkdir -p "$D"
# xpath FILE EXPR: string value, namespaces ignored by local-name().
xpath() { xmllint --xpath "string($2)" "$1" 2>/dev/null; }
el() { echo "*[local-name()='$1']"; }

# The seeds, each alone and all five as one corpus of translations.
check "tei: seeds convert, with a teiCorpus" "$G" convert -t tei \
    --tei-corpus "$D/corpus.tei.xml" --translations -o "$D/seeds" input
# translation_of names its original as links do ("/en", "en.md",
# "./en.md", "en"); one that names nothing is said.
"$G" convert -t tei --tei-corpus "$D/tof.tei.xml" -o "$D/tof" \
    tests/translation-of 2>"$D/tof.err"
check "tei: translation_of as links name articles; a wrong one is said" sh -c \
    "grep -q 'corresp=\"#de #fr #it\"' '$D/tof.tei.xml' && grep -q 'es.md: warning: translation_of \"nosuch.md\" names no text' '$D/tof.err'"
sh scripts/gen-articles.sh 24 "$D/gen-in" input >/dev/null
check "tei: generated batch converts" "$G" convert -t tei -o "$D/gen" \
    "$D/gen-in"
check "tei: generated batch keeps every text (TEI body = model)" \
    "$BUILD/tests/test_tei" "$D"/gen-in/*
# Every CommonMark/GFM spec example as an article: odd Markdown of every
# kind (GALLEY_SPEC_DIR or ../shared/spec, as tests/unit/test_spec.c).
spec=${GALLEY_SPEC_DIR:-$ROOT/../shared/spec}
if [ -f "$spec/spec.txt" ]; then
	mkdir -p "$D/spec-in"
	awk -v dir="$D/spec-in" '
	/^`+ example/ {
		f = 1; n++; out = sprintf("%s/e%04d.md", dir, n)
		printf "" > out; next }
	f && /^\.$/ { f = 0; close(out); next }
	f { gsub("\342\206\222", "\t"); print > out }' \
	    "$spec"/spec.txt "$spec"/extensions.txt "$spec"/regression.txt
	"$G" convert -q -t tei -o "$D/spec" "$D/spec-in" >/dev/null 2>&1
	nin=$(ls "$D/spec-in" | wc -l)
	nout=$(ls "$D/spec" 2>/dev/null | grep -c '\.tei\.xml$')
	[ "$nout" -gt 600 ] &&
		ok "tei: $nout of $nin spec examples convert" ||
		notok "tei: only $nout of $nin spec examples convert"
	set --
	for f in "$D"/spec/*.tei.xml; do
		set -- "$@" "$D/spec-in/$(basename "$f" .tei.xml).md"
	done
	check "tei: spec examples keep every text (TEI body = model)" \
	    "$BUILD/tests/test_tei" "$@"
else
	skip "tei: spec examples" "no $spec/spec.txt"
fi
# The unit test's own files (fixtures with tables, footnotes, images,
# links; hand-built corpora; the five seeds as one corpus).
T=$D/unit "$BUILD/tests/test_tei" >"$D/unit.log" 2>&1 ||
	notok "tei: unit test files (see tests/out/tei/unit.log)"
corpus=$D/corpus.tei.xml
if [ -s "$corpus" ]; then
	c() { xpath "$corpus" "$1"; }
	[ "$(c "count(/$(el teiCorpus)/$(el TEI))")" = 5 ] &&
		ok "tei: corpus holds the five seeds" ||
		notok "tei: corpus holds $(c "count(//$(el TEI))") TEI"
	langs=$(c "count(/$(el teiCorpus)/$(el teiHeader)//$(el language))")
	[ "$langs" = 5 ] && ok "tei: corpus header lists five languages" ||
		notok "tei: corpus header lists $langs languages"
	t=$(c "//$(el linkGrp)[@type='translation']/$(el link)/@target")
	[ "$(echo "$t" | wc -w)" = 5 ] &&
		ok "tei: corpus links the five translations" ||
		notok "tei: corpus translation link '$t'"
	[ "$(c "count(//$(el bibl)[@corresp])")" = 5 ] &&
		ok "tei: corpus header has a bibl per text" ||
		notok "tei: corpus bibl list"
	[ "$(c "count(/$(el teiCorpus)/$(el TEI)[@corresp])")" = 5 ] &&
		[ "$(c "count(//$(el div)[@corresp])")" -gt 0 ] &&
		ok "tei: texts and matching sections carry @corresp" ||
		notok "tei: corresp on texts and sections"
else
	notok "tei: no teiCorpus written"; corpus=
fi

# Headers of the seeds: title, description, keywords from the front
# matter; the language the same on langUsage and text.
for src in input/*; do
	stem=$(basename "$src"); stem=${stem%.*}
	f=$D/seeds/$stem.tei.xml
	[ -f "$f" ] || { notok "tei: $stem header (no output)"; continue; }
	title=$(xpath "$f" "//$(el titleStmt)/$(el title)")
	lang=$(xpath "$f" "//$(el langUsage)/$(el language)/@ident")
	tlang=$(xpath "$f" "//$(el text)/@xml:lang")
	if head -n 1 "$src" | grep -q '^---$'; then
		want=$(sed -n 's/^title: *//p' "$src" | head -n 1)
		desc=$(sed -n 's/^description: *//p' "$src" | head -n 1)
		kw=$(sed -n 's/^keywords: *//p' "$src" | head -n 1)
		abs=$(xpath "$f" "//$(el abstract)/$(el p)")
		terms=$(xmllint --xpath "//*[local-name()='term']/text()" \
		    "$f" 2>/dev/null | paste -sd, -)
		[ "$title" = "$want" ] && ok "tei: $stem title" ||
			notok "tei: $stem title: '$title', want '$want'"
		[ "$abs" = "$desc" ] && ok "tei: $stem abstract" ||
			notok "tei: $stem abstract: '$abs'"
		[ "$terms" = "$kw" ] && ok "tei: $stem keywords" ||
			notok "tei: $stem keywords: '$terms', want '$kw'"
	else
		[ -n "$title" ] && ok "tei: $stem title" ||
			notok "tei: $stem title empty"
	fi
	[ -n "$lang" ] && [ "$lang" = "$tlang" ] &&
		ok "tei: $stem language ($lang) on langUsage and text" ||
		notok "tei: $stem language: '$lang' vs text '$tlang'"
	# the seeds' languages, once the model knows them
	case $stem in
	000*) want='nb|no|nn' ;; 001*) want=is ;; 002*) want=fi ;;
	003*) want=pl ;; *) want=nl ;;
	esac
	if [ "$lang" = und ]; then
		skip "tei: $stem language" "not detected yet (lang filter)"
	else
		echo "$lang" | grep -Eqx "$want" &&
			ok "tei: $stem language is $lang" ||
			notok "tei: $stem language $lang, want $want"
		if head -n 1 "$src" | grep -q '^---$'; then
			kl=$(xpath "$f" "//$(el keywords)/@xml:lang")
			[ "$kl" = en ] && ok "tei: $stem keywords in English" ||
				notok "tei: $stem keywords xml:lang '$kl'"
		fi
	fi
	when=$(xpath "$f" "//$(el creation)/$(el date)/@when")
	if [ -n "$when" ]; then
		d='[0-9]{4}-[0-9]{2}-[0-9]{2}' t='T[0-9]{2}:[0-9]{2}:[0-9]{2}'
		echo "$when" | grep -Eqx "$d($t)?" &&
			ok "tei: $stem creation date $when" ||
			notok "tei: $stem creation date '$when'"
	fi
done
# Keywords the text uses are in its language: no xml:lang of their own.
printf -- '---\ntitle: Das Wetter\nkeywords: Wetter, Berlin\n---\n\nDies ist ein deutscher Text über das Wetter in Berlin und München, lang genug für die Erkennung der Sprache.\n' >"$D/kw-de.md"
./galley convert -q -t tei -o "$D/kw" "$D/kw-de.md" 2>/dev/null
kl=$(xpath "$D/kw/kw-de.tei.xml" "//$(el keywords)/@xml:lang")
tl=$(xpath "$D/kw/kw-de.tei.xml" "//$(el langUsage)/$(el language)/@ident")
[ -z "$kl" ] && [ "$tl" = de ] && ok "tei: keywords the German text uses are German" ||
	notok "tei: keywords xml:lang '$kl' in a '$tl' text"
# The Dutch seed's date line, once the model has it.
f=$D/seeds/004_4a80590e0acbb5b6.tei.xml
when=$(xpath "$f" "//$(el creation)/$(el date)/@when")
if [ -n "$when" ]; then
	words=$(xpath "$f" "//$(el creation)/$(el date)")
	[ "$when" = "2021-06-24T07:51:00" ] &&
	    [ "$words" = "24 juni 2021 7:51" ] &&
		ok "tei: 004 creation date with seconds and wording" ||
		notok "tei: 004 creation date '$when' '$words'"
else
	skip "tei: 004 creation date" "no date in the model yet (text reader)"
fi

# URLs that are hard to write as anyURI (brackets, colons, hosts in
# other scripts, spaces) go into the jing run below.
"$G" convert -q -t tei -o "$D/urls" "$ROOT/tests/epub/urls.md" 2>/dev/null
"$G" convert -q -t tei -o "$D/hard" "$ROOT/tests/epub/hard" 2>/dev/null

# Links to no article keep their address; links to articles outside
# say what @cRef means; a title galley made up is marked so.
mkdir -p "$D/lk-in"
printf -- '---\ntitle: A\n---\n\nSee [B](b.md#part), [about](/about "About") and [bad](http://[:81]/x).\n' >"$D/lk-in/a.md"
printf -- '---\ntitle: B\n---\n\n# Part\n\nText.\n' >"$D/lk-in/b.md"
printf 'Just a paragraph of English text with no heading at all.\n' >"$D/lk-in/notitle.md"
"$G" convert -q -t tei -o "$D/lk" "$D/lk-in" 2>/dev/null
check "tei: an unresolved link keeps its address, type unresolved; a bad host keeps its text" sh -c "
    grep -q '<ref type=\"unresolved\" target=\"/about\" n=\"About\">about</ref> and bad\.' '$D/lk/a.tei.xml'"
nra=$(xpath "$D/lk/a.tei.xml" "count(//$(el refsDecl))")
nrb=$(xpath "$D/lk/b.tei.xml" "count(//$(el refsDecl))")
check "tei: @cRef to another article, explained in refsDecl" sh -c "
    grep -q '<ref type=\"internal\" cRef=\"b#part\">B</ref>' '$D/lk/a.tei.xml' && [ '$nra' = 1 ] && [ '$nrb' = 0 ]"
nbt=$(xpath "$D/lk/notitle.tei.xml" "count(//$(el bibl)/$(el title))")
check "tei: a title galley made up is supplied, the source has none; the UUID is there" sh -c "
    grep -q '<title type=\"supplied\">notitle</title>' '$D/lk/notitle.tei.xml' && [ '$nbt' = 0 ] &&
    grep -q '<idno type=\"UUID\">[0-9a-f-]\{36\}</idno>' '$D/lk/notitle.tei.xml'"

# One jing run over every file (the JVM starts once).
schema=$(tei_schema)
if [ -z "$schema" ]; then
	skip "tei: jing" "no TEI schema (set GALLEY_TEI_SCHEMA)"
elif ! command -v jing >/dev/null 2>&1; then
	notok "tei: jing not installed (scripts/install-deps.sh)"
else
	files=$(ls "$D"/seeds/*.xml "$D"/gen/*.xml "$D"/unit/tei-unit/*.xml \
	    "$D"/urls/*.xml "$D"/hard/*.xml "$D"/lk/*.xml $corpus 2>/dev/null)
	n=$(echo "$files" | grep -c .)
	specs=$(ls "$D"/spec/*.tei.xml 2>/dev/null)
	jing "$schema" $files $specs >"$D/jing.log" 2>&1
	rc=$?
	grep -v '\[warning\]' "$D/jing.log" >"$D/jing.err"
	if [ "$n" -lt 40 ]; then
		notok "tei: jing: only $n files to validate"
	elif [ $rc -ne 0 ] && ! [ -s "$D/jing.err" ]; then
		notok "tei: jing failed to run"; sed 's/^/#   /' "$D/jing.log"
	fi
	if [ -n "$specs" ]; then
		bad=$(grep -c "^$D/spec/" "$D/jing.err")
		[ "$bad" -eq 0 ] &&
			ok "tei: jing: $(echo "$specs" | wc -l) spec examples" ||
			notok "tei: jing: $bad errors in spec examples"
		grep "^$D/spec/" "$D/jing.err" | head -n 5 | sed 's/^/#   /'
	fi
	for f in $files; do
		rel=${f#"$D"/}
		if grep -q "^$f:" "$D/jing.err"; then
			notok "tei: jing: $rel"
			grep "^$f:" "$D/jing.err" | head -n 5 | sed 's/^/#   /'
		else
			ok "tei: jing: $rel"
		fi
	done
fi

# Chinese lines wrapped in the Markdown source join with no space; other
# lines keep their break.
printf -- '---\ntitle: 测试\n---\n\n后台是公司中由不直接面对客户的行政和支持人员组成的部分。后台职能包括结算、\n审批、记录保存。\n\nEnglish line one\nand two.\n' >"$D/zh-wrap.md"
./galley convert -q -t tei,epub -o "$D/zh" "$D/zh-wrap.md" 2>/dev/null
check "tei+epub: wrapped Chinese joins, wrapped English keeps its break" sh -c "
grep -q '结算、审批' '$D/zh/zh-wrap.tei.xml' && unzip -p '$D/zh/zh-wrap.epub' OEBPS/text/c00001.xhtml | grep -q '结算、审批' &&
grep -A1 'English line one' '$D/zh/zh-wrap.tei.xml' | grep -q '^and two'"
