#!/bin/sh
# Make N articles from the seed articles, deterministically (same N, same
# files): each copy gets its own title, slug and paragraph order.
#   scripts/gen-articles.sh N OUTDIR [SEEDDIR]
set -e
n=${1:?usage: gen-articles.sh N OUTDIR [SEEDDIR]}
out=${2:?usage: gen-articles.sh N OUTDIR [SEEDDIR]}
seeds=${3:-$(dirname "$0")/../input}
mkdir -p "$out"
set -- "$seeds"/*
[ -f "$1" ] || { echo "gen-articles: no seed files in $seeds" >&2; exit 1; }
awk -v n="$n" -v out="$out" '
FNR == 1 { k++; lines[k] = 0 }
{ lines[k]++; text[k, lines[k]] = $0 }
END {
	for (i = 0; i < n; i++) {
		s = i % k + 1
		f = sprintf("%s/a%05d.%s", out, i, (text[s, 1] == "---") ? "md" : "txt")
		rot = int(i / k) % 7
		for (l = 1; l <= lines[s]; l++) {
			line = text[s, l]
			if (line ~ /^title: /)
				line = line " " i
			else if (l == 3 && text[s, 1] != "---")
				line = line " " i
			print line > f
			# a deterministic variation: repeat one paragraph
			if (rot > 0 && l == 12 + rot)
				print "\n" line > f
		}
		close(f)
	}
}' "$@"
