/*
 * The ids filter: every heading and footnote definition gets an id that
 * is unique in its document, an XML NCName and an HTML id, readable and
 * stable ("hva-er-back-office", "fn-1").  Ids already there (a JSON
 * input, a second run) are kept, so the filter is idempotent.  Runs
 * after repair (a repaired heading needs an id too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filters/filters.h"

#define ID_MAX	60	/* bytes of slug before "-2" suffixes */

struct idset {
	const char	**v;
	size_t		  n, cap;
};

static int
idset_has(const struct idset *set, const char *id)
{
	size_t	 i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i], id) == 0)
			return 1;
	return 0;
}

static void
idset_add(struct idset *set, const char *id)
{
	const char	**v;

	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 32;
		v = realloc(set->v, set->cap * sizeof(*v));
		if (v == NULL) {
			fputs("galley: out of memory\n", stderr);
			exit(1);
		}
		set->v = v;
	}
	set->v[set->n++] = id;
}

struct ids {
	struct galley_doc	*doc;
	struct idset		 used;
	struct slugger		*slugger;
	int			 pass;	/* 1: keep valid ids, 2: make */
};

static int
wants_id(const struct galley_node *n)
{
	return n->type == GALLEY_NODE_HEADING ||
	    n->type == GALLEY_NODE_FOOTNOTE_DEF;
}

/* A fresh id for n: its slug, made an NCName and unique. */
static const char *
make_id(struct ids *ids, const struct galley_node *n)
{
	const char	*base, *id;
	char		*text;
	int		 i;

	if (n->type == GALLEY_NODE_FOOTNOTE_DEF) {
		text = slug_make(ids->slugger, ids->doc,
		    n->u.note.label ? n->u.note.label : "", ID_MAX);
		base = galley_doc_printf(ids->doc, "fn-%s", text[0] ? text :
		    "note");
	} else {
		text = galley_node_text(ids->doc, n);
		base = slug_make(ids->slugger, ids->doc, text, ID_MAX);
		if (base[0] == '\0')
			base = "section";
		else if (!slug_is_ncname(base))	/* starts with a digit */
			base = galley_doc_printf(ids->doc, "h-%s", base);
	}
	id = base;
	for (i = 2; idset_has(&ids->used, id); i++)
		id = galley_doc_printf(ids->doc, "%s-%d", base, i);
	return id;
}

static enum galley_walk
visit(struct galley_node *n, int entering, void *arg)
{
	struct ids	*ids = arg;

	if (n->type == GALLEY_NODE_CODE_BLOCK ||
	    n->type == GALLEY_NODE_HTML_BLOCK ||
	    n->type == GALLEY_NODE_PARAGRAPH || n->type == GALLEY_NODE_TABLE)
		return GALLEY_WALK_SKIP;	/* no heading below */
	if (!entering || !wants_id(n))
		return GALLEY_WALK_NEXT;
	if (ids->pass == 1) {
		if (n->id != NULL && slug_is_ncname(n->id) &&
		    !idset_has(&ids->used, n->id))
			idset_add(&ids->used, n->id);
		else
			n->id = NULL;	/* invalid or taken: made anew */
	} else if (n->id == NULL) {
		n->id = make_id(ids, n);
		idset_add(&ids->used, n->id);
	}
	return n->type == GALLEY_NODE_HEADING ? GALLEY_WALK_SKIP :
	    GALLEY_WALK_NEXT;
}

/* A section takes the id of its heading: the sections filter sets it. */
static int
ids_run(struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	struct ids	 ids;

	memset(&ids, 0, sizeof(ids));
	ids.doc = doc;
	ids.slugger = slugger_new();
	ids.pass = 1;
	galley_walk(galley_doc_root(doc), visit, &ids);
	ids.pass = 2;
	galley_walk(galley_doc_root(doc), visit, &ids);
	slugger_free(ids.slugger);
	free(ids.used.v);
	return 0;
}

const struct galley_filter filter_ids = {
	"ids",
	"readable, unique, stable ids for headings and footnotes",
	1,
	ids_run
};
