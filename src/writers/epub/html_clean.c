/*
 * Raw HTML from Markdown, made safe: parsed with libxml2's HTML parser
 * and written back as well-formed XHTML.  Only known elements and
 * attributes pass; script, iframe, object, forms, event attributes and
 * javascript: URLs never do; each element must fit where it lands.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "writers/epub/epub.h"
#include "writers/xml_escape.h"

enum kind {
	K_UNWRAP,	/* unknown: its content only */
	K_DROP,		/* dropped with its content */
	K_PHRASING,	/* phrasing element, phrasing content */
	K_VOID_INLINE,	/* br, img, wbr */
	K_BLOCK,	/* flow element, flow content */
	K_PBLOCK,	/* flow element, phrasing content */
	K_HR,
	K_LIST,		/* ul, ol */
	K_LI,
	K_DL,
	K_DT,
	K_DD,
	K_TABLE,
	K_CAPTION,
	K_COLGROUP,
	K_COL,
	K_TSECT,	/* thead tbody tfoot */
	K_TR,
	K_CELL		/* td th */
};

/* Where a node lands: what its parent may hold. */
enum ctx {
	C_FLOW,
	C_PHRASING,
	C_LIST,
	C_DL,
	C_TABLE,
	C_TSECT,
	C_TR,
	C_COLGROUP
};

struct elem {
	const char	*name;
	enum kind	 kind;
	const char	*as;	/* written under this name, or NULL */
};

static const struct elem elems[] = {
	{ "a", K_PHRASING, NULL }, { "abbr", K_PHRASING, NULL },
	{ "acronym", K_PHRASING, "abbr" }, { "address", K_BLOCK, NULL },
	{ "applet", K_DROP, NULL }, { "area", K_DROP, NULL },
	{ "article", K_BLOCK, NULL }, { "aside", K_BLOCK, NULL },
	{ "audio", K_DROP, NULL }, { "b", K_PHRASING, NULL },
	{ "base", K_DROP, NULL }, { "bdi", K_PHRASING, NULL },
	{ "bdo", K_PHRASING, "span" }, { "big", K_PHRASING, "span" },
	{ "blockquote", K_BLOCK, NULL }, { "br", K_VOID_INLINE, NULL },
	{ "button", K_DROP, NULL }, { "canvas", K_DROP, NULL },
	{ "caption", K_CAPTION, NULL }, { "center", K_BLOCK, "div" },
	{ "cite", K_PHRASING, NULL }, { "code", K_PHRASING, NULL },
	{ "col", K_COL, NULL }, { "colgroup", K_COLGROUP, NULL },
	{ "datalist", K_DROP, NULL }, { "dd", K_DD, NULL },
	{ "del", K_PHRASING, NULL }, { "details", K_BLOCK, NULL },
	{ "dfn", K_PHRASING, NULL }, { "dialog", K_DROP, NULL },
	{ "div", K_BLOCK, NULL }, { "dl", K_DL, NULL },
	{ "dt", K_DT, NULL }, { "em", K_PHRASING, NULL },
	{ "embed", K_DROP, NULL }, { "fieldset", K_BLOCK, "div" },
	{ "figcaption", K_BLOCK, "div" }, { "figure", K_BLOCK, NULL },
	{ "font", K_PHRASING, "span" }, { "footer", K_BLOCK, NULL },
	{ "form", K_DROP, NULL }, { "frame", K_DROP, NULL },
	{ "frameset", K_DROP, NULL }, { "h1", K_PBLOCK, NULL },
	{ "h2", K_PBLOCK, NULL }, { "h3", K_PBLOCK, NULL },
	{ "h4", K_PBLOCK, NULL }, { "h5", K_PBLOCK, NULL },
	{ "h6", K_PBLOCK, NULL }, { "head", K_DROP, NULL },
	{ "header", K_BLOCK, NULL }, { "hr", K_HR, NULL },
	{ "i", K_PHRASING, NULL }, { "iframe", K_DROP, NULL },
	{ "img", K_VOID_INLINE, NULL }, { "input", K_DROP, NULL },
	{ "ins", K_PHRASING, NULL }, { "kbd", K_PHRASING, NULL },
	{ "legend", K_PBLOCK, "p" }, { "li", K_LI, NULL },
	{ "link", K_DROP, NULL }, { "main", K_BLOCK, "div" },
	{ "map", K_DROP, NULL }, { "mark", K_PHRASING, NULL },
	{ "math", K_DROP, NULL }, { "menu", K_LIST, "ul" },
	{ "meta", K_DROP, NULL }, { "meter", K_DROP, NULL },
	{ "nav", K_BLOCK, "div" }, { "nobr", K_PHRASING, "span" },
	{ "noembed", K_DROP, NULL }, { "noframes", K_DROP, NULL },
	{ "noscript", K_DROP, NULL }, { "object", K_DROP, NULL },
	{ "ol", K_LIST, NULL }, { "optgroup", K_DROP, NULL },
	{ "option", K_DROP, NULL }, { "output", K_DROP, NULL },
	{ "p", K_PBLOCK, NULL }, { "param", K_DROP, NULL },
	{ "portal", K_DROP, NULL }, { "pre", K_PBLOCK, NULL },
	{ "progress", K_DROP, NULL }, { "q", K_PHRASING, NULL },
	{ "rp", K_DROP, NULL }, { "rt", K_PHRASING, "span" },
	{ "s", K_PHRASING, NULL }, { "samp", K_PHRASING, NULL },
	{ "script", K_DROP, NULL }, { "section", K_BLOCK, NULL },
	{ "select", K_DROP, NULL }, { "slot", K_DROP, NULL },
	{ "small", K_PHRASING, NULL }, { "source", K_DROP, NULL },
	{ "span", K_PHRASING, NULL }, { "strike", K_PHRASING, "s" },
	{ "strong", K_PHRASING, NULL }, { "style", K_DROP, NULL },
	{ "sub", K_PHRASING, NULL }, { "summary", K_PBLOCK, "p" },
	{ "sup", K_PHRASING, NULL }, { "svg", K_DROP, NULL },
	{ "table", K_TABLE, NULL }, { "tbody", K_TSECT, NULL },
	{ "td", K_CELL, NULL }, { "template", K_DROP, NULL },
	{ "textarea", K_DROP, NULL }, { "tfoot", K_TSECT, NULL },
	{ "th", K_CELL, NULL }, { "thead", K_TSECT, NULL },
	{ "time", K_PHRASING, "span" }, { "title", K_DROP, NULL },
	{ "tr", K_TR, NULL }, { "track", K_DROP, NULL },
	{ "tt", K_PHRASING, "code" }, { "u", K_PHRASING, NULL },
	{ "ul", K_LIST, NULL }, { "var", K_PHRASING, NULL },
	{ "video", K_DROP, NULL }, { "wbr", K_VOID_INLINE, NULL },
	{ "xmp", K_PBLOCK, "pre" },
};

static const char *const roles[] = {
	"doc-noteref", "doc-footnote", "doc-backlink", "doc-chapter",
	"img", "note", "presentation", NULL
};
static const char *const epub_types[] = {
	"noteref", "footnote", "chapter", NULL
};

struct hc {
	struct galley_buf	*out;
	struct html_ctx		*c;
	int			 in_a;
	xmlNode			*figure;	/* <figure> being written */
	int			 captioned;	/* ... and its figcaption */
	xmlNode			*details;	/* <details> being written */
};

/* 1 if n's first element child (white space aside) is named name. */
static int
opens_with(xmlNode *n, const char *name)
{
	xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			return strcmp((const char *)c->name, name) == 0;
		if (c->type == XML_TEXT_NODE && c->content != NULL &&
		    strspn((const char *)c->content, " \t\r\n") !=
		    strlen((const char *)c->content))
			return 0;
	}
	return 0;
}

/* 1 if n is the first (or, if last, the last) element among its
 * siblings, text of white space aside. */
static int
edge_child(xmlNode *n, int last)
{
	xmlNode	*s;

	for (s = last ? n->next : n->prev; s != NULL;
	    s = last ? s->next : s->prev)
		if (s->type == XML_ELEMENT_NODE || (s->type == XML_TEXT_NODE &&
		    s->content != NULL && strspn((const char *)s->content,
		    " \t\r\n") != strlen((const char *)s->content)))
			return 0;
	return 1;
}

static int
elem_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct elem *)e)->name);
}

static const struct elem *
elem_find(const char *name)
{
	return bsearch(name, elems, sizeof(elems) / sizeof(elems[0]),
	    sizeof(elems[0]), elem_cmp);
}

static int
in_list(const char *v, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

static int
all_digits(const char *s, size_t max)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++, n++)
		if (!isdigit((unsigned char)*s) || n >= max)
			return 0;
	return n > 0;
}

/* A language tag of letters, digits and hyphens, as BCP 47 shapes. */
static int
lang_ok(const char *s)
{
	size_t	 run = 0;

	if (!isalpha((unsigned char)*s))
		return 0;
	for (; *s != '\0'; s++) {
		if (*s == '-') {
			if (run == 0)
				return 0;
			run = 0;
		} else if (isalnum((unsigned char)*s) && ++run <= 8)
			continue;
		else
			return 0;
	}
	return run > 0;
}

static void
attr(struct hc *h, const char *name, const char *v)
{
	galley_buf_putc(h->out, ' ');
	galley_buf_puts(h->out, name);
	galley_buf_puts(h->out, "=\"");
	xml_escape(h->out, v, 1);
	galley_buf_putc(h->out, '"');
}

static char *
prop(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* The attributes every kept element may carry. */
static void
global_attrs(struct hc *h, xmlNode *n, enum kind k)
{
	xmlAttr		*a;
	const char	*name;
	char		*v;

	for (a = n->properties; a != NULL; a = a->next) {
		name = (const char *)a->name;
		if (a->ns != NULL && a->ns->prefix != NULL)
			continue;
		v = prop(n, name);
		if (v == NULL)
			continue;
		if (strcmp(name, "class") == 0 || strcmp(name, "title") == 0 ||
		    strcmp(name, "aria-label") == 0)
			attr(h, name, v);
		else if (strcmp(name, "lang") == 0 && lang_ok(v)) {
			attr(h, "lang", v);
			attr(h, "xml:lang", v);
		} else if (strcmp(name, "dir") == 0 && (strcmp(v, "ltr") == 0 ||
		    strcmp(v, "rtl") == 0 || strcmp(v, "auto") == 0))
			attr(h, name, v);
		else if (strcmp(name, "aria-hidden") == 0 &&
		    (strcmp(v, "true") == 0 || strcmp(v, "false") == 0))
			attr(h, name, v);
		else if (strcmp(name, "role") == 0 && in_list(v, roles))
			attr(h, name, v);
		else if (strcmp(name, "epub:type") == 0 &&
		    in_list(v, epub_types))
			attr(h, name, v);
		else if (strcmp(name, "id") == 0 &&
		    map_get(h->c->ids, v, NULL) &&
		    !map_get(h->c->emitted, v, NULL)) {
			map_put(h->c->emitted, v, 1);
			attr(h, name, v);
		} else if (k == K_CELL && (strcmp(name, "colspan") == 0 ||
		    strcmp(name, "rowspan") == 0) && all_digits(v, 4) &&
		    atoi(v) > 0)
			attr(h, name, v);
		else if (k == K_CELL && strcmp(name, "scope") == 0 &&
		    (strcmp(v, "row") == 0 || strcmp(v, "col") == 0 ||
		    strcmp(v, "rowgroup") == 0 || strcmp(v, "colgroup") == 0) &&
		    strcmp((const char *)n->name, "th") == 0)
			attr(h, name, v);
		else if ((k == K_COL || k == K_COLGROUP) &&
		    strcmp(name, "span") == 0 && all_digits(v, 4) &&
		    atoi(v) > 0)
			attr(h, name, v);
		else if (k == K_LIST && strcmp((const char *)n->name, "ol") ==
		    0 && strcmp(name, "start") == 0 && all_digits(v, 9))
			attr(h, name, v);
		else if (k == K_LIST && strcmp((const char *)n->name, "ol") ==
		    0 && strcmp(name, "reversed") == 0)
			attr(h, name, "reversed");
		xmlFree(v);
	}
}

static void	emit_list(struct hc *, xmlNode *, enum ctx);

static void
text(struct hc *h, const char *s, enum ctx ctx)
{
	const char	*p;

	for (p = s; *p != '\0' && isspace((unsigned char)*p); p++)
		;
	if (*p == '\0' || ctx == C_FLOW || ctx == C_PHRASING) {
		xml_escape(h->out, s, 0);
		return;
	}
	switch (ctx) {
	case C_LIST:
		galley_buf_puts(h->out, "<li>");
		xml_escape(h->out, s, 0);
		galley_buf_puts(h->out, "</li>");
		break;
	case C_DL:
		galley_buf_puts(h->out, "<dd>");
		xml_escape(h->out, s, 0);
		galley_buf_puts(h->out, "</dd>");
		break;
	case C_TR:
		galley_buf_puts(h->out, "<td>");
		xml_escape(h->out, s, 0);
		galley_buf_puts(h->out, "</td>");
		break;
	case C_TABLE:
	case C_TSECT:
		galley_buf_puts(h->out, "<tr><td>");
		xml_escape(h->out, s, 0);
		galley_buf_puts(h->out, "</td></tr>");
		break;
	default:		/* colgroup: no text */
		break;
	}
}

/* The context of an element's content. */
static enum ctx
inner(enum kind k)
{
	switch (k) {
	case K_PHRASING:
	case K_PBLOCK:
	case K_DT:
		return C_PHRASING;
	case K_LIST:
		return C_LIST;
	case K_DL:
		return C_DL;
	case K_TABLE:
		return C_TABLE;
	case K_TSECT:
		return C_TSECT;
	case K_TR:
		return C_TR;
	case K_COLGROUP:
		return C_COLGROUP;
	default:
		return C_FLOW;
	}
}

static void
open_tag(struct hc *h, xmlNode *n, const struct elem *e)
{
	galley_buf_putc(h->out, '<');
	galley_buf_puts(h->out, e->as != NULL ? e->as : e->name);
	global_attrs(h, n, e->kind);
}

static void
image(struct hc *h, xmlNode *n)
{
	char		*src = prop(n, "src"), *alt = prop(n, "alt");
	const char	*href = NULL;
	size_t		 dummy;

	if (src == NULL)
		src = (char *)xmlStrdup((const xmlChar *)"");
	if (epub_url_is_remote(src)) {
		const char *t = alt != NULL && *alt != '\0' ? alt : src;

		char		*u = h->in_a ? NULL : epub_url(src);

		if (u == NULL)
			xml_escape(h->out, t, 0);
		else {
			galley_buf_puts(h->out, "<a class=\"remote-image\"");
			attr(h, "href", u);
			free(u);
			galley_buf_putc(h->out, '>');
			xml_escape(h->out, t, 0);
			galley_buf_puts(h->out, "</a>");
		}
		goto out;
	}
	if (map_get(&h->c->e->packed, src, &dummy))
		href = src;
	else if (*src != '\0' && (strncasecmp(src, "data:", 5) == 0 ||
	    strchr(src, ':') == NULL))
		href = epub_image(h->c->e, src, h->c->basedir, h->c->file,
		    h->c->line, h->c->col);
	if (href == NULL) {
		if (alt != NULL && *alt != '\0') {
			galley_buf_puts(h->out,
			    "<span class=\"missing-image\">");
			xml_escape(h->out, alt, 0);
			galley_buf_puts(h->out, "</span>");
		}
		goto out;
	}
	h->c->e->nimages++;
	if (alt == NULL || *alt == '\0')
		h->c->e->nimages_noalt++;
	galley_buf_puts(h->out, "<img");
	attr(h, "src", href);
	attr(h, "alt", alt != NULL ? alt : "");
	{
		char *w = prop(n, "width"), *ht = prop(n, "height");

		if (w != NULL && all_digits(w, 5))
			attr(h, "width", w);
		if (ht != NULL && all_digits(ht, 5))
			attr(h, "height", ht);
		xmlFree(w);
		xmlFree(ht);
	}
	galley_buf_puts(h->out, "/>");
out:
	xmlFree(src);
	xmlFree(alt);
}

/* Does element kind k fit in ctx?  If not, what wraps it there. */
static int
fits(enum kind k, enum ctx ctx, const char **wrap)
{
	*wrap = NULL;
	switch (ctx) {
	case C_PHRASING:
		return k == K_PHRASING || k == K_VOID_INLINE;
	case C_FLOW:
		return k == K_PHRASING || k == K_VOID_INLINE ||
		    k == K_BLOCK || k == K_PBLOCK || k == K_HR ||
		    k == K_LIST || k == K_DL || k == K_TABLE;
	case C_LIST:
		if (k == K_LI)
			return 1;
		*wrap = "li";
		return 0;
	case C_DL:
		if (k == K_DT || k == K_DD)
			return 1;
		*wrap = "dd";
		return 0;
	case C_TABLE:
		if (k == K_CAPTION || k == K_COLGROUP || k == K_TSECT ||
		    k == K_TR)
			return 1;
		if (k == K_CELL)
			*wrap = "tr";
		return 0;
	case C_TSECT:
		if (k == K_TR)
			return 1;
		if (k == K_CELL)
			*wrap = "tr";
		return 0;
	case C_TR:
		if (k == K_CELL)
			return 1;
		*wrap = "td";
		return 0;
	case C_COLGROUP:
		return k == K_COL;
	}
	return 0;
}

/*
 * Content a reader would miss, dropped: said once per kind of element
 * and chapter, with where its raw HTML starts.  Scripts, styles, forms
 * and such go without a word: no reader wants them in a book.
 */
/* Dropped elements whose content is text for readers, kept. */
static const char *const keeps_text[] = { "applet", "audio", "button",
    "canvas", "dialog", "form", "meter", "object", "output", "portal",
    "progress", "slot", "video",
    /* void in HTML: what the parser nests in them follows them
     * ("<picture><source ...><img alt=...></picture>") */
    "source", "track", "param", "embed", NULL };

static void
dropped(struct hc *h, xmlNode *n, const struct elem *e, int linked)
{
	static const char *const content[] = { "iframe", "video", "audio",
	    "embed", "object", "svg", "math", "canvas", "applet", NULL };
	char	*src;
	char	 key[32];

	if (!in_list(e->name, content) || h->c->e == NULL)
		return;
	snprintf(key, sizeof(key), "%zu<%s", h->c->ch, e->name);
	if (map_get(&h->c->e->dropped, key, NULL))
		return;
	map_put(&h->c->e->dropped, key, 1);
	if ((src = prop(n, "src")) == NULL)
		src = prop(n, "data");
	galley_diag_add(h->c->e->dg, GALLEY_WARNING, h->c->file, h->c->line,
	    h->c->col, "raw HTML <%s>%s%.80s%s has no place in an EPUB: "
	    "dropped%s", e->name, src != NULL ? " (" : "",
	    src != NULL ? src : "", src != NULL ? ")" : "",
	    linked ? "; a link to it stands in" : "");
	xmlFree(src);
}

static void	apart(struct hc *, xmlNode *);
static xmlNode	*child(xmlNode *, const char *);

/* In place of a dropped player or frame with a web address (an
 * embedded video, a map): a link to it, so that the reader can go
 * there.  Not inside a link, nor where a link cannot stand.  1 if
 * written. */
static int
link_instead(struct hc *h, xmlNode *n, const struct elem *e, enum ctx ctx)
{
	static const char *const players[] = { "iframe", "video", "audio",
	    "embed", "object", NULL };
	char		*src, *u;
	const char	*wrap;
	int		 done = 0;

	if (!in_list(e->name, players) || h->in_a || h->c->e == NULL ||
	    (ctx != C_FLOW && ctx != C_PHRASING) ||
	    !fits(K_PHRASING, ctx, &wrap))
		return 0;
	if ((src = prop(n, "src")) == NULL)
		src = prop(n, "data");
	if (src == NULL && child(n, "source") != NULL)
		src = prop(child(n, "source"), "src");	/* a video's first */
	if (src == NULL)
		return 0;
	if ((strncasecmp(src, "https://", 8) == 0 ||
	    strncasecmp(src, "http://", 7) == 0) &&
	    epub_href_ok(h->c->e, h->c->ch, src) &&
	    (u = epub_url(src)) != NULL) {
		if (ctx == C_FLOW)
			galley_buf_puts(h->out, "<p>");
		else
			apart(h, NULL);
		galley_buf_puts(h->out, "<a");
		attr(h, "href", u);
		galley_buf_putc(h->out, '>');
		text(h, u, C_PHRASING);
		galley_buf_puts(h->out, "</a>");
		if (ctx == C_FLOW)
			galley_buf_puts(h->out, "</p>");
		else if (n->children != NULL && in_list(e->name,
		    keeps_text))
			apart(h, n->children);	/* from its own words */
		else if (n->next != NULL)
			apart(h, n->next);	/* from the words after */
		free(u);
		done = 1;
	}
	xmlFree(src);
	return done;
}

/* A space to keep an unwrapped block's words from those around it,
 * unless one is there already (or comes next, in text). */
static void
apart(struct hc *h, xmlNode *next)
{
	const char	*d = h->out->data;
	size_t		 i = h->out->len;

	if (i == 0 || d[i - 1] == ' ' || d[i - 1] == '\n')
		return;
	if (d[i - 1] == '>') {	/* after an opening tag: nothing to part */
		while (i > 0 && d[i - 1] != '<')
			i--;
		if (i > 0 && d[i] != '/' && d[h->out->len - 2] != '/')
			return;
	}
	if (next != NULL && next->type == XML_TEXT_NODE &&
	    next->content != NULL && (next->content[0] == ' ' ||
	    next->content[0] == '\n' || next->content[0] == '\t'))
		return;
	galley_buf_putc(h->out, ' ');
}

static void
emit(struct hc *h, xmlNode *n, enum ctx ctx)
{
	const struct elem	*e;
	struct elem		 named;
	const char		*wrap;
	char			*href = NULL;
	enum ctx		 wctx;
	xmlNode			*saved = NULL;
	int			 saved_captioned = 0;

	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			text(h, (const char *)n->content, ctx);
		return;
	case XML_ELEMENT_NODE:
		break;
	default:
		return;
	}
	e = elem_find((const char *)n->name);
	if (e == NULL || e->kind == K_UNWRAP) {
		emit_list(h, n->children, ctx);
		return;
	}
	if (e->kind == K_DROP) {
		dropped(h, n, e, link_instead(h, n, e, ctx));
		/* what a reader is to read in it stays: a form's or a
		 * button's words, a video's fallback text, and all the
		 * paragraph after a "<form>" written in prose */
		if (in_list(e->name, keeps_text))
			emit_list(h, n->children, ctx);
		return;
	}
	if (!fits(e->kind, ctx, &wrap)) {
		if (wrap == NULL) {
			/* Not here: keep its content where it may stand,
			 * a block's apart from the words around it */
			if ((ctx == C_FLOW || ctx == C_PHRASING) &&
			    e->kind == K_PHRASING)
				emit_list(h, n->children, ctx);
			else if (ctx == C_FLOW || ctx == C_PHRASING) {
				apart(h, NULL);
				emit_list(h, n->children, ctx);
				apart(h, n->next);
			}
			return;
		}
		wctx = strcmp(wrap, "tr") == 0 ? C_TR : C_FLOW;
		galley_buf_putc(h->out, '<');
		galley_buf_puts(h->out, wrap);
		galley_buf_putc(h->out, '>');
		emit(h, n, wctx);
		galley_buf_puts(h->out, "</");
		galley_buf_puts(h->out, wrap);
		galley_buf_putc(h->out, '>');
		return;
	}
	if (strcmp(e->name, "img") == 0) {
		image(h, n);
		return;
	}
	if (strcmp(e->name, "a") == 0) {
		href = prop(n, "href");
		if (h->in_a || href == NULL || (href[0] == '#' ?
		    !map_get(h->c->ids, href + 1, NULL) :
		    !epub_href_ok(h->c->e, h->c->ch, href))) {
			xmlFree(href);
			emit_list(h, n->children, ctx);
			return;
		}
	}
	/* a caption of the figure being written, first or last in it; a
	 * summary first in its details: themselves, else div and p */
	if ((strcmp(e->name, "figcaption") == 0 && n->parent == h->figure &&
	    h->figure != NULL && !h->captioned && (edge_child(n, 0) ||
	    edge_child(n, 1))) || (strcmp(e->name, "summary") == 0 &&
	    n->parent == h->details && h->details != NULL &&
	    edge_child(n, 0))) {
		named = *e;
		named.as = NULL;
		e = &named;
		h->captioned |= n->parent == h->figure;
	}
	/* details must open with its summary (EPUBCheck's HTML schema) */
	if (strcmp(e->name, "details") == 0 && !opens_with(n, "summary")) {
		named = *e;
		named.as = "div";
		e = &named;
	}
	open_tag(h, n, e);
	if (strcmp(e->name, "figure") == 0) {
		saved = h->figure;
		saved_captioned = h->captioned;
		h->figure = n;
		h->captioned = 0;
	} else if (strcmp(e->name, "details") == 0 && e->as == NULL) {
		saved = h->details;
		h->details = n;
	}
	if (href != NULL) {
		char	*u = epub_url(href);

		attr(h, "href", u != NULL ? u : "");
		free(u);
		xmlFree(href);
		h->in_a++;
	}
	if (e->kind == K_VOID_INLINE || e->kind == K_HR || e->kind == K_COL) {
		galley_buf_puts(h->out, "/>");
		return;
	}
	galley_buf_putc(h->out, '>');
	emit_list(h, n->children, inner(e->kind));
	galley_buf_puts(h->out, "</");
	galley_buf_puts(h->out, e->as != NULL ? e->as : e->name);
	galley_buf_putc(h->out, '>');
	if (strcmp(e->name, "a") == 0)
		h->in_a--;
	if (strcmp(e->name, "figure") == 0) {
		h->figure = saved;
		h->captioned = saved_captioned;
	} else if (strcmp(e->name, "details") == 0 && e->as == NULL)
		h->details = saved;
}

static void
emit_list(struct hc *h, xmlNode *n, enum ctx ctx)
{
	for (; n != NULL; n = n->next)
		emit(h, n, ctx);
}

static xmlNode *
child(xmlNode *n, const char *name)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

void
html_clean(struct galley_buf *out, const char *html, size_t len,
    int phrasing, struct html_ctx *c)
{
	static const char	 pre[] = "<html><body>";
	struct galley_buf	 in;
	htmlDocPtr		 d;
	xmlNode			*body;
	struct hc		 h;

	galley_buf_init(&in);
	galley_buf_puts(&in, pre);
	galley_buf_put(&in, html, len);
	galley_buf_puts(&in, "</body></html>");
	xml_init();
	d = htmlReadMemory(in.data, (int)in.len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_NODEFDTD);
	galley_buf_release(&in);
	if (d == NULL)
		return;
	body = child(child((xmlNode *)d, "html"), "body");
	memset(&h, 0, sizeof(h));
	h.out = out;
	h.c = c;
	if (body != NULL)
		emit_list(&h, body->children, phrasing ? C_PHRASING : C_FLOW);
	xmlFreeDoc(d);
}
