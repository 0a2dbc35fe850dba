#!/bin/sh
# Intent clustering quality and speed on CLINC150 (the 22,500 in-scope
# utterances of 150 intents; the labels are used only to score): fb-cluster
# with k = 150 and with -k auto (which k it chose is printed), next to
# scikit-learn's TfidfVectorizer + KMeans(n_clusters = 150, n_init = 1).
# Prints NMI, ARI, wall time and peak memory of each.
#
# Usage (from the repository root, after make):  sh bench/cluster.sh
#
# Environment:
#   CLINC        the data directory (default ../shared/data/clinc150)
#   BENCH_SEED   seed of both (default 1)
#   FB_CLUSTER   the binary (default bin/fb-cluster)
#   FB_CLUSTER_OPTS  more options for fb-cluster (default none)
#   BENCH_RUNS   runs of fb-cluster -k 150 and of scikit-learn; the fastest
#                of each is reported (default 3; -k auto runs once)
#
# Needs /usr/bin/python3 (note: another python3 may come first on PATH) with
# scikit-learn for the scores (Debian: apt-get install python3-sklearn), and
# GNU time for peak memory. Without scikit-learn nothing can be scored: the
# script says so and stops.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
clinc=${CLINC:-../shared/data/clinc150}
seed=${BENCH_SEED:-1}
bin=${FB_CLUSTER:-bin/fb-cluster}
py=/usr/bin/python3

if ! $py -c 'import sklearn' 2>/dev/null; then
	echo "skip: scikit-learn is missing for $py (apt-get install python3-sklearn)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$py "$here/cluster_clinc.py" prepare "$clinc/data_full.json" "$tmp/in.jsonl"
echo "CLINC150 in-scope: $(wc -l <"$tmp/in.jsonl") utterances, 150 intents"
echo "host: $(getconf _NPROCESSORS_ONLN) cores (both programs use them all), load average" \
	"$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %8s %8s %8s %10s\n' program seconds NMI ARI "peak MiB"

runs=${BENCH_RUNS:-3}
# best OUT CMD...: runs CMD $runs times; sets secs to the fastest wall time
# and kib to the largest peak, and leaves the fastest run's output in OUT.
best() {
	out=$1
	shift
	secs='' kib=0 i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/run.out"
		read -r s k <"$tmp/time"
		if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then
			secs=$s
			mv "$tmp/run.out" "$out"
		fi
		if [ "$k" -gt "$kib" ]; then kib=$k; fi
		i=$((i + 1))
	done
}

best "$tmp/out.jsonl" "$bin" -k 150 --seed "$seed" ${FB_CLUSTER_OPTS:-} "$tmp/in.jsonl"
set -- $($py "$here/cluster_clinc.py" score "$tmp/out.jsonl")
printf '%-28s %8s %8s %8s %10d\n' "fb-cluster -k 150" "$secs" "$1" "$2" $((kib / 1024))
fb_secs=$secs fb_nmi=$1

/usr/bin/time -f '%e %M' -o "$tmp/time" \
	"$bin" -k auto --stats --seed "$seed" ${FB_CLUSTER_OPTS:-} "$tmp/in.jsonl" \
	>"$tmp/out.jsonl" 2>"$tmp/stats"
read -r secs kib <"$tmp/time"
k=$(sed -n 's/.*: k \([0-9]*\): silhouette .*(chosen.*/\1/p' "$tmp/stats")
set -- $($py "$here/cluster_clinc.py" score "$tmp/out.jsonl")
printf '%-28s %8s %8s %8s %10d\n' "fb-cluster -k auto ($k)" "$secs" "$1" "$2" $((kib / 1024))

best "$tmp/peer" $py "$here/cluster_clinc.py" peer "$tmp/in.jsonl" 150 "$seed"
wall=$secs
read -r secs nmi ari <"$tmp/peer"
printf '%-28s %8s %8s %8s %10d\n' "sklearn KMeans(150, n_init=1)" "$wall" "$nmi" "$ari" \
	$((kib / 1024))
echo "(fastest of $runs runs; sklearn's seconds include starting Python; its fit alone took $secs s)"
awk -v f="$fb_secs" -v s="$wall" -v fn="$fb_nmi" -v sn="$nmi" -v fit="$secs" 'BEGIN {
	printf "fb-cluster -k 150 against sklearn: %.2fx its wall time (%.2fx its fit alone), NMI %+.4f\n",
	       s / f, fit / f, fn - sn }'
