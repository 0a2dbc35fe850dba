#!/bin/sh
# Throughput of fb-abtest (a proportion test and Welch's t test over
# generated experiment records) next to a Python script doing the same with
# scipy.stats (bench/abtest_scipy.py), on the same input, in the same run.
#
# Usage (from the repository root, after make):  sh bench/abtest.sh
#
# Environment:
#   BENCH_RECORDS  records to generate (default 10000000)
#   BENCH_SEED     generator seed (default 1): same seed and size, same bytes
#   BENCH_DIR      where the generated input is cached between runs (default
#                  ${TMPDIR:-/tmp}/fbloop-bench-abtest); never inside the
#                  repository
#   FB_ABTEST      the binary (default bin/fb-abtest)
#   PYTHON         the peer's Python (default /usr/bin/python3)
#
# Wall time, CPU time (user + system) and peak RSS come from GNU time
# (/usr/bin/time -f '%e %M %U %S'); on a busy machine the CPU time is the
# steadier figure. The input is generated once with awk (bench/gen_abtest.awk)
# and cached.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

n=${BENCH_RECORDS:-10000000}
seed=${BENCH_SEED:-1}
bin=${FB_ABTEST:-bin/fb-abtest}
py=${PYTHON:-/usr/bin/python3}
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/fbloop-bench-abtest}

die() {
	printf 'abtest.sh: %s\n' "$*" >&2
	exit 2
}

case $n in '' | *[!0-9]* | 0) die "BENCH_RECORDS: expected a whole number >= 1, got '$n'" ;; esac
case $seed in '' | *[!0-9]*) die "BENCH_SEED: expected a whole number, got '$seed'" ;; esac
[ -x "$bin" ] || die "$bin not found: run make first"
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) not found: apt-get install time"
case $dir in /*) ;; *) dir=$(pwd)/$dir ;; esac
case $dir/ in "$root"/*) die "BENCH_DIR must be outside the repository ($dir)" ;; esac
mkdir -p "$dir"

input=$dir/abtest-$n-seed$seed.jsonl
if [ ! -s "$input" ]; then
	printf 'Generating %s records (seed %s) into %s ...\n' "$n" "$seed" "$input"
	awk -v n="$n" -v seed="$seed" -f "$here/gen_abtest.awk" >"$input.tmp"
	mv "$input.tmp" "$input"
else
	printf 'Using the cached %s\n' "$input"
fi
bytes=$(wc -c <"$input" | tr -d ' ')

# timed NAME OUT CMD...: runs CMD with stdout to OUT; prints and sets wall, rss.
timed() {
	name=$1 out=$2
	shift 2
	/usr/bin/time -f '%e %M %U %S' -o "$dir/time" "$@" >"$out" 2>"$dir/err" || {
		cat "$dir/err" >&2
		die "failed: $*"
	}
	read -r wall rss user sys <"$dir/time"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	printf '%-28s %8s s %10.0f rec/s %8s s %10.0f rec/s %9s KiB\n' "$name" "$wall" \
		"$(awk -v n="$n" -v w="$wall" 'BEGIN { print (w > 0 ? n / w : 0) }')" "$cpu" \
		"$(awk -v n="$n" -v w="$cpu" 'BEGIN { print (w > 0 ? n / w : 0) }')" "$rss"
}

printf '\nfb-abtest %s records (%s bytes), %s cores\n' "$n" "$bytes" \
	"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
printf '%-28s %10s %16s %10s %16s %13s\n' command wall "by wall" "cpu (u+s)" "by cpu" "peak RSS"
cmd="$bin --metric label==positive --metric score:mean --method prop"
# shellcheck disable=SC2086
timed "fb-abtest (prop + welch)" "$dir/fb.out" $cmd "$input"
fb_wall=$wall fb_cpu=$cpu fb_rss=$rss
if "$py" -c 'import scipy.stats' 2>/dev/null; then
	timed "python3 json + scipy.stats" "$dir/py.out" "$py" -B "$here/abtest_scipy.py" "$input"
	printf '\nscipy / fb-abtest: %s wall time, %s cpu time, %s peak RSS\n' \
		"$(awk -v a="$wall" -v b="$fb_wall" 'BEGIN { printf (b > 0 ? "%.1fx" : "n/a"), a / b }')" \
		"$(awk -v a="$cpu" -v b="$fb_cpu" 'BEGIN { printf (b > 0 ? "%.1fx" : "n/a"), a / b }')" \
		"$(awk -v a="$rss" -v b="$fb_rss" 'BEGIN { printf (b > 0 ? "%.1fx" : "n/a"), a / b }')"
	printf '\nThe same figures (p-values):\n'
	grep '"record":"comparison"' "$dir/fb.out" |
		sed 's/.*"metric":"\([^"]*\)".*"p_value":\([^,]*\),.*/  fb-abtest   \1 \2/'
	sed 's/.*"metric": "\([^"]*\)".*"p_value": \([^}]*\)}/  scipy       \1 \2/' "$dir/py.out"
else
	printf '\npeer skipped: %s has no scipy (apt-get install python3-scipy)\n' "$py"
fi
printf '\ncommand: %s %s\n' "$cmd" "$input"
