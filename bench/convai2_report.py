#!/usr/bin/env python3
"""Signal quality of fb-extract on ConvAI2 wild evaluation: the report.

Usage: convai2_report.py TRUTH INTERACTIONS CONVERSATIONS

TRUTH is convai2_to_jsonl.py's side table; INTERACTIONS is fb-extract's
output on the converted records (default options, --per interaction);
CONVERSATIONS the same with --per conversation. Interactions are joined to
bot messages on (conversation_id, turn, attempt), and the join is checked by
comparing the response text with the message's. Thumbs up (1) is the
positive class throughout. Standard library only.
"""

import json
import math
import os
import re
import sys
from collections import Counter, defaultdict

from auc import auc, auc_se, spearman

SOURCES = ["volunteers", "intermediate", "combined"]
# The order of fb-extract(1)'s table.
SIGNALS = ["rephrase", "correction", "frustration", "gratitude", "acceptance", "escalation",
           "followup", "refusal", "apology", "copy", "share", "edit", "regenerate", "abandon"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def fmt(x, spec="%.3f"):
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else spec % x


def pct(k, n):
    return "%5.1f%%" % (100.0 * k / n) if n else "    -"


def in_source(src, s):
    return s == "combined" or src == s


def heading(text):
    print()
    print(text)
    print("-" * len(text))


# --- a small logistic regression (Newton's method, L2 penalty) -------------

def solve(a, b):
    # Gaussian elimination with partial pivoting on a small dense system.
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c and m[r][c]:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) >= 1e-12 else 0.0 for i in range(n)]


def logistic(xs, ys, l2=1.0, iters=25):
    """Coefficients (intercept first) of P(y=1|x); the intercept is not penalised."""
    d = len(xs[0]) + 1
    w = [0.0] * d
    for _ in range(iters):
        g = [0.0] * d
        h = [[0.0] * d for _ in range(d)]
        for x, y in zip(xs, ys):
            v = [1.0] + x
            z = sum(wi * vi for wi, vi in zip(w, v))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            for i in range(d):
                if v[i]:
                    g[i] += (p - y) * v[i]
                    for j in range(d):
                        if v[j]:
                            h[i][j] += p * (1 - p) * v[i] * v[j]
        for i in range(1, d):
            g[i] += l2 * w[i]
            h[i][i] += l2
        step = solve(h, g)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w


def predict(w, x):
    return w[0] + sum(wi * xi for wi, xi in zip(w[1:], x))


# --- the report ------------------------------------------------------------

def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: convai2_report.py TRUTH INTERACTIONS CONVERSATIONS\n")
        return 2
    truth = load(sys.argv[1])
    recs = load(sys.argv[2])
    convs = load(sys.argv[3])
    dialogues = [t for t in truth if t["kind"] == "dialogue"]
    bots = [t for t in truth if t["kind"] == "message"]

    # Join: every expected interaction to exactly one record, text checked.
    by_key = {}
    dup = 0
    for r in recs:
        k = (r["conversation_id"], r["turn"], r["attempt"])
        dup += k in by_key
        by_key[k] = r
    expected = [t for t in bots if t["turn"] is not None]
    matched = text_bad = 0
    for t in expected:
        r = by_key.pop((t["conversation_id"], t["turn"], t["attempt"]), None)
        t["rec"] = r
        if r is None:
            continue
        matched += 1
        if r["response"] != t["text"]:
            text_bad += 1
            t["rec"] = None
    # Scores are tanh of the summed weights of the fired signals (there is
    # no explicit feedback in the input); recomputing them checks that the
    # what-if analyses below use fb-extract's own arithmetic.
    score_bad = sum(1 for r in recs
                    if abs(math.tanh(sum(r["signals"].values())) - r["score"]) > 1e-4)
    weight = {}
    for r in recs:
        weight.update(r["signals"])
    # Weights of signals that never fire here, from the man page's table.
    documented = {}
    man = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "man", "fb-extract.1")
    if os.path.exists(man):
        with open(man, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\.It Cm (\w+) Ta (\\?-?[0-9.]+) Ta ", line)
                if m:
                    documented[m.group(1)] = float(m.group(2).replace("\\", ""))

    print("ConvAI2 wild evaluation: fb-extract's implicit score against withheld thumbs")
    print("=" * 78)
    nd = Counter(d["source"] for d in dialogues)
    print("input:      %d dialogues (volunteers %d, intermediate %d), %d bot messages, "
          "%d with thumbs" % (len(dialogues), nd["volunteers"], nd["intermediate"], len(bots),
                              sum(t["thumbs"] is not None for t in bots)))
    print("fb-extract: %d interaction records; %d bot messages should form one" %
          (len(recs), len(expected)))
    print("join:       on (conversation_id, turn, attempt): %d matched, response text differs "
          "in %d, %d records left over, %d duplicate keys" % (matched, text_bad, len(by_key), dup))
    print("scores:     tanh(sum of fired weights) differs from the record's score in %d records"
          % score_bad)
    if text_bad or by_key or dup or matched != len(expected):
        print("WARNING: the join is not one to one; the figures below cover matched messages only")

    rated = [t for t in bots if t["thumbs"] is not None]
    why = Counter(t["why"] if "why" in t else "joined" if t.get("rec") else "unmatched"
                  for t in rated)
    print("rated:      %d bot messages (up %d, down %d): %s" % (
        len(rated), sum(t["thumbs"] == 1 for t in rated), sum(t["thumbs"] == 0 for t in rated),
        ", ".join("%s %d" % kv for kv in sorted(why.items(), key=lambda kv: -kv[1]))))
    items = [t for t in rated if t.get("rec") is not None]
    for t in items:
        t["fired"] = set(t["rec"]["signals"])
        t["score"] = t["rec"]["score"]
    # Bot repetition, a candidate signal: how much the response restates an
    # earlier bot message of the same dialogue (Dice similarity of lower-cased
    # word sets). ConvAI2 bots repeat themselves often, and users dislike it
    # ("you already said that").
    words = re.compile(r"\w+", re.UNICODE)
    earlier = defaultdict(list)
    for t in bots:
        ws = set(words.findall(t["text"].lower()))
        t["repeat"] = max((2 * len(ws & e) / (len(ws) + len(e))
                           for e in earlier[t["conversation_id"]] if ws or e), default=0.0)
        earlier[t["conversation_id"]].append(ws)

    def split(s, key):
        up = [key(t) for t in items if in_source(t["source"], s) and t["thumbs"] == 1]
        down = [key(t) for t in items if in_source(t["source"], s) and t["thumbs"] == 0]
        return up, down

    heading("1. Interaction score against thumbs (AUC: P(score up > score down), ties 1/2)")
    print("%-13s %5s %6s  %6s  %-15s  %10s %10s  %13s" % (
        "source", "n_up", "n_down", "AUC", "95% CI", "mean up", "mean down", "any signal u/d"))
    for s in SOURCES:
        up, down = split(s, lambda t: t["score"])
        a, se = auc_se(up, down)
        fu = sum(1 for t in items if in_source(t["source"], s) and t["thumbs"] == 1 and t["fired"])
        fd = sum(1 for t in items if in_source(t["source"], s) and t["thumbs"] == 0 and t["fired"])
        print("%-13s %5d %6d  %6s  [%5s, %5s]  %10s %10s  %6s/%6s" % (
            s, len(up), len(down), fmt(a), fmt(a - 1.96 * se), fmt(a + 1.96 * se),
            fmt(sum(up) / len(up) if up else None, "%+.4f"),
            fmt(sum(down) / len(down) if down else None, "%+.4f"),
            pct(fu, len(up)), pct(fd, len(down))))
    up, down = split("combined", lambda t: t["score"] if t["fired"] else None)
    up, down = [x for x in up if x is not None], [x for x in down if x is not None]
    print("combined, only interactions where a signal fired: n_up %d, n_down %d, AUC %.3f" % (
        len(up), len(down), auc(up, down)))
    print()
    print("label against thumbs (combined; label threshold as fb-extract's default):")
    lab = Counter((t["rec"]["label"], t["thumbs"]) for t in items)
    nu = sum(t["thumbs"] == 1 for t in items)
    ndn = sum(t["thumbs"] == 0 for t in items)
    print("  %-9s %14s %14s   %s" % ("label", "up", "down", "share up"))
    for lb in ("positive", "neutral", "negative"):
        u, d = lab[(lb, 1)], lab[(lb, 0)]
        print("  %-9s %6d %6s  %6d %6s   %s" % (lb, u, pct(u, nu), d, pct(d, ndn),
                                                pct(u, u + d)))
    print("  (base rate of up among rated interactions: %s)" % pct(nu, nu + ndn))

    heading("2. Each signal as a 0/1 predictor of thumbs up (combined)")
    print("AUC = 0.5 + (fires|up - fires|down)/2. z: two-proportion test. log OR: log odds "
          "ratio\n(+0.5 smoothing), the direction and size the data suggest for the weight. "
          "verdict:\nhelps / hurts when the weight's sign agrees / disagrees with the data at "
          "|z| >= 2.")
    print()
    print("%-12s %7s %13s %13s %6s %6s %7s  %-6s %-6s  %s" % (
        "signal", "weight", "fires|up", "fires|down", "AUC", "z", "log OR", "AUC(v)", "AUC(i)",
        "verdict"))
    verdicts = {}
    for sig in SIGNALS:
        w = weight.get(sig)
        row = {}
        for s in SOURCES:
            up, down = split(s, lambda t, sig=sig: 1 if sig in t["fired"] else 0)
            row[s] = (sum(up), len(up), sum(down), len(down))
        ku, nu_, kd, nd_ = row["combined"]
        pu, pd = ku / nu_, kd / nd_
        p = (ku + kd) / (nu_ + nd_)
        se = math.sqrt(p * (1 - p) * (1 / nu_ + 1 / nd_)) if 0 < p < 1 else 0
        z = (pu - pd) / se if se else 0.0
        lor = math.log(((ku + 0.5) / (nu_ - ku + 0.5)) / ((kd + 0.5) / (nd_ - kd + 0.5)))

        def sauc(s):
            a, n1, b, n0 = row[s]
            return 0.5 + (a / n1 - b / n0) / 2 if n1 and n0 else float("nan")

        if ku + kd == 0:
            v = "never fires"
        elif abs(z) < 2:
            v = "no evidence (rare)" if ku + kd < 20 else "no evidence"
        elif w is None:
            v = "data: %s" % ("positive" if z > 0 else "negative")
        elif (w > 0) == (z > 0):
            v = "helps"
        else:
            v = "HURTS (sign)"
        verdicts[sig] = v
        wtext = fmt(w, "%+.2f") if w is not None else fmt(documented.get(sig), "(%+.1f)")
        print("%-12s %7s %5d %6s  %5d %6s  %6.3f %+6.1f %+7.2f  %-6s %-6s  %s" % (
            sig, wtext, ku, pct(ku, nu_), kd, pct(kd, nd_), 0.5 + (pu - pd) / 2, z,
            lor, fmt(sauc("volunteers")), fmt(sauc("intermediate")), v))
    print("(AUC(v), AUC(i): the same per source. weight: fb-extract's, as seen in its records;"
          " in\n parentheses from fb-extract(1) when it never fired)")

    heading("3. What-if: AUC of the score with one signal's weight set to 0 (combined)")
    # The score is monotone in the summed weights, so AUCs of sums suffice.
    ups = [t for t in items if t["thumbs"] == 1]
    downs = [t for t in items if t["thumbs"] == 0]

    def auc_with(wt):
        def s(t):
            return sum(wt.get(x, 0.0) for x in t["fired"])
        return auc([s(t) for t in ups], [s(t) for t in downs])

    base = auc_with(weight)
    print("%-12s %7s %8s" % ("without", "AUC", "change"))
    print("%-12s %7.4f %8s" % ("(default)", base, ""))
    for sig in SIGNALS:
        if sig not in weight:
            continue
        wt = dict(weight)
        wt[sig] = 0.0
        a = auc_with(wt)
        print("%-12s %7.4f %+8.4f" % (sig, a, a - base))
    fired_sigs = [s for s in SIGNALS if any(s in t["fired"] for t in items)]
    signs = {s: (1.0 if weight.get(s, 0) > 0 else -1.0) for s in fired_sigs}
    print("%-12s %7.4f %+8.4f" % ("(all +-1)", auc_with(signs), auc_with(signs) - base))
    print("(all +-1: every weight replaced by its sign, a check on whether the sizes matter)")
    print()
    print("What-if: a new 'repetition' signal (response Dice similarity >= 0.5 to an earlier")
    print("bot message of the dialogue) added to the default weights:")
    for rw in (-0.3, -0.5, -0.7):
        def s_rep(t, rw=rw):
            return sum(weight.get(x, 0.0) for x in t["fired"]) + (rw if t["repeat"] >= 0.5 else 0)
        a = auc([s_rep(t) for t in ups], [s_rep(t) for t in downs])
        print("  repetition %+.1f: AUC %.4f (%+.4f)" % (rw, a, a - base))

    heading("4. Weights fitted to the thumbs (logistic regression on the fired signals, L2 = 1)")
    feats = [s for s in SIGNALS if sum(s in t["fired"] for t in items) >= 5]
    ys = [t["thumbs"] for t in items]
    cids = sorted({t["conversation_id"] for t in items})
    fold = {c: i % 5 for i, c in enumerate(cids)}

    def fit(extra):
        xs = [[1.0 if s in t["fired"] else 0.0 for s in feats] + [f(t) for _, f in extra]
              for t in items]
        w = logistic(xs, ys)
        ins = auc([predict(w, x) for x, y in zip(xs, ys) if y == 1],
                  [predict(w, x) for x, y in zip(xs, ys) if y == 0])
        # Out of fold: five folds by dialogue, so no dialogue is in both.
        oof = [0.0] * len(items)
        for k in range(5):
            tr = [i for i, t in enumerate(items) if fold[t["conversation_id"]] != k]
            wk = logistic([xs[i] for i in tr], [ys[i] for i in tr])
            for i, t in enumerate(items):
                if fold[t["conversation_id"]] == k:
                    oof[i] = predict(wk, xs[i])
        cv = auc([p for p, y in zip(oof, ys) if y == 1], [p for p, y in zip(oof, ys) if y == 0])
        return w, ins, cv

    cand = [("repetition>=0.5", lambda t: 1.0 if t["repeat"] >= 0.5 else 0.0),
            ("'?' in next msg", lambda t: 1.0 if "?" in (t["next_user"] or "") else 0.0)]
    w, ins, cv = fit([])
    w2, ins2, cv2 = fit(cand)
    print("%-16s %8s %9s %9s  %s" % ("feature", "weight", "fitted", "fitted+", "(log-odds of thumbs up)"))
    print("%-16s %8s %+9.3f %+9.3f" % ("(intercept)", "", w[0], w2[0]))
    for i, s in enumerate(feats):
        print("%-16s %8s %+9.3f %+9.3f" % (s, fmt(weight.get(s), "%+.2f"), w[1 + i], w2[1 + i]))
    for i, (name, _) in enumerate(cand):
        print("%-16s %8s %9s %+9.3f" % (name, "(new)", "", w2[1 + len(feats) + i]))
    print("AUC:  default weights %.4f;  fitted: %.4f in sample, %.4f out of fold;" % (base, ins, cv))
    print("      fitted+ (with the two candidate features): %.4f in sample, %.4f out of fold" %
          (ins2, cv2))
    print("(5 folds by dialogue; only signals firing at least 5 times among rated messages are fitted)")

    heading("5. Context and candidate signals fb-extract does not have (combined)")
    ctx = [
        ("turn number", lambda t: t["turn"]),
        ("attempt > 1 (bot spoke twice)", lambda t: 1 if t["attempt"] > 1 else 0),
        ("response words", lambda t: len(t["text"].split())),
        ("a user message follows", lambda t: 1 if t["next_user"] is not None else 0),
        ("next user message words", lambda t: len((t["next_user"] or "").split())),
        ("'?' in the response", lambda t: 1 if "?" in t["text"] else 0),
        ("'?' in the next user message", lambda t: 1 if "?" in (t["next_user"] or "") else 0),
        ("response repeats the bot (>= 0.5)", lambda t: 1 if t["repeat"] >= 0.5 else 0),
        ("response repeats the bot (>= 0.8)", lambda t: 1 if t["repeat"] >= 0.8 else 0),
        ("response-to-earlier-bot similarity", lambda t: t["repeat"]),
    ]
    print("  %-36s %6s   %s" % ("feature", "AUC", "for 0/1 features: share of up / down with 1"))
    for name, f in ctx:
        up, down = split("combined", f)
        extra = ""
        if set(up + down) <= {0, 1}:
            extra = "%s / %s" % (pct(sum(up), len(up)), pct(sum(down), len(down)))
        print("  %-36s %6.3f   %s" % (name, auc(up, down), extra))

    heading("6. Words of the next user message that tell up from down (combined)")
    print("Tokens in at least 15 next messages; log OR > 0 leans up. A hint for new rules.")
    tok = re.compile(r"[\w']+|[?!]+", re.UNICODE)
    cu, cd = Counter(), Counter()
    for t in items:
        words = set(w.lower() for w in tok.findall(t["next_user"] or ""))
        (cu if t["thumbs"] == 1 else cd).update(words)
    nu2, nd2 = len(ups), len(downs)
    rows = []
    for wd in set(cu) | set(cd):
        if cu[wd] + cd[wd] < 15:
            continue
        lor = math.log(((cu[wd] + 0.5) / (nu2 - cu[wd] + 0.5)) /
                       ((cd[wd] + 0.5) / (nd2 - cd[wd] + 0.5)))
        rows.append((lor, wd))
    rows.sort()
    down_side = ["%s %+.2f (%d/%d)" % (wd, l, cu[wd], cd[wd]) for l, wd in rows[:15]]
    up_side = ["%s %+.2f (%d/%d)" % (wd, l, cu[wd], cd[wd]) for l, wd in reversed(rows[-15:])]
    print("  leans down: " + ", ".join(down_side))
    print("  leans up:   " + ", ".join(up_side))
    print("  (word log OR (in next message after up / after down))")

    heading("7. Dialogue score (--per conversation) against the dialogue rating eval_score (1-5)")
    cscore = {c["conversation_id"]: c for c in convs}
    thumbs_of = defaultdict(list)
    for t in rated:
        thumbs_of[t["conversation_id"]].append(t["thumbs"])
    print("%-13s %6s %6s  %8s  %6s %5s %5s  %s" % (
        "source", "rated", "scored", "Spearman", "AUC", "n>=4", "n<=2", "95% CI"))
    for s in SOURCES:
        pairs = []
        for d in dialogues:
            if not in_source(d["source"], s) or d["eval_score"] is None:
                continue
            c = cscore.get(d["conversation_id"])
            pairs.append((d["eval_score"], c["score"] if c and c["score"] is not None else None))
        scored = [(e, sc) for e, sc in pairs if sc is not None]
        rho = spearman([e for e, _ in scored], [sc for _, sc in scored])
        hi = [sc for e, sc in scored if e >= 4]
        lo = [sc for e, sc in scored if e <= 2]
        a, se = auc_se(hi, lo)
        print("%-13s %6d %6d  %8s  %6s %5d %5d  [%s, %s]" % (
            s, len(pairs), len(scored), fmt(rho, "%+.3f"), fmt(a), len(hi), len(lo),
            fmt(a - 1.96 * se), fmt(a + 1.96 * se)))
    print("(rated: dialogues with an eval_score; scored: those with at least one interaction,")
    print(" the others have score null and are left out)")
    print()
    print("References on the same dialogues (combined), not fb-extract:")
    refs = [
        ("mean thumbs of the dialogue", lambda d: (sum(thumbs_of[d["conversation_id"]]) /
                                                   len(thumbs_of[d["conversation_id"]]))
         if thumbs_of[d["conversation_id"]] else None),
        ("user messages in the dialogue", lambda d: d["n_user"]),
        ("interactions in the dialogue", lambda d: (cscore[d["conversation_id"]]["interactions"]
                                                    if d["conversation_id"] in cscore else None)),
    ]
    for name, f in refs:
        pairs = [(d["eval_score"], f(d)) for d in dialogues if d["eval_score"] is not None]
        pairs = [(e, v) for e, v in pairs if v is not None]
        rho = spearman([e for e, _ in pairs], [v for _, v in pairs])
        a = auc([v for e, v in pairs if e >= 4], [v for e, v in pairs if e <= 2])
        print("  %-32s n %4d  Spearman %+.3f  AUC(>=4 vs <=2) %.3f" % (name, len(pairs), rho, a))
    return 0


if __name__ == "__main__":
    sys.exit(main())
