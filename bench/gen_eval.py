#!/usr/bin/env python3
"""Writes deterministic scored, clustered interactions for bench/eval.sh.

Usage: gen_eval.py N SEED DUP_SHARE OUTFILE

N records in the shape fb-extract | fb-cluster writes (conversation_id,
turn, attempt, user_id, prompt, response, score, label, confidence,
intent {id, label}), spread over 50 intents with 1 to 6 interactions per
conversation. Prompts are 8 to 30 words, mostly from their intent's own
vocabulary of 300 made-up words. A share DUP_SHARE of the prompts are
near-duplicates of a recent prompt of the same intent: the same words with
other case and punctuation, one word appended, or the last word replaced
(Jaccard of word 3-shingles at least about 0.8). The rest are distinct.

The same arguments give the same bytes (random.Random with a fixed seed; no
set or hash order is used).
"""

import json
import random
import sys

INTENTS = 50
SYLLABLES = (
    "ka ri to mu sen la po vi dan el or us ne ba qui tor mel fa zu ip "
    "gra sto ple vin dor cal mes tri bou nak"
).split()
COMMON = (
    "the a how do i can you my to for with is it not why what please help "
    "me this that when where get make"
).split()


def make_words(rng, n):
    words, seen = [], set()
    while len(words) < n:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def perturb(rng, prompt, vocab):
    kind = rng.randrange(3)
    words = prompt.split()
    if kind == 0:
        return prompt.upper().rstrip("?") + "!!"
    if kind == 1:
        return prompt + " " + rng.choice(vocab)
    words[-1] = rng.choice(vocab)
    return " ".join(words)


def main():
    n, seed, dup_share, path = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    pool = make_words(rng, INTENTS * 300)
    vocab = [pool[i * 300:(i + 1) * 300] for i in range(INTENTS)]
    labels = [" / ".join(v[:3]) for v in vocab]
    recent = [[] for _ in range(INTENTS)]
    conv = turn = left = 0
    user = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            if left == 0:
                conv += 1
                turn = 0
                left = rng.randint(1, 6)
                user = rng.randrange(max(1, n // 50))
            left -= 1
            turn += 1
            intent = rng.randrange(INTENTS)
            r = recent[intent]
            if r and rng.random() < dup_share:
                prompt = perturb(rng, rng.choice(r), vocab[intent])
            else:
                k = rng.randint(8, 30)
                prompt = " ".join(
                    rng.choice(vocab[intent]) if rng.random() < 0.7 else rng.choice(COMMON)
                    for _ in range(k)
                ) + "?"
                r.append(prompt)
                if len(r) > 64:
                    r.pop(0)
            score = round(rng.uniform(-1, 1), 4)
            label = "positive" if score > 0.2 else "negative" if score < -0.2 else "neutral"
            rec = {
                "conversation_id": "c%d" % conv,
                "turn": turn,
                "attempt": 1,
                "user_id": "u%d" % user,
                "prompt": prompt,
                "response": " ".join(rng.choice(vocab[intent]) for _ in range(rng.randint(10, 40))),
                "score": score,
                "label": label,
                "confidence": round(rng.uniform(0.3, 1), 4),
                "intent": {"id": intent + 1, "label": labels[intent]},
            }
            out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")


main()
