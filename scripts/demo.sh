#!/bin/sh
# The demo: the pipeline over the bundled sample log, summarised for people.
# Later stages (fb-cluster, fb-eval, fb-abtest) join here as they land.
set -eu
bin=${1:-bin}
sample=examples/sample.jsonl
out=${TMPDIR:-/tmp}/fbloop-demo.$$
trap 'rm -f "$out"' EXIT

echo "\$ $bin/fb-extract --stats $sample > interactions.jsonl"
"$bin/fb-extract" --stats "$sample" >"$out"
echo
echo "One scored interaction (of $(wc -l <"$out")):"
jq -c 'select(.explicit != null and (.signals | length) > 1)
       | {conversation_id, turn, variant, prompt, signals, explicit, score, "label": .label, confidence}' \
	"$out" | head -1
echo
echo "Per variant:"
jq -rs '
  group_by(.variant)[]
  | { v: .[0].variant, n: length,
      pos: (map(select(.label == "positive")) | length),
      neg: (map(select(.label == "negative")) | length),
      expl: (map(select(.explicit != null)) | length),
      mean: ((map(.score) | add) / length) }
  | "  \(.v | tostring | .[0:16] | . + " " * (16 - length))  \(.n) interactions, "
    + "\(.pos * 1000 / .n | round / 10)% positive, \(.neg * 1000 / .n | round / 10)% negative, "
    + "mean score \(.mean * 1000 | round / 1000), \(.expl) with explicit feedback"' "$out"
echo
echo "Signals seen (interactions):"
jq -rs '[.[].signals | keys[]] | group_by(.) | map({k: .[0], n: length}) | sort_by(-.n)[]
        | "  \(.k | . + " " * (12 - length)) \(.n)"' "$out"
echo
echo "Most negative interactions:"
jq -rs 'sort_by(.score) | .[0:3][]
        | "  [\(.score)] \(.prompt | .[0:60])  ->  \(.signals | keys | join(", "))"' "$out"
