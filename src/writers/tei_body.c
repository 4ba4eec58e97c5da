/*
 * The text of one article as TEI: <text xml:lang><body>, a <div> per
 * section (SECTION nodes from the sections filter, or the headings
 * themselves when the filter did not run), blocks and inlines as the
 * table in doc.h says, footnotes as <note place="foot"> where they are
 * referenced.  Validity first: nothing follows a <div> but a <div>
 * (blocks after one are wrapped in a <div> of their own), and no
 * element is left empty but those TEI means to be (lb, milestone,
 * ptr, graphic, table cells).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "writers/tei.h"
#include "model/numeral.h"
#include "model/oom.h"

#define MAX_DEPTH	1200	/* deeper content is kept as plain text */

struct body {
	struct tei_ctx		*ctx;
	const struct tei_article *a;
	const char		*prefix;	/* the article's xml:id */
	struct galley_node	**defs;	/* footnote definitions */
	const char		**def_ids; /* their xml:ids, once placed */
	size_t			 ndefs, capdefs;
	unsigned		 sections;	/* divs made, for their ids */
	int			 depth;
	int			 flattened;	/* depth warning given */
};

static void	sectioning(struct body *, xmlNodePtr, struct galley_node *,
		    struct galley_node *);
static void	flow(struct body *, xmlNodePtr, struct galley_node *);
static void	block(struct body *, xmlNodePtr, struct galley_node *);
static void	inlines(struct body *, xmlNodePtr, struct galley_node *);

/* Text of a subtree, blocks ending in a newline (for alt texts and
 * content nested too deep). */
struct plain {
	struct galley_buf	 buf;
};

static enum galley_walk
plain_visit(struct galley_node *n, int entering, void *arg)
{
	struct plain	*p = arg;

	if (!entering) {
		if (galley_node_is_block(n->type) && p->buf.len > 0 &&
		    p->buf.data[p->buf.len - 1] != '\n')
			galley_buf_putc(&p->buf, '\n');
		return GALLEY_WALK_NEXT;
	}
	if (n->literal != NULL)
		galley_buf_puts(&p->buf, n->literal);
	else if (n->type == GALLEY_NODE_SOFTBREAK &&
	    !galley_softbreak_joins(n))
		galley_buf_putc(&p->buf, ' ');
	else if (n->type == GALLEY_NODE_LINEBREAK)
		galley_buf_putc(&p->buf, '\n');
	return GALLEY_WALK_NEXT;
}

/* Caller frees; "" when there is no text. */
static char *
plain_text(const struct galley_node *n, int trim)
{
	struct plain	 p;
	char		*s;

	galley_buf_init(&p.buf);
	galley_walk((struct galley_node *)n, plain_visit, &p);
	if (trim)
		while (p.buf.len > 0 && p.buf.data[p.buf.len - 1] == '\n')
			p.buf.data[--p.buf.len] = '\0';
	if (p.buf.len == 0) {
		if ((s = strdup("")) == NULL)
			galley_oom();
		return s;
	}
	return galley_buf_detach(&p.buf, NULL);
}

/* True if the element holds an element or text other than spaces. */
static int
has_content(xmlNodePtr el)
{
	xmlNodePtr	 c;
	const xmlChar	*s;

	for (c = el->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			return 1;
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			for (s = c->content; *s != '\0'; s++)
				if (*s != ' ' && *s != '\n' && *s != '\t' &&
				    *s != '\r')
					return 1;
	}
	return 0;
}

/* Attach el, made without a parent, if it has content; else drop it. */
static xmlNodePtr
keep(xmlNodePtr parent, xmlNodePtr el)
{
	if (has_content(el)) {
		xmlAddChild(parent, el);
		return el;
	}
	xmlFreeNode(el);
	return NULL;
}

/* "ARTICLE.local": ids inside an article carry the article's id. */
static const char *
local_id(struct body *b, xmlNodePtr el, const char *local)
{
	struct galley_buf	 buf;
	const char		*id;

	galley_buf_init(&buf);
	galley_buf_printf(&buf, "%s.%s", b->prefix, local);
	id = tei_id(b->ctx, el, buf.data);
	galley_buf_release(&buf);
	return id;
}

/*
 * Deeper than MAX_DEPTH, a subtree is written as its text, so nothing
 * is lost and the recursion stays bounded; 1 if it was.
 */
static int
too_deep(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	char	*s;

	if (b->depth < MAX_DEPTH)
		return 0;
	if (!b->flattened)
		galley_diag_add(b->ctx->dg, GALLEY_WARNING,
		    galley_doc_meta(b->a->doc)->source, n->pos.line,
		    n->pos.col, "TEI: content nested deeper than %d levels "
		    "is kept as plain text", MAX_DEPTH);
	b->flattened = 1;
	s = plain_text(n, 0);	/* a block's text ends in a newline */
	if (xmlStrEqual(parent->name, BAD_CAST "body") ||
	    xmlStrEqual(parent->name, BAD_CAST "div"))
		tei_el_text(b->ctx, parent, "p", s);
	else
		tei_text(parent, s);
	free(s);
	return 1;
}

/* --- footnotes --- */

static enum galley_walk
defs_visit(struct galley_node *n, int entering, void *arg)
{
	struct body	*b = arg;

	if (!entering || n->type != GALLEY_NODE_FOOTNOTE_DEF)
		return GALLEY_WALK_NEXT;
	if (b->ndefs == b->capdefs) {
		b->capdefs = b->capdefs ? b->capdefs * 2 : 8;
		b->defs = realloc(b->defs, b->capdefs * sizeof(*b->defs));
		b->def_ids = realloc(b->def_ids,
		    b->capdefs * sizeof(*b->def_ids));
		if (b->defs == NULL || b->def_ids == NULL)
			galley_oom();
	}
	b->defs[b->ndefs] = n;
	b->def_ids[b->ndefs++] = NULL;
	return GALLEY_WALK_NEXT;
}

/* Index of the definition a reference names: by label, by number, or
 * by a label that is the definition's number (cmark-gfm gives its
 * references the number as label); -1 if none. */
static long
def_find(const struct body *b, const struct galley_node *ref)
{
	const char	*l = ref->u.note.label;
	char		*end;
	long		 k;
	size_t		 i;

	if (ref->u.note.label != NULL)
		for (i = 0; i < b->ndefs; i++)
			if (b->defs[i]->u.note.label != NULL &&
			    strcmp(b->defs[i]->u.note.label,
			    ref->u.note.label) == 0)
				return (long)i;
	for (i = 0; ref->u.note.index > 0 && i < b->ndefs; i++)
		if (b->defs[i]->u.note.index == ref->u.note.index)
			return (long)i;
	if (l == NULL || *l == '\0')
		return -1;
	k = strtol(l, &end, 10);
	for (i = 0; *end == '\0' && i < b->ndefs; i++)
		if (b->defs[i]->u.note.index == k)
			return (long)i;
	return -1;
}

/* The note of definition i, where it is first referenced (or where it
 * stands when never referenced). */
static void
note(struct body *b, xmlNodePtr parent, size_t i)
{
	struct galley_node	*def = b->defs[i];
	xmlNodePtr		 el;
	char			 num[32];

	el = tei_el(b->ctx, parent, "note");
	tei_attr(el, "place", "foot");
	if (def->u.note.label != NULL && *def->u.note.label != '\0')
		tei_attr(el, "n", def->u.note.label);
	if (def->id != NULL && *def->id != '\0')
		b->def_ids[i] = local_id(b, el, def->id);
	else {
		snprintf(num, sizeof(num), "fn%d", def->u.note.index);
		b->def_ids[i] = local_id(b, el, num);
	}
	b->depth++;
	flow(b, el, def->first);
	b->depth--;
}

static void
note_ref(struct body *b, xmlNodePtr parent, struct galley_node *ref)
{
	xmlNodePtr	 ptr;
	long		 i;

	if ((i = def_find(b, ref)) == -1)
		return;	/* no text to keep: the label is markup */
	if (b->def_ids[i] == NULL) {
		note(b, parent, (size_t)i);
		return;
	}
	ptr = tei_el(b->ctx, parent, "ptr");
	tei_attr(ptr, "type", "noteref");
	tei_fix_add(b->ctx, ptr, b->def_ids[i], NULL);
	tei_attr(ptr, "target", "#");
}

/* --- inlines --- */

static void
hi(struct body *b, xmlNodePtr parent, struct galley_node *n,
    const char *rend)
{
	xmlNodePtr	 el;

	el = tei_el(b->ctx, NULL, "hi");
	tei_attr(el, "rend", rend);
	inlines(b, el, n->first);
	keep(parent, el);
}

/*
 * An internal link to an article that is not in this document or
 * corpus: its output file is not known here (aliases, folders), so the
 * link names the article by its galley id, "ID" or "ID#SECTION", in
 * @cRef (a canonical reference), and points at no file that could be
 * missing.
 */
static const char *
article_ref(struct galley_buf *buf, const char *target, const char *frag)
{
	galley_buf_puts(buf, target);
	if (frag != NULL && *frag != '\0')
		galley_buf_printf(buf, "#%s", frag);
	return buf->data;
}

/* 1 if url is a path on the site ("/about", "../x/lease.md"): an
 * unresolved link worth its address.  Not a fragment of this article
 * that names nothing here, nor a URL with a scheme (javascript:, a host
 * that can be none), which stay text. */
static int
site_path(const char *url)
{
	const char	*p;

	if (url[0] == '#')
		return 0;
	for (p = url; *p != '\0' && *p != '/' && *p != '?' && *p != '#';
	    p++)
		if (*p == ':')
			return 0;
	return 1;
}

/*
 * A link: external ones keep their URL; internal ones point at the
 * article's <TEI> (or the section) inside a corpus, and name it in
 * @cRef otherwise; unresolved ones keep their address as written, with
 * type "unresolved".  A link with no text is a <ptr>.
 */
static void
link(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	const char	*url = n->u.link.url, *art;
	struct galley_buf buf;
	xmlNodePtr	 el;
	char		*u;

	if (url == NULL || *url == '\0' ||
	    (n->u.link.kind == GALLEY_LINK_UNRESOLVED && !site_path(url))) {
		inlines(b, parent, n->first);
		return;
	}
	el = tei_el(b->ctx, NULL, n->first != NULL ? "ref" : "ptr");
	galley_buf_init(&buf);
	if (n->u.link.kind == GALLEY_LINK_UNRESOLVED) {
		/* to no article of the run, no heading here: the address
		 * as the author wrote it, marked as leading nowhere known */
		tei_attr(el, "type", "unresolved");
		u = tei_uri(url);
		tei_attr(el, "target", u);
		free(u);
	} else if (n->u.link.kind == GALLEY_LINK_INTERNAL &&
	    n->u.link.target != NULL) {
		tei_attr(el, "type", "internal");
		art = b->ctx->resolve == NULL ? NULL :
		    b->ctx->resolve(b->ctx->resolve_arg, n->u.link.target,
		    n->u.link.target_lang != NULL ? n->u.link.target_lang :
		    b->a->lang);
		if (art != NULL) {
			if (n->u.link.fragment != NULL &&
			    *n->u.link.fragment != '\0') {
				galley_buf_printf(&buf, "%s.%s", art,
				    n->u.link.fragment);
				u = tei_name(buf.data);
				tei_fix_add(b->ctx, el, u, art);
				tei_fix_anchor(b->ctx, art,
				    n->u.link.fragment);
				tei_fix_miss(b->ctx,
				    galley_doc_meta(b->a->doc)->source,
				    n->pos.line, n->pos.col, url,
				    n->u.link.fragment);
				free(u);
			} else
				tei_fix_add(b->ctx, el, art, NULL);
			tei_attr(el, "target", "#");
		} else {
			tei_attr(el, "cRef", article_ref(&buf,
			    n->u.link.target, n->u.link.fragment));
			b->ctx->crefs = 1;
		}
	} else if (url[0] == '#' && url[1] != '\0') {
		/* a fragment: the heading ids here carry the article's */
		galley_buf_printf(&buf, "%s.%s", b->prefix, url + 1);
		u = tei_name(buf.data);
		/* "#top", the top of the document in HTML: the article */
		tei_fix_add(b->ctx, el, u, strcasecmp(url, "#top") == 0 ?
		    b->prefix : NULL);
		free(u);
		tei_attr(el, "target", "#");
	} else {
		u = tei_uri(url);
		tei_attr(el, "target", u);
		free(u);
	}
	galley_buf_release(&buf);
	if (n->u.link.title != NULL && *n->u.link.title != '\0')
		tei_attr(el, "n", n->u.link.title);
	inlines(b, el, n->first);
	if (n->first != NULL && !has_content(el))
		xmlNodeSetName(el, BAD_CAST "ptr");
	xmlAddChild(parent, el);
}

/* An image: <figure><graphic url><desc>title</desc></graphic>
 * <figDesc>alt text</figDesc></figure>. */
static void
image(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	xmlNodePtr	 fig, g;
	char		*s;

	fig = tei_el(b->ctx, parent, "figure");
	s = tei_uri(n->u.link.url != NULL ? n->u.link.url : "");
	if (*s == '\0') {	/* no image to point at: @url must not be empty */
		if (n->u.link.title != NULL && *n->u.link.title != '\0')
			tei_attr(tei_el_text(b->ctx, fig, "head",
			    n->u.link.title), "type", "title");
	} else {
		g = tei_el(b->ctx, fig, "graphic");
		tei_attr(g, "url", s);
		if (n->u.link.title != NULL && *n->u.link.title != '\0')
			tei_attr(tei_el_text(b->ctx, g, "desc",
			    n->u.link.title), "type", "title");
	}
	free(s);
	s = plain_text(n, 1);
	tei_el_text(b->ctx, fig, "figDesc", s);
	free(s);
}

static void
inline_node(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	xmlNodePtr	 el;
	char		*s;

	switch (n->type) {
	case GALLEY_NODE_TEXT:
		tei_text_q(b->ctx, parent, n->literal);
		break;
	case GALLEY_NODE_SOFTBREAK:
		if (!galley_softbreak_joins(n))
			tei_text(parent, "\n");
		break;
	case GALLEY_NODE_LINEBREAK:
		tei_el(b->ctx, parent, "lb");
		break;
	case GALLEY_NODE_CODE:
		tei_el_text(b->ctx, parent, "code", n->literal);
		break;
	case GALLEY_NODE_HTML_INLINE:
		el = tei_el_text(b->ctx, parent, "seg", n->literal);
		if (el != NULL)
			tei_attr(el, "type", "html");
		break;
	case GALLEY_NODE_EMPH:
		hi(b, parent, n, "italic");
		break;
	case GALLEY_NODE_STRONG:
		hi(b, parent, n, "bold");
		break;
	case GALLEY_NODE_STRIKE:
		hi(b, parent, n, "strikethrough");
		break;
	case GALLEY_NODE_MARK:
		hi(b, parent, n, "highlight");
		break;
	case GALLEY_NODE_LINK:
		link(b, parent, n);
		break;
	case GALLEY_NODE_IMAGE:
		image(b, parent, n);
		break;
	case GALLEY_NODE_FOOTNOTE_REF:
		note_ref(b, parent, n);
		break;
	case GALLEY_NODE_DOCUMENT:
	case GALLEY_NODE_SECTION:
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_HEADING:
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_LIST:
	case GALLEY_NODE_ITEM:
	case GALLEY_NODE_CODE_BLOCK:
	case GALLEY_NODE_HTML_BLOCK:
	case GALLEY_NODE_THEMATIC_BREAK:
	case GALLEY_NODE_TABLE:
	case GALLEY_NODE_TABLE_ROW:
	case GALLEY_NODE_TABLE_CELL:
	case GALLEY_NODE_FOOTNOTE_DEF:
	case GALLEY_NODE__MAX:
		/* a block where inlines belong: keep its text */
		s = plain_text(n, 1);
		tei_text(parent, s);
		free(s);
		break;
	}
}

static void
inlines(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	b->depth++;
	for (; n != NULL; n = n->next)
		if (!too_deep(b, parent, n))
			inline_node(b, parent, n);
	b->depth--;
}

/* --- blocks --- */

/* An item's number as its list writes it: 3, "c" or "C" (27 "aa"),
 * "iii" or "III". */
static void
letter(char *out, size_t sz, int k, char numbering)
{
	char	 s[16];
	size_t	 i = sizeof(s) - 1;

	if (numbering == 'i' || numbering == 'I') {
		numeral_roman(out, sz, k, numbering == 'I');
		return;
	}
	if (numbering == '\0' || k < 1) {
		snprintf(out, sz, "%d", k);
		return;
	}
	s[i] = '\0';
	for (; k > 0 && i > 0; k = (k - 1) / 26)
		s[--i] = (char)(numbering + (k - 1) % 26);
	snprintf(out, sz, "%s", s + i);
}

static void
list(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	struct galley_node	*it;
	xmlNodePtr		 el, item;
	char			 num[32];
	int			 k = n->u.list.start;

	el = tei_el(b->ctx, NULL, "list");
	tei_attr(el, "rend", !n->u.list.ordered ? "bulleted" :
	    n->u.list.numbering == 'a' ? "numbered lower-alpha" :
	    n->u.list.numbering == 'A' ? "numbered upper-alpha" :
	    n->u.list.numbering == 'i' ? "numbered lower-roman" :
	    n->u.list.numbering == 'I' ? "numbered upper-roman" : "numbered");
	for (it = n->first; it != NULL; it = it->next, k++) {
		item = tei_el(b->ctx, el, "item");
		if (it->type != GALLEY_NODE_ITEM) {
			block(b, item, it);
			continue;
		}
		if (n->u.list.ordered) {
			letter(num, sizeof(num), k, n->u.list.numbering);
			tei_attr(item, "n", num);
		}
		if (it->u.item.task)
			tei_attr(item, "rend", it->u.item.checked ?
			    "task-done" : "task-open");
		b->depth++;
		if (n->u.list.tight && it->first != NULL &&
		    it->first == it->last &&
		    it->first->type == GALLEY_NODE_PARAGRAPH)
			inlines(b, item, it->first->first);
		else
			flow(b, item, it->first);
		b->depth--;
	}
	if (el->children != NULL)
		xmlAddChild(parent, el);
	else
		xmlFreeNode(el);
}

static void
table(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	static const char *const align[] = { NULL, "left", "center", "right" };
	struct galley_node	*r, *c;
	xmlNodePtr		 el, row, cell;

	el = tei_el(b->ctx, NULL, "table");
	for (r = n->first; r != NULL; r = r->next) {
		if (r->type != GALLEY_NODE_TABLE_ROW || r->first == NULL)
			continue;
		row = tei_el(b->ctx, el, "row");
		if (r->u.row.header)
			tei_attr(row, "role", "label");
		for (c = r->first; c != NULL; c = c->next) {
			cell = tei_el(b->ctx, row, "cell");
			if (r->u.row.header)
				tei_attr(cell, "role", "label");
			if (c->type == GALLEY_NODE_TABLE_CELL &&
			    c->u.cell.align > GALLEY_ALIGN_NONE &&
			    c->u.cell.align <= GALLEY_ALIGN_RIGHT)
				tei_attr(cell, "rend", align[c->u.cell.align]);
			b->depth++;
			if (c->type == GALLEY_NODE_TABLE_CELL)
				inlines(b, cell, c->first);
			else
				inline_node(b, cell, c);
			b->depth--;
		}
	}
	if (el->children != NULL)
		xmlAddChild(parent, el);
	else
		xmlFreeNode(el);
}

/* A code block: <ab type="code"><code lang="INFO">...</code></ab>;
 * display math <p><formula notation="TeX">. */
static void
code_block(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	const char	*info = n->u.code_block.info;
	xmlNodePtr	 ab, code;
	size_t		 len;
	char		*word;

	if (n->literal == NULL || *n->literal == '\0')
		return;
	/* display math ("$$ ... $$", a "math" fence): TeX, as TEI's
	 * formula holds it */
	if (info != NULL && strcmp(info, "math") == 0) {
		len = strlen(n->literal);
		if ((word = strndup(n->literal, len - (n->literal[len - 1] ==
		    '\n'))) == NULL)
			galley_oom();
		ab = tei_el(b->ctx, parent, "p");
		code = tei_el_text(b->ctx, ab, "formula", word);
		free(word);
		tei_attr(code, "notation", "TeX");
		tei_attr(code, "rend", "display");
		return;
	}
	ab = tei_el(b->ctx, parent, "ab");
	tei_attr(ab, "type", "code");
	code = tei_el_text(b->ctx, ab, "code", n->literal);
	/* the info string's first word: up to '{', a space of any kind or
	 * a control or format character (TEI's @lang allows none) */
	if (info != NULL) {
		int32_t	 i = 0, end = 0, ilen = (int32_t)strlen(info);
		UChar32	 c;

		while (i < ilen) {
			U8_NEXT(info, i, ilen, c);
			if (c < 0 || c == '{' || u_isUWhiteSpace(c) ||
			    (U_GET_GC_MASK(c) & (U_GC_C_MASK | U_GC_Z_MASK)))
				break;
			end = i;
		}
		len = (size_t)end;
		if (len > 0) {
			if ((word = strndup(info, len)) == NULL)
				galley_oom();
			tei_attr(code, "lang", word);
			free(word);
		}
	}
}

/* A paragraph holding an image alone is the image's figure. */
static void
paragraph(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	if (n->first != NULL && n->first == n->last &&
	    n->first->type == GALLEY_NODE_IMAGE) {
		image(b, parent, n->first);
		return;
	}
	{
		xmlNodePtr	 p = tei_el(b->ctx, NULL, "p");

		inlines(b, p, n->first);
		keep(parent, p);
	}
}

static void
block(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	xmlNodePtr	 el;
	long		 i;

	if (too_deep(b, parent, n))
		return;
	b->depth++;
	switch (n->type) {
	case GALLEY_NODE_PARAGRAPH:
		paragraph(b, parent, n);
		break;
	case GALLEY_NODE_HEADING:
		/* a heading where no div can open (quote, item, note) */
		el = tei_el(b->ctx, NULL, "label");
		tei_attr(el, "type", "heading");
		inlines(b, el, n->first);
		keep(parent, el);
		break;
	case GALLEY_NODE_QUOTE:
		if (n->u.quote.callout != NULL) {
			/* an alert or callout: a note of its kind, its own
			 * title as its label */
			el = tei_el(b->ctx, NULL, "note");
			tei_attr(el, "type", n->u.quote.callout);
			tei_attr(el, "place", "inline");
			if (n->u.quote.title != NULL)
				tei_el_text(b->ctx, el, "label",
				    n->u.quote.title);
		} else
			el = tei_el(b->ctx, NULL, "quote");
		flow(b, el, n->first);
		keep(parent, el);
		break;
	case GALLEY_NODE_LIST:
		list(b, parent, n);
		break;
	case GALLEY_NODE_CODE_BLOCK:
		code_block(b, parent, n);
		break;
	case GALLEY_NODE_HTML_BLOCK:
		el = tei_el_text(b->ctx, parent, "ab", n->literal);
		if (el != NULL)
			tei_attr(el, "type", "html");
		break;
	case GALLEY_NODE_THEMATIC_BREAK:
		tei_attr(tei_el(b->ctx, parent, "milestone"), "unit",
		    "section");
		break;
	case GALLEY_NODE_TABLE:
		table(b, parent, n);
		break;
	case GALLEY_NODE_FOOTNOTE_DEF:
		for (i = 0; i < (long)b->ndefs; i++)
			if (b->defs[i] == n && b->def_ids[i] == NULL)
				note(b, parent, (size_t)i);
		break;
	case GALLEY_NODE_DOCUMENT:
	case GALLEY_NODE_SECTION:
	case GALLEY_NODE_ITEM:
		flow(b, parent, n->first);
		break;
	case GALLEY_NODE_TABLE_ROW:
	case GALLEY_NODE_TABLE_CELL:
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
		/* an inline where blocks belong: a paragraph of its own */
		el = tei_el(b->ctx, NULL, "p");
		inline_node(b, el, n);
		keep(parent, el);
		break;
	}
	b->depth--;
}

/* Blocks inside a quote, item or note: headings there are labels,
 * sections are opened up. */
static void
flow(struct body *b, xmlNodePtr parent, struct galley_node *n)
{
	for (; n != NULL; n = n->next)
		block(b, parent, n);
}

/* What TEI allows anywhere, even after a div (model.global). */
static int
is_global(const struct galley_node *n)
{
	return n->type == GALLEY_NODE_THEMATIC_BREAK ||
	    n->type == GALLEY_NODE_FOOTNOTE_DEF;
}

/* The text of a heading, as GitHub reads it for its anchor. */
static void
heading_text(const struct galley_node *n, struct galley_buf *t)
{
	for (n = n->first; n != NULL; n = n->next) {
		if ((n->type == GALLEY_NODE_TEXT ||
		    n->type == GALLEY_NODE_CODE) && n->literal != NULL)
			galley_buf_puts(t, n->literal);
		else if (n->type == GALLEY_NODE_SOFTBREAK ||
		    n->type == GALLEY_NODE_LINEBREAK)
			galley_buf_putc(t, ' ');
		else
			heading_text(n, t);
	}
}

/* A div of type section: its xml:id the article's id, a dot and the
 * section's id (or sN), its head the heading. */
static xmlNodePtr
open_div(struct body *b, xmlNodePtr parent, const char *id,
    struct galley_node *heading)
{
	xmlNodePtr	 el, head;
	char		 num[32];

	el = tei_el(b->ctx, parent, "div");
	tei_attr(el, "type", "section");
	b->sections++;
	if (id == NULL || *id == '\0') {
		snprintf(num, sizeof(num), "s%u", b->sections);
		id = num;
	}
	id = local_id(b, el, id);
	if (heading != NULL) {
		struct galley_buf	 t;

		galley_buf_init(&t);
		heading_text(heading, &t);
		tei_anchor_add(b->ctx, b->prefix, t.data, id);
		galley_buf_release(&t);
		head = tei_el(b->ctx, NULL, "head");
		inlines(b, head, heading->first);
		keep(el, head);
	}
	return el;
}

/* The end of a loose heading's run: the next heading or section at
 * its level or above. */
static struct galley_node *
run_end(struct galley_node *h, struct galley_node *end)
{
	struct galley_node	*s;
	int			 level = h->u.heading.level;

	for (s = h->next; s != end; s = s->next) {
		if (s->type == GALLEY_NODE_HEADING &&
		    s->u.heading.level <= level)
			break;
		if (s->type == GALLEY_NODE_SECTION &&
		    s->u.section.level <= level)
			break;
	}
	return s;
}

/* Drop a div left with nothing in it. */
static void
div_done(xmlNodePtr el)
{
	if (el->children == NULL) {
		xmlUnlinkNode(el);
		xmlFreeNode(el);
	}
}

/*
 * The blocks [n, end) of the body or of a div: sections and headings
 * open divs; blocks after a div go in a div of their own.
 */
static void
sectioning(struct body *b, xmlNodePtr parent, struct galley_node *n,
    struct galley_node *end)
{
	struct galley_node	*stop, *first;
	xmlNodePtr		 el, wrap = NULL;
	int			 after_div = 0;

	if (b->depth >= MAX_DEPTH) {
		for (; n != end; n = n->next)
			block(b, parent, n);
		return;
	}
	b->depth++;
	while (n != end) {
		if (n->type == GALLEY_NODE_SECTION) {
			first = n->first;
			if (first != NULL && first->type != GALLEY_NODE_HEADING)
				first = NULL;
			el = open_div(b, parent, n->id != NULL ? n->id :
			    first != NULL ? first->id : NULL, first);
			sectioning(b, el, first != NULL ? first->next :
			    n->first, NULL);
			div_done(el);
			after_div = 1;
			wrap = NULL;
			n = n->next;
		} else if (n->type == GALLEY_NODE_HEADING) {
			stop = run_end(n, end);
			el = open_div(b, parent, n->id, n);
			sectioning(b, el, n->next, stop);
			div_done(el);
			after_div = 1;
			wrap = NULL;
			n = stop;
		} else if (is_global(n) || !after_div) {
			block(b, wrap != NULL ? wrap : parent, n);
			n = n->next;
		} else {
			if (wrap == NULL)
				wrap = tei_el(b->ctx, parent, "div");
			block(b, wrap, n);
			if (wrap->children == NULL) {
				xmlUnlinkNode(wrap);
				xmlFreeNode(wrap);
				wrap = NULL;
			}
			n = n->next;
		}
	}
	b->depth--;
}

/* True if the body holds a div or a block (it must, for TEI). */
static int
body_ok(xmlNodePtr body)
{
	static const char *const global[] = {
		"milestone", "note", "figure", "lb", "anchor", NULL
	};
	xmlNodePtr	 c;
	size_t		 i;

	for (c = body->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; global[i] != NULL; i++)
			if (xmlStrEqual(c->name, BAD_CAST global[i]))
				break;
		if (global[i] == NULL)
			return 1;
	}
	return 0;
}

int
tei_body(struct tei_ctx *ctx, xmlNodePtr tei, const struct tei_article *a)
{
	struct body	 b;
	struct galley_node *root = galley_doc_root(a->doc);
	xmlNodePtr	 text, body;

	memset(&b, 0, sizeof(b));
	b.ctx = ctx;
	b.a = a;
	b.prefix = a->xmlid;
	galley_walk(root, defs_visit, &b);
	text = tei_el(ctx, tei, "text");
	tei_lang(text, a->lang);
	body = tei_el(ctx, text, "body");
	sectioning(&b, body, root->first, NULL);
	if (!body_ok(body))
		tei_el(ctx, body, "p");	/* an empty article */
	free(b.defs);
	free(b.def_ids);
	return 0;
}
