/*
 * The filter chain: the one ordered table of document filters, run
 * between the reader and the writers.
 */
#include <string.h>

#include "galley/pipeline.h"

static const struct galley_filter *const filters[] = {
	NULL
};

const struct galley_filter *const *
galley_filters(void)
{
	return filters;
}

int
galley_filter_find(const char *name)
{
	int	 i;

	for (i = 0; filters[i] != NULL; i++)
		if (strcmp(filters[i]->name, name) == 0)
			return i;
	return -1;
}

int
galley_filters_run(struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	int	 i;

	for (i = 0; filters[i] != NULL; i++) {
		if (opts->no_filters & (1UL << i))
			continue;
		if (!filters[i]->on && !(filters[i]->name[0] == 's' &&
		    opts->smart))
			continue;
		if (filters[i]->run(doc, opts, dg) == -1)
			return -1;
	}
	return 0;
}
