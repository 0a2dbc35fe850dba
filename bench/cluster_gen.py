"""Generated prompts for bench/cluster-scale.sh (run with /usr/bin/python3).

  cluster_gen.py DATA N SEED > OUT.jsonl

N records {"prompt", "user_id", "intent_true"} made from CLINC150's
in-scope utterances (DATA is its data_full.json): each an utterance picked
at random, with words swapped for synonyms, an opening or a closing
phrase, now and then a typo or a change of case, so that texts repeat
about as little as real prompts do. Deterministic for a given SEED.
"""
import json
import random
import sys

SYNONYMS = {
    "my": ["my", "my own", "our"],
    "please": ["please", "pls", "kindly"],
    "want": ["want", "would like", "need"],
    "tell": ["tell", "show", "let me know"],
    "what": ["what", "whats", "what's"],
    "can": ["can", "could", "would"],
    "help": ["help", "assist", "support"],
    "find": ["find", "look up", "search for"],
    "card": ["card", "credit card", "bank card"],
    "account": ["account", "acct", "profile"],
    "book": ["book", "reserve", "schedule"],
    "change": ["change", "update", "modify"],
    "cancel": ["cancel", "stop", "call off"],
    "how": ["how", "how do i", "in what way"],
}
OPENINGS = ["", "", "", "hey ", "hi, ", "ok so ", "quick question: ", "i was wondering ",
            "assistant, ", "hello there, "]
CLOSINGS = ["", "", "", "?", " thanks", " please", " asap", " right now", " for me",
            " thank you!"]


def typo(word, rng):
    if len(word) < 4:
        return word
    i = rng.randrange(len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def vary(text, rng):
    words = []
    for w in text.split():
        alts = SYNONYMS.get(w.lower())
        if alts and rng.random() < 0.5:
            w = rng.choice(alts)
        if rng.random() < 0.03:
            w = typo(w, rng)
        words.append(w)
    out = rng.choice(OPENINGS) + " ".join(words) + rng.choice(CLOSINGS)
    r = rng.random()
    if r < 0.05:
        out = out.upper()
    elif r < 0.3:
        out = out.capitalize()
    return out


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    n, seed = int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    pool = [u for part in ("train", "val", "test") for u in data[part]]
    users = max(1, n // 20)
    out = sys.stdout
    for i in range(n):
        text, intent = rng.choice(pool)
        out.write(json.dumps({"prompt": vary(text, rng), "user_id": "u%d" % rng.randrange(users),
                              "intent_true": intent}) + "\n")


main()
