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

check "tei: seeds convert" "$G" convert -t tei -o "$D/seeds" input
sh scripts/gen-articles.sh 24 "$D/gen-in" input >/dev/null
check "tei: generated batch converts" "$G" convert -t tei -o "$D/gen" \
    "$D/gen-in"
check "tei: generated batch keeps every text (TEI body = model)" \
    "$BUILD/tests/test_tei" "$D"/gen-in/*
# The unit test's own files (fixtures with tables, footnotes, images,
# links; hand-built corpora; the five seeds as one corpus).
T=$D/unit "$BUILD/tests/test_tei" >"$D/unit.log" 2>&1 ||
	notok "tei: unit test files (see tests/out/tei/unit.log)"
corpus=
if "$G" convert --help 2>&1 | grep -q -- '--tei-corpus'; then
	if "$G" convert --tei-corpus "$D/corpus.tei.xml" -o "$D/c" input \
	    >"$D/corpus.log" 2>&1 && [ -s "$D/corpus.tei.xml" ]; then
		ok "tei: convert --tei-corpus"; corpus=$D/corpus.tei.xml
	else notok "tei: convert --tei-corpus"; sed 's/^/#   /' "$D/corpus.log"; fi
else
	skip "tei: convert --tei-corpus" "not in the command line yet"
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
	when=$(xpath "$f" "//$(el creation)/$(el date)/@when")
	if [ -n "$when" ]; then
		echo "$when" | grep -Eq \
		    '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2})?$' &&
			ok "tei: $stem creation date $when" ||
			notok "tei: $stem creation date '$when'"
	fi
done
# The Dutch seed's date line, once the model has it.
f=$D/seeds/004_4a80590e0acbb5b6.tei.xml
when=$(xpath "$f" "//$(el creation)/$(el date)/@when")
if [ -n "$when" ]; then
	words=$(xpath "$f" "//$(el creation)/$(el date)")
	[ "$when" = "2021-06-24T07:51:00" ] && [ "$words" = "24 juni 2021 7:51" ] &&
		ok "tei: 004 creation date with seconds and wording" ||
		notok "tei: 004 creation date '$when' '$words'"
else
	skip "tei: 004 creation date" "no date in the model yet (text reader)"
fi

# One jing run over every file (the JVM starts once).
schema=$(tei_schema)
if [ -z "$schema" ]; then
	skip "tei: jing" "no TEI schema (set GALLEY_TEI_SCHEMA)"
elif ! command -v jing >/dev/null 2>&1; then
	notok "tei: jing not installed (scripts/install-deps.sh)"
else
	files=$(ls "$D"/seeds/*.xml "$D"/gen/*.xml "$D"/unit/tei-unit/*.xml \
	    $corpus 2>/dev/null)
	n=$(echo "$files" | grep -c .)
	jing "$schema" $files >"$D/jing.log" 2>&1
	rc=$?
	grep -v '\[warning\]' "$D/jing.log" >"$D/jing.err"
	if [ "$n" -lt 40 ]; then
		notok "tei: jing: only $n files to validate"
	elif [ $rc -ne 0 ] && ! [ -s "$D/jing.err" ]; then
		notok "tei: jing failed to run"; sed 's/^/#   /' "$D/jing.log"
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
