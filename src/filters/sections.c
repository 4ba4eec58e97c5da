/*
 * The sections filter: each heading at the top of the document and the
 * blocks after it, up to a heading of the same or a higher level, go
 * into a SECTION (TEI div, XHTML section, nav levels); the heading stays
 * its first child and lends it its level and id; footnote definitions
 * stay at the top.  Raw HTML that opens a container (<details>, <div>)
 * and a later block that closes it stay in one parent: a heading
 * between nests inside, and the section it opens ends at the closing
 * block.  Sections already there are undone first, so a second run
 * builds the same tree.  Runs after ids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filters/filters.h"
#include "model/rawhtml.h"
#include "model/oom.h"

#define LEVELS	7	/* heading levels 1..6, and the root */

/* Move the children of each SECTION under parent up in its place. */
static void
unwrap(struct galley_node *parent)
{
	struct galley_node	*n, *next, *c;

	for (n = parent->first; n != NULL; n = next) {
		next = n->next;
		if (n->type != GALLEY_NODE_SECTION)
			continue;
		unwrap(n);
		while ((c = n->first) != NULL) {
			galley_node_unlink(c);
			galley_node_insert_before(n, c);
		}
		galley_node_unlink(n);
	}
}

/*
 * If v[i] is an HTML block that leaves a container open, the index of
 * the block that closes it, else 0; dv: each block's counts
 * (raw_counts).  *budget: blocks that may still be looked at (100,000
 * "<div>" never closed must not cost 100,000 squared).
 */
static size_t
closer(struct galley_node **v, int (*dv)[RAW_CONTAINERS], size_t i,
    size_t count, size_t *budget)
{
	int	 depth[RAW_CONTAINERS] = { 0 };
	size_t	 j, k;

	if (v[i]->type != GALLEY_NODE_HTML_BLOCK || v[i]->literal == NULL)
		return 0;
	memcpy(depth, dv[i], sizeof(depth));
	if (raw_open(depth) != 1)
		return 0;
	for (j = i + 1; j < count && *budget > 0; j++, --*budget) {
		if (v[j]->type != GALLEY_NODE_HTML_BLOCK ||
		    v[j]->literal == NULL)
			continue;
		for (k = 0; k < RAW_CONTAINERS; k++)
			depth[k] += dv[j][k];
		switch (raw_open(depth)) {
		case -1:
			return 0;	/* closes more than it opened */
		case 0:
			return j;
		}
	}
	return 0;
}

static int
sections_run(struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	struct galley_node	*root = galley_doc_root(doc);
	/* a container's headings nest below the sections open where it
	 * opened: twice the levels at most (one container at a time) */
	struct galley_node	*stack[2 * LEVELS], **v, *n = NULL, *s, *into;
	int			(*dv)[RAW_CONTAINERS];
	size_t			 i, count = 0, end = 0, budget = 1000000;
	int			 depth = 0, level, rc = -1, fence = -1;

	unwrap(root);
	/* detach the blocks, then hang them back into sections */
	for (n = root->first; n != NULL; n = n->next)
		count++;
	v = malloc((count + 1) * sizeof(*v));
	if (v == NULL) {
		galley_oom();
	}
	for (i = 0; i < count; i++) {
		v[i] = root->first;
		galley_node_unlink(v[i]);
	}
	if ((dv = raw_counts(v, count)) == NULL) {
		galley_oom();
	}
	for (i = 0; i < count; i++) {
		n = v[i];
		/* a container's closing block: back to where it opened */
		if (fence >= 0 && i == end) {
			depth = fence;
			fence = -1;
		} else if (fence < 0 && (end = closer(v, dv, i, count,
		    &budget)) != 0)
			fence = depth;
		if (n->type == GALLEY_NODE_HEADING) {
			level = n->u.heading.level;
			if (level < 1)
				level = 1;
			if (level > 6)
				level = 6;
			while (depth > (fence > 0 ? fence : 0) &&
			    stack[depth - 1]->u.section.level >= level)
				depth--;
			s = galley_node_new(doc, GALLEY_NODE_SECTION, n->pos);
			s->u.section.level = level;
			s->id = n->id;
			into = depth > 0 ? stack[depth - 1] : root;
			if (galley_node_append(into, s) == -1)
				goto fail;
			if (depth < 2 * LEVELS)
				stack[depth++] = s;
		}
		/* footnotes belong to the article, not to the last section */
		into = depth > 0 && n->type != GALLEY_NODE_FOOTNOTE_DEF ?
		    stack[depth - 1] : root;
		if (galley_node_append(into, n) == -1)
			goto fail;
	}
	rc = 0;
fail:
	if (rc == -1)
		filter_report(dg, doc, GALLEY_ERROR, n,
		    "sections: cannot place a %s in a section",
		    galley_node_type_name(n->type));
	free(dv);
	free(v);
	return rc;
}

const struct galley_filter filter_sections = {
	"sections",
	"nest the blocks after each heading into a section, by level",
	1,
	sections_run
};
