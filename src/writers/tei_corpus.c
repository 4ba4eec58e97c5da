/*
 * A teiCorpus of many articles: its own header (title, languages, a
 * bibl per text), a standOff linkGrp of the translations, then each
 * article's <TEI> as tei.c makes it.  Translations (translationKey,
 * translation_of, one id in several languages, book.yaml's
 * translations) point at each other with @corresp, and so do their
 * sections when the texts have the same shape of sections.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "galley/tei.h"
#include "writers/tei.h"

#define NONE	((size_t)-1)

struct text {
	const struct galley_meta *meta;
	char		 lang[64];	/* language tag or "und" */
	char		*base;		/* tei_doc_id() */
	const char	*xmlid;		/* issued */
	xmlNodePtr	 tei;
	size_t		 group;	/* union-find parent */
	size_t		 first;	/* first member of its group, on the root */
	size_t		 next;	/* next member of its group */
	size_t		 size;	/* members of its group, on the root */
	int		 dup;		/* another text has its base */
};

/* keys: "TAG\x1fNAME[\x1fLANG]" -> first index + 1 */
struct corpus {
	struct text	*t;
	size_t		 n;
	xmlHashTablePtr	 keys;
};

static size_t
lookup(const struct corpus *c, const char *tag, const char *name,
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
remember(struct corpus *c, const char *tag, const char *name,
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
		tei_oom();
	galley_buf_release(&b);
	return i;
}

static size_t
find(struct corpus *c, size_t i)
{
	while (c->t[i].group != i) {
		c->t[i].group = c->t[c->t[i].group].group;
		i = c->t[i].group;
	}
	return i;
}

static void
unite(struct corpus *c, size_t a, size_t b)
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

/*
 * Index the texts by the names links and translation_of use (id, slug,
 * xml:id base, source path; also per language), and put translations
 * of one another in one group: one translationKey, translation_of
 * naming another, the same id in another language, or all of them when
 * book.yaml says so.  Then list each group's members in order.
 */
static void
group(struct corpus *c, const struct galley_book *book)
{
	const struct galley_meta *m;
	const char	*names[4];
	size_t		 i, k, j;

	for (i = 0; i < c->n; i++) {
		c->t[i].group = i;
		m = c->t[i].meta;
		names[0] = m->id;
		names[1] = m->slug;
		names[2] = c->t[i].base;
		names[3] = m->source;
		for (k = 0; k < 4; k++) {
			remember(c, "n", names[k], NULL, i);
			remember(c, "n", names[k], c->t[i].lang, i);
		}
	}
	for (i = 0; i < c->n; i++) {
		m = c->t[i].meta;
		if (book != NULL && book->translations)
			unite(c, 0, i);
		unite(c, i, remember(c, "k", extra_str(m, "translationKey"),
		    NULL, i));
		unite(c, i, lookup(c, "n", extra_str(m, "translation_of"),
		    NULL));
		j = remember(c, "i", m->id, NULL, i);
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
text_id(struct corpus *c, size_t i)
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
static const char *
resolve(void *arg, const char *target, const char *lang)
{
	struct corpus	*c = arg;
	size_t		 i;

	if ((i = lookup(c, "n", target, lang)) == NONE)
		i = lookup(c, "n", target, NULL);
	return i == NONE ? NULL : c->t[i].xmlid;
}

/* "#a #b ...": the members of g's group but one. */
static void
pointers(struct galley_buf *b, struct corpus *c, size_t g, size_t but)
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
					tei_oom();
			}
			(*v)[*n] = c;
			(*d)[(*n)++] = depth;
		}
		divs(c, depth + sec, v, d, n, cap);
	}
}

struct shape {
	xmlNodePtr	*v;
	int		*d;
	size_t		 n, cap;
};

static int
same_shape(const struct shape *a, const struct shape *b)
{
	return a->n == b->n && a->n > 0 &&
	    memcmp(a->d, b->d, a->n * sizeof(*a->d)) == 0;
}

/* Sections of translations with the same shape of sections point at
 * each other, k-th to k-th. */
static void
link_sections(struct corpus *c)
{
	struct shape	*s;
	struct galley_buf b;
	xmlChar		*id;
	size_t		 i, j, k;

	if ((s = calloc(c->n, sizeof(*s))) == NULL)
		tei_oom();
	for (i = 0; i < c->n; i++)
		if (c->t[find(c, i)].size > 1)
			divs(c->t[i].tei, 0, &s[i].v, &s[i].d, &s[i].n,
			    &s[i].cap);
	galley_buf_init(&b);
	for (i = 0; i < c->n; i++)
		for (k = 0; k < s[i].n; k++) {
			b.len = 0;
			for (j = c->t[find(c, i)].first; j != NONE;
			    j = c->t[j].next) {
				if (j == i || !same_shape(&s[i], &s[j]))
					continue;
				id = xmlGetNsProp(s[j].v[k], BAD_CAST "id",
				    XML_XML_NAMESPACE);
				galley_buf_printf(&b, "%s#%s", b.len ? " " : "",
				    (const char *)id);
				xmlFree(id);
			}
			if (b.len > 0)
				tei_attr(s[i].v[k], "corresp", b.data);
		}
	galley_buf_release(&b);
	for (i = 0; i < c->n; i++) {
		free(s[i].v);
		free(s[i].d);
	}
	free(s);
}

/* The corpus's language: book.yaml's, else the texts' one language,
 * else "mul". */
static const char *
corpus_lang(const struct corpus *c, const struct galley_book *book,
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

static void
corpus_header(struct tei_ctx *ctx, xmlNodePtr header, struct corpus *c,
    const struct galley_book *book)
{
	const struct galley_meta *m;
	xmlNodePtr	 fd, ts, list, bibl, lu, n;
	const char	*name;
	struct galley_buf b;
	char		 when[64];
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
	list = tei_el(ctx, tei_el(ctx, fd, "sourceDesc"), "listBibl");
	for (i = 0; i < c->n; i++) {
		m = c->t[i].meta;
		bibl = tei_el(ctx, list, "bibl");
		galley_buf_init(&b);
		galley_buf_printf(&b, "#%s", c->t[i].xmlid);
		tei_attr(bibl, "corresp", b.data);
		galley_buf_release(&b);
		tei_el_text(ctx, bibl, "title", m->title != NULL &&
		    *m->title != '\0' ? m->title : c->t[i].xmlid);
		for (j = 0; j < m->authors.n; j++)
			tei_el_text(ctx, bibl, "author", m->authors.v[j]);
		if (m->date != NULL && *m->date != '\0') {
			n = tei_el_text(ctx, bibl, "date", m->date_text !=
			    NULL && *m->date_text != '\0' ? m->date_text :
			    m->date);
			if (tei_when(m->date, when, sizeof(when)) == 0)
				tei_attr(n, "when", when);
		}
		if (m->source != NULL && *m->source != '\0')
			tei_attr(tei_el_text(ctx, bibl, "idno", m->source),
			    "type", "path");
		n = tei_el(ctx, bibl, "textLang");
		tei_attr(n, "mainLang", c->t[i].lang);
		name = tei_lang_name(c->t[i].lang);
		tei_text(n, name != NULL ? name : c->t[i].lang);
	}
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
standoff(struct tei_ctx *ctx, xmlNodePtr root, struct corpus *c)
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

static int
corpus_write(struct galley_sink *out, struct galley_doc **docs,
    size_t n, const struct galley_book *book, const struct galley_opts *opts,
    struct galley_diag *dg, int free_docs)
{
	struct tei_ctx		 ctx;
	struct corpus		 c;
	struct tei_article	 a;
	struct galley_buf	 b;
	xmlNodePtr		 root;
	char			 lang[64], *id;
	size_t			 i;
	int			 rc = -1;

	if (n == 0) {
		galley_diag_add(dg, GALLEY_ERROR, NULL, 0, 0,
		    "TEI corpus: no texts to put in it");
		return -1;
	}
	tei_ctx_init(&ctx, opts, dg);
	if ((c.t = calloc(n, sizeof(*c.t))) == NULL)
		tei_oom();
	c.n = n;
	if ((c.keys = xmlHashCreate(256)) == NULL)
		tei_oom();
	for (i = 0; i < n; i++) {
		c.t[i].meta = galley_doc_meta(docs[i]);
		if (tei_lang_tag(c.t[i].meta->language, c.t[i].lang,
		    sizeof(c.t[i].lang)) == NULL)
			strcpy(c.t[i].lang, "und");
		c.t[i].base = tei_doc_id(c.t[i].meta);
	}
	group(&c, book);
	root = tei_root(&ctx, "teiCorpus");
	tei_lang(root, corpus_lang(&c, book, lang, sizeof(lang)));
	for (i = 0; i < n; i++) {	/* ids first: the header points */
		c.t[i].tei = tei_el(&ctx, NULL, "TEI");
		id = text_id(&c, i);
		c.t[i].xmlid = tei_id(&ctx, c.t[i].tei, id);
		free(id);
	}
	corpus_header(&ctx, tei_el(&ctx, root, "teiHeader"), &c, book);
	standoff(&ctx, root, &c);
	for (i = 0; i < n; i++)
		xmlAddChild(root, c.t[i].tei);
	ctx.resolve = resolve;
	ctx.resolve_arg = &c;
	for (i = 0; i < n; i++) {
		memset(&a, 0, sizeof(a));
		a.doc = docs[i];
		a.xmlid = c.t[i].xmlid;
		a.lang = c.t[i].lang;
		a.book = book;
		galley_buf_init(&b);
		pointers(&b, &c, i, i);
		if (b.len > 0)
			tei_attr(c.t[i].tei, "corresp", b.data);
		galley_buf_release(&b);
		tei_article(&ctx, c.t[i].tei, &a);
		if (free_docs) {	/* the header took its meta already */
			c.t[i].meta = NULL;
			galley_doc_free(docs[i]);
			docs[i] = NULL;
#ifdef __GLIBC__
			/* Documents made in other threads were freed into
			 * those threads' arenas, which this tree does not
			 * draw on: hand their pages back now and then. */
			if (i % 1024 == 1023)
				malloc_trim(0);
#endif
		}
	}
	link_sections(&c);
	tei_fix_run(&ctx);
	if (tei_save(&ctx, out) == -1)
		goto out;
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(c.t[i].base);
	free(c.t);
	xmlHashFree(c.keys, NULL);
	tei_ctx_release(&ctx);
	return rc;
}

int
galley_tei_corpus_write(struct galley_sink *out, struct galley_doc *const *docs,
    size_t n, const struct galley_book *book, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	return corpus_write(out, (struct galley_doc **)docs, n, book, opts,
	    dg, 0);
}

int
galley_tei_corpus_write_free(struct galley_sink *out, struct galley_doc **docs,
    size_t n, const struct galley_book *book, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	return corpus_write(out, docs, n, book, opts, dg, 1);
}
