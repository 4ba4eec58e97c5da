/*
 * The JSON writer and reader: a hand-built document holding every node
 * kind and every attribute goes out and back in unchanged; the exact
 * layout of a small document; the reader's error messages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "tap.h"

static struct galley_pos
at(unsigned line, unsigned col)
{
	struct galley_pos	 p = { line, col };

	return p;
}

static struct galley_node *
add(struct galley_doc *doc, struct galley_node *parent,
    enum galley_node_type t, unsigned line)
{
	struct galley_node	*n = galley_node_new(doc, t, at(line, line % 7 + 1));

	if (galley_node_append(parent, n) == -1) {
		printf("not ok - test setup: %s cannot hold %s\n",
		    galley_node_type_name(parent->type),
		    galley_node_type_name(t));
		exit(1);
	}
	return n;
}

static struct galley_node *
add_text(struct galley_doc *doc, struct galley_node *parent,
    enum galley_node_type t, const char *text, unsigned line)
{
	struct galley_node	*n = add(doc, parent, t, line);

	n->literal = galley_doc_strdup(doc, text);
	return n;
}

static struct galley_value *
val(struct galley_doc *doc, struct galley_value *parent,
    enum galley_value_kind k, const char *key, const char *str, int plain)
{
	struct galley_value	*v = galley_value_new(doc, k);

	v->key = key ? galley_doc_strdup(doc, key) : NULL;
	v->str = str ? galley_doc_strdup(doc, str) : NULL;
	v->plain = plain;
	galley_value_append(parent, v);
	return v;
}

/*
 * A document with every node kind, every attribute set to something
 * other than its default, and every metadata key.
 */
static struct galley_doc *
build_all(void)
{
	struct galley_doc	*doc = galley_doc_new("all.md");
	struct galley_meta	*m = galley_doc_meta(doc);
	struct galley_node	*root = galley_doc_root(doc), *s, *b, *i, *t;
	struct galley_node	*r, *c, *l;
	struct galley_value	*v, *w;
	unsigned		 ln = 1;

	m->title = "T \"quoted\" \\ back";
	m->description = "line\nbreak\ttab \x01 ctl \xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80";
	galley_strlist_add(doc, &m->keywords, "k1");
	galley_strlist_add(doc, &m->keywords, "k,2");
	galley_strlist_add(doc, &m->authors, "Ann");
	m->language = "nb";
	m->language_confidence = 0.1;
	m->date = "2021-06-24T07:51:00";
	m->date_text = "24 juni 2021 7:51";
	m->source = "in/all.md";
	m->id = "all";
	m->uuid = "5f0c6e1a-7d7b-5c3e-9a59-0c8f3c2f6a11";
	m->slug = "all-slug";
	m->format = "markdown";
	val(doc, m->extra, GALLEY_VALUE_STRING, "plain", "yes", 1);
	val(doc, m->extra, GALLEY_VALUE_STRING, "quoted", "yes", 0);
	val(doc, m->extra, GALLEY_VALUE_NULL, "nothing", NULL, 0);
	v = val(doc, m->extra, GALLEY_VALUE_LIST, "a/b~c", NULL, 0);
	val(doc, v, GALLEY_VALUE_STRING, NULL, "x", 1);
	val(doc, v, GALLEY_VALUE_STRING, NULL, "y", 0);
	w = val(doc, v, GALLEY_VALUE_MAP, NULL, NULL, 0);
	val(doc, w, GALLEY_VALUE_STRING, "deep", "z", 1);
	val(doc, w, GALLEY_VALUE_LIST, "empty", NULL, 0);
	val(doc, m->extra, GALLEY_VALUE_MAP, "", NULL, 0);

	s = add(doc, root, GALLEY_NODE_SECTION, ln++);
	s->u.section.level = 2;
	s->id = "sec";
	b = add(doc, s, GALLEY_NODE_HEADING, ln++);
	b->u.heading.level = 3;
	b->id = "head";
	add_text(doc, b, GALLEY_NODE_TEXT, "Head", ln++);
	b = add(doc, s, GALLEY_NODE_PARAGRAPH, ln++);
	add_text(doc, b, GALLEY_NODE_TEXT, "a \"b\" \\ c\x7f", ln++);
	add(doc, b, GALLEY_NODE_SOFTBREAK, ln++);
	add(doc, b, GALLEY_NODE_LINEBREAK, ln++);
	add_text(doc, b, GALLEY_NODE_CODE, "x < y", ln++);
	add_text(doc, b, GALLEY_NODE_HTML_INLINE, "<b>", ln++);
	t = add(doc, b, GALLEY_NODE_EMPH, ln++);
	t = add(doc, t, GALLEY_NODE_STRONG, ln++);
	t = add(doc, t, GALLEY_NODE_STRIKE, ln++);
	add_text(doc, t, GALLEY_NODE_TEXT, "deep", ln++);
	l = add(doc, b, GALLEY_NODE_LINK, ln++);
	l->u.link.url = "other.md#frag";
	l->u.link.title = "Title";
	l->u.link.kind = GALLEY_LINK_INTERNAL;
	l->u.link.target = "other";
	l->u.link.fragment = "frag";
	add_text(doc, l, GALLEY_NODE_TEXT, "link", ln++);
	l = add(doc, b, GALLEY_NODE_LINK, ln++);
	l->u.link.url = "rel/x.md";
	l->u.link.kind = GALLEY_LINK_UNRESOLVED;
	l = add(doc, b, GALLEY_NODE_IMAGE, ln++);
	l->u.link.url = "i.png";
	l->u.link.title = "img";
	add_text(doc, l, GALLEY_NODE_TEXT, "alt", ln++);
	t = add(doc, b, GALLEY_NODE_FOOTNOTE_REF, ln++);
	t->u.note.label = "n1";
	t->u.note.index = 1;
	b = add(doc, s, GALLEY_NODE_QUOTE, ln++);
	b = add(doc, b, GALLEY_NODE_LIST, ln++);
	b->u.list.ordered = 1;
	b->u.list.start = 7;
	b->u.list.tight = 0;
	b->u.list.delim = ')';
	b->u.list.numbering = 'A';
	i = add(doc, b, GALLEY_NODE_ITEM, ln++);
	i->u.item.task = 1;
	i->u.item.checked = 1;
	i = add(doc, b, GALLEY_NODE_ITEM, ln++);
	i->u.item.task = 1;
	i = add(doc, i, GALLEY_NODE_LIST, ln++);
	i->u.list.start = 0;	/* not the default 1 */
	add(doc, i, GALLEY_NODE_ITEM, ln++);
	b = add_text(doc, s, GALLEY_NODE_CODE_BLOCK, "int x;\n", ln++);
	b->u.code_block.info = "c";
	b->u.code_block.fenced = 1;
	add_text(doc, s, GALLEY_NODE_CODE_BLOCK, "indented\n", ln++);
	add_text(doc, s, GALLEY_NODE_HTML_BLOCK, "<div>\n</div>\n", ln++);
	add(doc, s, GALLEY_NODE_THEMATIC_BREAK, ln++);
	b = add(doc, root, GALLEY_NODE_TABLE, ln++);
	r = add(doc, b, GALLEY_NODE_TABLE_ROW, ln++);
	r->u.row.header = 1;
	c = add(doc, r, GALLEY_NODE_TABLE_CELL, ln++);
	c->u.cell.align = GALLEY_ALIGN_LEFT;
	add_text(doc, c, GALLEY_NODE_TEXT, "h", ln++);
	c = add(doc, r, GALLEY_NODE_TABLE_CELL, ln++);
	c->u.cell.align = GALLEY_ALIGN_CENTER;
	c = add(doc, r, GALLEY_NODE_TABLE_CELL, ln++);
	c->u.cell.align = GALLEY_ALIGN_RIGHT;
	r = add(doc, b, GALLEY_NODE_TABLE_ROW, ln++);
	add(doc, r, GALLEY_NODE_TABLE_CELL, ln++);
	b = add(doc, root, GALLEY_NODE_FOOTNOTE_DEF, ln++);
	b->u.note.label = "n1";
	b->u.note.index = 1;
	b->id = "fn-n1";
	b = add(doc, b, GALLEY_NODE_PARAGRAPH, ln++);
	add_text(doc, b, GALLEY_NODE_TEXT, "note", ln++);
	/* A node made by a filter has no position. */
	b = galley_node_new(doc, GALLEY_NODE_PARAGRAPH, at(0, 0));
	galley_node_append(root, b);
	return doc;
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
}

/* "" and NULL mean the same for optional strings. */
static int
same_opt(const char *a, const char *b)
{
	return same_str(a ? a : "", b ? b : "");
}

static int
same_value(const struct galley_value *a, const struct galley_value *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (a->kind != b->kind || !same_str(a->key, b->key) ||
	    !same_str(a->str, b->str) || a->plain != b->plain)
		return 0;
	for (a = a->first, b = b->first; a && b; a = a->next, b = b->next)
		if (!same_value(a, b))
			return 0;
	return a == NULL && b == NULL;
}

static int
same_list(const struct galley_strlist *a, const struct galley_strlist *b)
{
	size_t	 i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (!same_str(a->v[i], b->v[i]))
			return 0;
	return 1;
}

static int
same_node(const struct galley_node *a, const struct galley_node *b)
{
	if (a->type != b->type || a->pos.line != b->pos.line ||
	    a->pos.col != b->pos.col || !same_str(a->literal, b->literal) ||
	    !same_str(a->id, b->id))
		return 0;
	switch (a->type) {
	case GALLEY_NODE_SECTION:
		return a->u.section.level == b->u.section.level;
	case GALLEY_NODE_HEADING:
		return a->u.heading.level == b->u.heading.level;
	case GALLEY_NODE_LIST:
		return a->u.list.ordered == b->u.list.ordered &&
		    a->u.list.start == b->u.list.start &&
		    a->u.list.tight == b->u.list.tight &&
		    a->u.list.delim == b->u.list.delim &&
		    a->u.list.numbering == b->u.list.numbering;
	case GALLEY_NODE_ITEM:
		return a->u.item.task == b->u.item.task &&
		    a->u.item.checked == b->u.item.checked;
	case GALLEY_NODE_CODE_BLOCK:
		return same_opt(a->u.code_block.info, b->u.code_block.info) &&
		    a->u.code_block.fenced == b->u.code_block.fenced;
	case GALLEY_NODE_TABLE_ROW:
		return a->u.row.header == b->u.row.header;
	case GALLEY_NODE_TABLE_CELL:
		return a->u.cell.align == b->u.cell.align;
	case GALLEY_NODE_LINK:
	case GALLEY_NODE_IMAGE:
		return same_str(a->u.link.url, b->u.link.url) &&
		    same_opt(a->u.link.title, b->u.link.title) &&
		    a->u.link.kind == b->u.link.kind &&
		    same_str(a->u.link.target, b->u.link.target) &&
		    same_str(a->u.link.fragment, b->u.link.fragment);
	case GALLEY_NODE_FOOTNOTE_DEF:
	case GALLEY_NODE_FOOTNOTE_REF:
		return same_str(a->u.note.label, b->u.note.label) &&
		    a->u.note.index == b->u.note.index;
	default:
		return 1;
	}
}

/* Both trees the same, node by node; the first difference printed. */
static int
same_tree(const struct galley_node *a, const struct galley_node *b)
{
	const struct galley_node	*x, *y;

	if (!same_node(a, b)) {
		printf("#   differ: %s at %u:%u vs %s at %u:%u\n",
		    galley_node_type_name(a->type), a->pos.line, a->pos.col,
		    galley_node_type_name(b->type), b->pos.line, b->pos.col);
		return 0;
	}
	for (x = a->first, y = b->first; x && y; x = x->next, y = y->next)
		if (!same_tree(x, y))
			return 0;
	return x == NULL && y == NULL;
}

static int
same_meta(const struct galley_meta *a, const struct galley_meta *b)
{
	return same_str(a->title, b->title) &&
	    same_str(a->description, b->description) &&
	    same_list(&a->keywords, &b->keywords) &&
	    same_list(&a->authors, &b->authors) &&
	    same_str(a->language, b->language) &&
	    a->language_confidence == b->language_confidence &&
	    same_str(a->date, b->date) &&
	    same_str(a->date_text, b->date_text) &&
	    same_str(a->source, b->source) && same_str(a->id, b->id) &&
	    same_str(a->uuid, b->uuid) &&
	    same_str(a->slug, b->slug) && same_str(a->format, b->format) &&
	    same_value(a->extra, b->extra);
}

/* Write doc as JSON into a new malloc'd string, or NULL. */
static char *
to_json(const struct galley_doc *doc, struct galley_diag *dg)
{
	const struct galley_writer	*w = galley_writer_find("json");
	struct galley_opts		 opts;
	struct galley_buf		 buf;
	struct galley_sink		 sink;
	size_t				 len;

	galley_opts_init(&opts);
	galley_buf_init(&buf);
	galley_sink_init_buf(&sink, &buf);
	if (w == NULL || w->write(doc, &sink, &opts, dg) == -1) {
		galley_buf_release(&buf);
		return NULL;
	}
	return galley_buf_detach(&buf, &len);
}

static struct galley_doc *
from_json(const char *name, const char *json, const char *format,
    int max_depth, struct galley_diag *dg)
{
	struct galley_opts	 opts;
	struct galley_doc	*doc = NULL;

	galley_opts_init(&opts);
	opts.format = format;
	if (max_depth > 0)
		opts.max_depth = max_depth;
	galley_read(&doc, name, json, strlen(json), &opts, dg);
	return doc;
}

static const char *
first_msg(struct galley_diag *dg, char *buf, size_t sz)
{
	if (galley_diag_size(dg) == 0)
		return "(no message)";
	galley_msg_format(galley_diag_get(dg, 0), buf, sz);
	return buf;
}

/* The error message the reader gives for json, or "(read)" if none. */
static const char *
read_error(const char *json, int max_depth, char *buf, size_t sz)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc = from_json("bad.json", json, "json",
				    max_depth, dg);

	if (doc != NULL)
		snprintf(buf, sz, "(read)");
	else
		first_msg(dg, buf, sz);
	galley_doc_free(doc);
	galley_diag_free(dg);
	return buf;
}

static const char small_json[] =
"{\n"
"  \"galley\": 1,\n"
"  \"meta\": {\n"
"    \"title\": \"Small\",\n"
"    \"keywords\": [\"a\", \"b\"],\n"
"    \"source\": \"s.md\",\n"
"    \"format\": \"markdown\",\n"
"    \"extra\": {\n"
"      \"tags\": [\n"
"        \"x\",\n"
"        null\n"
"      ],\n"
"      \"m\": {}\n"
"    },\n"
"    \"extra_plain\": [\"/tags/0\"]\n"
"  },\n"
"  \"body\": [\n"
"    {\"type\": \"heading\", \"level\": 1, \"pos\": [1, 1], \"children\": [\n"
"      {\"type\": \"text\", \"text\": \"Hi\", \"pos\": [1, 3]}\n"
"    ]},\n"
"    {\"type\": \"list\", \"ordered\": false, \"tight\": true, \"pos\": [3, 1], \"children\": [\n"
"      {\"type\": \"item\", \"pos\": [3, 1], \"children\": [\n"
"        {\"type\": \"paragraph\", \"pos\": [3, 3], \"children\": [\n"
"          {\"type\": \"emph\", \"pos\": [3, 3], \"children\": [\n"
"            {\"type\": \"text\", \"text\": \"e\", \"pos\": [3, 4]}\n"
"          ]}\n"
"        ]}\n"
"      ]}\n"
"    ]},\n"
"    {\"type\": \"thematic_break\", \"pos\": [5, 1]}\n"
"  ]\n"
"}\n";

static const char small_tree[] =
"meta\n"
"  title: \"Small\"\n"
"  keywords: \"a\" \"b\"\n"
"  source: \"s.md\"\n"
"  format: \"markdown\"\n"
"  extra:\n"
"    \"tags\": list\n"
"      - \"x\" plain\n"
"      - null\n"
"    \"m\": map\n"
"        -  document\n"
"      1:1    heading level=1\n"
"      1:3      text \"Hi\"\n"
"      3:1    list bullet tight\n"
"      3:1      item\n"
"      3:3        paragraph\n"
"      3:3          emph\n"
"      3:4            text \"e\"\n"
"      5:1    thematic_break\n";

/* With GALLEY_JSON_DUMP=DIR, leave json in DIR for the schema check. */
static void
dump(const char *name, const char *json)
{
	const char	*dir = getenv("GALLEY_JSON_DUMP");
	char		 path[1024];
	FILE		*fp;

	if (dir == NULL || *dir == '\0' || json == NULL)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) != NULL) {
		fputs(json, fp);
		fclose(fp);
	}
}

static void
test_round_trip(void)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc = build_all(), *back;
	char			*one, *two, msg[512];

	one = to_json(doc, dg);
	CHECK(one != NULL, "every node kind writes");
	back = one ? from_json("all.json", one, "json", 0, dg) : NULL;
	CHECK(back != NULL, "and reads back");
	if (back == NULL)
		printf("#   %s\n", first_msg(dg, msg, sizeof(msg)));
	CHECK(back && same_tree(galley_doc_root(doc), galley_doc_root(back)),
	    "every node and attribute survives JSON");
	CHECK(back && same_meta(galley_doc_meta(doc), galley_doc_meta(back)),
	    "every metadata key, extra and its plain flags survive JSON");
	two = back ? to_json(back, dg) : NULL;
	CHECK(one && two && strcmp(one, two) == 0,
	    "write, read, write: byte-identical");
	CHECK(one && strstr(one, "\\u0001 ctl \xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80")
	    != NULL, "controls escaped, UTF-8 kept as is");
	CHECK(one && strstr(one, "\"extra_plain\": [\"/plain\", "
	    "\"/a~1b~0c/0\", \"/a~1b~0c/2/deep\"]") != NULL,
	    "plain scalars listed as JSON Pointers");
	CHECK(one && strstr(one, "\"language_confidence\": 0.1,") != NULL,
	    "confidence in its shortest form");
	dump("all-kinds.json", one);
	free(one);
	free(two);
	galley_doc_free(back);
	galley_doc_free(doc);
	galley_diag_free(dg);
}

/* The spool's packing (galley_doc_pack): every field back, any depth,
 * and no partial bytes taken for a document. */
static void
test_pack(void)
{
	struct galley_doc	*doc = build_all(), *back, *deep;
	struct galley_node	*n;
	struct galley_buf	 one, two;
	size_t			 cut, bad = 0;
	int			 i;

	galley_buf_init(&one);
	galley_buf_init(&two);
	galley_doc_meta(doc)->date_pos = at(3, 7);
	galley_doc_meta(doc)->language_pos = at(4, 9);
	galley_doc_pack(doc, &one);
	back = galley_doc_unpack(one.data, one.len);
	CHECK(back != NULL, "pack: unpacks");
	CHECK(back && same_tree(galley_doc_root(doc), galley_doc_root(back)),
	    "pack: every node, attribute and position back");
	CHECK(back && same_meta(galley_doc_meta(doc), galley_doc_meta(back)) &&
	    galley_doc_meta(back)->date_pos.col == 7 &&
	    galley_doc_meta(back)->language_pos.line == 4,
	    "pack: every metadata field back, positions too");
	if (back != NULL)
		galley_doc_pack(back, &two);
	CHECK(two.len == one.len && memcmp(one.data, two.data, one.len) == 0,
	    "pack, unpack, pack: the same bytes");
	for (cut = 0; cut < one.len; cut++) {
		struct galley_doc *part = galley_doc_unpack(one.data, cut);

		bad += part != NULL;
		galley_doc_free(part);
	}
	galley_buf_putc(&one, 0);
	back != NULL ? galley_doc_free(back) : (void)0;
	back = galley_doc_unpack(one.data, one.len);
	CHECK(bad == 0 && back == NULL, "pack: no prefix and no longer "
	    "bytes unpack");
	galley_doc_free(back);
	galley_buf_release(&one);
	galley_buf_release(&two);

	deep = galley_doc_new("deep.md");
	n = galley_doc_root(deep);
	for (i = 0; i < 20000; i++) {
		struct galley_node *q = galley_node_new(deep,
		    GALLEY_NODE_QUOTE, at(1, 1));

		galley_node_append(n, q);
		n = q;
	}
	n = add(deep, n, GALLEY_NODE_PARAGRAPH, 1);
	add_text(deep, n, GALLEY_NODE_TEXT, "bottom", 1);
	galley_buf_init(&one);
	galley_doc_pack(deep, &one);
	back = galley_doc_unpack(one.data, one.len);
	for (i = 0, n = back ? galley_doc_root(back) : NULL; n != NULL &&
	    n->first != NULL; n = n->first)
		i++;
	CHECK(back != NULL && i == 20002 && n != NULL &&
	    strcmp(n->literal, "bottom") == 0, "pack: 20,000 levels deep");
	galley_doc_free(back);
	galley_doc_free(deep);
	galley_buf_release(&one);
	galley_doc_free(doc);
}

static void
test_layout(void)
{
	struct galley_diag		*dg = galley_diag_new();
	const struct galley_writer	*tw = galley_writer_find("tree");
	struct galley_doc		*doc;
	struct galley_opts		 opts;
	struct galley_buf		 buf;
	struct galley_sink		 sink;
	char				*out, msg[512];

	doc = from_json("small.json", small_json, NULL, 0, dg);
	CHECK(doc != NULL, "galley JSON is recognised without -f");
	if (doc == NULL) {
		printf("#   %s\n", first_msg(dg, msg, sizeof(msg)));
		galley_diag_free(dg);
		return;
	}
	CHECK_STR(galley_doc_meta(doc)->format, "markdown",
	    "format as the JSON says");
	out = to_json(doc, dg);
	CHECK_STR(out, small_json, "layout: one node per line, fixed order");
	free(out);
	galley_opts_init(&opts);
	galley_buf_init(&buf);
	galley_sink_init_buf(&sink, &buf);
	CHECK(tw != NULL && tw->write(doc, &sink, &opts, dg) == 0,
	    "tree writer writes");
	CHECK_STR(buf.data, small_tree, "tree: a node per line with line:col");
	galley_buf_release(&buf);
	galley_doc_free(doc);
	galley_diag_free(dg);
}

static int
fail_write(const void *p, size_t n, void *arg)
{
	errno = ENOSPC;
	return -1;
}

static void
test_sink_failure(void)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc = build_all();
	struct galley_sink	 sink = { fail_write, NULL, 0 };
	struct galley_opts	 opts;
	char			 msg[512];

	galley_opts_init(&opts);
	CHECK(galley_writer_find("json")->write(doc, &sink, &opts, dg) == -1,
	    "a failing sink fails the JSON writer");
	CHECK(strstr(first_msg(dg, msg, sizeof(msg)), "cannot write JSON")
	    != NULL, "and says so");
	galley_doc_free(doc);
	galley_diag_free(dg);
}

/* JSON nesting n quotes deep, each holding the next. */
static char *
deep_json(int n)
{
	struct galley_buf	 b;
	size_t			 len;
	int			 i;

	galley_buf_init(&b);
	galley_buf_puts(&b, "{\"galley\": 1, \"body\": [");
	for (i = 0; i < n; i++)
		galley_buf_puts(&b, "{\"type\": \"quote\", \"children\": [");
	galley_buf_puts(&b, "{\"type\": \"thematic_break\"}");
	for (i = 0; i < n; i++)
		galley_buf_puts(&b, "]}");
	galley_buf_puts(&b, "]}");
	return galley_buf_detach(&b, &len);
}

#define BAD(json, want, what) do {					\
	char m_[512];							\
	read_error(json, 0, m_, sizeof(m_));				\
	CHECK_STR(m_, want, what);					\
} while (0)

static void
test_errors(void)
{
	char	*deep, m[512];

	BAD("{\"galley\": 1, \"body\": [\n  {\"type\": \"paragraph\"},\n"
	    "  {\"type\": \"foo\"}\n]}",
	    "bad.json:3:12: error: body[1].type: unknown node type \"foo\"",
	    "unknown node type: file:line:col and JSON path");
	BAD("{\"galley\": 1, \"body\": [{\"type\": \"paragraph\", "
	    "\"children\": [\n  {\"type\": \"text\", \"text\": \"a\"},\n"
	    "  {\"type\": \"list\"}]}]}",
	    "bad.json:3:3: error: body[0].children[1]: a paragraph cannot "
	    "hold a list", "containment checked by galley_node_append");
	BAD("{\"galley\": 1, \"body\": [{\"type\": \"document\"}]}",
	    "bad.json:1:33: error: body[0].type: unknown node type "
	    "\"document\"", "no nested document");
	BAD("{\"galley\": 1, \"body\": [{\"type\": \"paragraph\",\n"
	    "  \"level\": 2}]}",
	    "bad.json:2:3: error: body[0].level: unknown key \"level\" for "
	    "a paragraph", "attribute of another kind refused");
	BAD("{\"galley\": 1, \"body\": [{\"type\": \"heading\"}]}",
	    "bad.json:1:24: error: body[0]: a heading needs \"level\"",
	    "required attribute");
	BAD("{\"galley\": 1, \"body\": [{\"type\": \"heading\", \"level\": 7}]}",
	    "bad.json:1:53: error: body[0].level: 7 is out of range (1 to 6)",
	    "heading level range");
	BAD("{\"galley\": 1, \"body\": [{\"type\": \"heading\", \"level\": \"2\"}]}",
	    "bad.json:1:53: error: body[0].level: expected an integer, not "
	    "a string", "attribute types");
	BAD("{\"galley\": 1, \"body\": [{\"type\": \"table\", \"children\": "
	    "[\n{\"type\": \"table_row\", \"children\": [\n"
	    "{\"type\": \"table_cell\", \"align\": \"middle\"}]}]}]}",
	    "bad.json:3:33: error: body[0].children[0].children[0].align: "
	    "unknown value \"middle\"",
	    "enumerations");
	BAD("{\"galley\": 1, \"body\": [{\"type\": \"text\", \"text\": \"x\", "
	    "\"pos\": [-1, 1]}]}",
	    "bad.json:1:61: error: body[0].pos: expected [line, column], "
	    "integers from 0", "positions");
	BAD("{\"galley\": 1, \"body\": [{\"type\": \"paragraph\", "
	    "\"children\": [{\"type\": \"text\"}]}]}",
	    "bad.json:1:59: error: body[0].children[0]: a text needs \"text\"",
	    "literal required");
	BAD("{\"galley\": 1, \"body\": []", "bad.json:1:24: error: JSON: "
	    "'}' expected near end of file", "syntax errors from jansson");
	BAD("{\"galley\": 1, \"galley\": 1, \"body\": []}",
	    "bad.json:1:22: error: JSON: duplicate object key near "
	    "'\"galley\"'", "duplicate keys refused");
	BAD("{\"galley\": 2, \"body\": []}",
	    "bad.json:1:12: error: galley: galley JSON version 2 is newer "
	    "than this galley reads (1)", "newer versions refused");
	BAD("{\"body\": []}", "bad.json:1:1: error: JSON but not galley "
	    "JSON: no \"galley\" version key (see galley.schema.json)", "version key required");
	BAD("{\"galley\": 1}", "bad.json:1:1: error: no \"body\"",
	    "body required");
	BAD("{\"galley\": 1, \"body\": [], \"x\": 1}",
	    "bad.json:1:27: error: x: unknown key \"x\"", "no unknown keys");
	BAD("[1]", "bad.json:1:1: error: expected a galley JSON object, not "
	    "an array", "top level must be an object");
	BAD("{\"galley\": 1, \"meta\": {\"keywords\": [\"a\", 3]}, \"body\": []}",
	    "bad.json:1:42: error: meta.keywords[1]: expected a string, not "
	    "an integer", "metadata types");
	BAD("{\"galley\": 1, \"meta\": {\"language_confidence\": 2}, "
	    "\"body\": []}", "bad.json:1:47: error: meta.language_confidence: "
	    "2 is not between 0 and 1", "confidence range");
	BAD("{\"galley\": 1, \"meta\": {\"extra\": {\"a b\": [\"x\"]}, "
	    "\"extra_plain\": [\"/a b/1\"]}, \"body\": []}",
	    "bad.json:1:65: error: meta.extra_plain[0]: \"/a b/1\" names no "
	    "string in extra", "plain pointers must name a string");
	BAD("{\"galley\": 1, \"meta\": {\"extra\": {\"a b\": [\"x\"]}, "
	    "\"extra_plain\": [\"/a b/0\"]}, \"body\": []}", "(read)",
	    "a good plain pointer reads");
	BAD("{\"galley\": 1, \"meta\": {\"extra\": {\"a b\": {\"\\u00e9\": 3}}, "
	    "\"title\": 1}, \"body\": []}",
	    "bad.json:1:66: error: meta.title: expected a string, not an "
	    "integer", "path located past escaped keys");
	deep = deep_json(900);
	CHECK_STR(read_error(deep, 0, m, sizeof(m)), "(read)",
	    "900 nested quotes read");
	CHECK(strstr(read_error(deep, 100, m, sizeof(m)),
	    "nested deeper than 100 levels (--max-depth)") != NULL,
	    "--max-depth holds for JSON too");
	free(deep);
	deep = deep_json(5000);
	CHECK(strstr(read_error(deep, 0, m, sizeof(m)),
	    "maximum parsing depth reached") != NULL,
	    "5000 nested quotes: jansson's depth limit, no stack overflow");
	free(deep);
}

int
main(void)
{
	test_round_trip();
	test_pack();
	test_layout();
	test_sink_failure();
	test_errors();
	return TAP_DONE();
}
