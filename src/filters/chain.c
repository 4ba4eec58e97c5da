/*
 * The filter chain: the one ordered table of document filters that runs
 * between the readers and the writers.  The order is the contract: each
 * filter's file says what must run before it.
 *
 *   meta       front matter into the metadata slots, identifiers
 *   language   needs meta (language/locale keys already folded)
 *   repair     Markdown slips the reader kept as text
 *   ids        needs repair (repaired headings get ids too)
 *   links      site-relative links: resolved, absolute or unresolved
 *   sections   needs ids (a section takes its heading's id)
 *   smart      needs language (quotes per language); off by default
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "filters/filters.h"

static const struct galley_filter *const chain[] = {
	&filter_meta,
	&filter_language,
	&filter_repair,
	&filter_ids,
	&filter_links,
	&filter_sections,
	&filter_smart,
	NULL
};

_Static_assert(sizeof(chain) / sizeof(chain[0]) - 1 <=
    sizeof(unsigned long) * 8, "no_filters has a bit per filter");

const struct galley_filter *const *
galley_filters(void)
{
	return chain;
}

int
galley_filter_find(const char *name)
{
	int	 i;

	if (name == NULL)
		return -1;
	for (i = 0; chain[i] != NULL; i++)
		if (strcmp(chain[i]->name, name) == 0)
			return i;
	return -1;
}

/*
 * Run the filters that are on (by default, or smart with --smart) and
 * not switched off by --no-filter, in order; stop at the first failure.
 */
/* Whether the monotonic clock is past t (a per-file time limit). */
static int
past(double t)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 > t;
}

int
galley_filters_run(struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	const struct galley_filter	*f;
	int				 i, on;

	for (i = 0; chain[i] != NULL; i++) {
		f = chain[i];
		on = f->on || (f == &filter_smart && opts->smart);
		if (!on || (opts->no_filters & (1UL << i)))
			continue;
		if (opts->deadline > 0 && past(opts->deadline)) {
			galley_diag_add(dg, GALLEY_ERROR,
			    galley_doc_meta(doc)->source, 0, 0, "time limit "
			    "reached before the %s filter (--max-seconds)",
			    f->name);
			return -1;
		}
		if (f->run(doc, opts, dg) == -1)
			return -1;
	}
	return 0;
}

void
filter_report(struct galley_diag *dg, const struct galley_doc *doc,
    enum galley_severity sev, const struct galley_node *n,
    const char *fmt, ...)
{
	const struct galley_meta	*m = galley_doc_meta(doc);
	char				 text[512];
	va_list				 ap;

	if (!galley_diag_keeps(dg, sev)) {
		galley_diag_add(dg, sev, NULL, 0, 0, "-");	/* counted */
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	while (n != NULL && n->pos.line == 0)	/* made: its parent's */
		n = n->parent;
	galley_diag_add(dg, sev, m->source, n ? n->pos.line : 0,
	    n ? n->pos.col : 0, "%s", text);
}

size_t
utf8_next(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n, i;
	uint32_t		 c;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2;
		c = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		c = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}
