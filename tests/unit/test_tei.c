/*
 * The TEI writers: value helpers, header and body mapping, ids and
 * links in a corpus, and the check that the text of every TEI body is
 * the text of its model (nothing lost).  With file arguments it only
 * runs that check on them (tests/t_tei.sh does, on generated batches).
 * TEI files made here go to $T/tei-unit/ for jing (tests/t_tei.sh).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "galley/galley.h"
#include "galley/links.h"
#include "galley/tei.h"
#include "writers/tei.h"
#include "writers/xml_escape.h"
#include "tap.h"

/* --- text of the model and of the TEI --- */

struct texts {
	struct galley_buf	 main;
	char			*notes[256];
	size_t			 nnotes;
};

static void
texts_release(struct texts *t)
{
	size_t	 i;

	galley_buf_release(&t->main);
	for (i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	t->nnotes = 0;
}

/* Whitespace runs as one space, trimmed; XML's forbidden characters as
 * the writer replaces them.  Caller frees. */
static char *
normal(const char *s)
{
	char	*c = xml_clean(s != NULL ? s : ""), *o, *p;
	int	 sp = 1;

	for (o = p = c; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			if (!sp)
				*o++ = ' ';
			sp = 1;
		} else {
			*o++ = *p;
			sp = 0;
		}
	}
	while (o > c && o[-1] == ' ')
		o--;
	*o = '\0';
	return c;
}

struct mwalk {
	struct texts		*t;
	struct galley_buf	*out;
	const struct galley_node *root;
};

static void	model_texts(const struct galley_node *, struct galley_buf *,
		    struct texts *);

static enum galley_walk
model_visit(struct galley_node *n, int entering, void *arg)
{
	struct mwalk		*w = arg;
	struct galley_buf	 note;

	if (n->type == GALLEY_NODE_FOOTNOTE_DEF && n != w->root) {
		if (entering && w->t->nnotes < 256) {
			galley_buf_init(&note);
			model_texts(n, &note, w->t);
			w->t->notes[w->t->nnotes++] = normal(note.data);
			galley_buf_release(&note);
		}
		return entering ? GALLEY_WALK_SKIP : GALLEY_WALK_NEXT;
	}
	if (galley_node_is_block(n->type))
		galley_buf_putc(w->out, ' ');
	else if (entering && n->literal != NULL)
		galley_buf_puts(w->out, n->literal);
	else if (n->type == GALLEY_NODE_SOFTBREAK ||
	    n->type == GALLEY_NODE_LINEBREAK)
		galley_buf_putc(w->out, ' ');
	if (entering && galley_node_is_block(n->type) && n->literal != NULL)
		galley_buf_puts(w->out, n->literal);
	return GALLEY_WALK_NEXT;
}

static void
model_texts(const struct galley_node *root, struct galley_buf *out,
    struct texts *t)
{
	struct mwalk	 w = { t, out, root };

	galley_walk((struct galley_node *)root, model_visit, &w);
}

static int
is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name,
	    BAD_CAST name);
}

static void
tei_texts(xmlNodePtr el, struct galley_buf *out, struct texts *t)
{
	static const char *const blocks[] = {
		"p", "head", "item", "cell", "row", "list", "table", "quote",
		"ab", "label", "div", "note", "body",
		"lb", "milestone", NULL
	};
	xmlNodePtr		 c;
	xmlChar			*place;
	struct galley_buf	 note;
	size_t			 i;
	int			 block = 0;

	for (i = 0; blocks[i] != NULL; i++)
		if (is_el(el, blocks[i]))
			block = 1;
	if (block)
		galley_buf_putc(out, ' ');
	for (c = el->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			galley_buf_puts(out, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || is_el(c, "graphic"))
			continue;
		place = is_el(c, "note") ? xmlGetProp(c, BAD_CAST "place") :
		    NULL;
		if (place != NULL && xmlStrEqual(place, BAD_CAST "foot")) {
			galley_buf_init(&note);
			tei_texts(c, &note, t);
			if (t->nnotes < 256)
				t->notes[t->nnotes++] = normal(note.data);
			galley_buf_release(&note);
		} else
			tei_texts(c, out, t);
		xmlFree(place);
	}
	if (block)
		galley_buf_putc(out, ' ');
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first child element of el named name, or NULL. */
static xmlNodePtr
child(xmlNodePtr el, const char *name)
{
	xmlNodePtr	 c;

	for (c = el != NULL ? el->children : NULL; c != NULL; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* The body's text and its notes' texts equal the model's; prints what
 * differs. */
static int
same_text(const struct galley_doc *doc, xmlNodePtr tei)
{
	struct texts	 m, x;
	char		*a, *b;
	size_t		 i, k;
	int		 ok;

	if ((tei = child(child(tei, "text"), "body")) == NULL) {
		printf("#   no text/body\n");
		return 0;
	}
	memset(&m, 0, sizeof(m));
	memset(&x, 0, sizeof(x));
	model_texts(galley_doc_root(doc), &m.main, &m);
	tei_texts(tei, &x.main, &x);
	a = normal(m.main.data);
	b = normal(x.main.data);
	ok = strcmp(a, b) == 0 && m.nnotes == x.nnotes;
	if (strcmp(a, b) != 0) {
		for (k = 0; a[k] != '\0' && a[k] == b[k]; k++)
			continue;
		printf("#   text differs at %zu:\n#   model \"%.60s\"\n"
		    "#   tei   \"%.60s\"\n", k, a + k, b + k);
	}
	qsort(m.notes, m.nnotes, sizeof(char *), cmp_str);
	qsort(x.notes, x.nnotes, sizeof(char *), cmp_str);
	for (i = 0; ok && i < m.nnotes; i++)
		if (strcmp(m.notes[i], x.notes[i]) != 0) {
			printf("#   note \"%s\" became \"%s\"\n", m.notes[i],
			    x.notes[i]);
			ok = 0;
		}
	if (m.nnotes != x.nnotes)
		printf("#   %zu notes in the model, %zu in TEI\n", m.nnotes,
		    x.nnotes);
	free(a);
	free(b);
	texts_release(&m);
	texts_release(&x);
	return ok;
}

/* --- XML helpers --- */

static xmlDocPtr
parse(const struct galley_buf *b)
{
	return xmlReadMemory(b->data, (int)b->len, "tei.xml", "UTF-8",
	    XML_PARSE_NONET);
}

static xmlXPathObjectPtr
xp(xmlDocPtr x, const char *expr)
{
	xmlXPathContextPtr	 ctx = xmlXPathNewContext(x);
	xmlXPathObjectPtr	 o;

	xmlXPathRegisterNs(ctx, BAD_CAST "t", BAD_CAST TEI_NS);
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	return o;
}

/* string(expr), malloc'd. */
static char *
xs(xmlDocPtr x, const char *expr)
{
	char			 e[512];
	xmlXPathObjectPtr	 o;
	char			*s;

	snprintf(e, sizeof(e), "string(%s)", expr);
	o = xp(x, e);
	s = strdup(o != NULL && o->stringval != NULL ?
	    (const char *)o->stringval : "(error)");
	xmlXPathFreeObject(o);
	return s;
}

static double
xn(xmlDocPtr x, const char *expr)
{
	char			 e[512];
	xmlXPathObjectPtr	 o;
	double			 v;

	snprintf(e, sizeof(e), "number(%s)", expr);
	o = xp(x, e);
	v = o != NULL ? o->floatval : -1;
	xmlXPathFreeObject(o);
	return v;
}

#define CHECK_XS(x, expr, want, what) do {				\
	char *s_ = xs((x), (expr));					\
	CHECK_STR(s_, (want), (what));					\
	free(s_);							\
} while (0)

/* Every xml:id once; every "#id" pointer names one. */
static int
ids_ok(xmlDocPtr x)
{
	xmlXPathObjectPtr	 ids, ptrs;
	xmlHashTablePtr		 h = xmlHashCreate(64);
	int			 i, ok = 1;
	char			*v, *p, *save;

	ids = xp(x, "//@xml:id");
	for (i = 0; ids != NULL && ids->nodesetval != NULL &&
	    i < ids->nodesetval->nodeNr; i++) {
		v = (char *)xmlNodeGetContent(ids->nodesetval->nodeTab[i]);
		if (xmlHashAddEntry(h, BAD_CAST v, h) != 0) {
			printf("#   xml:id \"%s\" twice\n", v);
			ok = 0;
		}
		xmlFree(v);
	}
	ptrs = xp(x, "//@target | //@corresp");
	for (i = 0; ptrs != NULL && ptrs->nodesetval != NULL &&
	    i < ptrs->nodesetval->nodeNr; i++) {
		v = (char *)xmlNodeGetContent(ptrs->nodesetval->nodeTab[i]);
		for (p = strtok_r(v, " ", &save); p != NULL;
		    p = strtok_r(NULL, " ", &save))
			if (p[0] == '#' && xmlHashLookup(h, BAD_CAST p + 1) ==
			    NULL) {
				printf("#   \"%s\" points at no xml:id\n", p);
				ok = 0;
			}
		xmlFree(v);
	}
	xmlXPathFreeObject(ids);
	xmlXPathFreeObject(ptrs);
	xmlHashFree(h, NULL);
	return ok;
}

/* No element left empty but those TEI means empty, and the <p/> an
 * article with no text at all needs for its body to be valid. */
static int
no_empty(xmlDocPtr x)
{
	double	 n = xn(x, "count(//t:body//*[not(node())]"
	    "[not(self::t:lb or self::t:milestone or self::t:ptr or "
	    "self::t:graphic or self::t:cell)]"
	    "[not(self::t:p and parent::t:body and count(../*[not("
	    "self::t:milestone or self::t:note or self::t:figure)]) = 1)])");

	if (n != 0)
		printf("#   %g empty elements\n", n);
	return n == 0;
}

/* $T/tei-unit/NAME: where t_tei.sh finds the files to validate. */
static void
save(const char *name, const struct galley_buf *b)
{
	const char	*t = getenv("T");
	char		 path[1024];
	FILE		*f;

	if (t == NULL)
		return;
	mkdir(t, 0777);
	snprintf(path, sizeof(path), "%s/tei-unit", t);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/tei-unit/%s", t, name);
	if ((f = fopen(path, "w")) == NULL)
		return;
	fwrite(b->data, 1, b->len, f);
	fclose(f);
}

static int
write_tei(const struct galley_doc *doc, struct galley_buf *out,
    struct galley_diag *dg)
{
	const struct galley_writer *w = galley_writer_find("tei");
	struct galley_sink	 sink;
	struct galley_opts	 opts;

	galley_opts_init(&opts);
	galley_buf_init(out);
	galley_sink_init_buf(&sink, out);
	return w == NULL ? -1 : w->write(doc, &sink, &opts, dg);
}

/* --- building documents by hand --- */

static struct galley_node *
add(struct galley_doc *d, struct galley_node *parent,
    enum galley_node_type t, const char *literal)
{
	struct galley_pos	 pos = { 0, 0 };
	struct galley_node	*n = galley_node_new(d, t, pos);

	if (literal != NULL)
		n->literal = galley_doc_strdup(d, literal);
	if (galley_node_append(parent, n) == -1) {
		fprintf(stderr, "test: bad tree\n");
		exit(2);
	}
	return n;
}

static struct galley_node *
para(struct galley_doc *d, struct galley_node *parent, const char *text)
{
	struct galley_node *p = add(d, parent, GALLEY_NODE_PARAGRAPH, NULL);

	add(d, p, GALLEY_NODE_TEXT, text);
	return p;
}

static struct galley_node *
heading(struct galley_doc *d, struct galley_node *parent, int level,
    const char *id, const char *text)
{
	struct galley_node *h = add(d, parent, GALLEY_NODE_HEADING, NULL);

	h->u.heading.level = level;
	h->id = id;
	if (text != NULL)
		add(d, h, GALLEY_NODE_TEXT, text);
	return h;
}

static struct galley_node *
link(struct galley_doc *d, struct galley_node *parent,
    enum galley_link_kind kind, const char *url, const char *target,
    const char *frag, const char *text)
{
	struct galley_node *l = add(d, parent, GALLEY_NODE_LINK, NULL);

	l->u.link.kind = kind;
	l->u.link.url = url;
	l->u.link.title = "";
	l->u.link.target = target;
	l->u.link.fragment = frag;
	add(d, l, GALLEY_NODE_TEXT, text);
	return l;
}

static void
note_ref(struct galley_doc *d, struct galley_node *parent, const char *label,
    int index)
{
	struct galley_node *r = add(d, parent, GALLEY_NODE_FOOTNOTE_REF, NULL);

	r->u.note.label = label;
	r->u.note.index = index;
}

static void
extra(struct galley_doc *d, const char *key, const char *value)
{
	struct galley_meta	*m = galley_doc_meta(d);
	struct galley_value	*v;

	if (m->extra == NULL)
		m->extra = galley_value_new(d, GALLEY_VALUE_MAP);
	v = galley_value_new(d, value != NULL ? GALLEY_VALUE_STRING :
	    GALLEY_VALUE_NULL);
	v->key = key;
	v->str = value;
	galley_value_append(m->extra, v);
}

/* A: sections, footnotes, links of each kind, an image, a table. */
static struct galley_doc *
doc_a(void)
{
	struct galley_doc	*d = galley_doc_new("a/001-start.md");
	struct galley_meta	*m = galley_doc_meta(d);
	struct galley_node	*root = galley_doc_root(d), *p, *s, *s2, *t,
				*r, *c, *img, *def;

	m->title = "Første tekst";
	m->id = "001-start";
	m->language = "nb";
	m->date = "2021-06-24T07:51";
	m->date_text = "24 juni 2021 7:51";
	m->description = "Om back office.";
	galley_strlist_add(d, &m->keywords, "Investing");
	galley_strlist_add(d, &m->keywords, "Stock Brokers");
	galley_strlist_add(d, &m->authors, "Kari Nordmann");
	extra(d, "translationKey", "bo");
	extra(d, "draft", NULL);
	p = para(d, root, "Intro ");
	note_ref(d, p, "n1", 1);
	add(d, p, GALLEY_NODE_TEXT, " text \x01 control & <markup>.");
	s = add(d, root, GALLEY_NODE_SECTION, NULL);
	s->id = "forste";
	s->u.section.level = 1;
	heading(d, s, 1, "forste", "Første");
	p = para(d, s, "See ");
	link(d, p, GALLEY_LINK_INTERNAL, "doc2.md#part", "doc2", "part",
	    "doc2 part");
	add(d, p, GALLEY_NODE_TEXT, ", ");
	link(d, p, GALLEY_LINK_INTERNAL, "/blog/doc2/", "doc2", NULL, "doc2");
	add(d, p, GALLEY_NODE_TEXT, ", ");
	link(d, p, GALLEY_LINK_INTERNAL, "../m.txt", "missing", NULL,
	    "missing");
	add(d, p, GALLEY_NODE_TEXT, ", ");
	link(d, p, GALLEY_LINK_UNRESOLVED, "/x", NULL, NULL, "unresolved");
	add(d, p, GALLEY_NODE_TEXT, ", ");
	link(d, p, GALLEY_LINK_EXTERNAL, "#under", NULL, NULL, "fragment");
	add(d, p, GALLEY_NODE_TEXT, ", ");
	link(d, p, GALLEY_LINK_EXTERNAL, "#nowhere", NULL, NULL, "dangling");
	add(d, p, GALLEY_NODE_TEXT, ", ");
	link(d, p, GALLEY_LINK_EXTERNAL, "https://example.org/a b", NULL,
	    NULL, "external");
	note_ref(d, p, "n1", 1);
	img = add(d, p, GALLEY_NODE_IMAGE, NULL);
	img->u.link.url = "pics/a b.png";
	img->u.link.title = "Tittel";
	add(d, img, GALLEY_NODE_TEXT, "alt text");
	s2 = add(d, s, GALLEY_NODE_SECTION, NULL);
	s2->id = "under";
	s2->u.section.level = 2;
	heading(d, s2, 2, "under", "Under");
	t = add(d, s2, GALLEY_NODE_TABLE, NULL);
	r = add(d, t, GALLEY_NODE_TABLE_ROW, NULL);
	r->u.row.header = 1;
	c = add(d, r, GALLEY_NODE_TABLE_CELL, NULL);
	add(d, c, GALLEY_NODE_TEXT, "H1");
	c = add(d, r, GALLEY_NODE_TABLE_CELL, NULL);
	c->u.cell.align = GALLEY_ALIGN_RIGHT;
	add(d, c, GALLEY_NODE_TEXT, "H2");
	r = add(d, t, GALLEY_NODE_TABLE_ROW, NULL);
	c = add(d, r, GALLEY_NODE_TABLE_CELL, NULL);
	add(d, c, GALLEY_NODE_TEXT, "c1");
	add(d, r, GALLEY_NODE_TABLE_CELL, NULL);
	p = add(d, root, GALLEY_NODE_PARAGRAPH, NULL);
	add(d, add(d, p, GALLEY_NODE_EMPH, NULL), GALLEY_NODE_TEXT, "in");
	add(d, add(d, p, GALLEY_NODE_STRONG, NULL), GALLEY_NODE_TEXT, "line");
	para(d, root, "After the sections.");
	add(d, root, GALLEY_NODE_THEMATIC_BREAK, NULL);
	def = add(d, root, GALLEY_NODE_FOOTNOTE_DEF, NULL);
	def->u.note.label = "n1";
	def->u.note.index = 1;
	def->id = "fn-n1";
	para(d, def, "Note one.");
	def = add(d, root, GALLEY_NODE_FOOTNOTE_DEF, NULL);
	def->u.note.label = "n2";
	def->u.note.index = 2;
	para(d, def, "Never referenced.");
	return d;
}

/* B and C: one id in two languages, no SECTION nodes. */
static struct galley_doc *
doc_b(const char *lang, int empty)
{
	struct galley_doc	*d = galley_doc_new("b/doc2.md");
	struct galley_meta	*m = galley_doc_meta(d);
	struct galley_node	*root = galley_doc_root(d), *p, *q;

	m->id = "doc2";
	m->language = lang;
	if (empty)
		return d;
	extra(d, "translationKey", "bo");
	para(d, root, "Lead.");
	heading(d, root, 1, "top", "Top");
	para(d, root, "x");
	heading(d, root, 2, "part", "Part");
	p = para(d, root, "y");
	add(d, p, GALLEY_NODE_LINEBREAK, NULL);
	add(d, p, GALLEY_NODE_TEXT, "z");
	para(d, root, "Quote: \"one\" and \xe2\x80\x9e" "two\xe2\x80\x9c, "
	    "CPA\xe2\x80\x99" "s 5\" screen, \xc2\xab" "three "
	    "\xe2\x80\x98" "four\xe2\x80\x99\xc2\xbb" " and \"open.");
	heading(d, root, 1, NULL, "Again");
	q = add(d, root, GALLEY_NODE_QUOTE, NULL);
	heading(d, q, 2, NULL, "In a quote");
	para(d, q, "q");
	return d;
}

static struct galley_doc *
doc_deep(int levels)
{
	struct galley_doc	*d = galley_doc_new("deep.md");
	struct galley_node	*n = galley_doc_root(d);
	int			 i;

	galley_doc_meta(d)->language = "en";
	for (i = 0; i < levels; i++) {
		n = add(d, n, GALLEY_NODE_QUOTE, NULL);
		para(d, n, "level");
	}
	return d;
}

static void
test_values(void)
{
	char	 buf[64], *s;

	s = tei_name("000_5413cba6d7dd22c5");
	CHECK_STR(s, "id-000_5413cba6d7dd22c5", "name: digit first");
	free(s);
	s = tei_name("Hva er Back Office?");
	CHECK_STR(s, "Hva-er-Back-Office-", "name: spaces and '?'");
	free(s);
	s = tei_name("støtte");
	CHECK_STR(s, "st-tte", "name: ASCII only");
	free(s);
	s = tei_uri("my image é.jpg?a=%zz&b=%20");
	CHECK_STR(s, "my%20image%20%C3%A9.jpg?a=%25zz&b=%20", "uri escaping");
	free(s);
	s = tei_uri("http://[::1]:80/a\\[b]#x#y");
	CHECK_STR(s, "http://[::1]:80/a%5C%5Bb%5D#x%23y",
	    "uri: brackets in the host only, one '#'");
	free(s);
	s = tei_uri("http://www.b]");
	CHECK_STR(s, "http://www.b%5D", "uri: a bracket in a host that is "
	    "no IPv6 address");
	free(s);
	s = tei_uri("d\xc3\xa9t:x/a:b");
	CHECK_STR(s, "d%C3%A9t%3Ax/a:b", "uri: no scheme, so the first "
	    "segment's colon is escaped");
	free(s);
	s = tei_uri("mailto:a@b");
	CHECK_STR(s, "mailto:a@b", "uri: a scheme stays");
	free(s);
	s = tei_uri("http://[x/y]");
	CHECK_STR(s, "http://%5Bx/y%5D", "uri: brackets across the host");
	free(s);
	CHECK(tei_when("2021-06-24T07:51", buf, sizeof(buf)) == 0 &&
	    strcmp(buf, "2021-06-24T07:51:00") == 0, "when: seconds added");
	CHECK(tei_when("2021-06-24 07:51:30+02:00", buf, sizeof(buf)) == 0 &&
	    strcmp(buf, "2021-06-24T07:51:30+02:00") == 0,
	    "when: space, zone kept");
	CHECK(tei_when("2021-06-24T07:51Z", buf, sizeof(buf)) == 0 &&
	    strcmp(buf, "2021-06-24T07:51:00Z") == 0, "when: Z");
	CHECK(tei_when("2021", buf, sizeof(buf)) == 0 &&
	    strcmp(buf, "2021") == 0, "when: a year");
	CHECK(tei_when("24 juni 2021", buf, sizeof(buf)) == -1,
	    "when: wording is not a date");
	CHECK(tei_when("2021-06-24T7:51", buf, sizeof(buf)) == -1,
	    "when: one-digit hour refused");
	CHECK_STR(tei_lang_tag("en_US", buf, sizeof(buf)), "en-US",
	    "language tag: '_' read as '-'");
	CHECK(tei_lang_tag("english!", buf, sizeof(buf)) == NULL,
	    "language tag: garbage refused");
	CHECK(tei_lang_tag("1en", buf, sizeof(buf)) == NULL,
	    "language tag: digit first refused");
}

static void
test_single(void)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*a = doc_a(), *b = doc_b("en", 0);
	struct galley_buf	 out;
	xmlDocPtr		 x;

	CHECK(write_tei(a, &out, dg) == 0, "A: written");
	save("unit-a.tei.xml", &out);
	x = parse(&out);
	CHECK(x != NULL, "A: well-formed");
	if (x == NULL)
		goto out;
	CHECK_XS(x, "/t:TEI/@xml:id", "id-001-start", "A: id, digit-safe");
	CHECK_XS(x, "/t:TEI/@xml:lang", "nb", "A: TEI xml:lang");
	CHECK_XS(x, "//t:text/@xml:lang", "nb", "A: text xml:lang");
	CHECK_XS(x, "//t:langUsage/t:language/@ident", "nb",
	    "A: langUsage ident");
	CHECK_XS(x, "//t:titleStmt/t:title", "Første tekst", "A: title");
	CHECK_XS(x, "//t:titleStmt/t:author", "Kari Nordmann", "A: author");
	CHECK_XS(x, "//t:creation/t:date/@when", "2021-06-24T07:51:00",
	    "A: creation date with seconds");
	CHECK_XS(x, "//t:creation/t:date", "24 juni 2021 7:51",
	    "A: creation date wording");
	CHECK_XS(x, "//t:keywords/@xml:lang", "en",
	    "A: keywords in English (ASCII, text not English)");
	CHECK_XS(x, "//t:keywords/t:term[2]", "Stock Brokers", "A: terms");
	CHECK_XS(x, "//t:abstract/t:p", "Om back office.", "A: abstract");
	CHECK_XS(x, "//t:application/@version", GALLEY_VERSION,
	    "A: galley version");
	CHECK_XS(x, "//t:notesStmt/t:note[@n='translationKey']", "bo",
	    "A: front matter without a home kept");
	CHECK_XS(x, "//t:notesStmt/t:note[@n='draft']/@subtype", "null",
	    "A: null front matter kept");
	CHECK_XS(x, "//t:sourceDesc/t:bibl/t:idno[@type='path']",
	    "a/001-start.md", "A: source path");
	CHECK_XS(x, "//t:div[t:head='Første']/@xml:id", "id-001-start.forste",
	    "A: section id prefixed");
	CHECK(xn(x, "count(//t:div[t:head='Første']/t:div[t:head='Under'])")
	    == 1, "A: nested section");
	CHECK(xn(x, "count(//t:note[@place='foot'])") == 2,
	    "A: two notes (one referenced, one not)");
	CHECK_XS(x, "//t:note[@place='foot'][1]/@xml:id",
	    "id-001-start.fn-n1", "A: note id");
	CHECK(xn(x, "count(//t:body/t:p[1]/t:note[@place='foot'])") == 1,
	    "A: note at its reference");
	CHECK_XS(x, "//t:ptr[@type='noteref']/@target",
	    "#id-001-start.fn-n1", "A: second reference points at it");
	CHECK_XS(x, "//t:ref[.='doc2 part']/@cRef",
	    "doc2#part", "A: internal link, alone: article#section");
	CHECK_XS(x, "//t:ref[.='doc2']/@cRef", "doc2",
	    "A: internal link by site path names the article");
	CHECK_XS(x, "//t:ref[.='missing']/@cRef", "missing",
	    "A: internal link to an article elsewhere names it");
	CHECK(xn(x, "count(//t:ref[@type='internal'][@target])") == 0,
	    "A: no internal link points at a file that may be missing");
	CHECK_XS(x, "//t:ref[.='unresolved'][@type='unresolved']/@target",
	    "/x", "A: unresolved link keeps its address, typed unresolved");
	CHECK_XS(x, "//t:ref[.='fragment']/@target", "#id-001-start.under",
	    "A: fragment link to a prefixed id");
	CHECK(xn(x, "count(//t:seg[.='dangling'][not(@target)])") == 1,
	    "A: a fragment naming no id keeps its text, no pointer");
	CHECK_XS(x, "//t:ref[.='external']/@target",
	    "https://example.org/a%20b", "A: external link escaped");
	CHECK_XS(x, "//t:figure/t:graphic/@url", "pics/a%20b.png",
	    "A: graphic url");
	CHECK_XS(x, "//t:figure/t:figDesc", "alt text", "A: figDesc");
	CHECK_XS(x, "//t:figure/t:graphic/t:desc", "Tittel", "A: image title");
	CHECK(xn(x, "count(//t:row[@role='label']/t:cell[@role='label'])")
	    == 2, "A: header cells labelled");
	CHECK_XS(x, "//t:cell[.='H2']/@rend", "right", "A: cell alignment");
	CHECK(xn(x, "count(//t:body/t:div[not(@type)]/t:p)") == 2,
	    "A: blocks after a div wrapped in a div");
	CHECK(xn(x, "count(//t:milestone[@unit='section'])") == 1,
	    "A: thematic break");
	CHECK(strstr(out.data, "\xef\xbf\xbd") != NULL,
	    "A: control character replaced");
	CHECK(strstr(out.data, "<p><hi rend=\"italic\">in</hi><hi "
	    "rend=\"bold\">line</hi></p>") != NULL,
	    "A: no indentation between inline elements");
	CHECK(ids_ok(x), "A: ids unique, pointers resolve");
	CHECK(no_empty(x), "A: no empty elements");
	CHECK(same_text(a, xmlDocGetRootElement(x)),
	    "A: body text equals the model's");
	xmlFreeDoc(x);
	galley_buf_release(&out);

	CHECK(write_tei(b, &out, dg) == 0, "B: written");
	save("unit-b.tei.xml", &out);
	x = parse(&out);
	CHECK(x != NULL, "B: well-formed");
	if (x == NULL)
		goto out;
	CHECK(xn(x, "count(//t:body/t:p)") == 1 &&
	    xn(x, "count(//t:body/t:div)") == 2,
	    "B: headings without sections make divs");
	CHECK(xn(x, "count(//t:div[t:head='Top']/t:div[t:head='Part'])") == 1,
	    "B: a lower heading nests");
	CHECK_XS(x, "//t:div[t:head='Part']/@xml:id", "doc2.part",
	    "B: heading id prefixed");
	CHECK(xn(x, "count(//t:quote/t:label[@type='heading'])") == 1,
	    "B: heading in a quote is a label");
	CHECK(xn(x, "count(//t:lb)") == 1, "B: hard break");
	CHECK(xn(x, "count(//t:q)") == 4 &&
	    xn(x, "count(//t:q[.='one'])") == 1 &&
	    xn(x, "count(//t:q[.='two'])") == 1 &&
	    xn(x, "count(//t:q/t:q[.='four'])") == 1,
	    "B: quotations as q, nested; apostrophes and inches not");
	CHECK(xn(x, "count(//t:keywords)") == 0, "B: no keywords, none made");
	CHECK(ids_ok(x) && no_empty(x), "B: ids, no empty elements");
	CHECK(same_text(b, xmlDocGetRootElement(x)),
	    "B: body text equals the model's");
	xmlFreeDoc(x);
out:
	galley_buf_release(&out);
	galley_doc_free(a);
	galley_doc_free(b);
	galley_diag_free(dg);
}

static void
test_corpus(void)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*d[3];
	struct galley_buf	 out;
	struct galley_sink	 sink;
	struct galley_opts	 opts;
	struct galley_book	 book;
	xmlDocPtr		 x;
	xmlNodePtr		 tei;
	size_t			 i;
	int			 ok;

	d[0] = doc_a();
	d[1] = doc_b("en", 0);
	d[2] = doc_b("de", 1);
	galley_opts_init(&opts);
	memset(&book, 0, sizeof(book));
	book.title = "Back office";
	book.publisher = "Galley Press";
	book.date = "2024-05-01";
	galley_buf_init(&out);
	galley_sink_init_buf(&sink, &out);
	CHECK(galley_tei_corpus_write(&sink, d, 3, &book, &opts, dg) == 0,
	    "corpus: written");
	save("unit-corpus.tei.xml", &out);
	x = parse(&out);
	CHECK(x != NULL, "corpus: well-formed");
	if (x == NULL)
		goto out;
	CHECK(xn(x, "count(/t:teiCorpus/t:TEI)") == 3, "corpus: three TEI");
	CHECK_XS(x, "/t:teiCorpus/@xml:lang", "mul", "corpus: languages");
	CHECK(xn(x, "count(/t:teiCorpus/t:teiHeader//t:langUsage/t:language)")
	    == 3, "corpus: each language once");
	CHECK(xn(x, "count(//t:sourceDesc/t:listBibl/t:bibl)") == 3,
	    "corpus: a bibl per text");
	CHECK_XS(x, "/t:teiCorpus/t:teiHeader//t:titleStmt/t:title",
	    "Back office", "corpus: title from the book");
	CHECK_XS(x, "/t:teiCorpus/t:teiHeader//t:publisher", "Galley Press",
	    "corpus: publisher from the book");
	CHECK_XS(x, "/t:teiCorpus/t:TEI[2]/@xml:id", "doc2-en",
	    "corpus: one id in two languages made unique");
	CHECK_XS(x, "//t:standOff/t:linkGrp[@type='translation']/t:link/"
	    "@target", "#id-001-start #doc2-en #doc2-de",
	    "corpus: translations linked (key, same id)");
	CHECK_XS(x, "/t:teiCorpus/t:TEI[1]/@corresp", "#doc2-en #doc2-de",
	    "corpus: corresp on the text");
	CHECK_XS(x, "//t:ref[.='doc2 part']/@target", "#doc2-en.part",
	    "corpus: internal link to a section");
	CHECK_XS(x, "//t:ref[.='doc2']/@target", "#doc2-en",
	    "corpus: internal link to a text");
	CHECK_XS(x, "//t:ref[.='missing']/@cRef", "missing",
	    "corpus: link outside the corpus names the article");
	CHECK_XS(x, "/t:teiCorpus/t:TEI[3]//t:body/t:p", "",
	    "corpus: an empty article still has a body");
	CHECK(ids_ok(x), "corpus: ids unique, pointers resolve");
	ok = 1;
	for (i = 0, tei = xmlDocGetRootElement(x)->children; tei != NULL;
	    tei = tei->next)
		if (is_el(tei, "TEI") && i < 3)
			ok &= same_text(d[i++], tei);
	CHECK(ok && i == 3, "corpus: each body's text equals its model's");
	xmlFreeDoc(x);

	/* the same three again: stable output */
	{
		struct galley_buf	 again;

		galley_buf_init(&again);
		galley_sink_init_buf(&sink, &again);
		galley_tei_corpus_write(&sink, d, 3, &book, &opts, dg);
		CHECK(again.len == out.len && memcmp(again.data, out.data,
		    out.len) == 0, "corpus: same input, same bytes");
		galley_buf_release(&again);
	}
	/* streamed, its texts spooled in a file, then in memory: the same
	 * bytes; a document too deep for the spool waits in memory */
	{
		struct galley_tei_corpus *c;
		struct galley_buf	 again;
		char			 dir[] = "/tmp/galley-spool-XXXXXX";
		const char		*where[2];
		int			 k, files;
		DIR			*dh;
		struct dirent		*de;

		CHECK(mkdtemp(dir) != NULL, "corpus: a spool folder");
		where[0] = dir;
		where[1] = NULL;
		for (k = 0; k < 2; k++) {
			c = galley_tei_corpus_new(where[k], &book, &opts, dg);
			galley_tei_corpus_keep(c, 0);
			galley_tei_corpus_add(c, doc_a(), NULL, 0);
			galley_tei_corpus_add(c, doc_b("en", 0), NULL, 0);
			galley_tei_corpus_add(c, doc_b("de", 1), NULL, 0);
			files = 0;
			if ((dh = opendir(dir)) != NULL) {
				while ((de = readdir(dh)) != NULL)
					files += de->d_name[0] != '.' ||
					    strlen(de->d_name) > 2;
				closedir(dh);
			}
			CHECK(files == 0, k ? "corpus: nothing in the folder "
			    "(memory)" : "corpus: the spool file is never seen "
			    "in its folder");
			galley_buf_init(&again);
			galley_sink_init_buf(&sink, &again);
			CHECK(galley_tei_corpus_finish(c, &sink) == 0,
			    k ? "corpus: streamed (memory)" :
			    "corpus: streamed (spool file)");
			CHECK(again.len == out.len && memcmp(again.data,
			    out.data, out.len) == 0, k ?
			    "corpus: streamed, the same bytes (memory)" :
			    "corpus: streamed, the same bytes (spool file)");
			save(k ? "unit-corpus-memory.tei.xml" :
			    "unit-corpus-spool.tei.xml", &again);
			galley_buf_release(&again);
			galley_tei_corpus_free(c);
		}
		/* deep documents go to the spool and come back whole */
		{
			struct galley_doc	*deep[2];

			deep[0] = doc_deep(1300);
			deep[1] = doc_deep(850);
			c = galley_tei_corpus_new(dir, NULL, &opts, dg);
			galley_tei_corpus_keep(c, 0);
			galley_tei_corpus_add(c, doc_deep(1300), NULL, 0);
			galley_tei_corpus_add(c, doc_deep(850), NULL, 0);
			galley_buf_init(&again);
			galley_sink_init_buf(&sink, &again);
			CHECK(galley_tei_corpus_finish(c, &sink) == 0,
			    "corpus: spooled, documents 1,300 and 850 deep");
			x = xmlReadMemory(again.data, (int)again.len, "deep",
			    "UTF-8", XML_PARSE_HUGE);
			ok = x != NULL;
			for (i = 0, tei = ok ? xmlDocGetRootElement(x)->children :
			    NULL; tei != NULL; tei = tei->next)
				if (is_el(tei, "TEI") && i < 2)
					ok &= same_text(deep[i++], tei);
			CHECK(ok && i == 2, "corpus: spooled, the deep texts "
			    "kept");
			xmlFreeDoc(x);
			galley_buf_release(&again);
			galley_tei_corpus_free(c);
			galley_doc_free(deep[0]);
			galley_doc_free(deep[1]);
		}
		remove(dir);
	}
	galley_buf_release(&out);
	galley_buf_init(&out);
	galley_sink_init_buf(&sink, &out);
	CHECK(galley_tei_corpus_write(&sink, d, 0, NULL, &opts, dg) == -1 &&
	    galley_diag_count(dg, GALLEY_ERROR) == 1,
	    "corpus: none is an error");
out:
	galley_buf_release(&out);
	for (i = 0; i < 3; i++)
		galley_doc_free(d[i]);
	galley_diag_free(dg);
}

static void
test_deep(void)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*d = doc_deep(1300);
	struct galley_buf	 out;
	xmlDocPtr		 x;

	CHECK(write_tei(d, &out, dg) == 0, "deep: written");
	CHECK(galley_diag_count(dg, GALLEY_WARNING) == 1,
	    "deep: one warning");
	save("unit-deep.tei.xml", &out);
	x = xmlReadMemory(out.data, (int)out.len, "deep", "UTF-8",
	    XML_PARSE_HUGE);
	CHECK(x != NULL && same_text(d,
	    xmlDocGetRootElement(x)), "deep: text kept");
	xmlFreeDoc(x);
	galley_buf_release(&out);
	galley_doc_free(d);
	galley_diag_free(dg);
}

/* --- files through the whole pipeline --- */

static struct galley_doc *
read_file(const char *path, struct galley_diag *dg)
{
	struct galley_opts	 opts;
	struct galley_doc	*doc = NULL;
	FILE			*f;
	char			*data;
	long			 len;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	data = malloc((size_t)len + 1);
	if (data == NULL || fread(data, 1, (size_t)len, f) != (size_t)len)
		len = -1;
	fclose(f);
	galley_opts_init(&opts);
	if (len >= 0 && galley_read(&doc, path, data, (size_t)len, &opts,
	    dg) == 0 && galley_filters_run(doc, &opts, dg) == -1) {
		galley_doc_free(doc);
		doc = NULL;
	}
	free(data);
	return doc;
}

/* Convert doc (read from path), check the text; 1 if all went well. */
static int
check_doc(const char *path, struct galley_doc *doc)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_buf	 out;
	xmlDocPtr		 x = NULL;
	const char		*base;
	char			 name[512], what[600];
	int			 ok = 0;

	galley_buf_init(&out);
	if (doc != NULL && write_tei(doc, &out, dg) == 0 &&
	    (x = parse(&out)) != NULL)
		ok = ids_ok(x) && no_empty(x) &&
		    same_text(doc, xmlDocGetRootElement(x));
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	snprintf(name, sizeof(name), "%s.tei.xml", base);
	if (out.len > 0)
		save(name, &out);
	snprintf(what, sizeof(what), "%s: TEI text equals the model's", path);
	CHECK(ok, what);
	xmlFreeDoc(x);
	galley_buf_release(&out);
	galley_diag_free(dg);
	return ok;
}

static int
check_file(const char *path)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc = read_file(path, dg);
	int			 ok = check_doc(path, doc);

	galley_doc_free(doc);
	galley_diag_free(dg);
	return ok;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file in dir, each checked; a corpus of them to $T. */
static void
check_dir(const char *dir, const char *corpus, int translations)
{
	struct galley_doc	*docs[64];
	char			*paths[64], path[1024];
	struct galley_diag	*dg = galley_diag_new();
	struct galley_book	 book;
	struct galley_opts	 opts;
	struct galley_sink	 sink;
	struct galley_buf	 out;
	struct dirent		*e;
	struct galley_linkindex	*idx;
	xmlDocPtr		 x;
	xmlNodePtr		 tei;
	size_t			 n = 0, i, k;
	DIR			*d;
	int			 ok;

	if ((d = opendir(dir)) == NULL) {
		CHECK(0, dir);
		return;
	}
	while ((e = readdir(d)) != NULL && n < 64)
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			paths[n++] = strdup(path);
		}
	closedir(d);
	qsort(paths, n, sizeof(*paths), by_name);
	/* as a run of galley convert: links between the files resolved */
	idx = galley_linkindex_new();
	for (i = k = 0; i < n; i++)
		if ((docs[k] = read_file(paths[i], dg)) != NULL)
			galley_linkindex_add(idx, docs[k++]);
	galley_opts_init(&opts);
	for (i = 0; i < k; i++) {
		galley_links_resolve(docs[i], idx, &opts, dg);
		check_doc(paths[i], docs[i]);
	}
	galley_linkindex_free(idx);
	memset(&book, 0, sizeof(book));
	book.translations = translations;
	galley_buf_init(&out);
	galley_sink_init_buf(&sink, &out);
	ok = galley_tei_corpus_write(&sink, docs, k, &book, &opts, dg) == 0;
	save(corpus, &out);
	x = ok ? parse(&out) : NULL;
	ok = x != NULL && ids_ok(x) && k == n;
	for (i = 0, tei = x != NULL ? xmlDocGetRootElement(x)->children :
	    NULL; tei != NULL; tei = tei->next)
		if (is_el(tei, "TEI") && i < k)
			ok &= same_text(docs[i++], tei);
	snprintf(path, sizeof(path), "%s: corpus of %zu, texts kept", dir, n);
	CHECK(ok && i == k, path);
	if (translations && x != NULL) {
		char	*t = xs(x, "//t:linkGrp[@type='translation']/"
		    "t:link/@target");

		CHECK(strlen(t) > 0 && xn(x, "count(//t:linkGrp/t:link)") ==
		    1 && xn(x, "count(/t:teiCorpus/t:TEI[@corresp])") ==
		    (double)k, "book translations: all texts linked");
		CHECK(xn(x, "count(//t:div[@corresp])") > 0,
		    "book translations: sections of one shape linked");
		free(t);
	}
	if (!translations && x != NULL) {
		char	*t = xs(x, "//t:TEI[@xml:id='links']//t:sourceDesc/"
		    "t:bibl/t:ref/@target");

		CHECK_STR(t, "https://example.org/articles/links?id=1&v=2",
		    "fixtures: the source URL from front matter in the bibl");
		free(t);
		t = xs(x, "//t:ref[.='relative file']/@target");

		CHECK(t[0] == '#' && strchr(t, '.') != NULL,
		    "fixtures: a link to another file's section resolved");
		printf("#   %s\n", t);
		free(t);
	}
	xmlFreeDoc(x);
	galley_buf_release(&out);
	for (i = 0; i < k; i++)
		galley_doc_free(docs[i]);
	for (i = 0; i < n; i++)
		free(paths[i]);
	galley_diag_free(dg);
}

int
main(int argc, char *argv[])
{
	int	 i;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			check_file(argv[i]);
		return TAP_DONE();
	}
	test_values();
	test_single();
	test_corpus();
	test_deep();
	check_dir("tests/tei", "fixtures-corpus.tei.xml", 0);
	check_dir("input", "seeds-corpus.tei.xml", 1);
	xmlCleanupParser();
	return TAP_DONE();
}
