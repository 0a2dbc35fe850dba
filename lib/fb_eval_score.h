/* Scores of a candidate's answer to an eval case: how close it is to the
 * answer users liked (reference) and to the one they rejected, whether it
 * refuses, its length, the case's regex assertions, and one overall score.
 * The definitions are in fb-eval-score(1); they are restated here.
 *
 * Words are those of fb_text_words (NFKC case folding, accents kept, a word
 * per character in Han and kana), with repeats and in order. For a candidate
 * of c words and a target of t words:
 *
 *   token F1 = 2 overlap / (c + t), overlap the size of the multiset
 *              intersection (SQuAD's F1, without its article and
 *              punctuation stripping; rouge-score's rouge1 F-measure);
 *   ROUGE-L  = 2 LCS / (c + t), LCS the length of the longest common
 *              subsequence: Lin (2004)'s F-measure with beta = 1, that is
 *              2PR / (P + R) with P = LCS/c and R = LCS/t, the rougeL of
 *              Google's rouge-score package without stemming.
 *
 * Both are 1 when neither text has a word (identical texts; rouge-score says
 * 0 there), and 0 when only one has none. On ASCII text the words are
 * rouge-score's: lower case, split at every character that is not a letter
 * or digit. */
#ifndef FB_EVAL_SCORE_H
#define FB_EVAL_SCORE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "fb_error.h"
#include "fb_eval_score_case.h"

/* ---- the metrics on word-id sequences ---- */

/* Size of the multiset intersection of a[0..n) and b[0..m); count, with an
 * entry for every id, is scratch, all zero on entry and on return. */
size_t fb_eval_overlap(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t *count);

/* Length of the longest common subsequence of a[0..n) and b[0..m), in
 * O(n m) time; row (m + 1 entries) is scratch. */
size_t fb_eval_lcs(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t *row);

/* 2 hits / (n + m): the F-measure with beta = 1 of hits shared among n and m
 * items; 1 when n and m are 0. */
double fb_eval_fmeasure(size_t hits, size_t n, size_t m);

/* ---- the metrics on texts ---- */

struct fb_eval_sim {
	double f1;            /* token F1 */
	double rouge_l;       /* ROUGE-L F-measure */
	size_t words, target; /* words of the candidate and of the target */
	size_t overlap, lcs;  /* shared words, longest common subsequence */
};

struct fb_eval_scorer; /* opaque: refusal rules and scratch; one thread */

/* Returns a new scorer with fb-extract's default refusal rules, or NULL with
 * err->text when they do not compile (which would be a bug). */
struct fb_eval_scorer *fb_eval_scorer_new(struct fb_error *err);

void fb_eval_scorer_free(struct fb_eval_scorer *s);

/* Compares candidate with target (valid UTF-8) word by word. */
void fb_eval_similarity(struct fb_eval_scorer *s, const char *candidate, size_t clen,
                        const char *target, size_t tlen, struct fb_eval_sim *out);

/* Whether text refuses, as fb-extract's refusal signal says. */
int fb_eval_refusal(struct fb_eval_scorer *s, const char *text, size_t len);

/* ---- one answer to one case ---- */

struct fb_eval_result {
	int has_reference, has_rejected;
	struct fb_eval_sim reference, rejected; /* when has_... */
	int refusal;                            /* the answer refuses */
	int reference_refusal;                  /* so does the reference */
	size_t words;                           /* words of the answer */
	double length_ratio;    /* words / words of the reference; NaN when no reference
	                         * or one without words */
	size_t passed, failed;  /* assertions */
	const size_t *failures; /* indexes into the case's asserts of the failed ones,
	                         * owned by the scorer, valid until its next use */
	size_t limit_hits;      /* failed because the regex gave up */
	double score;           /* fb_eval_combine; NaN when nothing to score */
};

/* The parts of the overall score, each in [0, 1]: closeness to the
 * reference and distance from the rejected answer,
 *
 *   sim(t)  = (F1(t) + ROUGE-L(t)) / 2
 *   s       = (1 + sim(reference) - sim(rejected)) / 2   both given
 *           = sim(reference)                             reference only
 *           = 1 - sim(rejected)                          rejected only
 *   a       = passed / (passed + failed)                 assertions given
 *
 * score = the mean of s and a, those there are; NaN when neither is. Then
 * 0 when the answer has no word, or refuses while the reference does not
 * (or there is none). Reads every field of r but score. */
double fb_eval_combine(const struct fb_eval_result *r);

/* Scores response (len bytes of valid UTF-8) as an answer to c. */
void fb_eval_score(struct fb_eval_scorer *s, const struct fb_eval_case *c, const char *response,
                   size_t len, struct fb_eval_result *out);

/* The output record of c answered by variant: id, intent, variant,
 * answered, f1_reference, rougeL_reference, f1_rejected, rougeL_rejected,
 * refusal, length_ratio, assertions_passed, assertions_failed, assertions_ok,
 * failed_assertions, score; figures that do not apply are null. r NULL
 * writes the case as unanswered (answered false, the rest null). Returns a
 * new reference. */
json_t *fb_eval_score_record(const struct fb_eval_case *c, const char *variant,
                             const struct fb_eval_result *r);

#endif
