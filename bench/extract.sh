#!/bin/sh
# Throughput of fb-extract on generated OpenAI-format logs, next to jq.
#
# Usage (from the repository root, after make):  sh bench/extract.sh
#
# Environment:
#   BENCH_MB     size of the generated log in MB of 10^6 bytes (default 200)
#   BENCH_SEED   generator seed (default 1): same seed and size, same bytes
#   BENCH_RUNS   rounds, each running every command once in turn; the best
#                run of each is reported (default 3)
#   BENCH_DIR    directory for the log (default: a temporary directory that
#                is removed at the end); never inside the repository
#   BENCH_TIMER  gnu (default when GNU time is there) or proc (the fallback)
#   FB_EXTRACT   the binary, relative to the repository root or absolute
#                (default bin/fb-extract)
#   FB_EXTRACT_OLD  another fb-extract (an earlier build, say) to time in its
#                default mode in the same run, for a before/after comparison
#   PYTHON       Python 3 for the generator (default /usr/bin/python3, or
#                python3 from PATH)
#
# Wall time and peak RSS come from GNU time (/usr/bin/time -f '%e %M'); on
# Debian 'apt-get install time' provides it. Without it, wall time comes
# from date(1) and peak RSS from polling /proc/PID/status (VmHWM), which
# can miss a short final peak.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
start=$(pwd)
cd "$root"

mb=${BENCH_MB:-200}
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-3}
bin=${FB_EXTRACT:-bin/fb-extract}
if [ -z "${PYTHON:-}" ]; then
	if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi

die() {
	printf 'extract.sh: %s\n' "$*" >&2
	exit 2
}

case $mb in '' | *[!0-9.]* | *.*.*) die "BENCH_MB: expected a number of megabytes, got '$mb'" ;; esac
case $runs in '' | *[!0-9]* | 0) die "BENCH_RUNS: expected a whole number >= 1, got '$runs'" ;; esac
case $seed in '' | *[!0-9]*) die "BENCH_SEED: expected a whole number, got '$seed'" ;; esac
[ -x "$bin" ] || die "$bin not found: run make first"
command -v "$PYTHON" >/dev/null 2>&1 || die "no Python 3 ($PYTHON) for the generator"

if [ -n "${BENCH_DIR:-}" ]; then
	# Checked before it is made, so that nothing is created in the tree.
	case $BENCH_DIR in /*) dir=$BENCH_DIR ;; *) dir=$start/$BENCH_DIR ;; esac
	dir=$(realpath -m "$dir" 2>/dev/null || printf '%s\n' "$dir")
	case $dir/ in "$root"/*) die "BENCH_DIR must be outside the repository ($dir)" ;; esac
	mkdir -p "$dir"
	cleanup() { :; }
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/fbloop-bench.XXXXXX")
	cleanup() { rm -rf "$dir"; }
fi
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${BENCH_TIMER:-gnu}" = gnu ] && [ -x /usr/bin/time ] &&
	/usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
	gnutime=1
else
	gnutime=0
fi

# One timed run of "$@" with stdout to /dev/null and stderr to $dir/err;
# sets wall (seconds) and rss (KiB).
timed() {
	if [ "$gnutime" = 1 ]; then
		if ! /usr/bin/time -f '%e %M' -o "$dir/time" "$@" </dev/null >/dev/null 2>"$dir/err"; then
			cat "$dir/err" >&2
			die "failed: $*"
		fi
		read -r wall rss <"$dir/time"
		return
	fi
	t0=$(date +%s.%N)
	"$@" </dev/null >/dev/null 2>"$dir/err" &
	pid=$!
	rss=0
	while kill -0 "$pid" 2>/dev/null; do
		hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || :)
		if [ -n "$hwm" ] && [ "$hwm" -gt "$rss" ]; then rss=$hwm; fi
		sleep 0.05
	done
	if ! wait "$pid"; then
		cat "$dir/err" >&2
		die "failed: $*"
	fi
	t1=$(date +%s.%N)
	wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
}

# The commands timed, by number: fb-extract in each mode, the old build when
# given, and jq. Rounds run each command once in turn, so that a machine
# whose speed drifts over minutes slows them all alike.
cmd_name() {
	case $1 in
	1) echo "fb-extract" ;;
	2) echo "fb-extract --sorted" ;;
	3) echo "fb-extract --close-idle" ;;
	4) echo "fb-extract (old)" ;;
	5) echo "jq -c ." ;;
	esac
}

run_cmd() {
	case $1 in
	1) timed "$bin" --stats "$log" ;;
	2) timed "$bin" --stats --sorted "$log" ;;
	3) timed "$bin" --stats --close-idle "$log" ;;
	4) timed "$FB_EXTRACT_OLD" "$log" ;;
	5) timed "$jq" -c . "$log" ;;
	esac
}

# bench N...: BENCH_RUNS rounds over the commands N; appends a result line
# per command to $dir/results: name, best wall, largest RSS and every wall
# (comma-separated), tab-separated; and fb-extract's --stats line per mode
# to $dir/stats.
bench() {
	round=1
	while [ "$round" -le "$runs" ]; do
		for c in "$@"; do
			run_cmd "$c"
			printf '%s %s\n' "$wall" "$rss" >>"$dir/runs.$c"
			printf '  %-24s run %d/%d: %6s s  %7s KiB\n' "$(cmd_name "$c")" "$round" "$runs" \
				"$wall" "$rss"
			if [ "$round" = 1 ] && [ "$c" -le 3 ]; then
				printf '%-14s %s\n' "$(cmd_name "$c" | sed 's/^fb-extract *//; s/^$/default/')" \
					"$(tail -n 1 "$dir/err")" >>"$dir/stats"
			fi
		done
		round=$((round + 1))
	done
	for c in "$@"; do
		awk -v name="$(cmd_name "$c")" '
		{ all = all (NR > 1 ? "," : "") $1; if (NR == 1 || $1 < best) best = $1; if ($2 > rss) rss = $2 }
		END { printf "%s\t%s\t%s\t%s\n", name, best, rss, all }' "$dir/runs.$c" >>"$dir/results"
		rm -f "$dir/runs.$c"
	done
}

log=$dir/logs-${mb}mb-seed$seed.jsonl
printf 'fbloop extract benchmark\n'
printf '  host:      %s, %s cores, load average %s\n' "$(uname -sm)" \
	"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')" \
	"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
printf '  binary:    %s (%s)\n' "$bin" "$("$bin" --version 2>/dev/null | head -n 1)"
if command -v jq >/dev/null 2>&1; then
	jq=$(command -v jq)
	printf '  peer:      %s (%s)\n' "$jq" "$(jq --version 2>/dev/null)"
else
	jq=
	printf '  peer:      jq not found: the jq comparison is skipped\n'
fi
if [ "$gnutime" = 1 ]; then
	printf '  timing:    /usr/bin/time (wall %%e, peak RSS %%M); best of %d rounds, the commands in turn\n' "$runs"
else
	printf '  timing:    date + /proc VmHWM polling (GNU time not found; apt-get install time); best of %d rounds, the commands in turn\n' "$runs"
fi

printf '\nGenerating %s MB of OpenAI-format logs (seed %s) into %s ...\n' "$mb" "$seed" "$dir"
g0=$(date +%s.%N)
"$PYTHON" -B "$here/gen_openai.py" "$mb" "$seed" "$log" 2>"$dir/gen.err" || {
	cat "$dir/gen.err" >&2
	die "the generator failed"
}
g1=$(date +%s.%N)
bytes=$(wc -c <"$log" | tr -d ' ')
lines=$(wc -l <"$log" | tr -d ' ')
printf '  %s bytes, %s conversations (one per line) in %s s\n' "$bytes" "$lines" \
	"$(awk -v a="$g0" -v b="$g1" 'BEGIN { printf "%.1f", b - a }')"

# What the generated log holds, from the first conversations: a check that
# the signals the benchmark pays for do fire.
sample=$dir/sample.jsonl
head -n 2000 "$log" >"$sample"
"$bin" "$sample" | "$PYTHON" -c '
import json, sys
from collections import Counter
sig, lab, n, expl = Counter(), Counter(), 0, 0
for line in sys.stdin:
    r = json.loads(line)
    n += 1
    sig.update(r["signals"].keys())
    lab[r["label"]] += 1
    expl += r["explicit"] is not None
print("  first %s conversations: %d interactions, %d with explicit feedback; labels %s" % (
    sys.argv[1], n, expl, ", ".join("%s %d" % kv for kv in sorted(lab.items()))))
print("  signals fired: " + ", ".join("%s %d" % (k, v) for k, v in sig.most_common()))
' "$(wc -l <"$sample" | tr -d ' ')"

: >"$dir/results"
: >"$dir/stats"
printf '\nTiming (stdout to /dev/null):\n'
# fb-extract's default holds every conversation until the input ends;
# --sorted and --close-idle (where the binary has it) stream.
cmds="1 2"
if "$bin" --help 2>/dev/null | grep -q -- '--close-idle'; then cmds="$cmds 3"; fi
if [ -n "${FB_EXTRACT_OLD:-}" ]; then
	[ -x "$FB_EXTRACT_OLD" ] || die "FB_EXTRACT_OLD: $FB_EXTRACT_OLD is not executable"
	cmds="$cmds 4"
fi
if [ -n "$jq" ]; then cmds="$cmds 5"; fi
# shellcheck disable=SC2086
bench $cmds
printf '  fb-extract --stats by mode:\n'
sed 's/^/    /' "$dir/stats"
out=$(sed -n '1s/.*written \([0-9]*\).*/\1/p' "$dir/stats")
if [ "$(sed 's/^[^ ]* *//' "$dir/stats" | sort -u | wc -l)" != 1 ]; then
	printf '  warning: the modes disagree on the counts\n'
fi

printf '\nResults for %s MB (%s bytes, %s input records, %s output records):\n\n' \
	"$mb" "$bytes" "$lines" "${out:-?}"
awk -F '\t' -v bytes="$bytes" -v lines="$lines" -v out="${out:-0}" '
BEGIN {
	printf "%-24s %8s %7s %9s %10s %10s  %s\n", "command", "best s", "MB/s", "in rec/s",
	       "out rec/s", "peak RSS", "runs (s)"
	printf "%-24s %8s %7s %9s %10s %10s  %s\n", "------------------------", "--------",
	       "-------", "---------", "----------", "----------", "--------"
}
{
	name = $1; best = $2; rss = $3; all = $4
	t = best > 0 ? best : 0.01
	outs = name ~ /^fb-extract/ ? sprintf("%10.0f", out / t) : sprintf("%10s", "-")
	printf "%-24s %8.2f %7.1f %9.0f %s %6.1f MiB  %s\n", name, best, bytes / 1e6 / t,
	       lines / t, outs, rss / 1024, all
	tput[name] = bytes / 1e6 / t
	med[name] = median(all)
	order[n++] = name
}
# The median of comma-separated times: steadier than the best when the
# machine speeds up and slows down.
function median(list,    v, k, i, j, x) {
	k = split(list, v, ",")
	for (i = 2; i <= k; i++)
		for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
			x = v[j]; v[j] = v[j - 1]; v[j - 1] = x
		}
	return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
}
END {
	printf "\n"
	for (i = 0; i < n; i++) {
		name = order[i]
		if (name !~ /^fb-extract/)
			continue
		if ("jq -c ." in tput)
			printf "%-24s / jq throughput: %.3f (best runs), %.3f (medians)\n", name,
			       tput[name] / tput["jq -c ."], med["jq -c ."] / med[name]
		else
			printf "%-24s %.1f MB/s (no jq to compare with)\n", name, tput[name]
	}
}' "$dir/results"
printf '\nLoad average at the end: %s (other work on the machine makes the times noisy).\n' \
	"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
printf 'MB = 10^6 bytes; in rec/s = conversations read per second; out rec/s =\n'
printf 'interaction records written per second; peak RSS is the largest of the runs.\n'
