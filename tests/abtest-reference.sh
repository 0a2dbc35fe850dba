#!/usr/bin/env bash
# Runs the R reference cases (../shared/reference/abtest/cases.jsonl, see its
# README) through the fb-abtest binary on PATH: each case becomes the JSON
# Lines records a user would feed (one record per observation, with a
# variant field; arm a is the control; for the paired kinds, one record per
# pair and arm, paired by an "id" field), or the options of 'fb-abtest plan',
# or for p_adjust one record {"p_value": p} per p-value, in order, through
# 'fb-abtest adjust'; and every expected figure is compared with fb-abtest's output within 1e-9
# relative (1e-12 absolute near zero). Prints one summary line, then one line
# per miss; exits 1 on a miss. Kinds this increment of fb-abtest does not
# compute are counted and named, not checked.
#   usage: abtest-reference.sh CASES_FILE
#   ABREF_VERBOSE=1 also prints each case's worst relative error.
set -u
cases=${1:?usage: abtest-reference.sh CASES_FILE}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

total=0 checked=0 within=0
misses=""
worst=0
declare -A unchecked

# The comparison: for every key of want, a line "ok KEY RELERR" or
# "miss KEY got GOT, want WANT". "inf" and "-inf" stand for infinities.
compare_jq='
def num: if . == "inf" then infinite elif . == "-inf" then -infinite else . end;
$want | to_entries[] | .key as $k | (.value | num) as $w | ($got[$k] | num) as $g |
if $g == null then "miss \($k) not computed"
elif ($w | isinfinite) or ($g | isinfinite) then
  (if $g == $w then "ok \($k) 0" else "miss \($k) got \($got[$k]), want \(.value)" end)
else (($g - $w) | fabs) as $d |
  (if $w == 0 then 0 else $d / ($w | fabs) end) as $rel |
  if $d <= 1e-12 or $d <= 1e-9 * ($w | fabs) then "ok \($k) \($rel)"
  else "miss \($k) got \($g), want \($w) (relative error \($rel))" end
end'

# Records of two raw samples, and of two binary arms given as counts.
samples='(.a[] | {variant: "a", x: .}), (.b[] | {variant: "b", x: .})'
counts='. as $c | (range(0; $c.a.n) | {variant: "a", y: (. < $c.a.successes)}),
                  (range(0; $c.b.n) | {variant: "b", y: (. < $c.b.successes)})'
comparison='select(.record == "comparison")'
# Paired records: a[i] and b[i] are pair i; and binary pairs from the counts
# of a 2×2 table (McNemar's) or of wins and losses (the sign test's, where a
# win is a pair in which b succeeded and a did not).
paired='. as $c | range(0; $c.a | length) | {variant: "a", id: ., x: $c.a[.]}, {variant: "b", id: ., x: $c.b[.]}'
table='.counts | [{k: "both", a: true, b: true}, {k: "a_only", a: true, b: false},
                  {k: "b_only", a: false, b: true}, {k: "neither", a: false, b: false},
                  {k: "wins", a: false, b: true}, {k: "losses", a: true, b: false}] as $cells |
	. as $n | [$cells[] | select($n[.k]) | . as $cell | range(0; $n[.k]) | $cell] |
	to_entries[] | {variant: "a", id: .key, y: .value.a}, {variant: "b", id: .key, y: .value.b}'

# Warnings (a sample ratio mismatch of unequal arms) are not the point here.
fbab() { fb-abtest "$@" 2>/dev/null; }

while IFS= read -r c; do
	total=$((total + 1))
	kind=$(jq -r .kind <<<"$c")
	name=$(jq -r .case <<<"$c")
	alt=$(jq -r '.options.alternative // "two.sided"' <<<"$c")
	cl=$(jq -r '.options.conf_level // 0.95' <<<"$c")
	got=""
	want=$(jq -c .expect <<<"$c")
	case $kind in
	welch_t | student_t)
		jq -c "$samples" <<<"$c" >"$tmp/in"
		m=welch
		[ "$kind" = student_t ] && m=student
		got=$(fbab --control a --metric x --method "$m" --alternative "$alt" \
			--conf-level "$cl" "$tmp/in" | jq -c "$comparison"' |
			{statistic, df, p_value, ci_low, ci_high,
			 mean_a: .estimate_control, mean_b: .estimate_variant}')
		;;
	mann_whitney)
		jq -c "$samples" <<<"$c" >"$tmp/in"
		got=$(fbab --control a --metric x --method mann-whitney --alternative "$alt" \
			"$tmp/in" | jq -c "$comparison"' | {statistic, p_value}')
		;;
	two_proportion | fisher_exact | beta_binomial_prob_b_better)
		jq -c "$counts" <<<"$c" >"$tmp/in"
		m=fisher
		if [ "$kind" = two_proportion ]; then
			m=prop
			[ "$(jq .options.continuity_correction <<<"$c")" = false ] && m=prop-nocorrect
		fi
		got=$(fbab --control a --metric y:binary --method "$m" --alternative "$alt" \
			"$tmp/in" | jq -c "$comparison"' |
			{statistic, p_value, ci_low, ci_high, odds_ratio,
			 prob_b_better: .prob_variant_better}')
		;;
	paired_t)
		jq -c "$paired" <<<"$c" >"$tmp/in"
		got=$(fbab --control a --pair-field id --metric x --alternative "$alt" \
			--conf-level "$cl" "$tmp/in" | jq -c "$comparison"' |
			{statistic, df, p_value, ci_low, ci_high}')
		;;
	wilcoxon_signed_rank)
		# The reference calls say exact = FALSE; every case has ties or
		# zero differences, or more than 50 pairs, so fb-abtest's default
		# (R's) takes the normal approximation too, as "exact" says.
		jq -c "$paired" <<<"$c" >"$tmp/in"
		got=$(fbab --control a --pair-field id --metric x --method wilcoxon \
			--alternative "$alt" "$tmp/in" | jq -c "$comparison"' |
			if .exact then {} else {statistic, p_value} end')
		;;
	mcnemar)
		jq -c "$table" <<<"$c" >"$tmp/in"
		got=$( (fbab --control a --pair-field id --metric y:binary "$tmp/in" |
			jq -c "$comparison"' | {statistic_corrected: .statistic,
				p_value_corrected: .p_value}'
		fbab --control a --pair-field id --metric y:binary --method mcnemar-nocorrect \
			"$tmp/in" | jq -c "$comparison"' | {statistic, p_value}') | jq -sc add)
		;;
	binomial_sign)
		jq -c "$table" <<<"$c" >"$tmp/in"
		got=$(fbab --control a --pair-field id --metric y:binary --method sign \
			--conf-level "$cl" "$tmp/in" | jq -c "$comparison"' |
			{p_value, ci_low: .win_share_ci[0], ci_high: .win_share_ci[1]}')
		;;
	wilson_interval)
		# The control's Wilson interval, next to a token variant.
		jq -c '. as $c | (range(0; $c.counts.n) |
			{variant: "a", y: (. < $c.counts.successes)}),
			{variant: "b", y: true}, {variant: "b", y: false}' <<<"$c" >"$tmp/in"
		got=$(fbab --control a --metric y:binary "$tmp/in" |
			jq -c "$comparison"' | {ci_low: .interval_control[0], ci_high: .interval_control[1]}')
		;;
	srm_chisq)
		jq -c '.counts | to_entries[] | .key as $k | range(0; .value) | {variant: "v\($k)"}' \
			<<<"$c" >"$tmp/in"
		split=$(jq -r '[.expected_share | to_entries[] | "v\(.key)=\(.value)"] | join(",")' \
			<<<"$c")
		got=$(fbab --control v0 --metric 'variant==v0' --expected-split "$split" \
			"$tmp/in" | jq -c 'select(.record == "srm") | {statistic, df, p_value}')
		;;
	power_proportion)
		set -- $(jq -r '.params | "\(.p1) \(.p2 - .p1) \(.power) \(.alpha)"' <<<"$c")
		got=$(fbab plan --baseline "$1" --mde "$2" --power "$3" --alpha "$4")
		;;
	power_t)
		set -- $(jq -r '.params | "\(.sd) \(.delta) \(.power) \(.alpha)"' <<<"$c")
		got=$(fbab plan --sd "$1" --mde "$2" --power "$3" --alpha "$4")
		;;
	p_adjust)
		# R's method names, BH as bh: fb-abtest takes both spellings.
		m=$(jq -r '.options.method' <<<"$c")
		[ "$m" = BH ] && m=bh
		jq -c '.p_values[] | {p_value: .}' <<<"$c" >"$tmp/in"
		got=$(fbab adjust --adjust "$m" "$tmp/in" | jq -sc '
			[to_entries[] | {key: "adjusted_\(.key)", value: .value.p_adjusted}] |
			from_entries')
		want=$(jq -c '[.expect.adjusted | to_entries[] |
			{key: "adjusted_\(.key)", value: .value}] | from_entries' <<<"$c")
		;;
	*)
		unchecked[$kind]=$((${unchecked[$kind]:-0} + 1))
		continue
		;;
	esac
	checked=$((checked + 1))
	if [ -z "$got" ]; then
		misses="$misses$name: fb-abtest gave no result"$'\n'
		continue
	fi
	res=$(jq -nr --argjson want "$want" --argjson got "$got" "$compare_jq")
	if grep -q '^miss' <<<"$res"; then
		misses="$misses$(sed -n "s/^miss /$name: /p" <<<"$res")"$'\n'
	else
		within=$((within + 1))
	fi
	w=$(awk '$1 == "ok" && $3 + 0 > m { m = $3 + 0 } END { printf "%.3g", m + 0 }' <<<"$res")
	[ -n "${ABREF_VERBOSE:-}" ] && echo "$name: worst relative error $w" >&2
	worst=$(awk -v a="$worst" -v b="$w" 'BEGIN { print (b + 0 > a + 0) ? b : a }')
done <"$cases"

rest=""
for k in $(printf '%s\n' "${!unchecked[@]}" | sort); do
	rest="$rest, $k (${unchecked[$k]})"
done
if [ -n "$rest" ]; then
	echo "$total cases: $checked checked, $within within 1e-9; $((total - checked)) not checked: ${rest#, }"
else
	echo "$total cases: $checked checked, $within within 1e-9"
fi
[ -n "${ABREF_VERBOSE:-}" ] && echo "worst relative error: $worst" >&2
printf '%s' "$misses"
[ -z "$misses" ]
