/*
 * Reader for Markdown with optional YAML front matter: the front
 * matter goes to the metadata, the body through cmark-gfm (CommonMark
 * + GFM tables, strikethrough, autolinks, tag filter, task lists,
 * footnotes) into the model.  The only file that includes cmark-gfm.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__has_feature)	/* clang: the fuzzers */
#if __has_feature(address_sanitizer)
#define GALLEY_ASAN	1
#endif
#endif
#ifdef __SANITIZE_ADDRESS__	/* gcc: make SANITIZE=1 */
#define GALLEY_ASAN	1
#endif
#ifdef GALLEY_ASAN
#include <sanitizer/lsan_interface.h>
#endif

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm/node.h>	/* footnote definition labels */

#include "galley/pipeline.h"
#include "model/model.h"
#include "readers/frontmatter.h"
#include "readers/markdown.h"
#include "readers/liquid.h"
#include "readers/shortcode.h"

static pthread_once_t	 registered = PTHREAD_ONCE_INIT;

/* cmark-gfm's allocator, but out of memory exits with galley's status
 * 70 (cmark-gfm's own aborts): the model's. */
static cmark_mem	 md_mem = { xcalloc, xrealloc, free };
static const char *const extensions[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist", NULL
};

/*
 * cmark-gfm 0.29 keeps the characters its inline extensions react to
 * ("~" for strikethrough, ":" and "w" for autolinks) in one table for
 * the process: each parser adds them when it parses inlines (in
 * cmark_parser_finish()) and takes them out again after, so a parser in
 * another thread at that moment would miss autolinks and strikethrough.
 *
 * Autolink's two characters are put into the table once, here, and the
 * extension is given an empty list, so that no parser adds or removes
 * them again (a parser without autolink, for a huge body, stops at ":"
 * and "w" and goes on: cmark-gfm joins the text again).  Strikethrough
 * needs its list (cmark-gfm finds the extension of a "~" delimiter by
 * it): only a body with a "~" is given the extension, and its inline
 * pass takes cmark_lock.  A parser without it never reads the table's
 * "~", so the others parse in parallel.  The old list is dropped, not
 * freed (it is not ours); LeakSanitizer does not track the registry.
 */
static pthread_mutex_t	 cmark_lock = PTHREAD_MUTEX_INITIALIZER;

static void
register_extensions(void)
{
	cmark_parser		*p;
	cmark_syntax_extension	*ext;

#ifdef GALLEY_ASAN
	__lsan_disable();
#endif
	cmark_gfm_core_extensions_ensure_registered();
#ifdef GALLEY_ASAN
	__lsan_enable();
#endif
	if ((ext = cmark_find_syntax_extension("autolink")) == NULL)
		return;
	p = cmark_parser_new_with_mem(MD_CMARK_OPTIONS, &md_mem);
	cmark_parser_attach_syntax_extension(p, ext);
	cmark_manage_extensions_special_characters(p, 1);
	cmark_syntax_extension_set_special_inline_chars(ext, NULL);
	cmark_parser_free(p);
}

struct md {
	struct galley_doc	*doc;
	const char		*name;
	unsigned		 line_offset;	/* body line 1 is file line */
	const char		*body;		/* for columns in characters */
	size_t			 body_len;
	size_t			*line_at;	/* offset of each body line */
	size_t			 nlines;
	int			 memo_line;	/* pos_of(): the last asked, */
	int			 memo_bcol;	/* its byte column, */
	unsigned		 memo_ccol;	/* its column in characters */
	struct galley_diag	*dg;
	int			 notes;		/* footnote definitions seen */
};

/* A scalar front-matter value, or NULL with an error. */
static const char *
scalar(struct md *md, const struct galley_value *v)
{
	if (v->kind == GALLEY_VALUE_STRING)
		return v->str;
	if (v->kind == GALLEY_VALUE_NULL)
		return NULL;
	galley_diag_add(md->dg, GALLEY_ERROR, md->name, v->pos.line,
	    v->pos.col, "front matter: '%s' must be a single value, not a %s",
	    v->key, v->kind == GALLEY_VALUE_LIST ? "list" : "map");
	return NULL;
}

/* "a, b;c" into trimmed keywords; empty ones dropped. */
static void
split_keywords(struct md *md, const char *s)
{
	struct galley_meta	*meta = galley_doc_meta(md->doc);
	const char		*end;
	size_t			 n, sep = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		end = galley_list_sep(s, &sep);
		n = end ? (size_t)(end - s) : strlen(s);
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n > 0)
			galley_strlist_add(md->doc, &meta->keywords,
			    galley_doc_strndup(md->doc, s, n));
		if (end == NULL)
			break;
		s = end + sep;
	}
}

/* keywords: "a, b, c" or a list of values. */
static int
take_keywords(struct md *md, const struct galley_value *v)
{
	struct galley_meta	*meta = galley_doc_meta(md->doc);
	const struct galley_value *item;

	if (v->kind == GALLEY_VALUE_LIST) {
		for (item = v->first; item != NULL; item = item->next) {
			if (item->kind == GALLEY_VALUE_NULL)
				continue;
			if (item->kind != GALLEY_VALUE_STRING) {
				galley_diag_add(md->dg, GALLEY_ERROR,
				    md->name, item->pos.line, item->pos.col,
				    "front matter: a keyword must be a "
				    "single value");
				return -1;
			}
			galley_strlist_add(md->doc, &meta->keywords,
			    item->str);
		}
		return 0;
	}
	if (v->kind == GALLEY_VALUE_STRING)
		split_keywords(md, v->str);
	else if (v->kind == GALLEY_VALUE_MAP) {
		galley_diag_add(md->dg, GALLEY_ERROR, md->name, v->pos.line,
		    v->pos.col, "front matter: 'keywords' must be a list or "
		    "a comma-separated value, not a map");
		return -1;
	}
	return 0;
}

/*
 * Take the keys the model has slots for; everything else stays in
 * meta.extra in the order written.  The meta filter normalises values
 * (keyword lists, dates, languages) later.
 */
static int
take_front_matter(struct md *md, struct galley_value *map)
{
	struct galley_meta	*meta = galley_doc_meta(md->doc);
	struct galley_value	*v, *next;
	const char		*s;

	if (map == NULL)
		return 0;
	if (map->kind != GALLEY_VALUE_MAP) {
		galley_diag_add(md->dg, GALLEY_ERROR, md->name, map->pos.line,
		    map->pos.col, "front matter must be a mapping of keys to "
		    "values, not a %s", map->kind == GALLEY_VALUE_LIST ?
		    "list" : "single value");
		return -1;
	}
	for (v = map->first; v != NULL; v = next) {
		next = v->next;
		if (strcmp(v->key, "title") == 0 ||
		    strcmp(v->key, "description") == 0 ||
		    strcmp(v->key, "date") == 0 ||
		    strcmp(v->key, "lang") == 0) {
			if ((s = scalar(md, v)) == NULL) {
				if (v->kind != GALLEY_VALUE_NULL)
					return -1;
				continue;
			}
			if (v->key[0] == 't')
				meta->title = s;
			else if (v->key[0] == 'd' && v->key[1] == 'e')
				meta->description = s;
			else if (v->key[0] == 'd') {
				meta->date = s;
				meta->date_text = s;
				meta->date_pos = v->pos;
			} else {
				meta->language = s;
				meta->language_pos = v->pos;
			}
		} else if (strcmp(v->key, "keywords") == 0) {
			if (take_keywords(md, v) == -1)
				return -1;
		} else
			galley_value_append(meta->extra, v);
	}
	return 0;
}

static struct galley_pos
pos_of(struct md *md, cmark_node *cn)
{
	struct galley_pos	 pos;
	int			 line = cmark_node_get_start_line(cn);
	int			 col = cmark_node_get_start_column(cn);

	pos.line = line > 0 ? (unsigned)line + md->line_offset - 1 : 0;
	pos.col = col > 0 ? (unsigned)col : 0;
	/* cmark-gfm counts bytes; people and editors count characters */
	if (line > 0 && col > 1 && (size_t)line <= md->nlines) {
		const unsigned char *p = (const unsigned char *)md->body +
		    md->line_at[line - 1];
		const unsigned char *end = (const unsigned char *)md->body +
		    md->body_len;
		int		     k = 1;

		pos.col = 1;
		/* on from the last column asked on this line: nodes come
		 * mostly in order, and long lines stay linear */
		if (line == md->memo_line && col >= md->memo_bcol &&
		    md->memo_bcol > 0) {
			k = md->memo_bcol;
			pos.col = md->memo_ccol;
			p += k - 1;
		}
		for (; k < col && p < end && *p != '\n'; k++, p++)
			if ((*p & 0xc0) != 0x80)
				pos.col++;
		md->memo_line = line;
		md->memo_bcol = k;
		md->memo_ccol = pos.col;
	}
	return pos;
}

static const char *
lit(struct md *md, cmark_node *cn)
{
	const char	*s = cmark_node_get_literal(cn);

	return galley_doc_strdup(md->doc, s ? s : "");
}

static enum galley_align
cell_align(cmark_node *cell)
{
	cmark_node	*row = cmark_node_parent(cell);
	cmark_node	*table = row ? cmark_node_parent(row) : NULL;
	uint8_t		*al;
	int		 col = 0, ncols;
	cmark_node	*c;

	if (table == NULL)
		return GALLEY_ALIGN_NONE;
	for (c = cmark_node_previous(cell); c != NULL;
	    c = cmark_node_previous(c))
		col++;
	ncols = cmark_gfm_extensions_get_table_columns(table);
	al = cmark_gfm_extensions_get_table_alignments(table);
	if (al == NULL || col >= ncols)
		return GALLEY_ALIGN_NONE;
	switch (al[col]) {
	case 'l': return GALLEY_ALIGN_LEFT;
	case 'c': return GALLEY_ALIGN_CENTER;
	case 'r': return GALLEY_ALIGN_RIGHT;
	default: return GALLEY_ALIGN_NONE;
	}
}

/*
 * GFM ignores the cells of a row past its header's number ("The
 * remainder ... the excess is ignored"): a | meant inside a cell,
 * unescaped, loses text so.  Count the row's cells in its source line
 * as GFM splits it (on each | that no backslash escapes, code spans
 * included) and say so.
 */
static void
check_row(struct md *md, cmark_node *row, struct galley_pos pos)
{
	cmark_node	*table = cmark_node_parent(row);
	int		 line = cmark_node_get_start_line(row), ncols, cells;
	int		 col = cmark_node_get_start_column(row);
	const char	*p, *end, *lend;
	size_t		 bs = 0;

	if (table == NULL || line <= 0 || (size_t)line > md->nlines)
		return;
	ncols = cmark_gfm_extensions_get_table_columns(table);
	p = md->body + md->line_at[line - 1];
	end = md->body + md->body_len;
	if ((lend = memchr(p, '\n', (size_t)(end - p))) == NULL)
		lend = end;
	if (col > 1 && col - 1 <= lend - p)	/* past "> ", "- "... */
		p += col - 1;
	while (p < lend && (*p == ' ' || *p == '\t'))
		p++;
	while (lend > p && (lend[-1] == ' ' || lend[-1] == '\t' ||
	    lend[-1] == '\r'))
		lend--;
	if (p < lend && *p == '|')
		p++;
	cells = 1;
	for (; p < lend; p++) {
		if (*p == '\\') {
			bs++;
			continue;
		}
		if (*p == '|' && bs % 2 == 0 && p + 1 < lend)
			cells++;	/* a | that ends the line ends no cell */
		bs = 0;
	}
	if (cells > ncols)
		galley_diag_add(md->dg, GALLEY_WARNING, md->name, pos.line,
		    pos.col, "this table row has %d cells and its header %d: "
		    "%s dropped, as GFM says (write \\| for a | inside a "
		    "cell, in code too)", cells, ncols, cells - ncols == 1 ?
		    "the last is" : "the last ones are");
}

/*
 * A paragraph that is display math, "$$ ... $$" as MathJax and GitHub
 * read it: a code block of info "math" holding the TeX as written (as
 * a paragraph, Markdown's backslash escapes would take "\\" apart),
 * or NULL.  Lines after the first lose the container's prefix ("> ",
 * an item's indentation).
 */
static struct galley_node *
display_math(struct md *md, cmark_node *cn, struct galley_pos pos)
{
	int		 l1 = cmark_node_get_start_line(cn);
	int		 c1 = cmark_node_get_start_column(cn);
	int		 l2 = cmark_node_get_end_line(cn);
	int		 c2 = cmark_node_get_end_column(cn);
	const char	*p, *e, *end = md->body + md->body_len;
	struct galley_buf b;
	struct galley_node *n;
	int		 l, k;
	size_t		 s, t;

	if (l1 <= 0 || l2 < l1 || (size_t)l2 > md->nlines || c1 <= 0)
		return NULL;
	p = md->body + md->line_at[l1 - 1] + c1 - 1;
	if (p + 2 > end || p[0] != '$' || p[1] != '$')
		return NULL;
	galley_buf_init(&b);
	for (l = l1; l <= l2; l++) {
		p = md->body + md->line_at[l - 1];
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		if (l == l2 && c2 > 0 && c2 <= e - p)
			e = p + c2;
		if (l == l1)
			p += c1 - 1;
		else
			for (k = 1; k < c1 && p < e && (*p == ' ' ||
			    *p == '\t' || *p == '>'); k++)
				p++;
		galley_buf_put(&b, p, (size_t)(e - p));
		if (l < l2)
			galley_buf_putc(&b, '\n');
	}
	/* "$$", the TeX, "$$"; no "$$" inside (two inline formulas) */
	for (s = 0; s < b.len && (b.data[s] == ' ' || b.data[s] == '\n'); s++)
		;
	for (t = b.len; t > s && (b.data[t - 1] == ' ' ||
	    b.data[t - 1] == '\n' || b.data[t - 1] == '\t'); t--)
		;
	n = NULL;
	if (t >= s + 5 && memcmp(b.data + s, "$$", 2) == 0 &&
	    memcmp(b.data + t - 2, "$$", 2) == 0) {
		size_t	 i = s + 2, j = t - 2;

		while (i < j && (b.data[i] == ' ' || b.data[i] == '\n'))
			i++;
		while (j > i && (b.data[j - 1] == ' ' || b.data[j - 1] == '\n'))
			j--;
		for (k = 0, l = (int)i; (size_t)l + 1 < j; l++)
			k |= b.data[l] == '$' && b.data[l + 1] == '$';
		if (j > i && !k) {
			n = galley_node_new(md->doc, GALLEY_NODE_CODE_BLOCK,
			    pos);
			n->literal = galley_doc_printf(md->doc, "%.*s\n",
			    (int)(j - i), b.data + i);
			n->u.code_block.info = "math";
			n->u.code_block.fenced = 1;
		}
	}
	galley_buf_release(&b);
	return n;
}

/* The model node for one cmark-gfm node; NULL for an unknown kind. */
static struct galley_node *
convert(struct md *md, cmark_node *cn)
{
	struct galley_node	*n;
	struct galley_pos	 pos = pos_of(md, cn);
	const char		*ts;
	int			 len, off;
	char			 fch;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_DOCUMENT:
		return NULL;
	case CMARK_NODE_BLOCK_QUOTE:
		return galley_node_new(md->doc, GALLEY_NODE_QUOTE, pos);
	case CMARK_NODE_LIST:
		n = galley_node_new(md->doc, GALLEY_NODE_LIST, pos);
		n->u.list.ordered =
		    cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
		n->u.list.start = n->u.list.ordered ?
		    cmark_node_get_list_start(cn) : 1;
		n->u.list.tight = cmark_node_get_list_tight(cn);
		if (n->u.list.ordered)
			n->u.list.delim = cmark_node_get_list_delim(cn) ==
			    CMARK_PAREN_DELIM ? ')' : '.';
		return n;
	case CMARK_NODE_ITEM:
		n = galley_node_new(md->doc, GALLEY_NODE_ITEM, pos);
		ts = cmark_node_get_type_string(cn);
		if (ts != NULL && strcmp(ts, "tasklist") == 0) {
			n->u.item.task = 1;
			n->u.item.checked =
			    cmark_gfm_extensions_get_tasklist_item_checked(cn);
		}
		return n;
	case CMARK_NODE_CODE_BLOCK:
		n = galley_node_new(md->doc, GALLEY_NODE_CODE_BLOCK, pos);
		n->literal = lit(md, cn);
		ts = cmark_node_get_fence_info(cn);
		n->u.code_block.info = galley_doc_strdup(md->doc,
		    ts ? ts : "");
		n->u.code_block.fenced =
		    cmark_node_get_fenced(cn, &len, &off, &fch) ? 1 : 0;
		return n;
	case CMARK_NODE_HTML_BLOCK:
		n = galley_node_new(md->doc, GALLEY_NODE_HTML_BLOCK, pos);
		n->literal = lit(md, cn);
		return n;
	case CMARK_NODE_PARAGRAPH:
		if ((n = display_math(md, cn, pos)) != NULL)
			return n;
		return galley_node_new(md->doc, GALLEY_NODE_PARAGRAPH, pos);
	case CMARK_NODE_HEADING:
		n = galley_node_new(md->doc, GALLEY_NODE_HEADING, pos);
		n->u.heading.level = cmark_node_get_heading_level(cn);
		return n;
	case CMARK_NODE_THEMATIC_BREAK:
		return galley_node_new(md->doc, GALLEY_NODE_THEMATIC_BREAK,
		    pos);
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		n = galley_node_new(md->doc, GALLEY_NODE_FOOTNOTE_DEF, pos);
		n->u.note.label = galley_doc_strndup(md->doc,
		    (const char *)cn->as.literal.data,
		    (size_t)cn->as.literal.len);
		n->u.note.index = ++md->notes;
		return n;
	case CMARK_NODE_TEXT:
		n = galley_node_new(md->doc, GALLEY_NODE_TEXT, pos);
		n->literal = lit(md, cn);
		return n;
	case CMARK_NODE_SOFTBREAK:
		return galley_node_new(md->doc, GALLEY_NODE_SOFTBREAK, pos);
	case CMARK_NODE_LINEBREAK:
		return galley_node_new(md->doc, GALLEY_NODE_LINEBREAK, pos);
	case CMARK_NODE_CODE:
		n = galley_node_new(md->doc, GALLEY_NODE_CODE, pos);
		n->literal = lit(md, cn);
		return n;
	case CMARK_NODE_HTML_INLINE:
		n = galley_node_new(md->doc, GALLEY_NODE_HTML_INLINE, pos);
		n->literal = lit(md, cn);
		return n;
	case CMARK_NODE_EMPH:
		return galley_node_new(md->doc, GALLEY_NODE_EMPH, pos);
	case CMARK_NODE_STRONG:
		return galley_node_new(md->doc, GALLEY_NODE_STRONG, pos);
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		n = galley_node_new(md->doc,
		    cmark_node_get_type(cn) == CMARK_NODE_LINK ?
		    GALLEY_NODE_LINK : GALLEY_NODE_IMAGE, pos);
		ts = cmark_node_get_url(cn);
		n->u.link.url = galley_doc_strdup(md->doc, ts ? ts : "");
		ts = cmark_node_get_title(cn);
		n->u.link.title = galley_doc_strdup(md->doc, ts ? ts : "");
		return n;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		/* cmark-gfm turns the literal into the note's number; the
		 * label as written is on the definition it points to. */
		n = galley_node_new(md->doc, GALLEY_NODE_FOOTNOTE_REF, pos);
		n->u.note.index = atoi(cmark_node_get_literal(cn) ?
		    cmark_node_get_literal(cn) : "0");
		if (cn->parent_footnote_def != NULL)
			n->u.note.label = galley_doc_strndup(md->doc,
			    (const char *)cn->parent_footnote_def->as.literal.data,
			    (size_t)cn->parent_footnote_def->as.literal.len);
		else
			n->u.note.label = lit(md, cn);
		return n;
	default:
		break;
	}
	ts = cmark_node_get_type_string(cn);
	if (ts == NULL)
		return NULL;
	if (strcmp(ts, "table") == 0)
		return galley_node_new(md->doc, GALLEY_NODE_TABLE, pos);
	if (strcmp(ts, "table_header") == 0 || strcmp(ts, "table_row") == 0) {
		n = galley_node_new(md->doc, GALLEY_NODE_TABLE_ROW, pos);
		n->u.row.header = strcmp(ts, "table_header") == 0;
		if (!n->u.row.header)
			check_row(md, cn, pos);
		return n;
	}
	if (strcmp(ts, "table_cell") == 0) {
		n = galley_node_new(md->doc, GALLEY_NODE_TABLE_CELL, pos);
		n->u.cell.align = cell_align(cn);
		return n;
	}
	if (strcmp(ts, "strikethrough") == 0)
		return galley_node_new(md->doc, GALLEY_NODE_STRIKE, pos);
	return NULL;
}

/* Walk the cmark-gfm tree without recursion, building the model. */
static int
build(struct md *md, cmark_node *croot, int max_depth)
{
	struct galley_node	*parent = galley_doc_root(md->doc), *n;
	cmark_node		*cn = cmark_node_first_child(croot);
	int			 depth = 0;

	while (cn != NULL) {
		if ((n = convert(md, cn)) == NULL) {
			struct galley_pos pos = pos_of(md, cn);

			galley_diag_add(md->dg, GALLEY_ERROR, md->name,
			    pos.line, pos.col, "unknown Markdown node '%s'",
			    cmark_node_get_type_string(cn));
			return -1;
		}
		if (galley_node_append(parent, n) == -1) {
			galley_diag_add(md->dg, GALLEY_ERROR, md->name,
			    n->pos.line, n->pos.col, "a %s cannot hold a %s",
			    galley_node_type_name(parent->type),
			    galley_node_type_name(n->type));
			return -1;
		}
		/* display math is a code block: its inlines are not read */
		if (cmark_node_first_child(cn) != NULL &&
		    n->type != GALLEY_NODE_CODE_BLOCK) {
			if (++depth > max_depth) {
				galley_diag_add(md->dg, GALLEY_ERROR,
				    md->name, n->pos.line, n->pos.col,
				    "nested deeper than %d levels "
				    "(--max-depth; a list counts two, "
				    "list and item)", max_depth);
				return -1;
			}
			parent = n;
			cn = cmark_node_first_child(cn);
			continue;
		}
		while (cmark_node_next(cn) == NULL) {
			cn = cmark_node_parent(cn);
			if (cn == croot || cn == NULL)
				return 0;
			parent = parent->parent;
			depth--;
		}
		cn = cmark_node_next(cn);
	}
	return 0;
}

void
md_init(void)
{
	pthread_once(&registered, register_extensions);
}

int
md_parse_body(struct galley_doc *doc, const char *name, const char *body,
    size_t len, unsigned first_line, int max_depth, struct galley_diag *dg)
{
	cmark_parser	*parser;
	cmark_node	*croot;
	struct md	 md;
	const char	*nl;
	char		*hugo = NULL;
	size_t		 i;
	int		 rc;

	/* cmark-gfm's extension registry is global and not locked:
	 * fill it once, before threads race there. */
	md_init();
	if ((hugo = md_shortcodes(body, len, name, first_line, dg)) != NULL)
		body = hugo;	/* as long: positions stay */

	parser = cmark_parser_new_with_mem(MD_CMARK_OPTIONS, &md_mem);
	for (i = 0; extensions[i] != NULL; i++) {
		/* cmark-gfm's autolink pass needs some 45 bytes of memory
		 * per byte of text: past a size, bare URLs stay text. */
		if (len > MD_AUTOLINK_MAX &&
		    strcmp(extensions[i], "autolink") == 0) {
			galley_diag_add(dg, GALLEY_WARNING, name, first_line,
			    1, "body over %d MiB: bare URLs are not made "
			    "into links", MD_AUTOLINK_MAX >> 20);
			continue;
		}
		if (strcmp(extensions[i], "strikethrough") == 0 &&
		    memchr(body, '~', len) == NULL)
			continue;
		cmark_parser_attach_syntax_extension(parser,
		    cmark_find_syntax_extension(extensions[i]));
	}
	cmark_parser_feed(parser, body, len);
	if (memchr(body, '~', len) != NULL) {
		pthread_mutex_lock(&cmark_lock);
		croot = cmark_parser_finish(parser);
		pthread_mutex_unlock(&cmark_lock);
	} else
		croot = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	memset(&md, 0, sizeof(md));
	md.doc = doc;
	md.name = name;
	md.line_offset = first_line;
	md.dg = dg;
	md.notes = 0;
	md.body = body;
	md.body_len = len;
	md.nlines = 1;
	for (nl = body; (nl = memchr(nl, '\n', (size_t)(body + len -
	    nl))) != NULL; nl++)
		md.nlines++;
	if ((md.line_at = malloc(md.nlines * sizeof(size_t))) == NULL) {
		galley_diag_add(dg, GALLEY_ERROR, name, 0, 0, "out of memory");
		rc = -1;
	} else {
		size_t	 k = 0;

		md.line_at[k++] = 0;
		for (nl = body; k < md.nlines && (nl = memchr(nl, '\n',
		    (size_t)(body + len - nl))) != NULL; nl++)
			md.line_at[k++] = (size_t)(nl - body) + 1;
		rc = croot ? build(&md, croot, max_depth) : -1;
	}
	free(md.line_at);
	free(hugo);
	if (croot != NULL)
		cmark_node_free(croot);
	return rc;
}

/*
 * YAML front matter, from the file's second line.  One that YAML cannot
 * read but that is flat, a "key: value" line a key ("description: Le
 * bail : définition", "title: [Updated] Back office"), is read a line a
 * key, with a warning where YAML stopped; any other is an error.
 */
static int
yaml_front(struct galley_value **fm, struct galley_doc *doc,
    const char *name, const char *yaml, size_t len, size_t max_nodes,
    struct galley_diag *dg)
{
	struct galley_diag	*yd = galley_diag_new();
	const struct galley_msg	*m;
	size_t			 i;
	int			 rc;

	rc = fm_parse_yaml(fm, doc, name, yaml, len, 2, max_nodes, yd);
	if (rc == -2 && fm_flat(yaml, len) && galley_diag_size(yd) > 0) {
		m = galley_diag_get(yd, 0);
		galley_diag_add(dg, GALLEY_WARNING, name, m->line, m->col,
		    "%s: not YAML; each line read as \"key: value\" text",
		    m->text);
		rc = fm_parse_mmd(fm, doc, name, yaml, len, 2, dg);
	} else {
		for (i = 0; i < galley_diag_size(yd); i++) {
			m = galley_diag_get(yd, i);
			galley_diag_add(dg, m->severity, m->file, m->line,
			    m->col, "%s", m->text);
		}
		if (rc == 0)
			fm_flat_warn(yaml, len, name, 2, dg);
	}
	galley_diag_free(yd);
	return rc < 0 ? -1 : 0;
}

static int
md_read(struct galley_doc *doc, const struct galley_src *src,
    const struct galley_opts *opts, struct galley_diag *dg)
{
	const char		*yaml, *body;
	size_t			 yaml_len;
	unsigned		 body_line;
	struct galley_value	*fm = NULL;
	struct md		 md;
	char			*jekyll;
	size_t			 blen;
	int			 found, toml = 0, mmd = 0, rc;	/* mmd: or JSON */

	found = fm_split(src->data, src->len, &yaml, &yaml_len, &toml,
	    &body, &body_line, src->name, dg);
	if (found == -1)
		return -1;
	/* Hugo's JSON object; MultiMarkdown's and Pelican's "Title: ..."
	 * lines */
	if (found == 0 && fm_json(&fm, doc, src->name, src->data, src->len,
	    &body, &body_line, dg) == -1)
		return -1;
	if (fm != NULL)
		mmd = 1;
	else if (found == 0 && fm_split_mmd(src->data, src->len, &yaml,
	    &yaml_len, &body, &body_line) == 1)
		mmd = fm_parse_mmd(&fm, doc, src->name, yaml, yaml_len, 1,
		    dg) == 0;
	else if (found == 1 && toml && fm_parse_toml(&fm, doc, src->name,
	    yaml, yaml_len, 2, opts->max_yaml_nodes, dg) == -1)
		return -1;
	else if (found == 1 && !toml && yaml_front(&fm, doc, src->name, yaml,
	    yaml_len, opts->max_yaml_nodes, dg) == -1)
		return -1;
	if (found == 1 || mmd) {
		memset(&md, 0, sizeof(md));
		md.doc = doc;
		md.name = src->name;
		md.dg = dg;
		if (take_front_matter(&md, fm) == -1)
			return -1;
	}
	if (opts->meta_only)
		return 0;
	blen = (size_t)(src->data + src->len - body);
	/* Jekyll's Liquid, as Hugo's shortcodes, read in a copy as long;
	 * Jekyll renders it only in files with YAML front matter */
	jekyll = NULL;
	if (found == 1 && !toml && (jekyll = md_liquid(body, blen,
	    src->name, body_line, opts->verbose, dg)) != NULL)
		body = jekyll;
	rc = md_parse_body(doc, src->name, body, blen, body_line,
	    opts->max_depth, dg);
	if (rc == 0)
		md_callouts(doc, body, blen, body_line);
	if (rc == 0 && !opts->no_wikilinks)
		md_wikilinks(doc, src->name, body, blen, body_line);
	if (rc == 0)
		md_marks(doc, body, blen, body_line);
	free(jekyll);
	if (rc == -1)
		return -1;
	md_attrs(doc, src->name, opts->verbose ? dg : NULL);
	return 0;
}

/* Front matter is certain; Markdown syntax is weighed by sniff.c. */
static int
md_sniff(const struct galley_src *src)
{
	return src->len >= 4 && memcmp(src->data, "---\n", 4) == 0 ? 90 : 30;
}

const struct galley_reader galley_markdown_reader = {
	"markdown", md_sniff, md_read
};
