/*
 * The ids filter: every heading and footnote definition gets an id that
 * is unique in its document, an XML NCName and an HTML id, readable and
 * stable ("hva-er-back-office", "fn-1").  Ids already there (a JSON
 * input, a second run) are kept, so the filter is idempotent.  Runs
 * after repair (a repaired heading needs an id too).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filters/filters.h"
#include "model/oom.h"

#define ID_MAX	60	/* bytes of slug before "-1" suffixes */

/* A set of strings with a number each: open addressing, power of two. */
struct idset {
	const char	**key;
	int		 *num;	/* for a base: the next suffix to try */
	size_t		  n, cap;
};

static size_t
idset_slot(const struct idset *set, const char *id)
{
	uint32_t	 h = 2166136261u;
	const char	*p;
	size_t		 i;

	for (p = id; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (i = h & (set->cap - 1); set->key[i] != NULL;
	    i = (i + 1) & (set->cap - 1))
		if (strcmp(set->key[i], id) == 0)
			break;
	return i;
}

static int *
idset_get(const struct idset *set, const char *id)
{
	size_t	 i;

	if (set->cap == 0)
		return NULL;
	i = idset_slot(set, id);
	return set->key[i] != NULL ? &set->num[i] : NULL;
}

static int
idset_has(const struct idset *set, const char *id)
{
	return idset_get(set, id) != NULL;
}

static void
idset_grow(struct idset *set)
{
	struct idset	 big;
	size_t		 i, j;

	big.cap = set->cap ? set->cap * 2 : 64;
	big.n = set->n;
	big.key = calloc(big.cap, sizeof(*big.key));
	big.num = calloc(big.cap, sizeof(*big.num));
	if (big.key == NULL || big.num == NULL) {
		galley_oom();
	}
	for (i = 0; i < set->cap; i++)
		if (set->key[i] != NULL) {
			j = idset_slot(&big, set->key[i]);
			big.key[j] = set->key[i];
			big.num[j] = set->num[i];
		}
	free(set->key);
	free(set->num);
	*set = big;
}

/* Add id (borrowed: it lives in the arena) with number num. */
static void
idset_put(struct idset *set, const char *id, int num)
{
	size_t	 i;

	if ((set->n + 1) * 2 > set->cap)
		idset_grow(set);
	i = idset_slot(set, id);
	if (set->key[i] == NULL)
		set->n++;
	set->key[i] = id;
	set->num[i] = num;
}

static void
idset_add(struct idset *set, const char *id)
{
	idset_put(set, id, 2);
}

static void
idset_release(struct idset *set)
{
	free(set->key);
	free(set->num);
}

struct ids {
	struct galley_doc	*doc;
	struct idset		 used;
	struct idset		 bases;	/* base -> next suffix */
	struct slugger		*slugger;
	int			 pass;	/* 1: keep valid ids, 2: make */
	struct galley_diag	*dg;
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
	int		 i, *next;

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
	next = idset_get(&ids->bases, base);
	i = next != NULL ? *next : 1;
	while (idset_has(&ids->used, id))
		id = galley_doc_printf(ids->doc, "%s-%d", base, i++);
	idset_put(&ids->bases, base, i);
	return id;
}

/*
 * An id given that is no ASCII XML name ("über", "1abc") becomes one
 * ("uber", "h-1abc"), so that links to it find it; one that is taken,
 * or that makes nothing, gives way to a new id (pass 2).  With a note.
 */
static const char *
mend_id(struct ids *ids, const struct galley_node *n)
{
	const char	*id = NULL;

	if (!slug_is_ncname(n->id)) {
		id = slug_make(ids->slugger, ids->doc, n->id, ID_MAX);
		if (id[0] != '\0' && !slug_is_ncname(id))
			id = galley_doc_printf(ids->doc, "h-%s", id);
		if (id[0] == '\0' || idset_has(&ids->used, id))
			id = NULL;
		else
			idset_add(&ids->used, id);
	}
	filter_report(ids->dg, ids->doc, GALLEY_NOTE, n, "ids: \"%s\" is %s: "
	    "%s%s%s", n->id, slug_is_ncname(n->id) ? "taken" : "not an ASCII "
	    "XML name", id != NULL ? "\"" : "a new one is made",
	    id != NULL ? id : "", id != NULL ? "\" instead" : "");
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
			n->id = n->id != NULL ? mend_id(ids, n) : NULL;
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
	ids.dg = dg;
	ids.slugger = slugger_new();
	ids.pass = 1;
	galley_walk(galley_doc_root(doc), visit, &ids);
	ids.pass = 2;
	galley_walk(galley_doc_root(doc), visit, &ids);
	slugger_free(ids.slugger);
	idset_release(&ids.used);
	idset_release(&ids.bases);
	return 0;
}

const struct galley_filter filter_ids = {
	"ids",
	"readable, unique, stable ids for headings and footnotes",
	1,
	ids_run
};
