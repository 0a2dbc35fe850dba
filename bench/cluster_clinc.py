"""Helpers of bench/cluster.sh (run with /usr/bin/python3).

  prepare DATA OUT.jsonl   CLINC150's in-scope utterances (train, val, test)
                           as {"prompt", "intent_true"} records
  score IN.jsonl           NMI and ARI of fb-cluster's output against the
                           true intents
  peer IN.jsonl K SEED     scikit-learn's TfidfVectorizer + KMeans(K,
                           n_init=1) on the same texts: seconds, NMI, ARI
"""
import json
import sys
import time


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def metrics(truth, pred):
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return normalized_mutual_info_score(truth, pred), adjusted_rand_score(truth, pred)


def main():
    cmd = sys.argv[1]
    if cmd == "prepare":
        data = json.load(open(sys.argv[2], encoding="utf-8"))
        with open(sys.argv[3], "w", encoding="utf-8") as out:
            for part in ("train", "val", "test"):
                for text, intent in data[part]:
                    out.write(json.dumps({"prompt": text, "intent_true": intent}) + "\n")
    elif cmd == "score":
        recs = read(sys.argv[2])
        truth = [r["intent_true"] for r in recs]
        pred = [-1 if r["intent"]["id"] is None else r["intent"]["id"] for r in recs]
        nmi, ari = metrics(truth, pred)
        print("%.4f %.4f" % (nmi, ari))
    elif cmd == "peer":
        from sklearn.cluster import KMeans
        from sklearn.feature_extraction.text import TfidfVectorizer

        recs = read(sys.argv[2])
        k, seed = int(sys.argv[3]), int(sys.argv[4])
        t0 = time.perf_counter()
        x = TfidfVectorizer().fit_transform([r["prompt"] for r in recs])
        pred = KMeans(n_clusters=k, n_init=1, random_state=seed).fit_predict(x)
        secs = time.perf_counter() - t0
        nmi, ari = metrics([r["intent_true"] for r in recs], pred)
        print("%.2f %.4f %.4f" % (secs, nmi, ari))


main()
