#!/bin/sh
# galley's benchmark: times galley with hyperfine on generated articles,
# side by side with cmark-gfm alone and (when installed) pandoc, and
# prints a Markdown table for the README.
#   scripts/bench.sh            # 1,000 and 10,000 articles
#   BENCH_N=200 scripts/bench.sh
# Needs: hyperfine, cmark-gfm, GNU time (installed if missing, as root);
# pandoc only if you want it compared (apt-get install pandoc).
set -e
cd "$(dirname "$0")/.."
for p in hyperfine cmark-gfm time; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		apt-get install -y -qq "$p" >/dev/null 2>&1 ||
			{ echo "bench: please install $p" >&2; exit 1; }
	fi
done
make -s galley
N=${BENCH_N:-1000}
N10=$((N * 10))
W=$(mktemp -d /tmp/galley-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
sh scripts/gen-articles.sh "$N" "$W/in1"
sh scripts/gen-articles.sh "$N10" "$W/in10"
G=$(pwd)/galley
md=$(ls "$W"/in1/*.md)

# hf NAME COMMAND [OUTDIR]: median seconds (this kind of machine, a VM
# on shared cores, has outliers that move a mean by 20%).  With OUTDIR, every run converts
# into a fresh folder: the last run's is moved aside, not deleted, because
# ext4 avoids reusing inodes deleted within the last minutes and searches
# its tables for others, which makes creating thousands of files right
# after deleting thousands several times slower (a property of the file
# system, seen here, not of galley).
hf() { if [ -n "${3:-}" ]; then
		hyperfine -N --warmup 1 --runs "${RUNS:-10}" \
		    --prepare "sh -c 'if [ -d $3 ]; then mv $3 \$(mktemp -d $3.old.XXXXXX)/; fi'" \
		    --export-json "$W/$1.json" "$2" >/dev/null 2>&1
	else
		hyperfine -N --warmup 1 --runs "${RUNS:-10}" \
		    --export-json "$W/$1.json" "$2" >/dev/null 2>&1
	fi
	sed -n 's/.*"median": \([0-9.e-]*\).*/\1/p' "$W/$1.json" | head -n 1; }

# pair OUT INPUT [rm]: -j 1 against -j 2, all three formats, taking turns
# (which goes first alternates), RUNS times each, every run into a fresh
# folder, deleted after it with "rm" (tmpfs: thousands of files left
# there slow the next runs; on ext4 deleting them would, so they stay);
# prints the median seconds of -j 1, of -j 2, and the median of the ratios
# of each pair.  Taking turns keeps this machine's slow spells (a VM on
# shared cores) from falling on one side only.
pair() {
	"$G" convert -q -j 2 -t json,epub,tei -o "$1.warm" "$2" 2>/dev/null
	: >"$1.times"
	i=0
	while [ "$i" -lt "${RUNS:-10}" ]; do
		for j in $( [ $((i % 2)) = 0 ] && echo 1 2 || echo 2 1); do
			t0=$(date +%s%N)
			"$G" convert -q -j "$j" -t json,epub,tei -o "$1.$i.$j" \
			    "$2" 2>/dev/null
			t1=$(date +%s%N)
			[ "${3:-}" != rm ] || rm -rf "$1.$i.$j"
			eval "d$j=\$((t1 - t0))"
		done
		echo "$d1 $d2" >>"$1.times"
		i=$((i + 1))
	done
	awk '{ a[NR] = $1 / 1e9; b[NR] = $2 / 1e9; r[NR] = $1 / $2 }
	    function med(v, n,   i, j, t) {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
			if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
	    END { n = NR; printf "%.4f %.4f %.2f\n", med(a, n), med(b, n),
		med(r, n) }' "$1.times"
}

# How fast the file system creates files right now: ext4 here (mounted
# with discard) creates them several times slower for many minutes after
# thousands were deleted, by this script's last run or anything else.
fs_probe() {
	d=$(mktemp -d "$1/probe.XXXXXX")
	t0=$(date +%s%N)
	i=0
	while [ "$i" -lt 3000 ]; do : > "$d/f$i"; i=$((i + 1)); done
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000000 ))
}
fs_before=$(fs_probe "$W")

set -- $(pair "$W/p" "$W/in1")
t_all1=$1 t_all2=$2 r_all=$3
t_json1=$(hf json1 "$G convert -q -j 1 -t json -o $W/o $W/in1" "$W/o")
# The same with the outputs in memory (tmpfs), when there is one: what
# galley costs, without the file system's cost of creating files.
S=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	S=$(mktemp -d /dev/shm/galley-bench.XXXXXX)
	trap 'rm -rf "$W" "$S"' EXIT
	fs_tmpfs=$(fs_probe "$S")
	set -- $(pair "$S/p" "$W/in1" rm)
	s_all1=$1 s_all2=$2 r_sall=$3
	rm -rf "$S"/p.*		# tmpfs: deleting costs nothing later
	s_json1=$(hf sjson1 "$G convert -q -j 1 -t json -o $S/o $W/in1" "$S/o")
	s_json2=$(hf sjson2 "$G convert -q -j 2 -t json -o $S/o2 $W/in1" "$S/o2")
fi
t_cmark=$(hf cmark "cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist $md")
nmd=$(echo "$md" | wc -l)
t_all10=$(RUNS=2 hf all10 "$G convert -q -j 2 -t json,epub,tei -o $W/o10 $W/in10" "$W/o10")
if [ -n "$S" ]; then
	set -- $(RUNS=3 pair "$S/p10" "$W/in10" rm)
	s_all10j1=$1 s_all10=$2 r_sall10=$3
	rm -rf "$S"/p10.*
fi

mem() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
m10=$(mem "$G" convert -q -j 2 -t json,epub,tei -o "$W/m10" "$W/in10")
m1=$(mem "$G" convert -q -j 2 -t json,epub,tei -o "$W/m1" "$W/in1")
# A teiCorpus of every article too (streamed: its memory is bounded but
# for about 1 KB per text): time and peak memory at both sizes.
/usr/bin/time -f "%e %M" -o "$W/c10.tm" "$G" convert -q -j 2 -t json --tei-corpus "$W/c10.xml" -o "$W/c10" "$W/in10" 2>/dev/null >/dev/null || true
t_c10=$(cut -d' ' -f1 "$W/c10.tm" | tail -n 1)
m_c10=$(cut -d' ' -f2 "$W/c10.tm" | tail -n 1)
mc1=$(mem "$G" convert -q -j 2 -t json --tei-corpus "$W/c1.xml" -o "$W/c1" "$W/in1")
big="$W/big.md"
awk 'BEGIN { print "---\ntitle: big\n---\n" }
     { for (i = 0; i < 2200; i++) print }' input/000_5413cba6d7dd22c5.txt > "$big"
bigsz=$(stat -c %s "$big")
mbig=$(mem "$G" convert -q -t json,epub,tei -o "$W/mb" "$big")
# A book of every article of the larger set: time and peak memory.
/usr/bin/time -f "%e %M" -o "$W/book.tm" "$G" book -q -o "$W/book.epub" "$W/in10" 2>/dev/null >/dev/null || true
t_book=$(cut -d' ' -f1 "$W/book.tm" | tail -n 1)
m_book=$(cut -d' ' -f2 "$W/book.tm" | tail -n 1)

per() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.3f", t * 1000 / n }'; }
rate() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.0f", n / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "| measure | result |"
echo "| --- | --- |"
echo "| the file system of $W before the runs: 3000 empty files made by a shell loop | in $fs_before ms${S:+ (on tmpfs: $fs_tmpfs ms)} |"
echo "| $N articles, JSON+EPUB+TEI, -j 2 | $(awk -v t=$t_all2 'BEGIN{printf "%.3f", t}') s ($(rate $t_all2 $N) articles/s, $(per $t_all2 $N) ms/article) |"
echo "| $N articles, JSON+EPUB+TEI, -j 1 | $(awk -v t=$t_all1 'BEGIN{printf "%.3f", t}') s; -j 2 is ${r_all}x faster (median of the pairs) |"
echo "| $N10 articles, JSON+EPUB+TEI, -j 2 | $(awk -v t=$t_all10 'BEGIN{printf "%.3f", t}') s; 10x the articles cost $(ratio $t_all10 $t_all2)x the time |"
if [ -n "$S" ]; then
	echo "| the same, outputs on tmpfs: $N articles, -j 2 | $(awk -v t=$s_all2 'BEGIN{printf "%.3f", t}') s ($(rate $s_all2 $N) articles/s); -j 1 $(awk -v t=$s_all1 'BEGIN{printf "%.3f", t}') s: -j 2 is ${r_sall}x faster (median of the pairs) |"
	echo "| the same, outputs on tmpfs: $N10 articles, -j 2 | $(awk -v t=$s_all10 'BEGIN{printf "%.3f", t}') s: 10x the articles cost $(ratio $s_all10 $s_all2)x the time; -j 1 $(awk -v t=$s_all10j1 'BEGIN{printf "%.3f", t}') s: -j 2 is ${r_sall10}x faster (median of the pairs) |"
	echo "| the same, outputs on tmpfs: JSON only, -j 1 vs cmark-gfm | galley $(per $s_json1 $N) ms/article: $(awk -v a=$t_cmark -v na=$nmd -v b=$s_json1 -v nb=$N 'BEGIN{printf "%.0f", 100 * (a/na) / (b/nb)}')% of cmark-gfm's speed |"
	echo "| the same, JSON only, -j 2 (the default on 2 cores) vs cmark-gfm | galley $(per $s_json2 $N) ms/article: $(awk -v a=$t_cmark -v na=$nmd -v b=$s_json2 -v nb=$N 'BEGIN{printf "%.0f", 100 * (a/na) / (b/nb)}')% of cmark-gfm's speed |"
fi
echo "| $N articles, JSON only, -j 1 vs cmark-gfm alone on the $nmd Markdown files | galley $(per $t_json1 $N) ms/article, cmark-gfm $(per $t_cmark $nmd) ms/article: galley runs at $(awk -v a=$t_cmark -v na=$nmd -v b=$t_json1 -v nb=$N 'BEGIN{printf "%.0f", 100 * (a/na) / (b/nb)}')% of cmark-gfm's speed |"
echo "| peak memory, $N10 articles | $((m10 / 1024)) MB ($N articles: $((m1 / 1024)) MB) |"
echo "| galley book of $N10 articles | $t_book s, peak memory $((m_book / 1024)) MB |"
echo "| JSON and one teiCorpus of $N10 articles (--tei-corpus) | $t_c10 s, peak memory $((m_c10 / 1024)) MB ($N articles: $((mc1 / 1024)) MB) |"
echo "| peak memory, one $((bigsz / 1048576)) MB article | $((mbig / 1024)) MB ($(awk -v m=$mbig -v s=$bigsz 'BEGIN{printf "%.1f", m * 1024 / s}')x its size) |"
if command -v pandoc >/dev/null; then
	PN=${PANDOC_N:-20}
	ls "$W"/in1/*.md | head -n "$PN" > "$W/plist"
	cat > "$W/pandoc.sh" <<P
while read f; do
	pandoc -f markdown -t epub3 -o "$W/p.epub" "\$f"
	pandoc -f markdown -t tei -s -o "$W/p.xml" "\$f"
	pandoc -f markdown -t json -o "$W/p.json" "\$f"
done < "$W/plist"
P
	t_p=$(RUNS=1 hf pandoc "sh $W/pandoc.sh")
	fast() { awk -v p=$t_p -v pn=$PN -v g=$1 -v n=$N 'BEGIN{printf "%.0f", (p/pn)/(g/n)}'; }
	echo "| pandoc $(pandoc --version | head -n 1 | cut -d' ' -f2), JSON+EPUB+TEI, $PN articles | $(per $t_p $PN) ms/article: galley -j 2 is $(fast $t_all2)x faster${S:+ ($(fast $s_all2)x with its outputs on tmpfs)} |"
else
	echo "| pandoc | not installed (apt-get install pandoc to compare) |"
fi
