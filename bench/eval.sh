#!/bin/sh
# fb-eval build with near-duplicate removal on 100 k and 1 M generated
# interactions (bench/gen_eval.py: 50 intents, a share of near-duplicate
# prompts). Runs each size with dedup on and with --no-dedup, and prints
# wall time, CPU time (user + system, all threads), records per second (of
# wall time) and peak memory, the CPU time dedup adds (the difference of
# the two runs), and how both grow from 100 k to 1 M: 10x means linear.
# CPU time is the number to compare on a busy machine, where wall time
# mostly measures the other processes.
#
# Usage (from the repository root, after make):  sh bench/eval.sh
#
# Environment:
#   EVAL_SIZES       record counts (default "100000 1000000"; the growth
#                    line compares the first and the last)
#   EVAL_DUP         share of near-duplicate prompts (default 0.2)
#   BENCH_SEED       seed of the generator and of fb-eval (default 1)
#   FB_EVAL          the binary (default bin/fb-eval)
#   FB_EVAL_OPTS     more options for fb-eval build (default none)
#
# Needs /usr/bin/python3 for the generator and GNU time for peak memory.
# There is no peer: no MinHash library is installed for Python here.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
sizes=${EVAL_SIZES:-100000 1000000}
dup=${EVAL_DUP:-0.2}
seed=${BENCH_SEED:-1}
bin=${FB_EVAL:-bin/fb-eval}
py=/usr/bin/python3

if [ ! -x /usr/bin/time ]; then
	echo "skip: GNU time (/usr/bin/time) is missing"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME N OPTS...: times one build, prints a line, leaves the CPU
# seconds in $tmp/NAME.cpu.
run() {
	name=$1 n=$2
	shift 2
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
		"$bin" build --seed "$seed" --stats ${FB_EVAL_OPTS:-} "$@" "$tmp/in-$n.jsonl" \
		>"$tmp/out.jsonl" 2>"$tmp/stats"
	read -r secs user sys kib <"$tmp/time"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	echo "$cpu" >"$tmp/$name.cpu"
	printf '%-10s %-20s %8s %8s %12s %10d %10s\n' "$n" "$name" "$secs" "$cpu" \
		"$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')" \
		$((kib / 1024)) "$(wc -l <"$tmp/out.jsonl")"
}

printf '%-10s %-20s %8s %8s %12s %10s %10s\n' records run wall-s cpu-s records/s "peak MiB" \
	"cases out"
first= last=
for n in $sizes; do
	$py "$here/gen_eval.py" "$n" "$seed" "$dup" "$tmp/in-$n.jsonl"
	run "dedup-$n" "$n" --dedup-threshold 0.8
	sed -n 's/^/    /p' "$tmp/stats" | grep -i -E 'dup|read' || true
	run "no-dedup-$n" "$n" --no-dedup
	awk -v a="$(cat "$tmp/dedup-$n.cpu")" -v b="$(cat "$tmp/no-dedup-$n.cpu")" \
		'BEGIN { printf "%.2f\n", a - b }' >"$tmp/diff-$n.cpu"
	printf '%-10s %-20s %8s %8s\n' "$n" "dedup alone (diff)" "" "$(cat "$tmp/diff-$n.cpu")"
	rm -f "$tmp/in-$n.jsonl"
	[ -n "$first" ] || first=$n
	last=$n
done
if [ "$first" != "$last" ]; then
	awk -v n0="$first" -v n1="$last" -v t0="$(cat "$tmp/dedup-$first.cpu")" \
		-v t1="$(cat "$tmp/dedup-$last.cpu")" -v d0="$(cat "$tmp/diff-$first.cpu")" \
		-v d1="$(cat "$tmp/diff-$last.cpu")" 'BEGIN {
		printf "growth of CPU time %s -> %s records (x%.0f): build with dedup x%.1f", n0, n1,
		    n1 / n0, (t0 > 0 ? t1 / t0 : 0)
		if (d0 > 0.05)
			printf ", dedup alone x%.1f", d1 / d0
		printf "\n"
	}'
fi
