# fish completion for fb-abtest(1). The options are those of
# 'fb-abtest --help'; tests/cli/docs/abtest checks that none is missing here.

complete -c fb-abtest -F
complete -c fb-abtest -n __fish_use_subcommand -a plan -d 'Sample size per arm'

complete -c fb-abtest -l adjust -x -a 'holm bonferroni hochberg BH BY none' -d 'Adjustment for multiple comparisons'
complete -c fb-abtest -l alpha -x -d 'Significance level (default 0.05)'
complete -c fb-abtest -l alternative -x -a 'two.sided less greater' -d 'Alternative hypothesis'
complete -c fb-abtest -l baseline -x -d 'Plan: the control proportion'
complete -c fb-abtest -l by -x -d 'Compare within each value of PATH'
complete -c fb-abtest -l conf-level -x -d 'Level of the intervals (default 1 - alpha)'
complete -c fb-abtest -l control -x -d 'The control variant'
complete -c fb-abtest -l expected-split -x -d 'Expected shares of the variants (NAME=W,...)'
complete -c fb-abtest -l fail-if -x -a 'worse not-better srm' -d 'Exit 1 when the condition holds'
complete -c fb-abtest -l format -x -a 'jsonl table markdown' -d 'Output format'
complete -c fb-abtest -s h -l help -d 'Display help and exit'
complete -c fb-abtest -l lower-is-better -x -d 'A decrease of METRIC is better'
complete -c fb-abtest -l mde -x -d 'Plan: the smallest difference worth detecting'
complete -c fb-abtest -l method -x -a 'auto prop prop-nocorrect fisher welch student mann-whitney' -d 'Test method'
complete -c fb-abtest -l metric -x -a 'label==positive score' -d 'A metric: PATH, PATH:binary or PATH OP VALUE'
complete -c fb-abtest -s o -l output -r -F -d 'Write to FILE instead of standard output'
complete -c fb-abtest -l power -x -d 'Plan: the wanted power (default 0.8)'
complete -c fb-abtest -l rejects -r -F -d 'Write every rejected line to FILE'
complete -c fb-abtest -l sd -x -d 'Plan: the standard deviation of a mean metric'
complete -c fb-abtest -l skip-invalid -d 'Report bad records and go on'
complete -c fb-abtest -l stats -d 'Print counts of records read, written and rejected'
complete -c fb-abtest -l variant-field -x -d 'The field naming the variant (default variant)'
complete -c fb-abtest -s V -l version -d 'Output version information and exit'
