#!/usr/bin/env python3
"""ConvAI2 wild-evaluation dialogues to OpenAI-format records, thumbs withheld.

Usage: convai2_to_jsonl.py DATA_DIR RECORDS_OUT TRUTH_OUT

DATA_DIR holds data_volunteers.json and data_intermediate.json (see its
README.md). RECORDS_OUT gets one record per dialogue:
  {"conversation_id", "user_id", "variant": bot id, "created_at",
   "messages": [{"role": "user"|"assistant", "content", "id"}]}
with no per-message "evaluation_score" and no dialogue "eval_score": the
explicit feedback is what fb-extract's implicit signals are judged against.

TRUTH_OUT is the side table, JSON Lines, one line per dialogue
  {"kind": "dialogue", "conversation_id", "source", "eval_score", "n_user", "n_bot"}
and one per bot message
  {"kind": "message", "conversation_id", "source", "message_id", "thumbs": 0|1|null,
   "turn", "attempt", "text", "next_user"}
where turn and attempt are those fb-extract gives the interaction whose
response is this message, or null with "why" when it forms none. They follow
fb-extract's rule (lib/fb_signals.c, find_interactions): each user message
starts a turn; a non-empty assistant message after at least one user message
is an interaction of the current turn, and a second one in the same turn is
attempt 2 (and so on); assistant messages before any user message and empty
ones are not interactions. next_user is the text of the first user message
after it, or null when none follows.
"""

import json
import os
import sys

SOURCES = [("volunteers", "data_volunteers.json"), ("intermediate", "data_intermediate.json")]


def iso(t):
    # "2018-10-29 09:08:40" (UTC, by the README's dates) to RFC 3339.
    return t.replace(" ", "T") + "Z" if t else None


def participant(d, cls):
    for key in ("participant1_id", "participant2_id"):
        p = d.get(key) or {}
        if p.get("class") == cls:
            return p.get("user_id")
    return None


def convert(source, dialogues, rec_out, truth_out):
    for i, d in enumerate(dialogues):
        cid = "%s-%04d" % (source, i)
        msgs = []
        turn = attempt = 0
        seen_user = False
        n_user = n_bot = 0
        truth = []
        for m in d["dialog"]:
            text = m.get("text") or ""
            mid = "m%s" % m["id"]
            if m["sender_class"] == "Human":
                role = "user"
                for t in truth:
                    if "next_user" not in t:
                        t["next_user"] = text
                n_user += 1
                turn += 1
                attempt = 0
                seen_user = True
            else:
                role = "assistant"
                n_bot += 1
                t = {"kind": "message", "conversation_id": cid, "source": source,
                     "message_id": mid, "thumbs": m.get("evaluation_score"),
                     "turn": None, "attempt": None, "text": text}
                if not seen_user:
                    t["why"] = "before any user message"
                elif not text:
                    t["why"] = "empty text"
                else:
                    attempt += 1
                    t["turn"], t["attempt"] = turn, attempt
                truth.append(t)
            msgs.append({"role": role, "content": text, "id": mid})
        rec = {"conversation_id": cid, "user_id": participant(d, "User"),
               "variant": participant(d, "Bot"), "created_at": iso(d.get("start_time")),
               "messages": msgs}
        rec_out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        truth_out.write(json.dumps({"kind": "dialogue", "conversation_id": cid, "source": source,
                                    "eval_score": d.get("eval_score"), "n_user": n_user,
                                    "n_bot": n_bot}, ensure_ascii=False) + "\n")
        for t in truth:
            t.setdefault("next_user", None)
            truth_out.write(json.dumps(t, ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: convai2_to_jsonl.py DATA_DIR RECORDS_OUT TRUTH_OUT\n")
        return 2
    data_dir, rec_path, truth_path = sys.argv[1:]
    with open(rec_path, "w", encoding="utf-8") as rec_out, \
            open(truth_path, "w", encoding="utf-8") as truth_out:
        for source, name in SOURCES:
            with open(os.path.join(data_dir, name), encoding="utf-8") as f:
                convert(source, json.load(f), rec_out, truth_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
