/* The front-matter Markdown reader and the model it builds. */
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "tap.h"

static struct galley_doc *
read_str(const char *name, const char *s, struct galley_diag *dg)
{
	struct galley_opts	 opts;
	struct galley_doc	*doc = NULL;

	galley_opts_init(&opts);
	opts.format = "markdown";
	galley_read(&doc, name, s, strlen(s), &opts, dg);
	return doc;
}

static int
count_type(struct galley_node *n, enum galley_node_type t)
{
	int	 c = n->type == t;

	for (n = n->first; n != NULL; n = n->next)
		c += count_type(n, t);
	return c;
}

static const char *
first_msg(struct galley_diag *dg, char *buf, size_t sz)
{
	if (galley_diag_size(dg) == 0)
		return "";
	galley_msg_format(galley_diag_get(dg, 0), buf, sz);
	return buf;
}

int
main(void)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc;
	struct galley_meta	*m;
	struct galley_node	*n;
	char			 msg[512];

	doc = read_str("a.md", "---\ntitle: Hello\nkeywords: a, b,c\n"
	    "description: Desc\nauthor: Me\ntags: [x, y]\n---\n\n# Head\n\n"
	    "Text *em* [l](/lease \"t\").\n", dg);
	CHECK(doc != NULL, "front matter document reads");
	m = galley_doc_meta(doc);
	CHECK_STR(m->title, "Hello", "title taken");
	CHECK_STR(m->description, "Desc", "description taken");
	CHECK(m->keywords.n == 3, "comma keywords split");
	CHECK_STR(m->keywords.n == 3 ? m->keywords.v[2] : NULL, "c",
	    "keywords trimmed");
	CHECK(galley_value_get(m->extra, "author") != NULL,
	    "unknown key kept in extra");
	CHECK(galley_value_get(m->extra, "tags") != NULL &&
	    galley_value_get(m->extra, "tags")->kind == GALLEY_VALUE_LIST,
	    "list kept in extra as a list");
	n = galley_doc_root(doc)->first;
	CHECK(n && n->type == GALLEY_NODE_HEADING && n->u.heading.level == 1,
	    "heading first");
	CHECK(n && n->pos.line == 9 && n->pos.col == 1,
	    "heading position counts the front matter lines");
	n = n ? n->next : NULL;
	CHECK(n && n->type == GALLEY_NODE_PARAGRAPH && n->pos.line == 11,
	    "paragraph on line 11");
	CHECK(count_type(galley_doc_root(doc), GALLEY_NODE_LINK) == 1,
	    "one link");
	galley_doc_free(doc);

	doc = read_str("b.md", "---\ntitle: [a\ntags:\n  - x\n---\nx\n", dg);
	CHECK(doc == NULL, "bad YAML fails");
	CHECK(strncmp(first_msg(dg, msg, sizeof(msg)), "b.md:3:5: error: "
	    "front matter:", 30) == 0, "YAML error names file:line:col");
	galley_diag_clear(dg);

	/* flat front matter YAML cannot read: a line a key, a warning */
	doc = read_str("f.md", "---\ntitle: [a\n---\nx\n", dg);
	CHECK(doc != NULL && strcmp(galley_doc_meta(doc)->title, "[a") == 0,
	    "flat front matter that is no YAML: read a line a key");
	CHECK(strncmp(first_msg(dg, msg, sizeof(msg)), "f.md:3:1: warning: "
	    "front matter:", 32) == 0, "... with a warning at file:line:col");
	galley_doc_free(doc);
	galley_diag_clear(dg);

	doc = read_str("c.md", "---\ntitle: x\n", dg);
	CHECK(doc == NULL && strstr(first_msg(dg, msg, sizeof(msg)),
	    "c.md:1:1: error: front matter: no closing") != NULL,
	    "unclosed front matter is an error");
	galley_diag_clear(dg);

	doc = read_str("d.md", "---\n- a\n- b\n---\nx\n", dg);
	CHECK(doc == NULL && strstr(first_msg(dg, msg, sizeof(msg)),
	    "mapping") != NULL, "front matter as a list is an error");
	galley_diag_clear(dg);

	doc = read_str("e.md", "---\ntitle:\n  a: b\n---\nx\n", dg);
	CHECK(doc == NULL && strstr(first_msg(dg, msg, sizeof(msg)),
	    "e.md:3:3: error: front matter: 'title' must be a single value")
	    != NULL, "title as a map is an error");
	galley_diag_clear(dg);

	doc = read_str("f.md", "\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n"
	    "| a | b |\r\n|:-|-:|\r\n| x | ~~y~~ |\r\n\r\n- [x] done\r\n\r\n"
	    "hi[^1]\r\n\r\n[^1]: note\r\n", dg);
	CHECK(doc != NULL, "BOM and CRLF read");
	if (doc != NULL) {
		struct galley_node *root = galley_doc_root(doc);

		CHECK_STR(galley_doc_meta(doc)->title, "T", "title after BOM");
		CHECK(count_type(root, GALLEY_NODE_TABLE_CELL) == 4,
		    "table cells");
		CHECK(root->first->first->first->u.cell.align ==
		    GALLEY_ALIGN_LEFT, "cell alignment");
		CHECK(count_type(root, GALLEY_NODE_STRIKE) == 1,
		    "strikethrough");
		n = root->first->next->first;
		CHECK(n && n->u.item.task && n->u.item.checked,
		    "checked task item");
		CHECK(count_type(root, GALLEY_NODE_FOOTNOTE_DEF) == 1 &&
		    count_type(root, GALLEY_NODE_FOOTNOTE_REF) == 1,
		    "footnote definition and reference");
		CHECK_STR(root->last->u.note.label, "1", "footnote label");
	}
	galley_doc_free(doc);

	doc = read_str("g.md", "plain *markdown*\n", dg);
	CHECK(doc != NULL && galley_doc_meta(doc)->title == NULL,
	    "no front matter: plain Markdown");
	galley_doc_free(doc);

	{
		size_t	 depth = 5000, i;
		char	*deep = malloc(depth * 2 + 4);

		for (i = 0; i < depth; i++) {
			deep[2 * i] = '>';
			deep[2 * i + 1] = ' ';
		}
		strcpy(deep + 2 * depth, "x\n");
		doc = read_str("h.md", deep, dg);
		CHECK(doc == NULL && strstr(first_msg(dg, msg, sizeof(msg)),
		    "nested deeper than 1000") != NULL,
		    "deep nesting is refused with a message");
		galley_diag_clear(dg);
		free(deep);
	}

	doc = read_str("i.md", "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\nx\n", dg);
	CHECK(doc == NULL && strstr(first_msg(dg, msg, sizeof(msg)),
	    "too many values") != NULL, "alias bomb is refused");
	galley_diag_clear(dg);

	/* YAML merge keys */
	doc = read_str("y.md", "---\nd: &d {author: Jane, license: CC}\n"
	    "meta:\n  <<: *d\n  license: MIT\n---\n\nx\n", dg);
	n = NULL;
	{
		struct galley_value *mv = galley_value_get(
		    galley_doc_meta(doc)->extra, "meta");
		struct galley_value *a = mv ? galley_value_get(mv, "author") :
		    NULL, *l = mv ? galley_value_get(mv, "license") : NULL;

		CHECK(a != NULL && strcmp(a->str, "Jane") == 0 && l != NULL &&
		    strcmp(l->str, "MIT") == 0 && galley_value_get(mv, "<<") ==
		    NULL, "<<: *d merges the keys the mapping lacks");
	}
	galley_doc_free(doc);
	galley_diag_clear(dg);

	/* attribute blocks of Pandoc, kramdown and Hugo */
	doc = read_str("h.md", "## Title {#my-id .c}\n\n## Text {not attrs}\n\n"
	    "~~~ {.haskell .numberLines}\nx\n~~~\n", dg);
	n = galley_doc_root(doc)->first;
	CHECK(n != NULL && n->id != NULL && strcmp(n->id, "my-id") == 0 &&
	    strcmp(n->first->literal, "Title") == 0,
	    "heading attributes: the id taken, the block off the text");
	n = n->next;
	CHECK(n != NULL && n->id == NULL &&
	    strcmp(n->first->literal, "Text {not attrs}") == 0,
	    "braces that are no attribute block stay text");
	n = n->next;
	CHECK_STR(n != NULL ? n->u.code_block.info : NULL, "haskell",
	    "a fence's {.class}: its language");
	galley_doc_free(doc);
	galley_diag_clear(dg);

	/* GFM drops a row's cells past the header's: said, with the line */
	doc = read_str("t.md", "---\ntitle: T\n---\n\n| a | b |\n|---|---|\n"
	    "| `x|y` | z |\n| ok \\| fine | 2 |\n\n> | a | b |\n> |---|---|\n"
	    "> | 1 | 2 |\n", dg);
	CHECK(doc != NULL && galley_diag_count(dg, GALLEY_WARNING) == 1,
	    "table: one row loses cells, one warning");
	CHECK(strstr(first_msg(dg, msg, sizeof(msg)), "t.md:7:1: warning: "
	    "this table row has 3 cells and its header 2: the last is "
	    "dropped") != NULL, "table: the row's line, the counts");
	galley_doc_free(doc);
	galley_diag_free(dg);
	return TAP_DONE();
}
