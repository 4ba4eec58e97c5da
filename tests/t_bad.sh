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
./galley convert -q -o "$T/bad-gen-out" "$gen/quotes.md" 2>"$T/quotes.err"
rc=$?
if [ $rc = 1 ] && grep -q "quotes.md:1:.*error: nested deeper than 1000 levels" "$T/quotes.err"
then ok "100,000 nested block quotes: refused with a position"
else notok "100,000 nested block quotes: status $rc"; head -c 600 "$T/quotes.err"; fi
awk 'BEGIN { for (i = 0; i < 100000; i++) { for (j = 0; j < i % 40; j++) printf "  "; print "- x" } }' > "$gen/lists.md"
if ./galley convert -q -o "$T/bad-gen-out" "$gen/lists.md" 2>"$T/lists.err"
then ok "100,000 list items at 40 levels: converted"
else notok "100,000 list items at 40 levels"; head -c 600 "$T/lists.err"; fi
awk 'BEGIN { printf "---\ntitle: long\n---\n"; for (i = 0; i < 1000000; i++) printf "word word "; print "" }' > "$gen/line.md"
if ./galley convert -q -o "$T/bad-gen-out" "$gen/line.md" 2>"$T/line.err"
then ok "a 10 MB single line: converted"
else notok "a 10 MB single line"; head -c 600 "$T/line.err"; fi
./galley convert -q --max-size 1000 -o "$T/bad-gen-out" "$gen/line.md" 2>"$T/max.err"
rc=$?
if [ $rc = 1 ] && grep -qx "$gen/line.md: error: input larger than 1000 bytes (--max-size)" "$T/max.err"
then ok "--max-size refuses a larger input"
else notok "--max-size: status $rc"; cat "$T/max.err"; fi
