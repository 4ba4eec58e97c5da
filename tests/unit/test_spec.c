/*
 * The CommonMark/GFM spec examples (../shared/spec: spec.txt,
 * extensions.txt, regression.txt from cmark-gfm 0.29.0.gfm.0): each is
 * parsed by cmark-gfm directly and by galley's Markdown reader, with
 * the same extensions and options; the model must hold every node
 * cmark-gfm made (same kinds, order, nesting, literal text, attributes
 * and positions), and its JSON must read back and write byte-identically.
 * One line per file.  With GALLEY_SPEC_JSON=DIR set, each example's
 * JSON is also left in DIR for the schema check of tests/t_json.sh,
 * and with GALLEY_SPEC_MD=DIR its Markdown, for the whole pipeline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm/node.h>	/* footnote definitions of references */

#include "galley/galley.h"
#include "readers/markdown.h"
#include "tap.h"

#define FENCE		"````````````````````````````````"
#define DETAILS_MAX	20	/* failures described per file */

/* As in src/readers/markdown.c. */
static const char *const extensions[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist", NULL
};

/* One node of either tree, flattened in document order. */
struct flat {
	int		 depth;
	int		 type;		/* enum galley_node_type */
	const char	*literal;	/* borrowed; NULL if none */
	char		 attrs[256];	/* what else must agree */
	unsigned	 line, col;
};

struct flats {
	struct flat	*v;
	size_t		 n, cap;
};

static struct flat *
flat_add(struct flats *f)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->v = realloc(f->v, f->cap * sizeof(*f->v));
		if (f->v == NULL)
			abort();
	}
	memset(&f->v[f->n], 0, sizeof(f->v[0]));
	return &f->v[f->n++];
}

static const char *
align_char(enum galley_align a)
{
	switch (a) {
	case GALLEY_ALIGN_LEFT:
		return "l";
	case GALLEY_ALIGN_CENTER:
		return "c";
	case GALLEY_ALIGN_RIGHT:
		return "r";
	default:
		return "";
	}
}

/* cmark-gfm's node in galley's terms; -1 if galley has no such kind. */
/* The example being checked: cmark-gfm's byte columns become the
 * character columns galley reports (counted in the line, up to its end). */
static const char *cur_md;

static unsigned
char_col(unsigned line, unsigned col)
{
	const unsigned char	*p = (const unsigned char *)cur_md;
	unsigned		 k, c = 1;

	if (p == NULL || line == 0 || col <= 1)
		return col;
	for (k = 1; k < line && *p != '\0'; p++)
		if (*p == '\n')
			k++;
	for (k = 1; k < col && *p != '\0' && *p != '\n'; k++, p++)
		if ((*p & 0xc0) != 0x80)
			c++;
	return c;
}

static int
cmark_flat(struct flat *f, cmark_node *cn)
{
	const char	*ts = cmark_node_get_type_string(cn), *s;
	int		 len, off, fenced;
	char		 fch;
	cmark_node	*row, *table, *c;
	uint8_t		*al;
	int		 col = 0;

	f->line = (unsigned)cmark_node_get_start_line(cn);
	f->col = char_col(f->line,
	    (unsigned)cmark_node_get_start_column(cn));
	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_BLOCK_QUOTE:
		f->type = GALLEY_NODE_QUOTE;
		return 0;
	case CMARK_NODE_LIST:
		f->type = GALLEY_NODE_LIST;
		if (cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST)
			snprintf(f->attrs, sizeof(f->attrs),
			    "ordered start=%d delim=%c tight=%d",
			    cmark_node_get_list_start(cn),
			    cmark_node_get_list_delim(cn) == CMARK_PAREN_DELIM ?
			    ')' : '.', cmark_node_get_list_tight(cn));
		else
			snprintf(f->attrs, sizeof(f->attrs), "bullet tight=%d",
			    cmark_node_get_list_tight(cn));
		return 0;
	case CMARK_NODE_ITEM:
		f->type = GALLEY_NODE_ITEM;
		if (ts != NULL && strcmp(ts, "tasklist") == 0)
			snprintf(f->attrs, sizeof(f->attrs), "task checked=%d",
			    cmark_gfm_extensions_get_tasklist_item_checked(cn) ?
			    1 : 0);
		return 0;
	case CMARK_NODE_CODE_BLOCK:
		f->type = GALLEY_NODE_CODE_BLOCK;
		f->literal = cmark_node_get_literal(cn);
		fenced = cmark_node_get_fenced(cn, &len, &off, &fch) ? 1 : 0;
		s = cmark_node_get_fence_info(cn);
		snprintf(f->attrs, sizeof(f->attrs), "fenced=%d info=%s",
		    fenced, s ? s : "");
		return 0;
	case CMARK_NODE_HTML_BLOCK:
		f->type = GALLEY_NODE_HTML_BLOCK;
		f->literal = cmark_node_get_literal(cn);
		return 0;
	case CMARK_NODE_PARAGRAPH:
		f->type = GALLEY_NODE_PARAGRAPH;
		return 0;
	case CMARK_NODE_HEADING:
		f->type = GALLEY_NODE_HEADING;
		snprintf(f->attrs, sizeof(f->attrs), "level=%d",
		    cmark_node_get_heading_level(cn));
		return 0;
	case CMARK_NODE_THEMATIC_BREAK:
		f->type = GALLEY_NODE_THEMATIC_BREAK;
		return 0;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		f->type = GALLEY_NODE_FOOTNOTE_DEF;
		return 0;
	case CMARK_NODE_TEXT:
		f->type = GALLEY_NODE_TEXT;
		f->literal = cmark_node_get_literal(cn);
		return 0;
	case CMARK_NODE_SOFTBREAK:
		f->type = GALLEY_NODE_SOFTBREAK;
		return 0;
	case CMARK_NODE_LINEBREAK:
		f->type = GALLEY_NODE_LINEBREAK;
		return 0;
	case CMARK_NODE_CODE:
		f->type = GALLEY_NODE_CODE;
		f->literal = cmark_node_get_literal(cn);
		return 0;
	case CMARK_NODE_HTML_INLINE:
		f->type = GALLEY_NODE_HTML_INLINE;
		f->literal = cmark_node_get_literal(cn);
		return 0;
	case CMARK_NODE_EMPH:
		f->type = GALLEY_NODE_EMPH;
		return 0;
	case CMARK_NODE_STRONG:
		f->type = GALLEY_NODE_STRONG;
		return 0;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		f->type = cmark_node_get_type(cn) == CMARK_NODE_LINK ?
		    GALLEY_NODE_LINK : GALLEY_NODE_IMAGE;
		s = cmark_node_get_title(cn);
		snprintf(f->attrs, sizeof(f->attrs), "url=%s title=%s",
		    cmark_node_get_url(cn) ? cmark_node_get_url(cn) : "",
		    s ? s : "");
		return 0;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		/* the literal is the note's number; the label is on the
		 * definition the reference points to */
		f->type = GALLEY_NODE_FOOTNOTE_REF;
		snprintf(f->attrs, sizeof(f->attrs), "label=%.*s index=%s",
		    cn->parent_footnote_def ?
		    (int)cn->parent_footnote_def->as.literal.len : 0,
		    cn->parent_footnote_def ?
		    (const char *)cn->parent_footnote_def->as.literal.data : "",
		    cmark_node_get_literal(cn) ? cmark_node_get_literal(cn) :
		    "");
		return 0;
	default:
		break;
	}
	if (ts == NULL)
		return -1;
	if (strcmp(ts, "table") == 0) {
		f->type = GALLEY_NODE_TABLE;
		return 0;
	}
	if (strcmp(ts, "table_header") == 0 || strcmp(ts, "table_row") == 0) {
		f->type = GALLEY_NODE_TABLE_ROW;
		snprintf(f->attrs, sizeof(f->attrs), "header=%d",
		    strcmp(ts, "table_header") == 0);
		return 0;
	}
	if (strcmp(ts, "table_cell") == 0) {
		f->type = GALLEY_NODE_TABLE_CELL;
		row = cmark_node_parent(cn);
		table = row ? cmark_node_parent(row) : NULL;
		for (c = cmark_node_previous(cn); c != NULL;
		    c = cmark_node_previous(c))
			col++;
		al = table ? cmark_gfm_extensions_get_table_alignments(table) :
		    NULL;
		snprintf(f->attrs, sizeof(f->attrs), "align=%c",
		    al && col < (int)cmark_gfm_extensions_get_table_columns(table)
		    && al[col] ? al[col] : '-');
		if (f->attrs[6] != 'l' && f->attrs[6] != 'c' &&
		    f->attrs[6] != 'r')
			f->attrs[6] = '-';
		return 0;
	}
	if (strcmp(ts, "strikethrough") == 0) {
		f->type = GALLEY_NODE_STRIKE;
		return 0;
	}
	return -1;
}

/* galley's node in the same terms as cmark_flat(). */
static void
galley_flat(struct flat *f, const struct galley_node *n, unsigned shift)
{
	const char	*a;

	f->type = n->type;
	f->line = n->pos.line > shift ? n->pos.line - shift : 0;
	f->col = n->pos.col;
	switch (n->type) {
	case GALLEY_NODE_TEXT:
	case GALLEY_NODE_CODE:
	case GALLEY_NODE_CODE_BLOCK:
	case GALLEY_NODE_HTML_BLOCK:
	case GALLEY_NODE_HTML_INLINE:
		f->literal = n->literal;
		break;
	default:
		break;
	}
	switch (n->type) {
	case GALLEY_NODE_LIST:
		if (n->u.list.ordered)
			snprintf(f->attrs, sizeof(f->attrs),
			    "ordered start=%d delim=%c tight=%d",
			    n->u.list.start, n->u.list.delim, n->u.list.tight);
		else
			snprintf(f->attrs, sizeof(f->attrs), "bullet tight=%d",
			    n->u.list.tight);
		break;
	case GALLEY_NODE_ITEM:
		if (n->u.item.task)
			snprintf(f->attrs, sizeof(f->attrs), "task checked=%d",
			    n->u.item.checked ? 1 : 0);
		break;
	case GALLEY_NODE_CODE_BLOCK:
		snprintf(f->attrs, sizeof(f->attrs), "fenced=%d info=%s",
		    n->u.code_block.fenced, n->u.code_block.info ?
		    n->u.code_block.info : "");
		break;
	case GALLEY_NODE_HEADING:
		snprintf(f->attrs, sizeof(f->attrs), "level=%d",
		    n->u.heading.level);
		break;
	case GALLEY_NODE_LINK:
	case GALLEY_NODE_IMAGE:
		snprintf(f->attrs, sizeof(f->attrs), "url=%s title=%s",
		    n->u.link.url ? n->u.link.url : "",
		    n->u.link.title ? n->u.link.title : "");
		break;
	case GALLEY_NODE_FOOTNOTE_REF:
		snprintf(f->attrs, sizeof(f->attrs), "label=%s index=%d",
		    n->u.note.label ? n->u.note.label : "", n->u.note.index);
		break;
	case GALLEY_NODE_TABLE_ROW:
		snprintf(f->attrs, sizeof(f->attrs), "header=%d",
		    n->u.row.header);
		break;
	case GALLEY_NODE_TABLE_CELL:
		a = align_char(n->u.cell.align);
		snprintf(f->attrs, sizeof(f->attrs), "align=%s",
		    *a ? a : "-");
		break;
	default:
		break;
	}
}

/* Flatten cmark-gfm's tree; -1 (with why) on a kind galley lacks. */
static int
flatten_cmark(struct flats *out, cmark_node *root, char *why, size_t sz)
{
	cmark_node	*cn = cmark_node_first_child(root);
	int		 depth = 0, rc = 0;

	while (cn != NULL) {
		struct flat *f = flat_add(out);

		f->depth = depth;
		if (cmark_flat(f, cn) == -1 && rc == 0) {
			snprintf(why, sz, "cmark-gfm node '%s' has no galley "
			    "kind", cmark_node_get_type_string(cn));
			rc = -1;
		}
		if (cmark_node_first_child(cn) != NULL) {
			cn = cmark_node_first_child(cn);
			depth++;
			continue;
		}
		while (cn != root && cmark_node_next(cn) == NULL) {
			cn = cmark_node_parent(cn);
			depth--;
		}
		cn = cn == root ? NULL : cmark_node_next(cn);
	}
	return rc;
}

static void
flatten_galley(struct flats *out, const struct galley_node *root,
    unsigned shift)
{
	const struct galley_node	*n = root->first;
	int				 depth = 0;

	while (n != NULL) {
		struct flat *f = flat_add(out);

		f->depth = depth;
		galley_flat(f, n, shift);
		if (n->first != NULL) {
			n = n->first;
			depth++;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			depth--;
		}
		n = n == root ? NULL : n->next;
	}
}

static int
same_flat(const struct flat *a, const struct flat *b)
{
	return a->depth == b->depth && a->type == b->type &&
	    strcmp(a->literal ? a->literal : "", b->literal ?
	    b->literal : "") == 0 && strcmp(a->attrs, b->attrs) == 0 &&
	    a->line == b->line && a->col == b->col;
}

static void
describe(char *why, size_t sz, const char *what, const struct flat *f)
{
	snprintf(why, sz, "%s %s at depth %d, %u:%u%s%s%s%s%s", what,
	    galley_node_type_name((enum galley_node_type)f->type), f->depth,
	    f->line, f->col, *f->attrs ? " " : "", f->attrs,
	    f->literal ? " \"" : "", f->literal ? f->literal : "",
	    f->literal ? "\"" : "");
}

/* 0 if the flattened trees agree, else -1 with the first difference. */
static int
compare(const struct flats *a, const struct flats *b, const char *when,
    char *why, size_t sz)
{
	char	 x[400], y[400];
	size_t	 i;

	for (i = 0; i < a->n && i < b->n; i++)
		if (!same_flat(&a->v[i], &b->v[i]))
			break;
	if (i == a->n && i == b->n)
		return 0;
	if (i < a->n)
		describe(x, sizeof(x), "cmark-gfm:", &a->v[i]);
	else
		snprintf(x, sizeof(x), "cmark-gfm: nothing");
	if (i < b->n)
		describe(y, sizeof(y), "galley:", &b->v[i]);
	else
		snprintf(y, sizeof(y), "galley: nothing");
	snprintf(why, sz, "%snode %zu differs: %s; %s", when, i, x, y);
	return -1;
}

static char *
write_json(const struct galley_doc *doc, struct galley_diag *dg)
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

static int
blank(const char *s)
{
	return s[strspn(s, " \t\n")] == '\0';
}

/* Whether text opens with a line galley takes for front matter. */
static int
fm_like(const char *s)
{
	if (strncmp(s, "---", 3) != 0)
		return 0;
	for (s += 3; *s == ' ' || *s == '\t'; s++)
		continue;
	return *s == '\n';
}

struct counts {
	int	 examples, failed, wrapped, empty;
};

/*
 * One example: 0 if galley agrees with cmark-gfm and the JSON round
 * trip is exact, else -1 with why.
 */
static int
check_example(const char *md, const char *file, int number,
    struct counts *cnt, char *why, size_t sz)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc = NULL, *back = NULL;
	struct galley_opts	 opts;
	struct flats		 a = { 0 }, b = { 0 };
	cmark_parser		*parser;
	cmark_node		*root;
	char			*text, *one = NULL, *two = NULL, msg[512];
	const char		*dump;
	size_t			 i, len = strlen(md);
	unsigned		 shift = 0;
	int			 rc = -1;

	parser = cmark_parser_new(MD_CMARK_OPTIONS);
	for (i = 0; extensions[i] != NULL; i++)
		cmark_parser_attach_syntax_extension(parser,
		    cmark_find_syntax_extension(extensions[i]));
	cmark_parser_feed(parser, md, len);
	root = cmark_parser_finish(parser);
	cur_md = md;
	if (flatten_cmark(&a, root, why, sz) == -1)
		goto out;

	/* An empty front matter first, where galley would see one. */
	text = malloc(len + 9);
	if (text == NULL)
		abort();
	if (fm_like(md)) {
		memcpy(text, "---\n---\n", 8);
		memcpy(text + 8, md, len + 1);
		shift = 2;
		cnt->wrapped++;
	} else
		memcpy(text, md, len + 1);
	galley_opts_init(&opts);
	opts.format = "markdown";
	/* CommonMark's "[[foo]]: /url" is text; galley's wiki links,
	 * tested in t_filters.sh, would make a link of it */
	opts.no_wikilinks = 1;
	galley_read(&doc, "example.md", text, strlen(text), &opts, dg);
	free(text);
	if (doc == NULL && blank(md) && a.n == 0) {
		cnt->empty++;	/* galley refuses empty input; so be it */
		rc = 0;
		goto out;
	}
	if (doc == NULL) {
		snprintf(why, sz, "galley: %s", galley_diag_size(dg) ?
		    (galley_msg_format(galley_diag_get(dg, 0), msg,
		    sizeof(msg)), msg) : "no document");
		goto out;
	}
	flatten_galley(&b, galley_doc_root(doc), shift);
	if (compare(&a, &b, "", why, sz) == -1)
		goto out;

	if ((one = write_json(doc, dg)) == NULL) {
		snprintf(why, sz, "JSON writer failed");
		goto out;
	}
	galley_opts_init(&opts);
	galley_read(&back, "example.json", one, strlen(one), &opts, dg);
	if (back == NULL) {
		snprintf(why, sz, "JSON does not read back: %s",
		    galley_diag_size(dg) ? (galley_msg_format(galley_diag_get(
		    dg, 0), msg, sizeof(msg)), msg) : "?");
		goto out;
	}
	b.n = 0;
	flatten_galley(&b, galley_doc_root(back), shift);
	if (compare(&a, &b, "after JSON: ", why, sz) == -1)
		goto out;
	if ((two = write_json(back, dg)) == NULL || strcmp(one, two) != 0) {
		snprintf(why, sz, "JSON round trip not byte-identical");
		goto out;
	}
	if ((dump = getenv("GALLEY_SPEC_MD")) != NULL && *dump) {
		FILE	*fp;
		char	 path[1024];

		snprintf(path, sizeof(path), "%s/%s-%03d.md", dump, file,
		    number);
		if ((fp = fopen(path, "w")) != NULL) {
			fputs(md, fp);
			fclose(fp);
		}
	}
	if ((dump = getenv("GALLEY_SPEC_JSON")) != NULL && *dump) {
		FILE	*fp;
		char	 path[1024];

		snprintf(path, sizeof(path), "%s/%s-%03d.json", dump, file,
		    number);
		if ((fp = fopen(path, "w")) != NULL) {
			fputs(one, fp);
			fclose(fp);
		}
	}
	rc = 0;
out:
	free(one);
	free(two);
	free(a.v);
	free(b.v);
	galley_doc_free(doc);
	galley_doc_free(back);
	galley_diag_free(dg);
	cmark_node_free(root);
	cmark_parser_free(parser);
	return rc;
}

/* Every example of one spec file; one CHECK line for the file. */
static void
run_file(const char *dir, const char *file)
{
	struct galley_buf	 md;
	struct counts		 cnt = { 0, 0, 0, 0 };
	char			 path[1024], line[4096], why[1024], what[256];
	char			*p;
	FILE			*fp;
	int			 lineno = 0, start = 0, state = 0, shown = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((fp = fopen(path, "r")) == NULL) {
		printf("skip - %s: no %s (the spec files of cmark-gfm)\n",
		    file, path);
		return;
	}
	galley_buf_init(&md);
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		if (state == 0) {
			if (strncmp(line, FENCE " example", 40) == 0) {
				state = 1;
				start = lineno;
				md.len = 0;
				galley_buf_puts(&md, "");
			}
			continue;
		}
		if (state == 1 && strcmp(line, ".\n") == 0) {
			state = 2;
			continue;
		}
		if (state == 2 && strncmp(line, FENCE, 32) == 0) {
			state = 0;
			cnt.examples++;
			/* the spec writes a tab as an arrow */
			while ((p = strstr(md.data ? md.data : "",
			    "\xe2\x86\x92")) != NULL) {
				*p = '\t';
				memmove(p + 1, p + 3, strlen(p + 3) + 1);
				md.len -= 2;
			}
			if (check_example(md.data ? md.data : "", file,
			    cnt.examples, &cnt, why, sizeof(why)) == -1) {
				cnt.failed++;
				if (shown++ < DETAILS_MAX)
					printf("#   %s example %d (line %d): "
					    "%s\n", file, cnt.examples, start,
					    why);
			}
			continue;
		}
		if (state == 1)
			galley_buf_puts(&md, line);
	}
	fclose(fp);
	galley_buf_release(&md);
	snprintf(what, sizeof(what), "%s: %d of %d examples: model holds "
	    "every cmark-gfm node, JSON round-trips (%d after an empty "
	    "front matter, %d empty)", file, cnt.examples - cnt.failed,
	    cnt.examples, cnt.wrapped, cnt.empty);
	CHECK(cnt.failed == 0 && cnt.examples > 0, what);
}

int
main(void)
{
	const char	*dir = getenv("GALLEY_SPEC_DIR");

	if (dir == NULL || *dir == '\0')
		dir = "../shared/spec";
	md_init();
	run_file(dir, "spec.txt");
	run_file(dir, "extensions.txt");
	run_file(dir, "regression.txt");
	return TAP_DONE();
}
