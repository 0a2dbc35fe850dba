# fish completion for fb-extract(1). The options are those of
# 'fb-extract --help'; tests/cli/docs/ checks that none is missing here.

set -l signals rephrase correction frustration gratitude acceptance escalation followup refusal apology repetition copy share edit regenerate abandon
set -l fields conversation_id user_id variant messages conversations role content timestamp created_at events

# Operands are log files.
complete -c fb-extract -F

complete -c fb-extract -l close-idle -d 'A conversation quiet for the idle gap is complete'
complete -c fb-extract -l dump-rules -d 'Print the default rules and exit'
complete -c fb-extract -l explain -d 'Add the evidence: which rule matched which text'
complete -c fb-extract -l field -x -a (string join " " -- $fields=) -d 'Read field NAME from PATH (NAME=PATH)'
complete -c fb-extract -l format -x -a 'jsonl\t"JSON Lines records (default)"
table\t"Aligned text table"
markdown\t"Markdown table"
csv\t"Comma-separated values"' -d 'Output format'
complete -c fb-extract -s h -l help -d 'Display help and exit'
complete -c fb-extract -l idle-gap -x -a '5m 10m 30m 1h 2h 1d' -d 'Quiet time after which a last response is abandoned (default 30m)'
complete -c fb-extract -l input-format -x -a 'auto openai sharegpt events' -d 'Input format'
complete -c fb-extract -l label-threshold -x -d '|score| from which a label is not neutral (default 0.2)'
complete -c fb-extract -l no-default-rules -d 'Use only the rules given with --rules'
complete -c fb-extract -s o -l output -r -F -d 'Write to FILE instead of standard output'
complete -c fb-extract -l per -x -a 'interaction conversation' -d 'One record per interaction or per conversation'
complete -c fb-extract -l rejects -r -F -d 'Write every rejected line to FILE'
complete -c fb-extract -l repetition-threshold -x -d 'Similarity at which a response repeats an earlier one (default 0.5)'
complete -c fb-extract -l rephrase-threshold -x -d 'Similarity at which the next message restates the prompt (default 0.5)'
complete -c fb-extract -l rules -r -F -d 'Add the phrase rules in FILE'
complete -c fb-extract -l skip-invalid -d 'Report bad records and go on'
complete -c fb-extract -l sorted -d 'Records of one conversation are adjacent'
complete -c fb-extract -l stats -d 'Print counts of records read, written and rejected'
complete -c fb-extract -l threads -x -a '1 2 4 8' -d 'Parse input on N threads'
complete -c fb-extract -l unbuffered -d 'Flush after every record, and read line by line'
complete -c fb-extract -s V -l version -d 'Output version information and exit'
complete -c fb-extract -l weight -x -a (string join " " -- $signals=) -d 'Set the weight of a signal (NAME=VALUE)'
