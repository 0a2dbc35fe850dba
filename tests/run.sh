#!/usr/bin/env bash
# Runs the whole suite against the build in directory $1 (default: build):
# unit tests, CLI golden cases, fuzz corpus replay. Ends with "N passed, N failed".
#   UPDATE=1  rewrites the golden files of the CLI cases (review with git diff)
#   EXEC=...  runs every binary under a prefix, e.g. EXEC="valgrind -q --error-exitcode=99"
#   CASES=... runs only the CLI cases matching this glob, e.g. CASES='fb-eval/*'
set -u
export LC_ALL=C TZ=UTC
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/${1:-build}
pass=0 fail=0 skip=0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

count() {	# reads "ok  "/"FAIL"/"skip" lines of a unit binary
	while IFS= read -r line; do
		case $line in
		ok*) pass=$((pass + 1)) ;;
		FAIL*) fail=$((fail + 1)); echo "$line" ;;
		skip*) skip=$((skip + 1)); echo "$line" ;;
		esac
	done
}

echo "== unit tests"
for t in "$build"/tests/t_*; do
	[ -x "$t" ] && [ -z "${CASES:-}" ] || continue
	out=$(cd "$top" && $t 2>"$tmp/err"); rc=$?
	count <<<"$out"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL' <<<"$out"; then
		fail=$((fail + 1)); echo "FAIL ${t##*/}: exit status $rc"
	fi
	[ $rc -ne 0 ] && sed 's/^/    /' "$tmp/err"
done

# Wrappers put the binaries under test first on PATH, under $EXEC if set.
mkdir -p "$tmp/bin"
for b in "$build"/bin/*; do
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${EXEC:-}" "$b" >"$tmp/bin/${b##*/}"
	chmod +x "$tmp/bin/${b##*/}"
done
export PATH="$tmp/bin:$PATH" SHARED="$top/../shared" FIXTURES="$top/tests/fixtures"

echo "== cli tests"
for dir in "$top"/tests/cli/*/*/; do
	dir=${dir%/}; name=${dir#"$top"/tests/cli/}
	[ -f "$dir/cmd" ] || continue
	# shellcheck disable=SC2254
	case $name in ${CASES:-*}) ;; *) continue ;; esac
	work="$tmp/work"; rm -rf "$work"; mkdir -p "$work"
	(cd "$dir" && TMPDIR="$work" WORK="$work" sh ./cmd >"$tmp/out" 2>"$tmp/err" </dev/null)
	echo $? >"$tmp/status"
	if grep -q '^skip: ' "$tmp/err"; then
		skip=$((skip + 1)); echo "skip $name: $(sed -n 's/^skip: //p' "$tmp/err")"; continue
	fi
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$dir/expect.out"; cp "$tmp/err" "$dir/expect.err"
		cp "$tmp/status" "$dir/expect.status"
	fi
	bad=""
	for f in out err status; do
		if ! cmp -s "$tmp/$f" "$dir/expect.$f"; then
			bad="$bad $f"
			diff -u "$dir/expect.$f" "$tmp/$f" 2>&1 | head -20 | sed 's/^/    /'
		fi
	done
	if [ -z "$bad" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name:$bad"; fi
done

echo "== fuzz corpus replay"
for r in "$build"/tests/replay_*; do
	[ -x "$r" ] && [ -z "${CASES:-}" ] || continue
	target=${r##*/replay_fuzz_}
	if $r "$top/tests/fuzz/corpus/$target"/* >"$tmp/out" 2>&1; then
		pass=$((pass + 1)); echo "ok   replay $target ($(wc -l <"$tmp/out") inputs)"
	else
		fail=$((fail + 1)); echo "FAIL replay $target"; tail -20 "$tmp/out" | sed 's/^/    /'
	fi
done

if [ $skip -gt 0 ]; then echo "$pass passed, $fail failed, $skip skipped"; else echo "$pass passed, $fail failed"; fi
[ $fail -eq 0 ]
