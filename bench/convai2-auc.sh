#!/bin/sh
# Signal quality on real data: fb-extract's implicit score against the
# thumbs and dialogue ratings of the ConvAI2 wild evaluation, which are
# withheld from its input.
#
# Usage (from the repository root, after make):  sh bench/convai2-auc.sh
#
# Environment:
#   CONVAI2_DIR  the data (default ../shared/data/convai2-wild-eval, relative
#                to the repository root; see its README.md); when it is
#                missing the benchmark is skipped and exits 0
#   BENCH_DIR    keep the converted records, the truth table and fb-extract's
#                output there (default: a temporary directory, removed at the
#                end); never inside the repository
#   FB_EXTRACT   the binary (default bin/fb-extract)
#   PYTHON       Python 3 (default /usr/bin/python3, or python3 from PATH)
#
# Steps: bench/convai2_to_jsonl.py writes one OpenAI-format record per
# dialogue (thumbs and ratings left out) and a side table; fb-extract runs
# with default options, per interaction and per conversation; and
# bench/convai2_report.py joins its records back to the rated bot messages
# on (conversation_id, turn, attempt), checks the join by the response text,
# and prints the report.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
start=$(pwd)
cd "$root"

data=${CONVAI2_DIR:-../shared/data/convai2-wild-eval}
bin=${FB_EXTRACT:-bin/fb-extract}
if [ -z "${PYTHON:-}" ]; then
	if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi

die() {
	printf 'convai2-auc.sh: %s\n' "$*" >&2
	exit 2
}

if [ ! -f "$data/data_volunteers.json" ] || [ ! -f "$data/data_intermediate.json" ]; then
	printf 'convai2-auc.sh: skipped: no ConvAI2 data in %s (data_volunteers.json and\n' "$data"
	printf 'data_intermediate.json; set CONVAI2_DIR to where they are)\n'
	exit 0
fi
[ -x "$bin" ] || die "$bin not found: run make first"
command -v "$PYTHON" >/dev/null 2>&1 || die "no Python 3 ($PYTHON)"

if [ -n "${BENCH_DIR:-}" ]; then
	# Checked before it is made, so that nothing is created in the tree.
	case $BENCH_DIR in /*) dir=$BENCH_DIR ;; *) dir=$start/$BENCH_DIR ;; esac
	dir=$(realpath -m "$dir" 2>/dev/null || printf '%s\n' "$dir")
	case $dir/ in "$root"/*) die "BENCH_DIR must be outside the repository ($dir)" ;; esac
	mkdir -p "$dir"
	cleanup() { :; }
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/fbloop-convai2.XXXXXX")
	cleanup() { rm -rf "$dir"; }
fi
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$PYTHON" -B "$here/convai2_to_jsonl.py" "$data" "$dir/records.jsonl" "$dir/truth.jsonl" ||
	die "the conversion failed"
"$bin" --stats "$dir/records.jsonl" >"$dir/interactions.jsonl" 2>"$dir/extract.err" || {
	cat "$dir/extract.err" >&2
	die "fb-extract failed"
}
"$bin" --per conversation "$dir/records.jsonl" >"$dir/conversations.jsonl" 2>"$dir/extract2.err" || {
	cat "$dir/extract2.err" >&2
	die "fb-extract --per conversation failed"
}

printf 'data:       %s\n' "$data"
printf 'binary:     %s (%s), default options\n' "$bin" "$("$bin" --version 2>/dev/null | head -n 1)"
printf 'stats:      %s\n' "$(tail -n 1 "$dir/extract.err")"
warnings=$(grep -c 'warning:' "$dir/extract.err" || :)
[ "$warnings" = 0 ] || printf 'warnings:   %s from fb-extract (see %s)\n' "$warnings" "$dir/extract.err"
[ -n "${BENCH_DIR:-}" ] && printf 'files kept: %s\n' "$dir"
"$PYTHON" -B "$here/convai2_report.py" "$dir/truth.jsonl" "$dir/interactions.jsonl" \
	"$dir/conversations.jsonl"
