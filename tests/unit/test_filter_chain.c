/* The filter chain: its order, lookup, defaults and switches. */
#include <string.h>

#include "galley/galley.h"
#include "tap.h"

int
main(void)
{
	static const char *const order[] = { "meta", "language", "repair",
	    "ids", "links", "sections", "smart", NULL };
	const struct galley_filter *const *f = galley_filters();
	struct galley_opts	 opts;
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc;
	int			 i, same = 1, helped = 1;

	for (i = 0; order[i] != NULL; i++) {
		if (f[i] == NULL || strcmp(f[i]->name, order[i]) != 0)
			same = 0;
		if (f[i] != NULL && (f[i]->help == NULL || f[i]->help[0] ==
		    '\0'))
			helped = 0;
	}
	CHECK(same && f[i] == NULL, "the documented order");
	CHECK(helped, "each filter has a line of help");
	CHECK(galley_filter_find("ids") == 3, "find by name");
	CHECK(galley_filter_find("nope") == -1, "unknown name: -1");
	CHECK(!f[galley_filter_find("smart")]->on, "smart is off by default");

	galley_opts_init(&opts);
	doc = galley_doc_new("c.md");
	opts.no_filters = 1UL << galley_filter_find("meta");
	galley_filters_run(doc, &opts, dg);
	CHECK(galley_doc_meta(doc)->id == NULL, "--no-filter meta: no id");
	opts.no_filters = 0;
	galley_filters_run(doc, &opts, dg);
	CHECK_STR(galley_doc_meta(doc)->id, "c", "with meta: an id");
	CHECK_STR(galley_doc_meta(doc)->language, "und",
	    "empty document: und");
	galley_doc_free(doc);
	galley_diag_free(dg);

	/* notes nobody will read are counted, not kept */
	dg = galley_diag_new();
	galley_diag_drop(dg, GALLEY_NOTE);
	CHECK(!galley_diag_keeps(dg, GALLEY_NOTE) &&
	    galley_diag_keeps(dg, GALLEY_WARNING), "drop notes: warnings kept");
	galley_diag_add(dg, GALLEY_NOTE, "a.md", 1, 1, "a note %d", 1);
	galley_diag_add(dg, GALLEY_WARNING, "a.md", 2, 1, "a warning");
	CHECK(galley_diag_count(dg, GALLEY_NOTE) == 1 &&
	    galley_diag_size(dg) == 1 &&
	    galley_diag_get(dg, 0)->severity == GALLEY_WARNING,
	    "a dropped note is counted, not kept");
	galley_diag_drop(dg, -1);
	galley_diag_add(dg, GALLEY_NOTE, "a.md", 3, 1, "kept");
	CHECK(galley_diag_size(dg) == 2, "-1 keeps notes again");
	galley_diag_free(dg);
	return TAP_DONE();
}
