# Generates N experiment records for bench/abtest.sh, one JSON object a line:
#   {"variant":"control","label":"positive","score":0.1234}
# Two variants at equal shares; label positive with probability 0.30 in the
# control and 0.31 in the treatment; score a sum of three uniforms minus 1.5
# (mean 0 or 0.01, sd 0.5). Usage: awk -v n=N -v seed=S -f gen_abtest.awk.
# The same awk, n and seed give the same bytes.
BEGIN {
	srand(seed + 0)
	for (i = 0; i < n; i++) {
		t = rand() < 0.5
		pos = rand() < (t ? 0.31 : 0.30)
		s = rand() + rand() + rand() - 1.5 + (t ? 0.01 : 0)
		printf "{\"variant\":\"%s\",\"label\":\"%s\",\"score\":%.4f}\n",
		    t ? "treatment" : "control", pos ? "positive" : "negative", s
	}
}
