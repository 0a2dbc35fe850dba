#!/bin/sh
# Builds every fuzz target with clang's libFuzzer (and ASan, UBSan) and runs
# each for a few seconds, starting from the seed corpus in tests/fuzz/corpus.
set -eu
seconds=${1:-20}
O=build-fuzz
CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "fuzz-smoke: $CC not found (apt-get install clang libclang-rt-dev)" >&2
	exit 2
fi
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
make --no-print-directory O=$O CC="$CC" CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined" $O/libfb.a >/dev/null
libs="$(pkg-config --libs jansson libpcre2-8 libutf8proc zlib gsl) -lstemmer -pthread"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	target=${name#fuzz_}
	"$CC" $flags -std=c11 -D_POSIX_C_SOURCE=200809L -Ilib $(pkg-config --cflags jansson) \
		-o "$O/$name" "$src" $O/libfb.a $libs -lm
	mkdir -p "$tmp/$target"
	cp tests/fuzz/corpus/"$target"/* "$tmp/$target/"
	echo "fuzz-smoke: $target for ${seconds}s"
	"$O/$name" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
		-print_final_stats=0 "$tmp/$target" >"$tmp/$target.log" 2>&1 || {
		tail -40 "$tmp/$target.log" >&2
		echo "fuzz-smoke: $target FAILED" >&2
		exit 1
	}
	grep -E '^(#[0-9]+|Done).*' "$tmp/$target.log" | tail -1
done
