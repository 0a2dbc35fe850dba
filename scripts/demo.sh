#!/bin/sh
# The demo: the whole pipeline over the bundled sample log, for people:
# extract, cluster, the per-intent report, an eval set, the A/B verdict.
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

step "fb-cluster -k 10 < interactions.jsonl > clustered.jsonl; fb-cluster ... --summary --format table"
"$bin/fb-cluster" -k 10 <"$tmp/interactions.jsonl" >"$tmp/clustered.jsonl"
"$bin/fb-cluster" -k 10 --summary --format table <"$tmp/interactions.jsonl"

step "fb-eval report --format table clustered.jsonl"
"$bin/fb-eval" report --format table "$tmp/clustered.jsonl"

step "fb-eval build --per-intent 4 --balance --redact --split test=0.25 --output-prefix evalset clustered.jsonl"
"$bin/fb-eval" build --per-intent 4 --balance --redact --split test=0.25 \
	--output-prefix "$tmp/evalset" --stats "$tmp/clustered.jsonl"
echo "Cases in evalset-train.jsonl: $(wc -l <"$tmp/evalset-train.jsonl"), in evalset-test.jsonl: $(wc -l <"$tmp/evalset-test.jsonl"). One of them:"
jq -c '{id, intent: .intent.label, last_prompt: .messages[-1].content, reference, rejected, user_score}' \
	"$tmp/evalset-test.jsonl" | head -1

step "fb-abtest --format table < interactions.jsonl"
"$bin/fb-abtest" --format table <"$tmp/interactions.jsonl"
