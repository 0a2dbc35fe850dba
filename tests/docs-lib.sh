# Shared by the docs tests of tests/cli/docs/: sourced by their cmd files
# with top set to the source tree. Each check prints one line for each thing
# missing; docs_finish prints "docs consistent" when nothing is.
bad=0
missing() { echo "$*"; bad=1; }

# docs_options "PROG [COMMAND]" MANPAGE BINARY: every option of
# 'PROG [COMMAND] --help' is in the man page and in the bash, zsh and fish
# completions of BINARY. Sets man, bashc, zshc and fishc to their paths.
docs_options() {
	man=$top/$2
	bashc=$top/completions/bash/$3
	zshc=$top/completions/zsh/_$3
	fishc=$top/completions/fish/$3.fish
	for f in "$man" "$bashc" "$zshc" "$fishc"; do
		[ -f "$f" ] || missing "no file ${f#"$top"/}"
	done
	# Option lines of --help start with 2 to 6 spaces; continuation lines
	# with more, and they only repeat options.
	# shellcheck disable=SC2086
	help=$($1 --help) || missing "$1 --help failed"
	longs=$(printf '%s\n' "$help" | sed -n -E 's/^ {2,6}(-[A-Za-z], )?--([a-z][a-z-]*).*/\2/p')
	shorts=$(printf '%s\n' "$help" | sed -n -E 's/^ {2,6}-([A-Za-z]), --.*/\1/p')
	[ -n "$longs" ] || missing "no options found in $1 --help"
	for o in $longs; do
		# Documented in a list item: ".It Fl \-name" (also after "Fl o Ar file ,").
		grep -Eq '^\.It .*Fl \\-'"$o"'([^a-z-]|$)' "$man" || missing "$2: --$o"
		grep -Eq -- '--'"$o"'([^a-z-]|$)' "$bashc" || missing "completions/bash/$3: --$o"
		grep -Eq -- '--'"$o"'([^a-z-]|$)' "$zshc" || missing "completions/zsh/_$3: --$o"
		grep -Eq -- '-l '"$o"'( |$)' "$fishc" || missing "completions/fish/$3.fish: --$o"
	done
	for o in $shorts; do
		grep -Eq '^\.It Fl '"$o"'( |$)' "$man" || missing "$2: -$o"
		grep -Eq -- '[ "{]-'"$o"'[ "},+]' "$bashc" || missing "completions/bash/$3: -$o"
		grep -Eq -- '[ "{]-'"$o"'[ "},+]' "$zshc" || missing "completions/zsh/_$3: -$o"
		grep -Eq -- '-s '"$o"'( |$)' "$fishc" || missing "completions/fish/$3.fish: -$o"
	done
}

# docs_finish BINARY MANPAGE...: lints the man pages when mandoc is
# installed and checks the completions' syntax with the shells that are;
# prints the verdict and exits.
docs_finish() {
	b=$1
	shift
	if command -v mandoc >/dev/null 2>&1; then
		for m in "$@"; do
			mandoc -T lint -W warning "$top/$m" 2>&1 | sed "s|$top/||" | grep . && bad=1
		done
	fi
	bash -n "$top/completions/bash/$b" || bad=1
	if command -v zsh >/dev/null 2>&1; then zsh -n "$top/completions/zsh/_$b" || bad=1; fi
	if command -v fish >/dev/null 2>&1; then fish -n "$top/completions/fish/$b.fish" || bad=1; fi
	[ $bad = 0 ] && echo "docs consistent"
	exit $bad
}
