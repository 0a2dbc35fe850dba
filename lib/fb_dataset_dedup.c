/* Near-duplicate prompts among the cases of one intent, with MinHash and
 * LSH (fb_minhash.h): the groups that dedup and the preference pairs of
 * near-identical prompts are made of. */
#include <stdlib.h>

#include "fb_alloc.h"
#include "fb_dataset_impl.h"
#include "fb_minhash.h"

int ds_group(struct fb_dataset *d, const unsigned char *only, struct fb_error *err)
{
	struct fb_minhash_params p;
	struct fb_minhash *mh;
	struct fb_minhash_dedup *dd;
	const struct ds_rec *r;
	uint32_t *by, *offered;
	size_t i, j, n, dup;
	uint32_t c;

	fb_minhash_params_default(&p);
	fb_minhash_params_for_threshold(&p, d->opts.dedup_threshold);
	if (!(mh = fb_minhash_new(&p, err)))
		return -1;
	by = ds_by_intent_key(d);
	offered = fb_xmalloc((d->ncases + 1) * sizeof *offered);
	/* One deduplicator per intent: prompts of different intents are never
	 * duplicates, and the first offered, the lowest key, represents its
	 * group, so which case stays follows the seed, not the input order. */
	for (i = 0; i < d->ncases; i = j) {
		dd = fb_minhash_dedup_new(mh, d->opts.dedup_threshold);
		n = 0;
		for (j = i; j < d->ncases && d->cases[by[j]].intent == d->cases[by[i]].intent;
		     j++) {
			c = by[j];
			d->cases[c].group = c;
			if (only && !only[c])
				continue;
			r = &d->rec[d->order[d->cases[c].first]];
			offered[n++] = c;
			if (!fb_minhash_dedup_offer(dd, ds_text(d, r->prompt), r->prompt_len, &dup))
				d->cases[c].group = offered[dup];
		}
		fb_minhash_dedup_free(dd);
	}
	free(offered);
	free(by);
	fb_minhash_free(mh);
	return 0;
}
