/*
 * Chapters: one article's tree as an XHTML5 content document.  Ids
 * are settled by one walk (headings, sections, footnotes) that both
 * the table of contents and the chapter use; raw HTML goes through
 * html_clean(); links and images follow the package's rules.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "writers/epub/epub.h"
#include "writers/xml_escape.h"
#include "model/rawhtml.h"
#include "model/url.h"
#include "model/oom.h"

/* The ids of a chapter, in walk order of the nodes that carry them. */
struct ids {
	char		**v;
	size_t		  n, cap, next;
	struct map	  set;		/* every id */
	struct map	  notes;	/* footnote label, "#index" -> in v */
	struct map	  number;	/* footnote id -> its number */
	struct map	  refs;		/* footnote id -> refs seen */
	struct map	  firstref;	/* footnote id -> index in v */
	struct map	  nthref;	/* "id\037N" -> index in v of its
					   N-th reference (N >= 2) */
	unsigned	  headings;
};

struct xw {
	struct epub		*e;
	size_t			 ch;
	const struct galley_doc	*doc;
	const struct galley_meta *meta;
	const char		*basedir, *file;
	struct galley_buf	*out;
	struct ids		 ids;
	struct map		 emitted;
	struct map		 written;	/* ids in scan_buf, up to */
	size_t			 scanned;	/* ... this many bytes */
	const struct galley_buf	*scan_buf;
	int			 in_link;
	int			 raw;		/* out is raw HTML to clean */
	const struct galley_node *task;	/* item whose box is pending */
	int			 rtl;		/* the chapter reads right to
						   left: code does not */
	int			 in_body;	/* the table's tbody is open */
};

static void
put(struct xw *x, const char *s)
{
	galley_buf_puts(x->out, s);
}

static void
esc(struct xw *x, const char *s, int attr)
{
	xml_escape(x->out, s != NULL ? s : "", attr);
}

/* An XML NCName as ids need (ASCII rules; any non-ASCII allowed). */
static int
is_ncname(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (s == NULL || *p == '\0')
		return 0;
	if (!(*p >= 0x80 || *p == '_' || ((*p | 0x20) >= 'a' &&
	    (*p | 0x20) <= 'z')))
		return 0;
	for (p++; *p != '\0'; p++)
		if (!(*p >= 0x80 || *p == '_' || *p == '-' || *p == '.' ||
		    (*p >= '0' && *p <= '9') ||
		    ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
			return 0;
	return 1;
}

static void
ids_push(struct ids *ids, const char *want, const char *fallback)
{
	char		 tmp[64];
	const char	*id = is_ncname(want) ? want : fallback;
	char		*own;
	unsigned	 k = 2;

	own = epub_strdup(id);
	while (map_get(&ids->set, own, NULL)) {
		free(own);
		snprintf(tmp, sizeof(tmp), "-%u", k++);
		if ((own = malloc(strlen(id) + strlen(tmp) + 1)) == NULL)
			galley_oom();
		strcpy(own, id);
		strcat(own, tmp);
	}
	map_put(&ids->set, own, ids->n);
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 32;
		if ((ids->v = realloc(ids->v, ids->cap * sizeof(*ids->v))) ==
		    NULL)
			galley_oom();
	}
	ids->v[ids->n++] = own;
}

static const char *
ids_take(struct ids *ids)
{
	return ids->next < ids->n ? ids->v[ids->next++] : "";
}

static void
ids_release(struct ids *ids)
{
	size_t	 i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
	map_release(&ids->set);
	map_release(&ids->notes);
	map_release(&ids->number);
	map_release(&ids->refs);
	map_release(&ids->firstref);
	map_release(&ids->nthref);
}

static const char *
note_label(const struct galley_node *n)
{
	return n->u.note.label != NULL ? n->u.note.label : "";
}

/*
 * The definition a reference points to, as an index in ids->v: by
 * label, else by number (cmark-gfm gives references the number of
 * their note as label).  0 if there is none.
 */
static int
note_find(const struct ids *ids, const struct galley_node *ref, size_t *k)
{
	char	 key[48];

	if (map_get(&ids->notes, note_label(ref), k))
		return 1;
	snprintf(key, sizeof(key), "#%.40s", note_label(ref));
	if (map_get(&ids->notes, key, k))
		return 1;
	snprintf(key, sizeof(key), "#%d", ref->u.note.index);
	return ref->u.note.index > 0 && map_get(&ids->notes, key, k);
}

/* Does the section's own first heading carry the same id? */
static int
section_id_shared(const struct galley_node *n)
{
	const struct galley_node	*c;

	for (c = n->first; c != NULL; c = c->next)
		if (c->type == GALLEY_NODE_HEADING)
			return c->id != NULL && n->id != NULL &&
			    strcmp(c->id, n->id) == 0;
	return 0;
}

/*
 * Settle every id of the chapter in walk order.  Footnote definitions
 * come first so that references know their targets: a first walk for
 * definitions, a second for the rest.
 */
static void
ids_defs(struct ids *ids, const struct galley_node *n)
{
	const struct galley_node	*c;
	char				 fb[48];

	if (n->type == GALLEY_NODE_FOOTNOTE_DEF &&
	    !map_get(&ids->notes, note_label(n), NULL)) {
		snprintf(fb, sizeof(fb), "fn-%d", n->u.note.index);
		ids_push(ids, n->id, fb);
		map_put(&ids->notes, note_label(n), ids->n - 1);
		map_put(&ids->number, ids->v[ids->n - 1],
		    (size_t)(n->u.note.index > 0 ? n->u.note.index :
		    (int)ids->n));
		snprintf(fb, sizeof(fb), "#%d", n->u.note.index);
		if (!map_get(&ids->notes, fb, NULL))
			map_put(&ids->notes, fb, ids->n - 1);
	}
	for (c = n->first; c != NULL; c = c->next)
		ids_defs(ids, c);
}

/* The key of a footnote's n-th reference in ids->nthref: the index of
 * its id in ids->v, and n. */
static void
nth_key(char *fb, size_t sz, size_t def, size_t n)
{
	snprintf(fb, sz, "%zu\037%zu", def, n);
}

/* The index in v where the walk-order ids start: after the notes. */
static void
ids_walk(struct ids *ids, const struct galley_node *n)
{
	const struct galley_node	*c;
	char				 fb[64];
	size_t				 k, d;

	switch (n->type) {
	case GALLEY_NODE_HEADING:
		snprintf(fb, sizeof(fb), "h-%u", ++ids->headings);
		ids_push(ids, n->id, fb);
		break;
	case GALLEY_NODE_SECTION:
		if (n->id != NULL && !section_id_shared(n)) {
			snprintf(fb, sizeof(fb), "s-%u", ids->headings + 1);
			ids_push(ids, n->id, fb);
		}
		break;
	case GALLEY_NODE_FOOTNOTE_REF:
		if (note_find(ids, n, &d)) {
			const char *def = ids->v[d];
			size_t num = 0;

			k = 0;
			map_get(&ids->refs, def, &k);
			map_put(&ids->refs, def, k + 1);
			map_get(&ids->number, def, &num);
			if (k == 0)
				snprintf(fb, sizeof(fb), "fnref-%zu", num);
			else
				snprintf(fb, sizeof(fb), "fnref-%zu-%zu", num,
				    k + 1);
			ids_push(ids, fb, "fnref");
			if (k == 0)
				map_put(&ids->firstref, ids->v[d],
				    ids->n - 1);
			else {
				nth_key(fb, sizeof(fb), d, k + 1);
				map_put(&ids->nthref, fb, ids->n - 1);
			}
		}
		break;
	default:
		break;
	}
	for (c = n->first; c != NULL; c = c->next)
		ids_walk(ids, c);
}

static void
ids_settle(struct ids *ids, const struct galley_doc *doc)
{
	memset(ids, 0, sizeof(*ids));
	ids_defs(ids, galley_doc_root(doc));
	ids->next = ids->n;
	ids_walk(ids, galley_doc_root(doc));
}

void
xhtml_text(struct galley_buf *b, const struct galley_node *n)
{
	const struct galley_node	*c;

	switch (n->type) {
	case GALLEY_NODE_TEXT:
	case GALLEY_NODE_CODE:
	case GALLEY_NODE_CODE_BLOCK:
		if (n->literal != NULL)
			galley_buf_puts(b, n->literal);
		break;
	case GALLEY_NODE_SOFTBREAK:
	case GALLEY_NODE_LINEBREAK:
		galley_buf_putc(b, ' ');
		break;
	case GALLEY_NODE_FOOTNOTE_REF:
	case GALLEY_NODE_FOOTNOTE_DEF:
		return;
	default:
		break;
	}
	for (c = n->first; c != NULL; c = c->next)
		xhtml_text(b, c);
}

/* Text with runs of white space made one space, trimmed; malloc'd. */
static char *
text_of(const struct galley_node *n)
{
	struct galley_buf	 b;
	char			*s, *p, *q;
	int			 sp = 0;

	galley_buf_init(&b);
	xhtml_text(&b, n);
	galley_buf_putc(&b, '\0');
	s = galley_buf_detach(&b, NULL);
	for (p = q = s; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			sp = q != s;
			continue;
		}
		if (sp)
			*q++ = ' ';
		sp = 0;
		*q++ = *p;
	}
	*q = '\0';
	return s;
}

void
xhtml_headings(struct epub *e, size_t ch, const struct galley_doc *doc)
{
	struct ids	 ids;
	size_t		 i;

	ids_settle(&ids, doc);
	{
		/* Pair the ids with their nodes: the same pre-order walk
		 * as ids_walk(). */
		const struct galley_node	*n = galley_doc_root(doc);
		size_t				 k = ids.next;

		while (n != NULL) {
			if (n->type == GALLEY_NODE_HEADING) {
				char *t = text_of(n);

				if (k < ids.n) {
					epub_chapter_heading(e, ch,
					    n->u.heading.level, ids.v[k],
					    n->u.heading.level <= 3 ? t :
					    NULL);
					epub_chapter_anchor(e, ch, t);
				}
				free(t);
			}
			if (n->type == GALLEY_NODE_HEADING ||
			    (n->type == GALLEY_NODE_SECTION &&
			    n->id != NULL && !section_id_shared(n)) ||
			    (n->type == GALLEY_NODE_FOOTNOTE_REF &&
			    note_find(&ids, n, NULL))) {
				if (n->type != GALLEY_NODE_HEADING &&
				    k < ids.n)
					epub_chapter_heading(e, ch, 0,
					    ids.v[k], NULL);
				k++;
			}
			/* next in document order */
			if (n->first != NULL)
				n = n->first;
			else {
				while (n != NULL && n->next == NULL)
					n = n->parent;
				if (n != NULL)
					n = n->next;
			}
		}
	}
	for (i = 0; i < ids.next; i++)
		epub_chapter_heading(e, ch, 0, ids.v[i], NULL);
	ids_release(&ids);
}

/* Write id="..." once per id. */
static void
put_id(struct xw *x, const char *id)
{
	if (id == NULL || *id == '\0' || map_get(&x->emitted, id, NULL))
		return;
	if (!x->raw)		/* else html_clean() marks it */
		map_put(&x->emitted, id, 1);
	put(x, " id=\"");
	esc(x, id, 1);
	put(x, "\"");
}

/* Percent-encode what a URL may not hold as written; into out. */
static void
put_url(struct xw *x, const char *u)
{
	char	*c = epub_url(u);

	esc(x, c != NULL ? c : "", 1);
	free(c);
}

/*
 * The id of chapter t a fragment names: itself, else as a heading's id
 * is made from it when it is ASCII ("Key%20Points": "key-points";
 * "1-intro": "h-1-intro"), into buf; NULL if none.
 */
static const char *chapter_anchor(struct xw *, size_t, const char *);

static const char *
chapter_fragment(struct xw *x, size_t t, const char *frag, char *buf,
    size_t sz)
{
	const char	*id;
	size_t		 i, o = 0;
	int		 dash = 0;

	if (epub_chapter_has_id(x->e, t, frag))
		return frag;
	if ((id = chapter_anchor(x, t, frag)) != NULL)	/* "#nodejs-server" */
		return id;
	o = (size_t)snprintf(buf, sz, "h-");
	for (i = 0; frag[i] != '\0' && o + 2 < sz; i++) {
		unsigned char c = (unsigned char)frag[i];

		if (c == '%' && frag[i + 1] == '2' && frag[i + 2] == '0') {
			i += 2;
			c = ' ';
		}
		if (c >= 0x80)
			return NULL;
		if (isalnum(c)) {
			if (dash && o > 2)
				buf[o++] = '-';
			buf[o++] = (char)tolower(c);
			dash = 0;
		} else
			dash = 1;
	}
	buf[o] = '\0';
	if (o > 2 && epub_chapter_has_id(x->e, t, buf + 2))
		return buf + 2;
	return o > 2 && epub_chapter_has_id(x->e, t, buf) ? buf : NULL;
}

/* The id of chapter t's heading whose GitHub anchor frag is, or NULL. */
static const char *
chapter_anchor(struct xw *x, size_t t, const char *frag)
{
	char		*a = url_decode(frag);
	const char	*id;

	if (a == NULL)
		galley_oom();
	id = epub_chapter_anchor_id(x->e, t, a);
	free(a);
	return id;
}

/*
 * A link to an article of the run that is not in this EPUB (each
 * article's own EPUB): under --link-base URL, the article's address on
 * the site (url_under_base, as the links filter makes those of no
 * article); else text only, with a note.
 */
static char *
elsewhere(struct xw *x, const struct galley_node *n)
{
	const char	*base = x->e->opts != NULL ? x->e->opts->link_base :
	    NULL, *url = n->u.link.url;
	char		*h;

	if (url == NULL || epub_url_is_absolute(url) || url[0] == '#')
		return NULL;
	if (base == NULL || base[0] == '\0') {
		galley_diag_add(x->e->dg, GALLEY_NOTE, x->file, n->pos.line,
		    n->pos.col, "link to \"%s\": article \"%s\" is not in "
		    "this EPUB; kept as text (galley book links it, "
		    "--link-base URL makes it absolute)", url,
		    n->u.link.target != NULL ? n->u.link.target : "");
		return NULL;
	}
	if ((h = url_under_base(base, url)) == NULL)	/* as links.c */
		galley_oom();
	return h;
}

/* The href a link gets in this chapter, malloc'd, or NULL: text only. */
static char *
link_href(struct xw *x, const struct galley_node *n)
{
	const char	*url = n->u.link.url, *frag = n->u.link.fragment;
	size_t		 t;
	char		*h, *sub, fb[128];

	switch (n->u.link.kind) {
	case GALLEY_LINK_INTERNAL:
		h = epub_article_key(n->u.link.target,
		    n->u.link.target_lang != NULL ? n->u.link.target_lang :
		    x->e->ch[x->ch].lang);
		sub = strrchr(h, '-');
		if (sub != NULL && sub < strrchr(h, '\037'))
			sub = NULL;	/* the id's, not the language's */
		/* a link to one translation's file (target_lang) goes to
		 * that one or nowhere: not to another sharing its id (in
		 * an article's own EPUB, itself) */
		if (!map_get(&x->e->article, h, &t) &&
		    (sub == NULL || (*sub = '\0',		/* nb-NO: nb */
		    !map_get(&x->e->article, h, &t))) &&
		    (n->u.link.target_lang != NULL ||
		    !map_get(&x->e->article, n->u.link.target, &t))) {
			free(h);
			return elsewhere(x, n);
		}
		free(h);
		if (frag != NULL && *frag != '\0' &&
		    (frag = chapter_fragment(x, t, frag, fb, sizeof(fb))) ==
		    NULL) {
			galley_diag_add(x->e->dg, GALLEY_WARNING, x->file,
			    n->pos.line, n->pos.col, "link to \"%s\": that "
			    "article has no heading \"#%s\"; the link goes to "
			    "its top", url != NULL ? url : "",
			    n->u.link.fragment);
			frag = NULL;
		}
		if (frag != NULL && *frag != '\0') {
			if ((h = malloc(strlen(x->e->ch[t].file) +
			    strlen(frag) + 2)) == NULL)
				galley_oom();
			sprintf(h, "%s#%s", t == x->ch ? "" :
			    x->e->ch[t].file, frag);
			return h;
		}
		return epub_strdup(x->e->ch[t].file);
	case GALLEY_LINK_EXTERNAL:
		if (url == NULL)
			return NULL;
		if (url[0] == '#' && map_get(&x->ids.set, url + 1, NULL))
			return epub_strdup(url);
		if (strcasecmp(url, "#top") == 0)	/* HTML's top */
			return epub_strdup(x->e->ch[x->ch].file);
		if (url[0] == '#')
			return NULL;
		if (epub_url_is_absolute(url) && url_host_ascii(url,
		    &h) == 0) {
			free(h);
			return epub_strdup(url);
		}
		return NULL;
	case GALLEY_LINK_UNRESOLVED:
		return NULL;
	}
	return NULL;
}

static void	render(struct xw *, const struct galley_node *);

/* 1 if the tree below n is more than max nodes deep, or has more nodes
 * than *budget allows. */
static int
deeper_than(const struct galley_node *n, int max, size_t *budget)
{
	const struct galley_node	*c;

	if (max < 0 || *budget == 0)
		return 1;
	--*budget;
	for (c = n->first; c != NULL; c = c->next)
		if (deeper_than(c, max - 1, budget))
			return 1;
	return 0;
}

/* The last sibling of n (an HTML block that leaves a container open)
 * whose raw HTML closes it, or NULL.  *budget: nodes that may still be
 * looked at, for all the blocks of a parent (hostile input: 100,000
 * "<div>" never closed must not cost 100,000 squared). */
static const struct galley_node *
span_end(const struct galley_node *n, int (*dv)[RAW_CONTAINERS],
    size_t *budget)
{
	int				 depth[RAW_CONTAINERS];
	const struct galley_node	*c;
	size_t				 k;

	memcpy(depth, dv[0], sizeof(depth));
	if (raw_open(depth) != 1)
		return NULL;
	for (c = n->next, dv++; c != NULL && *budget > 0; c = c->next, dv++) {
		/* libxml2's HTML parser keeps 256 levels: deeper Markdown
		 * stays outside, as it would be without the container */
		if (deeper_than(c, 64, budget))
			return NULL;
		if (c->type != GALLEY_NODE_HTML_BLOCK || c->literal == NULL)
			continue;
		for (k = 0; k < RAW_CONTAINERS; k++)
			depth[k] += dv[0][k];
		switch (raw_open(depth)) {
		case -1:
			return NULL;	/* closes more than opened */
		case 0:
			return c;
		}
	}
	return NULL;
}

static void	render_raw(struct xw *, const struct galley_node *,
		    const struct galley_node *, int, const struct galley_node *);

static void
render_children(struct xw *x, const struct galley_node *n)
{
	const struct galley_node	*c, *end;
	struct galley_node		**v = NULL;
	int				(*dv)[RAW_CONTAINERS] = NULL;
	size_t				 budget = 1000000, i, count = 0;
	int				 raw = 0;

	/* each raw HTML block's containers counted once (raw_counts) */
	for (c = n->first; c != NULL; c = c->next, count++)
		raw |= c->type == GALLEY_NODE_HTML_BLOCK;
	if (raw && !x->raw && (v = malloc(count * sizeof(*v))) != NULL) {
		for (c = n->first, i = 0; c != NULL; c = c->next)
			v[i++] = (struct galley_node *)(uintptr_t)c;
		dv = raw_counts(v, count);
	}
	for (c = n->first, i = 0; c != NULL; c = c->next, i++) {
		if (dv == NULL || c->type != GALLEY_NODE_HTML_BLOCK ||
		    c->literal == NULL || (end = span_end(c, dv + i,
		    &budget)) == NULL) {
			render(x, c);
			continue;
		}
		/* the blocks from the one that opens to the one that
		 * closes, as one piece of HTML: the container holds the
		 * Markdown between */
		render_raw(x, c, end, 0, c);
		for (; c != end; c = c->next)
			i++;
	}
	free(dv);
	free(v);
}

static int
has_raw_inline(const struct galley_node *n)
{
	const struct galley_node	*c;

	for (c = n->first; c != NULL; c = c->next)
		if (c->type == GALLEY_NODE_HTML_INLINE || has_raw_inline(c))
			return 1;
	return 0;
}

static void
clean_into(struct xw *x, struct galley_buf *raw, int phrasing,
    const struct galley_node *n)
{
	struct html_ctx	 c;

	c.e = x->e;
	c.ch = x->ch;
	c.basedir = x->basedir;
	c.file = x->file;
	c.line = n->pos.line;
	c.col = n->pos.col;
	c.ids = &x->ids.set;
	c.emitted = &x->emitted;
	html_clean(x->out, raw->data != NULL ? raw->data : "", raw->len,
	    phrasing, &c);
}

/*
 * Siblings from first to last (NULL: to the end) rendered with their raw
 * HTML as it is, then the whole through html_clean() (messages at at's
 * place): raw HTML that spans them holds them.
 */
static void
render_raw(struct xw *x, const struct galley_node *first,
    const struct galley_node *last, int phrasing,
    const struct galley_node *at)
{
	const struct galley_node	*c;
	struct galley_buf		 raw, *saved;

	galley_buf_init(&raw);
	saved = x->out;
	x->out = &raw;
	x->raw = 1;
	for (c = first; c != NULL; c = c->next) {
		render(x, c);
		if (c == last)
			break;
	}
	x->raw = 0;
	x->out = saved;
	clean_into(x, &raw, phrasing, at);
	galley_buf_release(&raw);
}

/* Inline children, through html_clean() when raw HTML is among them. */
static void
render_inlines(struct xw *x, const struct galley_node *n)
{
	if (x->raw || !has_raw_inline(n))
		render_children(x, n);
	else if (n->first != NULL)
		render_raw(x, n->first, NULL, 1, n);
}

static void
render_image(struct xw *x, const struct galley_node *n)
{
	const char	*url = n->u.link.url != NULL ? n->u.link.url : "";
	const char	*href = NULL;
	char		*alt = text_of(n);

	if (epub_url_is_remote(url)) {
		if (x->in_link)
			esc(x, *alt ? alt : url, 0);
		else {
			put(x, "<a class=\"remote-image\" href=\"");
			put_url(x, url);
			put(x, "\">");
			esc(x, *alt ? alt : url, 0);
			put(x, "</a>");
		}
		free(alt);
		return;
	}
	href = epub_image(x->e, url, x->basedir, x->file, n->pos.line,
	    n->pos.col);
	if (href == NULL) {
		put(x, "<span class=\"missing-image\">");
		esc(x, alt, 0);
		put(x, "</span>");
		free(alt);
		return;
	}
	x->e->nimages++;
	if (*alt == '\0')
		x->e->nimages_noalt++;
	put(x, "<img src=\"");
	esc(x, href, 1);
	put(x, "\" alt=\"");
	esc(x, alt, 1);
	put(x, "\"");
	if (n->u.link.title != NULL && *n->u.link.title != '\0') {
		put(x, " title=\"");
		esc(x, n->u.link.title, 1);
		put(x, "\"");
	}
	put(x, "/>");
	free(alt);
}

static const char *
align_class(enum galley_align a)
{
	switch (a) {
	case GALLEY_ALIGN_LEFT:
		return " class=\"left\"";
	case GALLEY_ALIGN_CENTER:
		return " class=\"center\"";
	case GALLEY_ALIGN_RIGHT:
		return " class=\"right\"";
	case GALLEY_ALIGN_NONE:
		break;
	}
	return "";
}

static void
render_row(struct xw *x, const struct galley_node *n)
{
	const struct galley_node	*c;
	int				 head, first, last;

	/* the header rows the table begins with make its thead; a header
	 * row after the body (JSON may have one) is a body row of th */
	head = n->u.row.header && !x->in_body;
	first = head ? n->prev == NULL : !x->in_body;
	last = head ? n->next == NULL || !n->next->u.row.header :
	    n->next == NULL;
	if (!head)
		x->in_body = 1;

	if (first)
		put(x, head ? "<thead>\n" : "<tbody>\n");
	put(x, "<tr>");
	for (c = n->first; c != NULL; c = c->next) {
		if (c->type != GALLEY_NODE_TABLE_CELL) {
			render(x, c);
			continue;
		}
		put(x, n->u.row.header ? "<th scope=\"col\"" : "<td");
		put(x, align_class(c->u.cell.align));
		put(x, ">");
		render_inlines(x, c);
		put(x, n->u.row.header ? "</th>" : "</td>");
	}
	put(x, "</tr>\n");
	if (last)
		put(x, head ? "</thead>\n" : "</tbody>\n");
}

static void
render_noteref(struct xw *x, const struct galley_node *n)
{
	size_t		 k, num = 0;
	const char	*id;

	if (!note_find(&x->ids, n, &k)) {
		put(x, "[^");
		esc(x, note_label(n), 0);
		put(x, "]");
		return;
	}
	id = ids_take(&x->ids);
	put(x, "<sup class=\"galley-noteref\"><a epub:type=\"noteref\" "
	    "role=\"doc-noteref\"");
	put_id(x, id);
	put(x, " href=\"#");
	esc(x, x->ids.v[k], 1);
	map_get(&x->ids.number, x->ids.v[k], &num);
	galley_buf_printf(x->out, "\">%zu</a></sup>", num);
}

/* The id of the first reference to a footnote, or NULL if none. */
static const char *
first_ref(struct xw *x, const struct galley_node *def)
{
	size_t	 k, d;

	if (!map_get(&x->ids.notes, note_label(def), &d) ||
	    !map_get(&x->ids.firstref, x->ids.v[d], &k))
		return NULL;
	return x->ids.v[k];
}

/* 1 if the chapter so far has an element with this id: a reference
 * may have been inside raw HTML that was dropped (an unclosed
 * <script>), and no link goes back to nothing. */
static int
written(struct xw *x, const char *id)
{
	const char	*p, *q, *end = x->out->data + x->out->len;
	char		 one[256];

	/* another buffer (raw HTML rendered apart), or one cut back:
	 * look again from its start */
	if (x->out != x->scan_buf || x->out->len < x->scanned) {
		map_release(&x->written);
		map_init(&x->written);
		x->scanned = 0;
		x->scan_buf = x->out;
	}
	/* the ids written since the last look, each once: linear in the
	 * chapter however many references its notes have */
	for (p = x->out->data + x->scanned; x->out->len > x->scanned &&
	    (p = memchr(p, 'i', (size_t)(end - p))) != NULL; p++) {
		if (end - p < 5 || memcmp(p, "id=\"", 4) != 0 ||
		    (p > x->out->data && p[-1] != ' '))
			continue;
		if ((q = memchr(p + 4, '"', (size_t)(end - p - 4))) == NULL)
			break;
		if ((size_t)(q - p - 4) < sizeof(one)) {
			memcpy(one, p + 4, (size_t)(q - p - 4));
			one[q - p - 4] = '\0';
			map_put(&x->written, one, 1);
		}
		p = q;
	}
	x->scanned = x->out->len;
	return map_get(&x->written, id, NULL);
}

/* lang and xml:lang "en" for galley's own words in a chapter in lang,
 * where it has none in lang ("back", "done", "Note"); else "". */
static const char *
en_words(const char *lang)
{
	return lang != NULL && strcmp(nav_word_lang(lang), lang) != 0 ?
	    " lang=\"en\" xml:lang=\"en\"" : "";
}

/*
 * The links from a footnote back to its references: its number to the
 * first, then an arrow and a count to each further one ("1. ↩2 ↩3"),
 * each named for screen readers ("back 1", "back 1 (2)").
 */
static void
put_backlink(struct xw *x, const struct galley_node *def, const char *ref)
{
	const char	*lang = x->e->ch[x->ch].lang;
	const char	*back = nav_word(lang, WORD_BACK);
	const char	*en = en_words(lang);
	size_t		 num = 0, d, refs = 0, j, k;
	char		 key[64];

	if (ref == NULL || !written(x, ref))
		return;
	if (map_get(&x->ids.notes, note_label(def), &d)) {
		map_get(&x->ids.number, x->ids.v[d], &num);
		map_get(&x->ids.refs, x->ids.v[d], &refs);
	}
	put(x, "<a class=\"galley-backlink\" role=\"doc-backlink\" href=\"#");
	esc(x, ref, 1);
	galley_buf_printf(x->out, "\" aria-label=\"%s %zu\"%s>%zu.</a> ",
	    back, num, en, num);
	for (j = 2; j <= refs; j++) {
		nth_key(key, sizeof(key), d, j);
		if (!map_get(&x->ids.nthref, key, &k) ||
		    !written(x, x->ids.v[k]))
			continue;
		put(x, "<a class=\"galley-backlink\" role=\"doc-backlink\" "
		    "href=\"#");
		esc(x, x->ids.v[k], 1);
		galley_buf_printf(x->out, "\" aria-label=\"%s %zu (%zu)\"%s>"
		    "\xe2\x86\xa9<sup>%zu</sup></a> ", back, num, j, en, j);
	}
}

/* No text, no image, no raw HTML: nothing a reader would see. */
static int
is_blank(const struct galley_node *n)
{
	const struct galley_node	*c;
	const char			*p;

	if (n->type == GALLEY_NODE_IMAGE || n->type == GALLEY_NODE_HTML_INLINE)
		return 0;
	if (n->literal != NULL && (n->type == GALLEY_NODE_TEXT ||
	    n->type == GALLEY_NODE_CODE))
		for (p = n->literal; *p != '\0'; p++)
			if (*p != ' ' && *p != '\t' && *p != '\n')
				return 0;
	for (c = n->first; c != NULL; c = c->next)
		if (!is_blank(c))
			return 0;
	return 1;
}

/* A task item's box: a glyph with its meaning for screen readers. */
static void
put_task(struct xw *x, const struct galley_node *item)
{
	const char	*lang = x->e->ch[x->ch].lang;
	int		 done = item->u.item.checked;

	galley_buf_printf(x->out, "<span class=\"galley-task %s\" "
	    "role=\"img\" aria-label=\"%s\"%s>%s</span> ",
	    done ? "done" : "todo",
	    nav_word(lang, done ? WORD_DONE : WORD_TODO),
	    /* words in English for a language we have none in */
	    en_words(lang),
	    done ? "\xe2\x98\x91" : "\xe2\x98\x90");
}

/*
 * An alert or callout: a note that stands out, titled with its own
 * title or its kind ("Warning"); the kind is its class, for a
 * stylesheet that colours them.
 */
static void
callout(struct xw *x, const struct galley_node *n)
{
	const char	*k = n->u.quote.callout;
	const char	*lang = x->e->ch[x->ch].lang, *w;

	put(x, "<div class=\"callout callout-");
	esc(x, k, 1);
	put(x, "\" role=\"note\">\n<p class=\"callout-title\"");
	if (n->u.quote.title != NULL) {
		put(x, ">");
		esc(x, n->u.quote.title, 0);
	} else if ((w = nav_callout(lang, k)) != NULL) {
		/* GitHub's five in the chapter's language where we have
		 * them, else in English, said so */
		put(x, en_words(lang));
		put(x, ">");
		esc(x, w, 0);
	} else {
		char	 t[64];
		size_t	 i;

		/* another kind: its name, an English word most often */
		put(x, lang != NULL && strncmp(lang, "en", 2) != 0 ?
		    " lang=\"en\" xml:lang=\"en\">" : ">");
		snprintf(t, sizeof(t), "%s", k);
		for (i = 0; t[i] != '\0'; i++)
			if (t[i] == '-')
				t[i] = ' ';
		if (t[0] >= 'a' && t[0] <= 'z')
			t[0] = (char)(t[0] - 'a' + 'A');
		esc(x, t, 0);
	}
	put(x, "</p>\n");
	render_children(x, n);
	put(x, "</div>\n");
}

static void
render(struct xw *x, const struct galley_node *n)
{
	const char	*tag = NULL;
	char		*href;

	switch (n->type) {
	case GALLEY_NODE_DOCUMENT:
		render_children(x, n);
		return;
	case GALLEY_NODE_SECTION:
		put(x, "<section");
		if (n->id != NULL && !section_id_shared(n))
			put_id(x, ids_take(&x->ids));
		put(x, ">\n");
		render_children(x, n);
		put(x, "</section>\n");
		return;
	case GALLEY_NODE_PARAGRAPH:
		/* an image alone: a block, not a first line to indent */
		put(x, n->first != NULL && n->first == n->last &&
		    n->first->type == GALLEY_NODE_IMAGE ? "<p class=\"image\">" :
		    "<p>");
		if (x->task != NULL && n->parent == x->task) {
			put_task(x, x->task);
			x->task = NULL;
		}
		if (n->parent != NULL && n->prev == NULL &&
		    n->parent->type == GALLEY_NODE_FOOTNOTE_DEF)
			put_backlink(x, n->parent, first_ref(x, n->parent));
		render_inlines(x, n);
		put(x, "</p>\n");
		return;
	case GALLEY_NODE_HEADING: {
		int lv = n->u.heading.level;

		if (is_blank(n)) {	/* no empty heading: an anchor */
			put(x, "<span");
			put_id(x, ids_take(&x->ids));
			put(x, "></span>\n");
			return;
		}
		lv = lv < 1 ? 1 : lv > 6 ? 6 : lv;
		put(x, "<h");
		galley_buf_putc(x->out, '0' + lv);
		put_id(x, ids_take(&x->ids));
		put(x, ">");
		render_inlines(x, n);
		put(x, "</h");
		galley_buf_putc(x->out, '0' + lv);
		put(x, ">\n");
		return;
	}
	case GALLEY_NODE_QUOTE:
		if (n->u.quote.callout != NULL) {
			callout(x, n);
			return;
		}
		put(x, "<blockquote>\n");
		render_children(x, n);
		put(x, "</blockquote>\n");
		return;
	case GALLEY_NODE_LIST: {
		const struct galley_node *c;
		int tasks = 0;

		for (c = n->first; c != NULL; c = c->next)
			tasks |= c->u.item.task;
		if (n->u.list.ordered) {
			put(x, "<ol");
			if (n->u.list.start != 1)
				galley_buf_printf(x->out, " start=\"%d\"",
				    n->u.list.start);
			if (n->u.list.numbering != '\0')
				galley_buf_printf(x->out, " type=\"%c\"",
				    n->u.list.numbering);
		} else
			put(x, "<ul");
		if (tasks || n->u.list.tight)
			galley_buf_printf(x->out, " class=\"%s%s%s\"",
			    tasks ? "tasks" : "", tasks &&
			    n->u.list.tight ? " " : "",
			    n->u.list.tight ? "tight" : "");
		put(x, ">\n");
		render_children(x, n);
		put(x, n->u.list.ordered ? "</ol>\n" : "</ul>\n");
		return;
	}
	case GALLEY_NODE_ITEM:
		/* a task's box stands for its marker */
		put(x, n->u.item.task ? "<li class=\"task\">" : "<li>");
		if (n->u.item.task) {
			/* The box goes inside the first paragraph. */
			if (n->first != NULL &&
			    n->first->type == GALLEY_NODE_PARAGRAPH)
				x->task = n;
			else
				put_task(x, n);
		}
		render_children(x, n);
		put(x, "</li>\n");
		return;
	case GALLEY_NODE_CODE_BLOCK:
		put(x, x->rtl ? "<pre dir=\"ltr\"><code" : "<pre><code");
		if (n->u.code_block.info != NULL &&
		    *n->u.code_block.info != '\0') {
			size_t l = strcspn(n->u.code_block.info, " \t");
			char *w = strndup(n->u.code_block.info, l);

			if (w == NULL)
				galley_oom();
			put(x, " class=\"language-");
			esc(x, w, 1);
			put(x, "\"");
			free(w);
		}
		put(x, ">");
		esc(x, n->literal, 0);
		put(x, "</code></pre>\n");
		return;
	case GALLEY_NODE_HTML_BLOCK:
		if (x->raw)
			put(x, n->literal != NULL ? n->literal : "");
		else {
			struct galley_buf raw;

			galley_buf_init(&raw);
			galley_buf_puts(&raw, n->literal != NULL ?
			    n->literal : "");
			clean_into(x, &raw, 0, n);
			galley_buf_release(&raw);
		}
		return;
	case GALLEY_NODE_HTML_INLINE:
		if (x->raw)
			put(x, n->literal != NULL ? n->literal : "");
		else {
			struct galley_buf raw;

			galley_buf_init(&raw);
			galley_buf_puts(&raw, n->literal != NULL ?
			    n->literal : "");
			clean_into(x, &raw, 1, n);
			galley_buf_release(&raw);
		}
		return;
	case GALLEY_NODE_THEMATIC_BREAK:
		put(x, "<hr/>\n");
		return;
	case GALLEY_NODE_TABLE: {
		int	 saved = x->in_body;

		x->in_body = 0;
		x->e->tables++;
		put(x, "<table>\n");
		render_children(x, n);
		put(x, "</table>\n");
		x->in_body = saved;
		return;
	}
	case GALLEY_NODE_TABLE_ROW:
		render_row(x, n);
		return;
	case GALLEY_NODE_TABLE_CELL:	/* outside a row: as a paragraph */
		put(x, "<p>");
		render_inlines(x, n);
		put(x, "</p>\n");
		return;
	case GALLEY_NODE_FOOTNOTE_DEF: {
		size_t k;
		const char *id = NULL, *ref;

		if (map_get(&x->ids.notes, note_label(n), &k) &&
		    !map_get(&x->emitted, x->ids.v[k], NULL))
			id = x->ids.v[k];
		x->e->notes++;
		put(x, "<aside epub:type=\"footnote\" role=\"doc-footnote\"");
		put_id(x, id);
		put(x, ">\n");
		ref = first_ref(x, n);
		if (ref != NULL && (n->first == NULL ||
		    n->first->type != GALLEY_NODE_PARAGRAPH)) {
			put(x, "<p>");
			put_backlink(x, n, ref);
			put(x, "</p>\n");
		}
		render_children(x, n);
		put(x, "</aside>\n");
		return;
	}
	case GALLEY_NODE_TEXT:
		esc(x, n->literal, 0);
		return;
	case GALLEY_NODE_SOFTBREAK:
		if (!galley_softbreak_joins(n))
			put(x, "\n");
		return;
	case GALLEY_NODE_LINEBREAK:
		put(x, "<br/>\n");
		return;
	case GALLEY_NODE_CODE:
		put(x, x->rtl ? "<code dir=\"ltr\">" : "<code>");
		esc(x, n->literal, 0);
		put(x, "</code>");
		return;
	case GALLEY_NODE_EMPH:
		tag = "em";
		break;
	case GALLEY_NODE_STRONG:
		tag = "strong";
		break;
	case GALLEY_NODE_STRIKE:
		tag = "del";
		break;
	case GALLEY_NODE_MARK:
		tag = "mark";
		break;
	case GALLEY_NODE_LINK:
		href = x->in_link ? NULL : link_href(x, n);
		if (href == NULL) {
			render_children(x, n);
			return;
		}
		put(x, "<a href=\"");
		put_url(x, href);
		put(x, "\"");
		if (n->u.link.title != NULL && *n->u.link.title != '\0') {
			put(x, " title=\"");
			esc(x, n->u.link.title, 1);
			put(x, "\"");
		}
		/* a web address shown as itself breaks anywhere, rather
		 * than leave a gap in a justified line before it */
		if (n->first != NULL && n->first == n->last &&
		    n->first->type == GALLEY_NODE_TEXT &&
		    n->first->literal != NULL && n->u.link.url != NULL &&
		    strlen(n->first->literal) > 30 &&
		    strstr(n->u.link.url, n->first->literal) != NULL)
			put(x, " class=\"url\"");
		put(x, ">");
		x->in_link++;
		render_children(x, n);
		x->in_link--;
		put(x, "</a>");
		free(href);
		return;
	case GALLEY_NODE_IMAGE:
		render_image(x, n);
		return;
	case GALLEY_NODE_FOOTNOTE_REF:
		render_noteref(x, n);
		return;
	case GALLEY_NODE__MAX:
		return;
	}
	galley_buf_putc(x->out, '<');
	put(x, tag);
	galley_buf_putc(x->out, '>');
	render_children(x, n);
	put(x, "</");
	put(x, tag);
	galley_buf_putc(x->out, '>');
}

/* 1 if lang (BCP 47) is written right to left: its script subtag, or
 * the usual script of its language. */
int
epub_lang_rtl(const char *lang)
{
	static const char *const rtl_lang[] = { "ar", "arc", "ckb", "dv",
	    "fa", "he", "iw", "ks", "ku-arab", "nqo", "ps", "sd", "syr",
	    "ug", "ur", "yi", NULL };
	static const char *const rtl_script[] = { "adlm", "arab", "hebr",
	    "mand", "nkoo", "rohg", "samr", "syrc", "thaa", NULL };
	const char	*p;
	size_t		 i, n;

	if (lang == NULL)
		return 0;
	for (p = lang; *p != '\0'; p++) {	/* a script subtag wins */
		if (*p != '-')
			continue;
		for (n = 0; p[1 + n] != '\0' && p[1 + n] != '-'; n++)
			;
		if (n != 4)
			continue;
		for (i = 0; rtl_script[i] != NULL; i++)
			if (strncasecmp(p + 1, rtl_script[i], 4) == 0)
				return 1;
		return 0;
	}
	for (i = 0; rtl_lang[i] != NULL; i++) {
		n = strlen(rtl_lang[i]);
		if (strncasecmp(lang, rtl_lang[i], n) == 0 &&
		    (lang[n] == '\0' || lang[n] == '-'))
			return 1;
	}
	return 0;
}

void
xhtml_head(struct galley_buf *b, const char *lang, const char *title,
    const char *css, const char *body_type)
{
	galley_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"");
	xml_escape(b, lang, 1);
	galley_buf_puts(b, "\" xml:lang=\"");
	xml_escape(b, lang, 1);
	if (epub_lang_rtl(lang))
		galley_buf_puts(b, "\" dir=\"rtl");
	galley_buf_puts(b, "\">\n<head>\n<meta charset=\"UTF-8\"/>\n"
	    "<title>");
	xml_escape(b, title, 0);
	galley_buf_puts(b, "</title>\n");
	if (css != NULL) {
		galley_buf_puts(b, "<link rel=\"stylesheet\" "
		    "type=\"text/css\" href=\"");
		xml_escape(b, css, 1);
		galley_buf_puts(b, "\"/>\n");
	}
	galley_buf_puts(b, "</head>\n<body");
	if (body_type != NULL) {
		galley_buf_puts(b, " epub:type=\"");
		xml_escape(b, body_type, 1);
		galley_buf_puts(b, "\"");
	}
	galley_buf_puts(b, ">\n");
}

void
xhtml_foot(struct galley_buf *b)
{
	galley_buf_puts(b, "</body>\n</html>\n");
}

/* A level-1 heading a reader sees (a blank one is only an anchor). */
static int
has_h1(const struct galley_node *n)
{
	const struct galley_node	*c;

	if (n->type == GALLEY_NODE_HEADING)
		return n->u.heading.level == 1 && !is_blank(n);
	for (c = n->first; c != NULL; c = c->next)
		if (galley_node_is_block(c->type) && has_h1(c))
			return 1;
	return 0;
}

int
xhtml_chapter(struct galley_buf *out, struct epub *e, size_t ch,
    const struct galley_doc *doc, const char *basedir)
{
	struct xw		 x;
	const struct epub_chapter *c = &e->ch[ch];

	memset(&x, 0, sizeof(x));
	x.e = e;
	x.ch = ch;
	x.doc = doc;
	x.meta = galley_doc_meta(doc);
	x.basedir = basedir;
	x.file = x.meta->source;
	x.out = out;
	x.rtl = epub_lang_rtl(c->lang);
	map_init(&x.emitted);
	map_init(&x.written);
	ids_settle(&x.ids, doc);

	xhtml_head(out, c->lang, c->title, "../css/galley.css", NULL);
	galley_buf_puts(out, "<section epub:type=\"chapter\" "
	    "role=\"doc-chapter\">\n");
	if (!has_h1(galley_doc_root(doc))) {
		galley_buf_puts(out, "<h1 class=\"galley-title\">");
		xml_escape(out, c->title, 0);
		galley_buf_puts(out, "</h1>\n");
	}
	render(&x, galley_doc_root(doc));
	galley_buf_puts(out, "</section>\n");
	xhtml_foot(out);

	ids_release(&x.ids);
	map_release(&x.emitted);
	map_release(&x.written);
	return 0;
}
