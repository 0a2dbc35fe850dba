/* Feedback signals of each interaction of a conversation: explicit
 * (thumbs, stars, scores, comments) and implicit (what the user did next),
 * combined into one score. The definitions and default weights are listed in
 * fb-extract(1); the table in fb_signals.c is the one source of both. */
#ifndef FB_SIGNALS_H
#define FB_SIGNALS_H

#include <stddef.h>

#include "fb_conv.h"
#include "fb_rules.h"

enum fb_signal {
	FB_SIG_REPHRASE,    /* the next user message restates the prompt */
	FB_SIG_CORRECTION,  /* "that's wrong", "not what I asked" */
	FB_SIG_FRUSTRATION, /* "useless", "???", shouting */
	FB_SIG_GRATITUDE,   /* "thanks" */
	FB_SIG_ACCEPTANCE,  /* "perfect", "that works" */
	FB_SIG_ESCALATION,  /* "talk to a human" */
	FB_SIG_FOLLOWUP,    /* a question that builds on the answer */
	FB_SIG_REFUSAL,     /* the response refuses */
	FB_SIG_APOLOGY,     /* the response apologises */
	FB_SIG_REPETITION,  /* the response repeats an earlier one */
	FB_SIG_COPY,        /* the user copied the response */
	FB_SIG_SHARE,       /* ... shared it */
	FB_SIG_EDIT,        /* ... edited it (or their prompt) */
	FB_SIG_REGENERATE,  /* ... asked for another answer instead */
	FB_SIG_ABANDON,     /* the conversation ended here with no positive sign */
	FB_SIG_COUNT
};

struct fb_signals_config {
	double weight[FB_SIG_COUNT];
	double rephrase_threshold;   /* Dice similarity of prompts, default 0.5 */
	double idle_gap;             /* seconds of quiet that end a conversation */
	double label_threshold;      /* |score| at which a label is not neutral, 0.2 */
	double explicit_weight;      /* share of explicit feedback in the score, 0.8 */
	double repetition_threshold; /* Dice similarity of two responses, 0.5 */
};

/* Fills cfg with the documented defaults. */
void fb_signals_config_default(struct fb_signals_config *cfg);

/* Names as in records and options ("rephrase", ...); -1 when unknown. */
const char *fb_signals_name(enum fb_signal s);
int fb_signals_from_name(const char *name, size_t len);

/* One piece of evidence: which signal, seen where, and why. */
struct fb_evidence {
	enum fb_signal signal;
	const char *where; /* "next_message", "response", "event" or "timing" */
	size_t msg;        /* the message it was seen in */
	size_t start, end; /* byte offsets of the matched text in that message */
	const char *rule;  /* "<default>:12 en", "similarity 0.83", ...; owned */
};

/* Explicit feedback on one response, the latest of each kind. */
struct fb_explicit {
	int has_thumbs, has_rating, has_score;
	int thumbs;
	double rating, score;
	const char *comment; /* borrowed from the conversation */
	double value;        /* normalised to [-1, 1]; NAN when there is none */
};

enum fb_label { FB_LABEL_NEGATIVE = -1, FB_LABEL_NEUTRAL = 0, FB_LABEL_POSITIVE = 1 };

struct fb_interaction {
	size_t prompt, response; /* message indexes */
	long next;               /* the next user message, -1 when none */
	int turn;                /* 1-based user turn */
	int attempt;             /* 1, or 2.. for regenerated answers to one prompt */
	int fired[FB_SIG_COUNT];
	double latency;    /* seconds from prompt to response, NAN if unknown */
	double reply_time; /* seconds from response to the next user message */
	struct fb_explicit expl;
	double implicit;   /* tanh of the summed weights of fired signals */
	double score;      /* in [-1, 1] */
	double confidence; /* in [0, 1] */
	enum fb_label label;
	struct fb_evidence *evidence;
	size_t nevidence, evcap;
};

/* Something about the conversation worth telling the user. */
struct fb_signals_note {
	const struct fb_conv_origin *origin; /* the record concerned, borrowed */
	int reject;                          /* an event could not be used: reject its line */
	char text[200];
};

struct fb_signals_result {
	struct fb_interaction *items;
	size_t n, cap;
	struct fb_signals_note *notes;
	size_t nnotes, notecap;
};

/* Finds the interactions of c and their signals. With explain, evidence is
 * collected. The result is reset first and may be reused across calls; free
 * it with fb_signals_result_free. */
void fb_signals_analyse(const struct fb_signals_config *cfg, struct fb_rules *rules,
                        const struct fb_conv *c, int explain, struct fb_signals_result *out);

void fb_signals_result_free(struct fb_signals_result *r);

const char *fb_signals_label_name(enum fb_label label);

/* Whether an assistant's response refuses, as fb-extract's refusal signal
 * decides it: the refusal phrase rules of rules, searched in the response's
 * first 400 bytes. Returns 1 and fills *m (when not NULL), or 0. */
int fb_signals_refusal(struct fb_rules *rules, const char *text, size_t len,
                       struct fb_rule_match *m);

#endif
