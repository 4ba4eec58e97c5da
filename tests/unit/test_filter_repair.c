/* The repair filter: Markdown slips mended, each reported; code never. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "tap.h"

static struct galley_doc *
convert(const char *s, struct galley_diag *dg)
{
	struct galley_opts	 opts;
	struct galley_doc	*doc = NULL;

	galley_opts_init(&opts);
	opts.format = "markdown";
	opts.no_filters = ~(1UL << galley_filter_find("repair"));
	if (galley_read(&doc, "r.md", s, strlen(s), &opts, dg) == -1)
		return NULL;
	galley_filters_run(doc, &opts, dg);
	return doc;
}

static size_t
notes(struct galley_diag *dg, const char *part)
{
	size_t	 i, n = 0;

	for (i = 0; i < galley_diag_size(dg); i++)
		if (galley_diag_get(dg, i)->severity == GALLEY_NOTE &&
		    strstr(galley_diag_get(dg, i)->text, part) != NULL)
			n++;
	return n;
}

static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*s;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = calloc(1, (size_t)n + 1);
	if (s != NULL && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	return s;
}

static int
count(const struct galley_node *n, enum galley_node_type t)
{
	int	 c = n->type == t;

	for (n = n->first; n != NULL; n = n->next)
		c += count(n, t);
	return c;
}

static const struct galley_node *
find(const struct galley_node *n, enum galley_node_type t)
{
	const struct galley_node *c, *f;

	if (n->type == t)
		return n;
	for (c = n->first; c != NULL; c = c->next)
		if ((f = find(c, t)) != NULL)
			return f;
	return NULL;
}

int
main(void)
{
	struct galley_diag		*dg = galley_diag_new();
	struct galley_doc		*doc;
	const struct galley_node	*n, *h;
	const struct galley_msg		*msg;
	char				*seed, buf[256];
	size_t				 i;

	/* seed 000: "##Høydepunkter", then 2 items and a "– " paragraph */
	seed = slurp("input/000_5413cba6d7dd22c5.txt");
	CHECK(seed != NULL, "seed 000 is there");
	doc = seed ? convert(seed, dg) : NULL;
	CHECK(doc != NULL, "seed 000 converts");
	h = NULL;
	n = doc ? galley_doc_root(doc)->first : NULL;
	for (; n != NULL; n = n->next)
		if (n->type == GALLEY_NODE_HEADING && n->first != NULL &&
		    n->first->literal != NULL &&
		    strcmp(n->first->literal, "Høydepunkter") == 0)
			h = n;
	CHECK(h != NULL && h->u.heading.level == 2,
	    "##Høydepunkter is a level 2 heading");
	n = h ? h->next : NULL;
	CHECK(n != NULL && n->type == GALLEY_NODE_LIST && n->next == NULL,
	    "one list follows it, and nothing else");
	CHECK(n != NULL && count(n, GALLEY_NODE_ITEM) == 3,
	    "the list has 3 items");
	CHECK(n != NULL && n->last->first->first->literal != NULL &&
	    strncmp(n->last->first->first->literal, "Backoffice er", 13) == 0,
	    "the dash is gone from the last item");
	CHECK(doc != NULL && count(galley_doc_root(doc), GALLEY_NODE_QUOTE)
	    == 1, "the stray '>' line's empty quote is gone");
	CHECK(notes(dg, "heading") == 1 && notes(dg, "list item") == 1 &&
	    notes(dg, "empty quote") == 1, "each repair is a note");
	msg = NULL;
	for (i = 0; i < galley_diag_size(dg); i++)
		if (strstr(galley_diag_get(dg, i)->text, "heading") != NULL)
			msg = galley_diag_get(dg, i);
	if (msg != NULL)
		galley_msg_format(msg, buf, sizeof(buf));
	CHECK(msg != NULL && strncmp(buf, "r.md:36:1: note: ", 17) == 0,
	    "the note names file:line:col");
	galley_doc_free(doc);
	free(seed);

	/* a second run finds nothing more */
	galley_diag_clear(dg);
	doc = convert("##Heading\n\n- a\n\n– b\n", dg);
	galley_filters_run(doc, &(struct galley_opts){ .no_filters =
	    ~(1UL << galley_filter_find("repair")) }, dg);
	CHECK(galley_diag_size(dg) == 2, "repairs are idempotent");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("```\n##Code\n– x\n```\n\nText `##x` and\n\n"
	    "#hashtag\n\n#TODO fix this later\n\n#NoSpace line\n\n#Ab #cd\n\n"
	    "# Real\n", dg);
	CHECK(galley_diag_size(dg) == 0, "code, inline code, #hashtag, "
	    "#TODO, #NoSpace, two tags: nothing repaired");
	n = find(galley_doc_root(doc), GALLEY_NODE_CODE_BLOCK);
	CHECK(n != NULL && strcmp(n->literal, "##Code\n– x\n") == 0,
	    "fenced code unchanged");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("Intro.\n\n• one\n\n• two\n\n– Hei, sa han.\n\nEnd.\n",
	    dg);
	n = find(galley_doc_root(doc), GALLEY_NODE_LIST);
	CHECK(n != NULL && count(n, GALLEY_NODE_ITEM) == 3,
	    "• paragraphs start a list; a dash after it joins");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("Intro.\n\n– Hei, sa han.\n\nEnd.\n", dg);
	CHECK(find(galley_doc_root(doc), GALLEY_NODE_LIST) == NULL,
	    "a lone dash line is dialogue, not a list");
	galley_doc_free(doc);

	/* mixed markers, as translated articles have them */
	galley_diag_clear(dg);
	doc = convert("- a\n\n- b\n\n\xe2\x80\x93 c\n\n- d\n", dg);
	n = find(galley_doc_root(doc), GALLEY_NODE_LIST);
	CHECK(n != NULL && count(n, GALLEY_NODE_ITEM) == 4 && n->next == NULL,
	    "- a, - b, – c, - d: one list of four");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("Intro:\n\xe2\x80\x93 Eggs\n\xe2\x80\x93 Flour\n", dg);
	n = find(galley_doc_root(doc), GALLEY_NODE_LIST);
	CHECK(n != NULL && count(n, GALLEY_NODE_ITEM) == 2 && n->prev != NULL &&
	    n->prev->type == GALLEY_NODE_PARAGRAPH &&
	    find(n->prev, GALLEY_NODE_SOFTBREAK) == NULL,
	    "Intro: over – Eggs, – Flour: a paragraph, then a list");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("- Gin\n\xe2\x80\x93 Hops\n", dg);
	n = find(galley_doc_root(doc), GALLEY_NODE_LIST);
	CHECK(n != NULL && count(n, GALLEY_NODE_ITEM) == 2,
	    "- Gin over – Hops: two items");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("Hon sa:\n\xe2\x80\x93 Vi m\xc3\xa5ste g\xc3\xa5 nu.\n"
	    "\xe2\x80\x93 Varf\xc3\xb6r det? fr\xc3\xa5gade jag.\n\n"
	    "- Paris is the capital\n\xe2\x80\x93 and the largest city.\n", dg);
	CHECK(find(galley_doc_root(doc), GALLEY_NODE_LIST) == NULL ||
	    count(galley_doc_root(doc), GALLEY_NODE_ITEM) == 1,
	    "dialogue after a colon, a lower-case line after an item: no items");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("The range is from 10\n\xe2\x80\x93 20 dollars.\n", dg);
	CHECK(find(galley_doc_root(doc), GALLEY_NODE_LIST) == NULL,
	    "a sentence going on after a line break with a dash: no list");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("• one\n• two\n• three\n", dg);
	n = find(galley_doc_root(doc), GALLEY_NODE_LIST);
	CHECK(n != NULL && count(n, GALLEY_NODE_ITEM) == 3 &&
	    find(galley_doc_root(doc), GALLEY_NODE_SOFTBREAK) == NULL,
	    "one paragraph of • lines: one item per line");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("Line one\xc2\xa0\xc2\xa0\nline two\xc2\xa0\n", dg);
	n = find(galley_doc_root(doc), GALLEY_NODE_TEXT);
	CHECK(n != NULL && strcmp(n->literal, "Line one") == 0 &&
	    strcmp(galley_doc_root(doc)->first->last->literal, "line two")
	    == 0, "trailing no-break spaces removed");
	CHECK(notes(dg, "no-break") == 2, "each reported");
	galley_doc_free(doc);

	galley_diag_clear(dg);
	doc = convert("###Three ###\n", dg);
	n = galley_doc_root(doc)->first;
	CHECK(n->type == GALLEY_NODE_HEADING && n->u.heading.level == 3 &&
	    strcmp(n->first->literal, "Three") == 0,
	    "closing #s of a repaired heading go");
	galley_doc_free(doc);

	galley_diag_free(dg);
	return TAP_DONE();
}
