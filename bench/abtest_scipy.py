"""The peer of bench/abtest.sh: the same comparison as

    fb-abtest --metric label==positive --metric score:mean --method prop

done with scipy.stats on the same JSON Lines file. It reads the file line
by line with the json module (pandas is not part of Debian's python3-scipy
set), keeps per variant the count, the successes and, for the score, the
count, mean and sum of squared deviations (Welford's update, as fb-abtest
does), and then runs scipy's tests: chi2_contingency with Yates'
correction (R's prop.test, the same statistic and p-value) and
ttest_ind_from_stats(equal_var=False) (Welch). Prints one JSON line per
comparison. Usage: abtest_scipy.py FILE
"""
import json
import math
import sys

from scipy import stats


def main(path):
    arms = {}
    order = []
    with open(path, "rb") as f:
        for line in f:
            r = json.loads(line)
            v = r["variant"]
            a = arms.get(v)
            if a is None:
                a = arms[v] = [0, 0, 0, 0.0, 0.0]  # n, successes, n, mean, m2
                order.append(v)
            a[0] += 1
            a[1] += r.get("label") == "positive"
            x = r.get("score")
            if x is not None:
                a[2] += 1
                d = x - a[3]
                a[3] += d / a[2]
                a[4] += d * (x - a[3])
    ctl = arms[order[0]]
    for v in order[1:]:
        t = arms[v]
        chi2, p, _, _ = stats.chi2_contingency(
            [[t[1], t[0] - t[1]], [ctl[1], ctl[0] - ctl[1]]], correction=True)
        print(json.dumps({"metric": "label==positive", "variant": v,
                          "difference": t[1] / t[0] - ctl[1] / ctl[0],
                          "statistic": chi2, "p_value": p}))
        w = stats.ttest_ind_from_stats(
            t[3], math.sqrt(t[4] / (t[2] - 1)), t[2],
            ctl[3], math.sqrt(ctl[4] / (ctl[2] - 1)), ctl[2], equal_var=False)
        print(json.dumps({"metric": "score", "variant": v,
                          "difference": t[3] - ctl[3],
                          "statistic": float(w.statistic), "p_value": float(w.pvalue)}))


if __name__ == "__main__":
    main(sys.argv[1])
