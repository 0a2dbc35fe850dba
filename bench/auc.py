"""Rank statistics for the benchmarks: ROC AUC with ties counted half (with a
DeLong standard error) and Spearman's rank correlation. Standard library only.

  auc(pos, neg)        P(score of a positive > score of a negative), ties 1/2
  auc_se(pos, neg)     (auc, DeLong standard error)
  spearman(x, y)       Pearson correlation of average ranks
"""

import bisect
import math


def _placements(xs, sorted_other):
    # For each x: how many of the other sample lie below it, plus half of
    # those equal to it.
    out = []
    for x in xs:
        lo = bisect.bisect_left(sorted_other, x)
        hi = bisect.bisect_right(sorted_other, x)
        out.append(lo + 0.5 * (hi - lo))
    return out


def auc(pos, neg):
    """AUC of scores pos (positives) against neg (negatives); NaN if either is empty."""
    if not pos or not neg:
        return float("nan")
    below = _placements(pos, sorted(neg))
    return sum(below) / (len(pos) * len(neg))


def auc_se(pos, neg):
    """(AUC, DeLong standard error); the error is NaN below two of each."""
    if not pos or not neg:
        return float("nan"), float("nan")
    n1, n0 = len(pos), len(neg)
    v10 = [b / n0 for b in _placements(pos, sorted(neg))]
    # For a negative: positives above it plus half of the equal ones.
    sp = sorted(pos)
    v01 = []
    for y in neg:
        lo = bisect.bisect_left(sp, y)
        hi = bisect.bisect_right(sp, y)
        v01.append((n1 - hi + 0.5 * (hi - lo)) / n1)
    a = sum(v10) / n1
    if n1 < 2 or n0 < 2:
        return a, float("nan")
    s10 = sum((v - a) ** 2 for v in v10) / (n1 - 1)
    s01 = sum((v - a) ** 2 for v in v01) / (n0 - 1)
    return a, math.sqrt(s10 / n1 + s01 / n0)


def ranks(xs):
    """Average ranks (1-based) of xs, ties sharing the mean of their ranks."""
    order = sorted(range(len(xs)), key=xs.__getitem__)
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(x, y):
    """Spearman's rho of paired samples; NaN when either is constant."""
    if len(x) != len(y) or len(x) < 2:
        return float("nan")
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return float("nan")
    return sxy / math.sqrt(sxx * syy)


if __name__ == "__main__":
    # A self-check with values worked out by hand.
    assert auc([1, 2, 3], [0]) == 1.0
    assert auc([1], [1]) == 0.5
    assert auc([2, 1], [1, 0]) == (1 + 1 + 0.5 + 1) / 4
    assert abs(spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1) < 1e-12
    assert abs(spearman([1, 2, 3], [3, 2, 1]) + 1) < 1e-12
    assert ranks([5, 1, 5, 3]) == [3.5, 1.0, 3.5, 2.0]
    a, se = auc_se([0.9, 0.8, 0.4, 0.6], [0.1, 0.4, 0.3, 0.2])
    assert abs(a - 0.96875) < 1e-12 and se > 0
    print("auc.py: ok")
