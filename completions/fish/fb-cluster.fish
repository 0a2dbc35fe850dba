# fish completion for fb-cluster(1). The options are those of
# 'fb-cluster --help'; tests/cli/docs/cluster checks that none is missing here.

# Operands are record files.
complete -c fb-cluster -F

complete -c fb-cluster -s k -l clusters -x -a auto -d 'Number of intents (default 10), or auto'
complete -c fb-cluster -l embedding-field -x -d 'Group by the vectors at PATH instead of the text'
complete -c fb-cluster -l format -x -a 'jsonl\t"JSON Lines records (default)"
table\t"Summary as an aligned text table"
markdown\t"Summary as a Markdown table"
csv\t"Summary as comma-separated values"' -d 'Output format'
complete -c fb-cluster -s h -l help -d 'Display help and exit'
complete -c fb-cluster -l k-range -x -d 'The k that -k auto tries, MIN:MAX'
complete -c fb-cluster -l lang -x -a 'auto none en es fr de it pt' -d 'Stop words and stemming'
complete -c fb-cluster -l max-df -x -d 'Leave out terms in more than this share of texts (default 0.5)'
complete -c fb-cluster -l max-terms -x -d 'Keep at most N terms (default 50000)'
complete -c fb-cluster -l min-df -x -d 'Leave out terms in fewer than N texts (default 2)'
complete -c fb-cluster -l min-similarity -x -d 'A record less similar than X to its intent is an outlier'
complete -c fb-cluster -l min-users -x -d 'Withhold terms and exemplars of intents with fewer users'
complete -c fb-cluster -l ngrams -x -a '1 2' -d '1: words; 2: words and word pairs (default)'
complete -c fb-cluster -l stop-words -x -a 'auto keep drop' -d 'keep stop words as single words, drop them, or auto (default)'
complete -c fb-cluster -s o -l output -r -F -d 'Write to FILE instead of standard output'
complete -c fb-cluster -l rejects -r -F -d 'Write every rejected line to FILE'
complete -c fb-cluster -l sample -x -d 'Fit on a random sample of N records'
complete -c fb-cluster -l save-model -r -F -d 'Also write the fitted model to FILE'
complete -c fb-cluster -l model -r -F -d 'Assign records to the intents of a saved model'
complete -c fb-cluster -l restarts -x -d 'Runs from different seeds (default 3)'
complete -c fb-cluster -l seed -x -d 'Seed of the random choices (default 1)'
complete -c fb-cluster -l skip-invalid -d 'Report bad records and go on'
complete -c fb-cluster -l stats -d 'Print counts and the clustering to standard error'
complete -c fb-cluster -l summary -d 'One record per intent instead of the records'
complete -c fb-cluster -l text-field -x -a 'prompt response' -d 'The text to group by (default prompt)'
complete -c fb-cluster -l threads -x -a '1 2 4 8' -d 'Parse input on N threads'
complete -c fb-cluster -l user-field -x -a user_id -d 'Who wrote a record (default user_id)'
complete -c fb-cluster -s V -l version -d 'Output version information and exit'
