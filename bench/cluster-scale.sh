#!/bin/sh
# fb-cluster at scale: wall time, CPU time and peak memory on 100 000 and
# 1 000 000 generated prompts (bench/cluster_gen.py: CLINC150's utterances
# with synonyms, openings, closings, typos and case changes), with k = 150
# and -k auto at 100 000, and k = 150 at 1 000 000. Also the figures of
# --sample 100000 at 1 000 000 (fit on a sample, assign all).
#
# Usage (from the repository root, after make):  sh bench/cluster-scale.sh
#
# Environment:
#   CLINC        the data directory (default ../shared/data/clinc150)
#   SIZES        the sizes to run (default "100000 1000000")
#   FB_CLUSTER   the binary (default bin/fb-cluster)
#   KEEP         a directory to keep the generated inputs in (default: a
#                temporary one, removed at the end)
#
# Needs /usr/bin/python3 (for the generator) and GNU time. NMI against the
# intent each prompt was made from is printed when scikit-learn is there.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
clinc=${CLINC:-../shared/data/clinc150}
bin=${FB_CLUSTER:-bin/fb-cluster}
py=/usr/bin/python3

if [ ! -f "$clinc/data_full.json" ]; then
	echo "skip: no CLINC150 data in $clinc"
	exit 0
fi
if [ ! -x /usr/bin/time ]; then
	echo "skip: GNU time (/usr/bin/time) is missing"
	exit 0
fi
if [ -n "${KEEP:-}" ]; then
	tmp=$KEEP
	mkdir -p "$tmp"
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
score=0
$py -c 'import sklearn' 2>/dev/null && score=1

printf '%-34s %9s %9s %9s %9s %7s\n' run records seconds "cpu s" "peak MiB" NMI
run() {	# run LABEL INPUT OPTIONS...
	label=$1 in=$2
	shift 2
	/usr/bin/time -f '%e %U %M' -o "$tmp/time" "$bin" --stats "$@" "$in" \
		>"$tmp/out.jsonl" 2>"$tmp/stats"
	read -r secs cpu kib <"$tmp/time"
	nmi=-
	[ $score = 1 ] && nmi=$($py "$here/cluster_clinc.py" score "$tmp/out.jsonl" | cut -d' ' -f1)
	printf '%-34s %9d %9s %9s %9d %7s\n' "$label" "$(wc -l <"$in")" "$secs" "$cpu" \
		$((kib / 1024)) "$nmi"
	sed -n 's/^fb-cluster: \(k [0-9]*, \)/    \1/p; s/.*(chosen.*/    &/p' "$tmp/stats"
}

for n in ${SIZES:-100000 1000000}; do
	in=$tmp/prompts-$n.jsonl
	[ -s "$in" ] || $py "$here/cluster_gen.py" "$clinc/data_full.json" "$n" 1 >"$in"
	run "fb-cluster -k 150 ($n)" "$in" -k 150
	if [ "$n" -le 100000 ]; then
		run "fb-cluster -k auto ($n)" "$in" -k auto
	else
		run "fb-cluster -k 150 --sample 100000" "$in" -k 150 --sample 100000
	fi
done
