/*
 * A teiCorpus of many articles: its own header (title, languages, a
 * bibl per text), a standOff linkGrp of the translations, then each
 * article's <TEI> as tei.c makes it.  Translations (translationKey,
 * translation_of, one id in several languages, book.yaml's
 * translations) point at each other with @corresp, and so do their
 * sections when the texts have the same shape of sections.
 *
 * The corpus is streamed, so that its memory does not grow with its
 * texts: past a budget, each document added is packed into a spool (a
 * deleted file beside the output, galley_doc_pack()) and freed,
 * keeping only what the header and the grouping need.  At the end the header goes out, then
 * each text in turn is read back, made into its <TEI>, written and
 * freed.  References into a later text's sections and the sections of
 * translations need every id first: then a first pass over the texts
 * issues them (the same ids, in the same order) before the second one
 * writes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "galley/tei.h"
#include "model/model.h"
#include "writers/tei.h"
#include "writers/xml_escape.h"
#include "model/oom.h"

#define NONE	((size_t)-1)
/* Documents stay in memory up to this many bytes in all; the rest
 * spool. */
#define KEEP_BYTES	((size_t)16 << 20)

/* The sections of a text: their depths and xml:ids, in order. */
struct shape {
	int		*d;
	char		**ids;
	size_t		 n;
};

struct text {
	/* what the header and the grouping need */
	char		*id, *slug, *source, *title, *date, *date_text;
	char		*key;		/* extra translationKey */
	char		*of;		/* extra translation_of */
	char		**authors;
	size_t		 nauthors;
	char		 lang[64];	/* language tag or "und" */
	char		*base;		/* tei_doc_id() */
	char		*xmlid;		/* issued */
	size_t		 group;	/* union-find parent */
	size_t		 first;	/* first member of its group, on the root */
	size_t		 next;	/* next member of its group */
	size_t		 size;	/* members of its group, on the root */
	int		 dup;		/* another text has its base */
	/* the document: in memory, or packed in the spool */
	const struct galley_doc *doc;
	int		 own;		/* doc is ours to free */
	off_t		 off;
	size_t		 len;
	struct shape	 shape;		/* grouped texts, first pass */
};

/* keys: "TAG\x1fNAME[\x1fLANG]" -> first index + 1 */
struct galley_tei_corpus {
	struct text	*t;
	size_t		 n, cap;
	xmlHashTablePtr	 keys;
	const struct galley_book *book;
	struct galley_opts opts;
	struct galley_diag *dg;
	int		 fd;		/* the spool, or -1: mem */
	struct galley_buf mem;
	off_t		 size;		/* of the spool */
	size_t		 nspooled;	/* texts in it */
	char		*rbuf;		/* a text read back */
	size_t		 rcap;
	size_t		 kept;		/* bytes of documents in memory */
	size_t		 keep;		/* ... at most */
	int		 spooling;	/* kept reached KEEP_BYTES */
	int		 forward;	/* a link names a section of another
					   article */
	int		 failed;
};

static char *
dup_or_null(const char *s)
{
	char	*d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		galley_oom();
	return d;
}

static size_t
lookup(const struct galley_tei_corpus *c, const char *tag, const char *name,
    const char *lang)
{
	struct galley_buf	 b;
	void			*v;

	if (name == NULL || *name == '\0')
		return NONE;
	galley_buf_init(&b);
	galley_buf_printf(&b, "%s\x1f%s%s%s", tag, name, lang != NULL ?
	    "\x1f" : "", lang != NULL ? lang : "");
	v = xmlHashLookup(c->keys, BAD_CAST b.data);
	galley_buf_release(&b);
	return v == NULL ? NONE : (size_t)(uintptr_t)v - 1;
}

/* Remember i under the key, unless a text came first; the first. */
static size_t
remember(struct galley_tei_corpus *c, const char *tag, const char *name,
    const char *lang, size_t i)
{
	struct galley_buf	 b;
	size_t			 first;

	if (name == NULL || *name == '\0')
		return NONE;
	if ((first = lookup(c, tag, name, lang)) != NONE)
		return first;
	galley_buf_init(&b);
	galley_buf_printf(&b, "%s\x1f%s%s%s", tag, name, lang != NULL ?
	    "\x1f" : "", lang != NULL ? lang : "");
	if (xmlHashAddEntry(c->keys, BAD_CAST b.data,
	    (void *)(uintptr_t)(i + 1)) != 0)
		galley_oom();
	galley_buf_release(&b);
	return i;
}

static size_t
find(struct galley_tei_corpus *c, size_t i)
{
	while (c->t[i].group != i) {
		c->t[i].group = c->t[c->t[i].group].group;
		i = c->t[i].group;
	}
	return i;
}

static void
unite(struct galley_tei_corpus *c, size_t a, size_t b)
{
	if (a == NONE || b == NONE)
		return;
	a = find(c, a);
	b = find(c, b);
	if (a < b)
		c->t[b].group = a;
	else if (b < a)
		c->t[a].group = b;
}

static const char *
extra_str(const struct galley_meta *m, const char *key)
{
	const struct galley_value *v;

	if (m->extra == NULL || (v = galley_value_get(m->extra, key)) ==
	    NULL || v->kind != GALLEY_VALUE_STRING || *v->str == '\0')
		return NULL;
	return v->str;
}

/* 1 if path ends in the path tail (after a '/' or whole). */
static int
ends_in(const char *path, size_t plen, const char *tail, size_t tlen)
{
	return plen >= tlen && strncmp(path + plen - tlen, tail, tlen) == 0 &&
	    (plen == tlen || path[plen - tlen - 1] == '/');
}

/*
 * The first text whose source path ends in the path p ("two/post.md"),
 * or whose file without its extension ("two/post"), or whose folder's
 * index ("two/post/index.md"), does; NONE if none.
 */
static size_t
lookup_path(struct galley_tei_corpus *c, const char *p)
{
	const char	*src, *base, *dot;
	size_t		 i, plen = strlen(p), n;

	for (i = 0; i < c->n; i++) {
		if ((src = c->t[i].source) == NULL)
			continue;
		n = strlen(src);
		if (ends_in(src, n, p, plen))
			return i;
		base = strrchr(src, '/');
		base = base != NULL ? base + 1 : src;
		dot = strrchr(base, '.');
		if (dot != NULL && dot > base) {
			n = (size_t)(dot - src);
			if (ends_in(src, n, p, plen))
				return i;
			if ((size_t)(dot - base) == 5 &&
			    strncmp(base, "index", 5) == 0 && base > src &&
			    ends_in(src, (size_t)(base - 1 - src), p, plen))
				return i;
		}
	}
	return NONE;
}

/*
 * The text whose source is the file name names from text from's folder
 * ("post.md", "../post.md", "two/post.md"; "../two/post/" its index or
 * "two/post.md"), as a relative link reads; NONE if none.
 */
static size_t
lookup_beside(struct galley_tei_corpus *c, size_t from, const char *name)
{
	const char	*src = c->t[from].source, *slash;
	char		*path, *out, *seg, *save = NULL;
	size_t		 n = 0, i, k, len;
	static const char *const tails[] = { "", ".md", ".markdown", ".txt",
	    ".json", "/index.md", "/_index.md", NULL };

	if (src == NULL)
		return NONE;
	slash = strrchr(src, '/');
	len = slash != NULL ? (size_t)(slash - src) : 0;
	path = xmalloc(len + strlen(name) + 2);
	memcpy(path, src, len);
	path[len] = '/';
	strcpy(path + len + 1, name);
	out = xmalloc(strlen(path) + 16);
	for (seg = strtok_r(path, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0 && n > 0 && !(n >= 2 &&
		    strncmp(out + n - 2, "..", 2) == 0 && (n == 2 ||
		    out[n - 3] == '/'))) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			continue;
		}
		if (n > 0 || src[0] == '/')
			out[n++] = '/';
		memcpy(out + n, seg, strlen(seg));
		n += strlen(seg);
	}
	out[n] = '\0';
	free(path);
	for (k = 0; tails[k] != NULL; k++) {
		for (i = 0; i < c->n; i++) {
			const char	*t = c->t[i].source;
			size_t		 tl = strlen(tails[k]);

			if (t != NULL && strncmp(t, out, n) == 0 &&
			    strlen(t) == n + tl && strcmp(t + n, tails[k]) == 0) {
				free(out);
				return i;
			}
		}
	}
	free(out);
	return NONE;
}

/*
 * The text translation_of names, as links name articles: its id, slug
 * or file ("en", "/en/", "./en.md", "posts/en.md"); NONE if none.
 */
static size_t
lookup_text(struct galley_tei_corpus *c, size_t from, const char *name)
{
	char	*n, *s, *e, *slash, *dot;
	size_t	 i;

	if ((i = lookup(c, "n", name, NULL)) != NONE)
		return i;
	if (name[0] != '/' && (i = lookup_beside(c, from, name)) != NONE)
		return i;
	n = dup_or_null(name);
	for (s = n; strncmp(s, "./", 2) == 0 || *s == '/'; )
		s += *s == '/' ? 1 : 2;
	for (e = s + strlen(s); e > s && e[-1] == '/'; )
		*--e = '\0';
	while (strncmp(s, "../", 3) == 0)
		s += 3;
	if ((i = lookup(c, "n", s, NULL)) == NONE && strchr(s, '/') != NULL)
		i = lookup_path(c, s);	/* "two/post.md", "two/post" */
	if (i == NONE) {
		slash = strrchr(s, '/');
		s = slash != NULL ? slash + 1 : s;
		if ((dot = strrchr(s, '.')) != NULL && dot > s)
			*dot = '\0';
		i = lookup(c, "n", s, NULL);
	}
	free(n);
	return i;
}

/*
 * Index the texts by the names links and translation_of use (id, slug,
 * xml:id base, source path; also per language), and put translations
 * of one another in one group: one translationKey, translation_of
 * naming another, the same id in another language, or all of them when
 * book.yaml says so.  Then list each group's members in order.
 */
static void
group(struct galley_tei_corpus *c)
{
	const char	*names[4];
	size_t		 i, k, j;

	for (i = 0; i < c->n; i++) {
		c->t[i].group = i;
		names[0] = c->t[i].id;
		names[1] = c->t[i].slug;
		names[2] = c->t[i].base;
		names[3] = c->t[i].source;
		for (k = 0; k < 4; k++) {
			remember(c, "n", names[k], NULL, i);
			remember(c, "n", names[k], c->t[i].lang, i);
		}
		/* ids apart: another text's slug does not hide one */
		remember(c, "i", c->t[i].id, NULL, i);
		remember(c, "i", c->t[i].id, c->t[i].lang, i);
	}
	for (i = 0; i < c->n; i++) {
		if (c->book != NULL && c->book->translations)
			unite(c, 0, i);
		unite(c, i, remember(c, "k", c->t[i].key, NULL, i));
		if (c->t[i].of != NULL) {
			j = lookup_text(c, i, c->t[i].of);
			if (j == NONE)
				galley_diag_add(c->dg, GALLEY_WARNING,
				    c->t[i].source, 0, 0, "translation_of "
				    "\"%s\" names no text of the TEI corpus",
				    c->t[i].of);
			unite(c, i, j);
		}
		j = remember(c, "i", c->t[i].id, NULL, i);
		if (j != NONE && strcmp(c->t[j].lang, c->t[i].lang) != 0)
			unite(c, i, j);
		j = remember(c, "b", c->t[i].base, NULL, i);
		if (j != i)
			c->t[i].dup = c->t[j].dup = 1;
	}
	for (i = 0; i < c->n; i++) {
		c->t[i].first = c->t[i].next = NONE;
		c->t[i].size = 0;
	}
	for (i = c->n; i-- > 0; ) {
		j = find(c, i);
		c->t[i].next = c->t[j].first;
		c->t[j].first = i;
		c->t[j].size++;
	}
}

/* An article's xml:id: its id, with its language when another text has
 * the same id (translations sharing one). */
static char *
text_id(struct galley_tei_corpus *c, size_t i)
{
	struct galley_buf	 b;

	galley_buf_init(&b);
	galley_buf_puts(&b, c->t[i].base);
	if (c->t[i].dup)
		galley_buf_printf(&b, "-%s", c->t[i].lang);
	return galley_buf_detach(&b, NULL);
}

/* Internal links: the article with that id (or slug), in the linking
 * text's language if there is one. */
static size_t
lookup_lang(struct galley_tei_corpus *c, const char *space,
    const char *target, const char *lang)
{
	size_t		 i;

	if ((i = lookup(c, space, target, lang)) == NONE && lang != NULL &&
	    strchr(lang, '-') != NULL) {
		/* "nb-NO" finds the "nb" translation */
		char	 primary[16];
		size_t	 n = strcspn(lang, "-");

		if (n < sizeof(primary)) {
			memcpy(primary, lang, n);
			primary[n] = '\0';
			i = lookup(c, space, target, primary);
		}
	}
	if (i == NONE)
		i = lookup(c, space, target, NULL);
	return i;
}

static const char *
resolve(void *arg, const char *target, const char *lang)
{
	struct galley_tei_corpus	*c = arg;
	size_t		 i;

	/* a link's target is an article's id: ids first, then the other
	 * names (slugs, paths) of JSON made elsewhere */
	if ((i = lookup_lang(c, "i", target, lang)) == NONE)
		i = lookup_lang(c, "n", target, lang);
	return i == NONE ? NULL : c->t[i].xmlid;
}

/* "#a #b ...": the members of g's group but one. */
static void
pointers(struct galley_buf *b, struct galley_tei_corpus *c, size_t g, size_t but)
{
	size_t	 j;

	for (j = c->t[find(c, g)].first; j != NONE; j = c->t[j].next)
		if (j != but)
			galley_buf_printf(b, "%s#%s", b->len ? " " : "",
			    c->t[j].xmlid);
}

/* The divs of type section under el, in document order, with their
 * depth, into v (n of them); grows v. */
static void
divs(xmlNodePtr el, int depth, xmlNodePtr **v, int **d, size_t *n,
    size_t *cap)
{
	xmlNodePtr	 c;
	xmlChar		*type;
	int		 sec;

	for (c = el->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!xmlStrEqual(c->name, BAD_CAST "div") &&
		    !xmlStrEqual(c->name, BAD_CAST "text") &&
		    !xmlStrEqual(c->name, BAD_CAST "body"))
			continue;
		sec = 0;
		if (xmlStrEqual(c->name, BAD_CAST "div")) {
			type = xmlGetProp(c, BAD_CAST "type");
			sec = type != NULL && xmlStrEqual(type,
			    BAD_CAST "section") && xmlHasNsProp(c,
			    BAD_CAST "id", XML_XML_NAMESPACE) != NULL;
			xmlFree(type);
		}
		if (sec) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 16;
				*v = realloc(*v, *cap * sizeof(**v));
				*d = realloc(*d, *cap * sizeof(**d));
				if (*v == NULL || *d == NULL)
					galley_oom();
			}
			(*v)[*n] = c;
			(*d)[(*n)++] = depth;
		}
		divs(c, depth + sec, v, d, n, cap);
	}
}

static int
same_shape(const struct shape *a, const struct shape *b)
{
	return a->n == b->n && a->n > 0 &&
	    memcmp(a->d, b->d, a->n * sizeof(*a->d)) == 0;
}

/* The corpus's language: book.yaml's, else the texts' one language,
 * else "mul". */
static const char *
corpus_lang(const struct galley_tei_corpus *c, const struct galley_book *book,
    char *buf, size_t sz)
{
	const char	*l;
	size_t		 i;

	if (book != NULL && (l = tei_lang_tag(book->language, buf, sz)) !=
	    NULL)
		return l;
	for (i = 1; i < c->n; i++)
		if (strcmp(c->t[i].lang, c->t[0].lang) != 0)
			return "mul";
	return c->t[0].lang;
}

/* The bibl of text i in the corpus header. */
static xmlNodePtr
bibl(struct tei_ctx *ctx, struct galley_tei_corpus *c, size_t i)
{
	const struct text *m = &c->t[i];
	xmlNodePtr	 bibl, n;
	const char	*name;
	struct galley_buf b;
	char		 when[64];
	size_t		 j;

	bibl = tei_el(ctx, NULL, "bibl");
	galley_buf_init(&b);
	galley_buf_printf(&b, "#%s", m->xmlid);
	tei_attr(bibl, "corresp", b.data);
	galley_buf_release(&b);
	tei_el_text(ctx, bibl, "title", m->title != NULL &&
	    *m->title != '\0' ? m->title : m->xmlid);
	for (j = 0; j < m->nauthors; j++)
		tei_el_text(ctx, bibl, "author", m->authors[j]);
	if (m->date != NULL && *m->date != '\0') {
		n = tei_el_text(ctx, bibl, "date", m->date_text != NULL &&
		    *m->date_text != '\0' ? m->date_text : m->date);
		if (tei_when(m->date, when, sizeof(when)) == 0)
			tei_attr(n, "when", when);
	}
	if (m->source != NULL && *m->source != '\0')
		tei_attr(tei_el_text(ctx, bibl, "idno", m->source), "type",
		    "path");
	n = tei_el(ctx, bibl, "textLang");
	tei_attr(n, "mainLang", m->lang);
	name = tei_lang_name(m->lang);
	tei_text(n, name != NULL ? name : m->lang);
	return bibl;
}

static void
corpus_header(struct tei_ctx *ctx, xmlNodePtr header,
    struct galley_tei_corpus *c)
{
	const struct galley_book *book = c->book;
	xmlNodePtr	 fd, ts, lu, n;
	const char	*name;
	struct galley_buf b;
	size_t		 i, j;

	fd = tei_el(ctx, header, "fileDesc");
	ts = tei_el(ctx, fd, "titleStmt");
	galley_buf_init(&b);
	if (book != NULL && !galley_blank(book->title))
		galley_buf_puts(&b, book->title);
	else
		galley_buf_printf(&b, "A corpus of %zu text%s", c->n,
		    c->n == 1 ? "" : "s");
	tei_attr(tei_el_text(ctx, ts, "title", b.data), "type", "main");
	galley_buf_release(&b);
	if (book != NULL && !galley_blank(book->subtitle))
		tei_attr(tei_el_text(ctx, ts, "title", book->subtitle),
		    "type", "sub");
	for (i = 0; book != NULL && i < book->authors.n; i++)
		tei_el_text(ctx, ts, "author", book->authors.v[i]);
	tei_publication(ctx, fd, book, "these texts");
	/* a bibl per text: written one by one there (bibl()) */
	tei_mark(ctx, tei_el(ctx, tei_el(ctx, fd, "sourceDesc"), "listBibl"));
	tei_app_info(ctx, header);
	n = tei_el(ctx, header, "profileDesc");
	lu = tei_el(ctx, n, "langUsage");
	for (i = 0; i < c->n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(c->t[j].lang, c->t[i].lang) == 0)
				break;
		if (j < i)
			continue;
		name = tei_lang_name(c->t[i].lang);
		tei_attr(tei_el_text(ctx, lu, "language", name != NULL ? name :
		    c->t[i].lang), "ident", c->t[i].lang);
	}
	if (book != NULL && book->description != NULL &&
	    *book->description != '\0')
		tei_el_text(ctx, tei_el(ctx, n, "abstract"), "p",
		    book->description);
}

/* standOff: a link per group of translations, if any. */
static void
standoff(struct tei_ctx *ctx, xmlNodePtr root, struct galley_tei_corpus *c)
{
	xmlNodePtr	 grp = NULL, link;
	struct galley_buf b;
	size_t		 i;

	galley_buf_init(&b);
	for (i = 0; i < c->n; i++) {
		if (find(c, i) != i || c->t[i].size < 2)
			continue;
		if (grp == NULL) {
			grp = tei_el(ctx, tei_el(ctx, root, "standOff"),
			    "linkGrp");
			tei_attr(grp, "type", "translation");
		}
		b.len = 0;
		pointers(&b, c, i, NONE);
		link = tei_el(ctx, grp, "link");
		tei_attr(link, "type", "translation");
		tei_attr(link, "target", b.data);
	}
	galley_buf_release(&b);
}

struct galley_tei_corpus *
galley_tei_corpus_new(const char *spool_dir, const struct galley_book *book,
    const struct galley_opts *opts, struct galley_diag *dg)
{
	struct galley_tei_corpus *c;
	struct galley_buf	 path;

	xml_init();
	if ((c = calloc(1, sizeof(*c))) == NULL)
		galley_oom();
	c->book = book;
	c->opts = *opts;
	c->dg = dg;
	c->fd = -1;
	c->keep = KEEP_BYTES;
	galley_buf_init(&c->mem);
	if ((c->keys = xmlHashCreate(256)) == NULL)
		galley_oom();
	if (spool_dir == NULL)
		return c;
	galley_buf_init(&path);
	galley_buf_printf(&path, "%s/.galley-corpus-XXXXXX",
	    *spool_dir != '\0' ? spool_dir : ".");
	if ((c->fd = mkstemp(path.data)) == -1)
		galley_diag_add(dg, GALLEY_WARNING, path.data, 0, 0,
		    "cannot make the TEI corpus's spool file (%s): its texts "
		    "wait in memory", strerror(errno));
	else
		unlink(path.data);	/* gone when closed, whatever happens */
	galley_buf_release(&path);
	return c;
}

static void
shape_free(struct shape *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->ids[i]);
	free(s->ids);
	free(s->d);
	memset(s, 0, sizeof(*s));
}

void
galley_tei_corpus_free(struct galley_tei_corpus *c)
{
	struct text	*t;
	size_t		 i, k;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		t = &c->t[i];
		free(t->id);
		free(t->slug);
		free(t->source);
		free(t->title);
		free(t->date);
		free(t->date_text);
		free(t->key);
		free(t->of);
		for (k = 0; k < t->nauthors; k++)
			free(t->authors[k]);
		free(t->authors);
		free(t->base);
		free(t->xmlid);
		shape_free(&t->shape);
		if (t->own)
			galley_doc_free((struct galley_doc *)t->doc);
	}
	free(c->t);
	xmlHashFree(c->keys, NULL);
	if (c->fd != -1)
		close(c->fd);
	galley_buf_release(&c->mem);
	free(c->rbuf);
	free(c);
}

/* Whether the document links into a section of another article. */
static enum galley_walk
scan(struct galley_node *n, int entering, void *arg)
{
	int	*forward = arg;

	if (entering && n->type == GALLEY_NODE_LINK &&
	    n->u.link.kind == GALLEY_LINK_INTERNAL &&
	    n->u.link.target != NULL && n->u.link.fragment != NULL &&
	    *n->u.link.fragment != '\0') {
		*forward = 1;
		return GALLEY_WALK_STOP;
	}
	return GALLEY_WALK_NEXT;
}

static int
spool_put(struct galley_tei_corpus *c, const char *data, size_t len)
{
	ssize_t	 w;
	size_t	 done = 0;

	if (c->fd == -1) {
		galley_buf_put(&c->mem, data, len);
		c->size += (off_t)len;
		return 0;
	}
	while (done < len) {
		if ((w = write(c->fd, data + done, len - done)) == -1) {
			if (errno == EINTR)
				continue;
			galley_diag_add(c->dg, GALLEY_ERROR, NULL, 0, 0,
			    "TEI corpus: cannot write its spool file: %s",
			    strerror(errno));
			return -1;
		}
		done += (size_t)w;
	}
	c->size += (off_t)len;
	return 0;
}

/*
 * Add a text: doc, which the corpus frees (own) or borrows until the
 * end; packed is galley_doc_pack()'s bytes if the caller made them.
 */
static int
corpus_put(struct galley_tei_corpus *c, struct galley_doc *doc,
    const char *packed, size_t len, int own)
{
	const struct galley_meta *m = galley_doc_meta(doc);
	struct galley_buf	 b;
	struct text		*t;
	size_t			 k;
	int			 rc = 0;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		if ((t = realloc(c->t, c->cap * sizeof(*t))) == NULL)
			galley_oom();
		c->t = t;
	}
	t = &c->t[c->n++];
	memset(t, 0, sizeof(*t));
	t->id = dup_or_null(m->id);
	t->slug = dup_or_null(m->slug);
	t->source = dup_or_null(m->source);
	t->title = dup_or_null(m->title);
	t->date = dup_or_null(m->date);
	t->date_text = dup_or_null(m->date_text);
	t->key = dup_or_null(extra_str(m, "translationKey"));
	t->of = dup_or_null(extra_str(m, "translation_of"));
	if (m->authors.n > 0 && (t->authors = calloc(m->authors.n,
	    sizeof(*t->authors))) == NULL)
		galley_oom();
	for (k = 0; k < m->authors.n; k++)
		t->authors[k] = dup_or_null(m->authors.v[k]);
	t->nauthors = m->authors.n;
	if (tei_lang_tag(m->language, t->lang, sizeof(t->lang)) == NULL)
		strcpy(t->lang, "und");
	t->base = tei_doc_id(m);
	if (!c->forward)
		galley_walk(galley_doc_root(doc), scan, &c->forward);
	if (own && !c->spooling &&
	    c->kept + arena_bytes(&doc->arena) > c->keep)
		__atomic_store_n(&c->spooling, 1, __ATOMIC_RELAXED);
	if (!own || !c->spooling) {
		t->doc = doc;
		t->own = own;
		if (own)
			c->kept += arena_bytes(&doc->arena);
		return 0;
	}
	galley_buf_init(&b);
	if (packed == NULL) {
		galley_doc_pack(doc, &b);
		packed = b.data;
		len = b.len;
	}
	t->off = c->size;
	t->len = len;
	c->nspooled++;
	if (spool_put(c, packed, len) == -1)
		rc = -1;
	galley_buf_release(&b);
	galley_doc_free(doc);
	if (rc == -1)
		c->failed = 1;
	return rc;
}

int
galley_tei_corpus_add(struct galley_tei_corpus *c, struct galley_doc *doc,
    const char *packed, size_t len)
{
	return corpus_put(c, doc, packed, len, 1);
}

void
galley_tei_corpus_keep(struct galley_tei_corpus *c, size_t bytes)
{
	c->keep = bytes;
}

int
galley_tei_corpus_spooling(const struct galley_tei_corpus *c)
{
	return __atomic_load_n(&c->spooling, __ATOMIC_RELAXED);
}

/* Text i's document, read back from the spool if it is there; NULL
 * with a message if it cannot be. */
static struct galley_doc *
load(struct galley_tei_corpus *c, size_t i)
{
	struct text		*t = &c->t[i];
	struct galley_doc	*doc;
	const char		*data;
	ssize_t			 r;
	size_t			 done = 0;

	if (t->doc != NULL)
		return (struct galley_doc *)t->doc;
	if (c->fd == -1)
		data = c->mem.data + t->off;
	else {
		if (t->len > c->rcap) {
			free(c->rbuf);
			c->rcap = t->len;
			if ((c->rbuf = malloc(c->rcap)) == NULL)
				galley_oom();
		}
		while (done < t->len) {
			r = pread(c->fd, c->rbuf + done, t->len - done,
			    t->off + (off_t)done);
			if (r == -1 && errno == EINTR)
				continue;
			if (r <= 0) {
				galley_diag_add(c->dg, GALLEY_ERROR, t->source,
				    0, 0, "TEI corpus: cannot read its spool "
				    "file back: %s", r == 0 ? "it is shorter" :
				    strerror(errno));
				return NULL;
			}
			done += (size_t)r;
		}
		data = c->rbuf;
	}
	if ((doc = galley_doc_unpack(data, t->len)) == NULL)
		galley_diag_add(c->dg, GALLEY_ERROR, t->source, 0, 0,
		    "TEI corpus: its spool file gave back other bytes");
	return doc;
}

static void
unload(struct galley_tei_corpus *c, size_t i, struct galley_doc *doc)
{
	if (c->t[i].doc == NULL)
		galley_doc_free(doc);
}

/* Record the sections of text i (first pass). */
static void
shape_record(struct text *t, xmlNodePtr tei)
{
	xmlNodePtr	*v = NULL;
	size_t		 n = 0, cap = 0, k;
	xmlChar		*id;

	divs(tei, 0, &v, &t->shape.d, &n, &cap);
	t->shape.n = n;
	if (n > 0 && (t->shape.ids = calloc(n, sizeof(char *))) == NULL)
		galley_oom();
	for (k = 0; k < n; k++) {
		id = xmlGetNsProp(v[k], BAD_CAST "id", XML_XML_NAMESPACE);
		t->shape.ids[k] = dup_or_null((const char *)id);
		xmlFree(id);
	}
	free(v);
}

/* Sections of translations with the same shape of sections point at
 * each other, k-th to k-th (second pass, text i). */
static void
link_sections(struct galley_tei_corpus *c, size_t i, xmlNodePtr tei)
{
	xmlNodePtr	*v = NULL;
	int		*d = NULL;
	struct galley_buf b;
	size_t		 n = 0, cap = 0, j, k;

	divs(tei, 0, &v, &d, &n, &cap);
	galley_buf_init(&b);
	for (k = 0; k < n && n == c->t[i].shape.n; k++) {
		b.len = 0;
		for (j = c->t[find(c, i)].first; j != NONE; j = c->t[j].next) {
			if (j == i || !same_shape(&c->t[i].shape,
			    &c->t[j].shape))
				continue;
			galley_buf_printf(&b, "%s#%s", b.len ? " " : "",
			    c->t[j].shape.ids[k]);
		}
		if (b.len > 0)
			tei_attr(v[k], "corresp", b.data);
	}
	galley_buf_release(&b);
	free(v);
	free(d);
}

/*
 * One pass over the texts in ctx: every text's id first, then each
 * text made in turn.  The first pass (out NULL) only issues ids and
 * records the sections of translations; the second writes to out.
 */
static int
pass(struct galley_tei_corpus *c, struct tei_ctx *ctx,
    struct galley_sink *out)
{
	struct tei_article	 a;
	struct galley_doc	*doc;
	struct galley_buf	 b;
	xmlNodePtr		 root, tei;
	char			 lang[64], *id;
	size_t			 i;
	int			 grouped, rc;

	root = tei_root(ctx, "teiCorpus");
	tei_lang(root, corpus_lang(c, c->book, lang, sizeof(lang)));
	for (i = 0; i < c->n; i++) {	/* ids first: the header points */
		id = text_id(c, i);
		free(c->t[i].xmlid);
		c->t[i].xmlid = tei_id_new(ctx, id);
		free(id);
	}
	if (out != NULL) {
		corpus_header(ctx, tei_el(ctx, root, "teiHeader"), c);
		standoff(ctx, root, c);
		if (tei_save_start(ctx, out) == -1)
			return -1;
		for (i = 0; i < c->n; i++) {
			tei = bibl(ctx, c, i);
			rc = tei_save_child(ctx, out, tei);
			xmlFreeNode(tei);
			if (rc == -1)
				return -1;
		}
		if (tei_save_on(ctx, out) == -1)
			return -1;
	}
	ctx->resolve = resolve;
	ctx->resolve_arg = c;
	for (i = 0; i < c->n; i++) {
		if ((doc = load(c, i)) == NULL)
			return -1;
		grouped = c->t[find(c, i)].size > 1;
		tei = tei_el(ctx, root, "TEI");
		tei_id_set(ctx, tei, c->t[i].xmlid);
		galley_buf_init(&b);
		pointers(&b, c, i, i);
		if (b.len > 0)
			tei_attr(tei, "corresp", b.data);
		galley_buf_release(&b);
		memset(&a, 0, sizeof(a));
		a.doc = doc;
		a.xmlid = c->t[i].xmlid;
		a.lang = c->t[i].lang;
		a.book = c->book;
		tei_article(ctx, tei, &a);
		unload(c, i, doc);
		if (out != NULL && c->t[i].own) {	/* not needed again */
			galley_doc_free(doc);
			c->t[i].doc = NULL;
			c->t[i].own = 0;
		}
		if (out == NULL) {
			if (grouped)
				shape_record(&c->t[i], tei);
			tei_fix_clear(ctx);
		} else {
			if (grouped)
				link_sections(c, i, tei);
			tei_fix_run(ctx);
			if (tei_save_child(ctx, out, tei) == -1)
				return -1;
		}
		xmlUnlinkNode(tei);
		xmlFreeNode(tei);
	}
	return out != NULL ? tei_save_end(ctx, out) : 0;
}

int
galley_tei_corpus_finish(struct galley_tei_corpus *c, struct galley_sink *out)
{
	struct tei_ctx	 first, second;
	size_t		 i;
	int		 rc, twice;

	if (c->failed)
		return -1;
	if (c->n == 0) {
		galley_diag_add(c->dg, GALLEY_ERROR, NULL, 0, 0,
		    "TEI corpus: no texts to put in it");
		return -1;
	}
	group(c);
	twice = c->forward;
	for (i = 0; i < c->n && !twice; i++)
		twice = c->t[find(c, i)].size > 1;
	tei_ctx_init(&first, &c->opts, c->dg);
	tei_ctx_init(&second, &c->opts, c->dg);
	rc = 0;
	if (twice) {
		rc = pass(c, &first, NULL);
		second.known = first.ids;
		second.known_anchors = first.anchors;
	}
	if (rc == 0) {
		struct tei_ncr	 ncr;

		tei_ncr_begin(&ncr, out);
		rc = pass(c, &second, &ncr.sink);
		if (tei_ncr_end(&ncr) == -1)
			rc = -1;
	}
	if (rc == 0)
		galley_diag_add(c->dg, GALLEY_NOTE, NULL, 0, 0, "TEI corpus: "
		    "%zu texts, %zu of them spooled (%.1f MB)%s", c->n,
		    c->nspooled, (double)c->size / 1e6, twice ?
		    "; ids issued in a first pass (translations, or links "
		    "into sections)" : "");
	tei_ctx_release(&second);
	tei_ctx_release(&first);
	return rc;
}

int
galley_tei_corpus_write(struct galley_sink *out, struct galley_doc *const *docs,
    size_t n, const struct galley_book *book, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	struct galley_tei_corpus *c;
	size_t			 i;
	int			 rc;

	c = galley_tei_corpus_new(NULL, book, opts, dg);
	for (i = 0; i < n; i++)
		corpus_put(c, (struct galley_doc *)docs[i], NULL, 0, 0);
	rc = galley_tei_corpus_finish(c, out);
	galley_tei_corpus_free(c);
	return rc;
}
