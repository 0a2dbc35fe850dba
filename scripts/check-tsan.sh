#!/bin/sh
# Runs the code that works on threads under ThreadSanitizer (make
# check-tsan): the unit tests of the job queue and of the stages that
# use it, and the programs on four threads over inputs large enough to keep
# many batches and groups in flight. A race stops the program with status
# 66. Ends with "N passed, N failed".
set -u
build=${1:-build-tsan}
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# check NAME CMD...: runs CMD with its output to $tmp/out.
check() {
	name=$1
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "$status" = 0 ]; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name: exit status $status"
		tail -n 30 "$tmp/err" | sed 's/^/    /'
	fi
}

for t in t_jobs t_jsonl t_extract t_tfidf t_cluster; do
	check "$t" "$build/tests/$t"
done

# 3000 conversations, a few of them bad, in OpenAI format.
awk 'BEGIN {
	for (i = 1; i <= 3000; i++) {
		if (i % 700 == 0) { print "{bad"; continue }
		printf "{\"id\":\"c%d\",\"messages\":[{\"role\":\"user\",\"content\":\"how do I reset my password %d\"},", i, i % 17
		printf "{\"role\":\"assistant\",\"content\":\"Open the settings, step %d.\"},", i
		printf "{\"role\":\"user\",\"content\":\"%s\"},", i % 3 ? "thanks, that works" : "that is wrong, try again"
		printf "{\"role\":\"assistant\",\"content\":\"Sorry. Here it is again.\"}]}\n"
	}
}' >"$tmp/in.jsonl"
for mode in --sorted --per=conversation --explain; do
	check "fb-extract --threads 4 $mode" "$build/bin/fb-extract" --threads 4 --skip-invalid \
		"$mode" "$tmp/in.jsonl"
done
check "fb-extract --threads 4 (strict stop)" sh -c \
	'"$1" --sorted --threads 4 "$2"; [ $? = 2 ]' sh "$build/bin/fb-extract" "$tmp/in.jsonl"
"$build/bin/fb-extract" --skip-invalid "$tmp/in.jsonl" >"$tmp/records.jsonl" 2>/dev/null
check "fb-cluster --threads 4" "$build/bin/fb-cluster" --threads 4 -k 5 "$tmp/records.jsonl"
mv "$tmp/out" "$tmp/clustered.jsonl"
check "fb-eval build --threads 4" "$build/bin/fb-eval" build --threads 4 "$tmp/clustered.jsonl"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
