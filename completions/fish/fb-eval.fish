# fish completion for fb-eval(1). The commands are those of 'fb-eval --help'
# and the options those of 'fb-eval COMMAND --help'; tests/cli/docs/eval
# checks that none is missing here.

# The command comes first; before it, only -h and -V.
complete -c fb-eval -n __fish_use_subcommand -f
complete -c fb-eval -n __fish_use_subcommand -a build -d 'Select, dedup and redact cases; write eval or training sets'
complete -c fb-eval -n __fish_use_subcommand -a report -d 'Per-intent satisfaction report; gate with --fail-if'
complete -c fb-eval -n __fish_use_subcommand -a score -d 'Score a candidate\'s answers against an eval set'
complete -c fb-eval -n __fish_use_subcommand -s h -l help -d 'Display help and exit'
complete -c fb-eval -n __fish_use_subcommand -s V -l version -d 'Output version information and exit'

# Operands of the commands are record files.
complete -c fb-eval -n '__fish_seen_subcommand_from build report score' -F

# Options of every command.
complete -c fb-eval -n '__fish_seen_subcommand_from build report score' -s h -l help -d 'Display help and exit'
complete -c fb-eval -n '__fish_seen_subcommand_from build report score' -s V -l version -d 'Output version information and exit'
complete -c fb-eval -n '__fish_seen_subcommand_from build report score' -s o -l output -r -F -d 'Write to FILE instead of standard output'
complete -c fb-eval -n '__fish_seen_subcommand_from build report score' -l rejects -r -F -d 'Write every rejected line to FILE'
complete -c fb-eval -n '__fish_seen_subcommand_from build report score' -l skip-invalid -d 'Report bad records and go on'
complete -c fb-eval -n '__fish_seen_subcommand_from build report score' -l stats -d 'Print counts of records read, written and rejected'

# fb-eval build
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l balance -d 'As many negatively as positively rated cases per intent'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l dedup-threshold -x -d 'Prompts this similar are near-duplicates (default 0.8)'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l format -x -a 'cases\t"Evaluation cases for fb-eval score (default)"
chat\t"Chat fine-tuning messages"
preference\t"Preference pairs (DPO)"
kto\t"KTO examples"
openai-evals\t"OpenAI evals samples"
promptfoo\t"promptfoo tests"' -d 'Output format'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l min-confidence -x -d 'Answers rated with less confidence count as unrated (default 0)'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l no-dedup -d 'Keep near-duplicates'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l output-prefix -r -F -d 'With --split: write P-train.jsonl and P-NAME.jsonl'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l per-intent -x -d 'At most N cases (pairs with preference) per intent'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l redact -d 'Replace personal data and secrets with placeholders'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l redact-rules -r -F -d 'Add the rules of FILE (implies --redact)'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l seed -x -d 'Seed of the sampling and the split (default 1)'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l split -x -d 'Hold out a share X of the conversations as NAME (NAME=X,...)'
complete -c fb-eval -n '__fish_seen_subcommand_from build' -l threads -x -a '1 2 4 8' -d 'Parse input on N threads'

# fb-eval report
complete -c fb-eval -n '__fish_seen_subcommand_from report' -l by -x -a 'day\t"ISO days, UTC"
week\t"ISO weeks, UTC"' -d 'A report per day or week, with the change since the period before'
complete -c fb-eval -n '__fish_seen_subcommand_from report' -l conf-level -x -d 'Level of the Wilson intervals (default 0.95)'
complete -c fb-eval -n '__fish_seen_subcommand_from report' -l fail-if -x -d 'Exit 1 when EXPR holds for an intent (FIELD OP NUMBER)'
complete -c fb-eval -n '__fish_seen_subcommand_from report' -l format -x -a 'jsonl\t"JSON Lines records (default)"
json\t"The same as jsonl"
table\t"Aligned text table"
markdown\t"Markdown table"
csv\t"Comma-separated values"' -d 'Output format'
complete -c fb-eval -n '__fish_seen_subcommand_from report' -l min-n -x -d 'Judge only intents with at least N interactions (default 30)'
complete -c fb-eval -n '__fish_seen_subcommand_from report' -l threads -x -a '1 2 4 8' -d 'Parse input on N threads (default 1)'
complete -c fb-eval -n '__fish_seen_subcommand_from report' -l top-signals -x -d 'List the N signals found most in negative interactions (default 3)'

# fb-eval score
complete -c fb-eval -n '__fish_seen_subcommand_from score' -l all-cases -d 'Also write a record for each case without an answer'
complete -c fb-eval -n '__fish_seen_subcommand_from score' -s c -l cases -r -F -d 'The eval set (required)'
complete -c fb-eval -n '__fish_seen_subcommand_from score' -l format -x -a 'jsonl\t"JSON Lines records (default)"
table\t"Summary as an aligned text table"
markdown\t"Summary as a Markdown table"
csv\t"Summary as comma-separated values"' -d 'Output format'
complete -c fb-eval -n '__fish_seen_subcommand_from score' -l summary -d 'One record per intent, and one overall, instead of one per case'
complete -c fb-eval -n '__fish_seen_subcommand_from score' -l unbuffered -d 'Flush the output after every record'
complete -c fb-eval -n '__fish_seen_subcommand_from score' -l variant -x -d 'The name of the candidate in every record (default candidate)'
