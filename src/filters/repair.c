/*
 * The repair filter: Markdown slips the reader had to keep as text,
 * mended and each reported as a note.  An ATX heading without its space
 * ("##Høydepunkter"); paragraphs starting with "– " or "• " made items
 * of the list they follow or start; empty quotes left by stray ">"
 * lines; no-break spaces at the end of a line.  Code is never touched:
 * only TEXT nodes are read.  Runs first among the tree filters, before
 * ids and sections.
 */
#include <ctype.h>
#include <string.h>

#include <unicode/uchar.h>

#include "filters/filters.h"

struct repair {
	struct galley_doc	*doc;
	struct galley_diag	*dg;
	int			 failed;
	int			 text;	/* read as plain text: its reader
					   made its lists, and its dashed
					   lines are dialogue */
};

static int
is_break(const struct galley_node *n)
{
	return n->type == GALLEY_NODE_SOFTBREAK ||
	    n->type == GALLEY_NODE_LINEBREAK;
}

/* Bytes of a list marker ("– ", "• ") at the start of s, or 0. */
static size_t
marker_len(const char *s)
{
	static const char *const marks[] = { "\xe2\x80\x93", "\xe2\x80\xa2",
	    NULL };
	size_t	 i, n;

	if (s == NULL)
		return 0;
	for (i = 0; marks[i] != NULL; i++) {
		n = strlen(marks[i]);
		if (strncmp(s, marks[i], n) != 0)
			continue;
		if (s[n] == ' ' || s[n] == '\t')
			return n + 1;
		if (strncmp(s + n, "\xc2\xa0", 2) == 0)
			return n + 2;
	}
	return 0;
}

static int
starts_marked(const struct galley_node *first)
{
	return first != NULL && first->type == GALLEY_NODE_TEXT &&
	    marker_len(first->literal) > 0;
}

/* Drop the marker from the text that starts a line. */
static void
strip_marker(struct repair *r, struct galley_node *text)
{
	const char	*s = text->literal + marker_len(text->literal);

	while (*s == ' ' || *s == '\t')
		s++;
	text->literal = galley_doc_strdup(r->doc, s);
}

/* A new item holding the inlines from first up to (not) end. */
static struct galley_node *
make_item(struct repair *r, struct galley_node *first,
    struct galley_node *end, struct galley_pos pos)
{
	struct galley_node	*item, *p, *n, *next;

	item = galley_node_new(r->doc, GALLEY_NODE_ITEM, pos);
	p = galley_node_new(r->doc, GALLEY_NODE_PARAGRAPH, pos);
	galley_node_append(item, p);
	for (n = first; n != NULL && n != end; n = next) {
		next = n->next;
		galley_node_unlink(n);
		if (galley_node_append(p, n) == -1)
			r->failed = 1;
	}
	return item;
}

/* A bullet list right after list ("- d" after "– c", which made an
 * item of list): its items go on list, and *resume is list, so that
 * they are looked at. */
static void
merge_next(struct galley_node *list, struct galley_node **resume)
{
	struct galley_node	*other = *resume, *it, *next;

	if (other == NULL || other->type != GALLEY_NODE_LIST ||
	    other->u.list.ordered || list->u.list.ordered)
		return;
	for (it = other->first; it != NULL; it = next) {
		next = it->next;
		galley_node_unlink(it);
		galley_node_append(list, it);
	}
	list->u.list.tight = 0;		/* blocks apart: a loose list */
	galley_node_unlink(other);
	*resume = list;
}

/* The first node of the line after the one that n is on, or NULL. */
static struct galley_node *
next_line(struct galley_node *n)
{
	while (n != NULL && !is_break(n))
		n = n->next;
	return n != NULL ? n->next : NULL;
}

/* The last text of the line that starts at line, or NULL. */
static const struct galley_node *
line_last(const struct galley_node *line)
{
	const struct galley_node	*n, *last = NULL;

	for (n = line; n != NULL && !is_break(n); n = n->next)
		last = n;
	return last != NULL && last->type == GALLEY_NODE_TEXT ? last : NULL;
}

/* 1 if a marked line reads as an item: its text opens with a capital
 * (not "– and the largest city", "– 20 EUR") and it is no whole
 * sentence of dialogue ("– Vi måste gå nu."). */
static int
item_like(const struct galley_node *line)
{
	const char			*s = line->literal + marker_len(line->literal);
	const struct galley_node	*last = line_last(line);
	size_t				 n;
	uint32_t			 cp;

	while (*s == ' ' || *s == '\t')
		s++;
	if (utf8_next(s, strlen(s), &cp) == 0 || !(u_isupper((UChar32)cp) ||
	    (u_isalpha((UChar32)cp) && !u_islower((UChar32)cp))))
		return 0;
	if (last == NULL || last->literal == NULL ||
	    (n = strlen(last->literal)) == 0)
		return 1;
	return strchr(".!?", last->literal[n - 1]) == NULL &&
	    !(n >= 3 && strcmp(last->literal + n - 3, "\xe2\x80\xa6") == 0);
}

/*
 * Lines of paragraph p from its second on that each start with a list
 * marker and read as items ("Intro:" / "– Eggs" / "– Flour"; "Gin" /
 * "– Hops" in an item): the first of them, if every line from it on is
 * one, else NULL.
 */
static struct galley_node *
marked_tail(struct galley_node *p)
{
	struct galley_node	*line, *first = NULL;

	if (p->first == NULL || starts_marked(p->first))
		return NULL;
	for (line = next_line(p->first); line != NULL;
	    line = next_line(line)) {
		if (!starts_marked(line) || !item_like(line))
			return NULL;
		if (first == NULL)
			first = line;
	}
	return first;
}

/* The lines of p from line on, each made an item, into list after
 * the node after (NULL: appended). */
static void
lines_to_items(struct repair *r, struct galley_node *p,
    struct galley_node *line, struct galley_node *list,
    struct galley_node *after)
{
	struct galley_node	*n, *next, *item, *brk = line->prev;

	for (; line != NULL; line = next) {
		for (n = line; n != NULL && !is_break(n); n = n->next)
			;
		next = n != NULL ? n->next : NULL;
		strip_marker(r, line);
		item = make_item(r, line, n, line->pos.line ? line->pos :
		    p->pos);
		if (after != NULL && after->next != NULL)
			galley_node_insert_before(after->next, item);
		else
			galley_node_append(list, item);
		after = item;
		if (n != NULL)
			galley_node_unlink(n);
	}
	if (brk != NULL && is_break(brk))
		galley_node_unlink(brk);	/* p ends where they began */
}

/*
 * Paragraph p goes on with lines that are list items: "Intro:" over
 * "– e" and "– f" (a list after p), or an item's "g" over "– h" (items
 * after that item).  1 if it split p, with the node to go on from.
 */
static int
repair_tail(struct repair *r, struct galley_node *p,
    struct galley_node **resume)
{
	struct galley_node	*line = marked_tail(p), *list, *item, *t;

	if (line == NULL)
		return 0;
	/* a paragraph's: after a line that ends with a colon, or two of
	 * them ("range is 10" / "– 20 dollars" is a sentence going on) */
	item = p->parent;
	t = line->prev != NULL && is_break(line->prev) ? line->prev->prev :
	    NULL;
	if (!(item != NULL && item->type == GALLEY_NODE_ITEM) &&
	    next_line(line) == NULL && !(t != NULL && t->type ==
	    GALLEY_NODE_TEXT && t->literal != NULL && *t->literal != '\0' &&
	    t->literal[strlen(t->literal) - 1] == ':'))
		return 0;
	filter_report(r->dg, r->doc, GALLEY_NOTE, line,
	    "repair: line starting with \"%.3s\" read as a list item",
	    line->literal);
	if (item != NULL && item->type == GALLEY_NODE_ITEM &&
	    item->first == p && item->parent != NULL &&
	    !item->parent->u.list.ordered) {
		lines_to_items(r, p, line, item->parent, item);
		return 1;
	}
	list = galley_node_new(r->doc, GALLEY_NODE_LIST, line->pos);
	list->u.list.tight = 1;
	if ((p->next != NULL ? galley_node_insert_before(p->next, list) :
	    galley_node_append(p->parent, list)) == -1) {
		r->failed = 1;
		return 0;
	}
	lines_to_items(r, p, line, list, NULL);
	*resume = list->next;
	merge_next(list, resume);
	return 1;
}

/*
 * Paragraph p starts with a list marker: make it items of the bullet
 * list before it, or of a new list when the next block is marked too or
 * every line of p is.  1 if it did, with the node to go on from in
 * *resume.
 */
static int
repair_item(struct repair *r, struct galley_node *p,
    struct galley_node **resume)
{
	struct galley_node	*list = p->prev, *n, *line, *item;
	int			 lines = 0, marked = 0, each;

	for (line = p->first; line != NULL; line = next_line(line)) {
		lines++;
		marked += starts_marked(line);
	}
	each = lines > 1 && lines == marked;
	if (list == NULL || list->type != GALLEY_NODE_LIST ||
	    list->u.list.ordered) {
		n = p->next;
		if (!each && !(n != NULL && n->type == GALLEY_NODE_PARAGRAPH &&
		    starts_marked(n->first)))
			return 0;	/* one dash: dialogue, not a list */
		list = galley_node_new(r->doc, GALLEY_NODE_LIST, p->pos);
		list->u.list.tight = each;
		if (galley_node_insert_before(p, list) == -1) {
			r->failed = 1;
			return 0;
		}
	}
	filter_report(r->dg, r->doc, GALLEY_NOTE, p,
	    "repair: line starting with \"%.3s\" read as a list item",
	    p->first->literal);
	if (!each) {
		strip_marker(r, p->first);
		item = make_item(r, p->first, NULL, p->pos);
		galley_node_append(list, item);
	} else
		lines_to_items(r, p, p->first, list, NULL);
	*resume = p->next;
	galley_node_unlink(p);
	merge_next(list, resume);
	return 1;
}

/*
 * After a single '#': a word as headings start, a capital then small
 * letters ("#Introduction"), not a hashtag ("#TODO", "#NoSpace",
 * "#hashtag") and no other '#' on the line ("#a #b").
 */
static int
heading_word(const char *s)
{
	uint32_t	 cp;
	size_t		 n, i = 0, len = strlen(s);

	if ((n = utf8_next(s, len, &cp)) == 0 || !u_isupper((UChar32)cp))
		return 0;
	for (i = n; i < len && (n = utf8_next(s + i, len - i, &cp)) > 0;
	    i += n) {
		if (!u_isalpha((UChar32)cp))
			break;
		if (!u_islower((UChar32)cp))
			return 0;
	}
	return strchr(s, '#') == NULL;
}

/* After a single '#': a closed heading, "LunarCalendar#" (one word and
 * '#'s, no other '#'), as no hashtag is written. */
static int
closed_word(const char *s)
{
	size_t	 n = strcspn(s, "# \t");

	if (n == 0 || !isalnum((unsigned char)s[0]) || s[n] != '#')
		return 0;
	while (s[n] == '#')
		n++;
	return s[n] == '\0';
}

/*
 * "##Heading" at the top level: a heading if 1-6 '#' are followed by a
 * letter or digit (after a single '#', a word as headings start, so
 * that "#hashtag" and "#TODO fix" paragraphs stay), on one line.  1 if
 * it made one, with the node to go on from in *resume.
 */
static int
repair_heading(struct repair *r, struct galley_node *p,
    struct galley_node **resume)
{
	struct galley_node	*t = p->first, *h, *n, *next;
	const char		*s;
	uint32_t		 cp;
	size_t			 k, len;

	if (t == NULL || t->type != GALLEY_NODE_TEXT || t->literal == NULL)
		return 0;
	s = t->literal;
	for (k = 0; s[k] == '#'; k++)
		;
	if (k < 1 || k > 6 || utf8_next(s + k, strlen(s + k), &cp) == 0)
		return 0;
	if (k == 1 ? !heading_word(s + 1) && !closed_word(s + 1) :
	    !u_isalnum((UChar32)cp))
		return 0;
	for (n = p->first; n != NULL; n = n->next)
		if (is_break(n))
			return 0;
	h = galley_node_new(r->doc, GALLEY_NODE_HEADING, p->pos);
	h->u.heading.level = (int)k;
	filter_report(r->dg, r->doc, GALLEY_NOTE, p,
	    "repair: \"%.*s\" read as a level %zu heading (no space after "
	    "'#')", (int)(strlen(s) > 40 ? 40 : strlen(s)), s, k);
	t->literal = galley_doc_strdup(r->doc, s + k);
	/* a closing "##" sequence, as ATX headings allow */
	t = p->last;
	if (t->type == GALLEY_NODE_TEXT && t->literal != NULL) {
		len = strlen(t->literal);
		k = len;
		while (k > 0 && t->literal[k - 1] == '#')
			k--;
		if (k < len && k > 0 && t->literal[k - 1] == ' ') {
			while (k > 0 && t->literal[k - 1] == ' ')
				k--;
			t->literal = galley_doc_strndup(r->doc, t->literal, k);
		} else if (k < len && k > 0 && t == p->first)	/* "#Name#" */
			t->literal = galley_doc_strndup(r->doc, t->literal, k);
	}
	for (n = p->first; n != NULL; n = next) {
		next = n->next;
		galley_node_unlink(n);
		if (galley_node_append(h, n) == -1)
			r->failed = 1;
	}
	if (galley_node_insert_before(p, h) == -1)
		r->failed = 1;
	galley_node_unlink(p);
	*resume = h->next;
	return 1;
}

/* 1 if a quote holds nothing but empty paragraphs. */
static int
quote_empty(const struct galley_node *q)
{
	const struct galley_node *n;

	for (n = q->first; n != NULL; n = n->next)
		if (n->type != GALLEY_NODE_PARAGRAPH || n->first != NULL)
			return 0;
	return 1;
}

/* Trailing no-break spaces of each line of a paragraph or heading. */
static void
repair_nbsp(struct repair *r, struct galley_node *block)
{
	struct galley_node	*n, *next;
	const char		*s;
	size_t			 len, end;

	for (n = block->first; n != NULL; n = next) {
		next = n->next;
		if (n->type != GALLEY_NODE_TEXT || n->literal == NULL ||
		    (next != NULL && !is_break(next)))
			continue;
		s = n->literal;
		len = end = strlen(s);
		for (;;) {
			if (end >= 2 && strncmp(s + end - 2, "\xc2\xa0", 2)
			    == 0)
				end -= 2;
			else if (end >= 1 && s[end - 1] == ' ' && end < len)
				end--;
			else
				break;
		}
		if (end == len)
			continue;
		filter_report(r->dg, r->doc, GALLEY_NOTE, n,
		    "repair: removed no-break spaces at the end of a line");
		n->literal = galley_doc_strndup(r->doc, s, end);
	}
}

static void
repair_blocks(struct repair *r, struct galley_node *parent)
{
	struct galley_node	*n, *next;
	int			 top;

	top = parent->type == GALLEY_NODE_DOCUMENT ||
	    parent->type == GALLEY_NODE_SECTION;
	for (n = parent->first; n != NULL; n = next) {
		next = n->next;
		switch (n->type) {
		case GALLEY_NODE_PARAGRAPH:
			if (top && n->first != NULL && n->first->type ==
			    GALLEY_NODE_TEXT && n->first->literal != NULL &&
			    n->first->literal[0] == '#' &&
			    repair_heading(r, n, &next))
				break;
			if (!r->text && starts_marked(n->first) &&
			    repair_item(r, n, &next))
				break;
			if (!r->text && repair_tail(r, n, &next))
				break;
			repair_nbsp(r, n);
			break;
		case GALLEY_NODE_HEADING:
		case GALLEY_NODE_TABLE_CELL:
			repair_nbsp(r, n);
			break;
		case GALLEY_NODE_QUOTE:
			if (quote_empty(n)) {
				filter_report(r->dg, r->doc, GALLEY_NOTE, n,
				    "repair: removed an empty quote (a stray "
				    "'>' line)");
				galley_node_unlink(n);
				break;
			}
			repair_blocks(r, n);
			break;
		case GALLEY_NODE_DOCUMENT:
		case GALLEY_NODE_SECTION:
		case GALLEY_NODE_LIST:
		case GALLEY_NODE_ITEM:
		case GALLEY_NODE_TABLE:
		case GALLEY_NODE_TABLE_ROW:
		case GALLEY_NODE_FOOTNOTE_DEF:
			repair_blocks(r, n);
			break;
		case GALLEY_NODE_CODE_BLOCK:
		case GALLEY_NODE_HTML_BLOCK:
		case GALLEY_NODE_THEMATIC_BREAK:
		case GALLEY_NODE_TEXT:
		case GALLEY_NODE_SOFTBREAK:
		case GALLEY_NODE_LINEBREAK:
		case GALLEY_NODE_CODE:
		case GALLEY_NODE_HTML_INLINE:
		case GALLEY_NODE_EMPH:
		case GALLEY_NODE_STRONG:
		case GALLEY_NODE_STRIKE:
		case GALLEY_NODE_MARK:
		case GALLEY_NODE_LINK:
		case GALLEY_NODE_IMAGE:
		case GALLEY_NODE_FOOTNOTE_REF:
		case GALLEY_NODE__MAX:
			break;
		}
	}
}

static int
repair_run(struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	struct repair	 r;

	r.doc = doc;
	r.dg = dg;
	r.failed = 0;
	r.text = galley_doc_reader(doc) != NULL &&
	    strcmp(galley_doc_reader(doc), "text") == 0;
	repair_blocks(&r, galley_doc_root(doc));
	if (r.failed) {
		filter_report(dg, doc, GALLEY_ERROR, NULL,
		    "repair: the model refused a mended node");
		return -1;
	}
	if (!(opts->no_filters & (1UL << galley_filter_find("meta"))))
		meta_title_from_heading(doc, dg);	/* "#Bugs" made one */
	return 0;
}

const struct galley_filter filter_repair = {
	"repair",
	"mend Markdown slips: ##Heading, \"– \" items, stray \">\", "
	"trailing no-break spaces",
	1,
	repair_run
};
