#!/bin/sh
# The demo: the whole pipeline over the bundled sample log, for people.
set -eu
bin=${1:-bin}
sample=examples/sample.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n$ %s\n' "$*"; }

step "fb-extract --stats $sample > interactions.jsonl"
"$bin/fb-extract" --stats "$sample" >"$tmp/interactions.jsonl"
echo "One of them:"
jq -c 'select(.explicit != null and (.signals | length) > 1)
       | {conversation_id, turn, variant, prompt, signals, explicit, score, "label": .label}' \
	"$tmp/interactions.jsonl" | head -1
echo "Signals seen, in interactions:"
jq -rs '[.[].signals | keys[]] | group_by(.) | map({k: .[0], n: length}) | sort_by(-.n)
        | map("\(.k) \(.n)") | join(", ")' "$tmp/interactions.jsonl" | fold -s -w 78 | sed 's/^/  /'

step "fb-cluster -k 10 --summary --format table < interactions.jsonl"
"$bin/fb-cluster" -k 10 --summary --format table <"$tmp/interactions.jsonl"

step "fb-abtest --format table < interactions.jsonl"
"$bin/fb-abtest" --format table <"$tmp/interactions.jsonl"
