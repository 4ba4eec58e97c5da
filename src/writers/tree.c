/*
 * Tree writer: the model as text for people, a node per line with its
 * line:col, attributes as key=value and literals quoted; metadata
 * first.  For debugging readers and filters, and as golden output.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "galley/galley.h"

#define FLUSH_AT	65536
#define INDENT_MAX	64

struct tw {
	struct galley_buf	 buf;
	struct galley_sink	*sink;
	int			 failed;
};

static void
flush(struct tw *w)
{
	if (w->buf.len > 0 && !w->failed &&
	    galley_sink_put(w->sink, w->buf.data, w->buf.len) == -1)
		w->failed = 1;
	w->buf.len = 0;
}

/* A double-quoted string, C escapes for quote, backslash, controls. */
static void
put_quoted(struct tw *w, const char *s)
{
	const unsigned char	*p = (const unsigned char *)(s ? s : "");

	galley_buf_putc(&w->buf, '"');
	for (; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			galley_buf_puts(&w->buf, "\\\"");
			break;
		case '\\':
			galley_buf_puts(&w->buf, "\\\\");
			break;
		case '\n':
			galley_buf_puts(&w->buf, "\\n");
			break;
		case '\t':
			galley_buf_puts(&w->buf, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				galley_buf_printf(&w->buf, "\\x%02x", *p);
			else
				galley_buf_putc(&w->buf, *p);
		}
	}
	galley_buf_putc(&w->buf, '"');
}

static void
put_str(struct tw *w, const char *key, const char *value)
{
	if (value == NULL)
		return;
	galley_buf_printf(&w->buf, " %s=", key);
	put_quoted(w, value);
}

static void
put_attrs(struct tw *w, const struct galley_node *n)
{
	static const char *const aligns[] = { "", "left", "center", "right" };
	static const char *const kinds[] = {
		"external", "internal", "unresolved"
	};

	switch (n->type) {
	case GALLEY_NODE_DOCUMENT:
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_THEMATIC_BREAK:
	case GALLEY_NODE_TABLE:
	case GALLEY_NODE_SOFTBREAK:
	case GALLEY_NODE_LINEBREAK:
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_STRIKE:
	case GALLEY_NODE_MARK:
	case GALLEY_NODE__MAX:
		break;
	case GALLEY_NODE_SECTION:
		galley_buf_printf(&w->buf, " level=%d", n->u.section.level);
		break;
	case GALLEY_NODE_HEADING:
		galley_buf_printf(&w->buf, " level=%d", n->u.heading.level);
		break;
	case GALLEY_NODE_LIST:
		if (n->u.list.ordered)
			galley_buf_printf(&w->buf, " ordered start=%d "
			    "delim=%c", n->u.list.start,
			    n->u.list.delim ? n->u.list.delim : '?');
		else
			galley_buf_puts(&w->buf, " bullet");
		galley_buf_puts(&w->buf, n->u.list.tight ? " tight" : " loose");
		break;
	case GALLEY_NODE_QUOTE:
		if (n->u.quote.callout != NULL)
			put_str(w, "callout", n->u.quote.callout);
		if (n->u.quote.title != NULL)
			put_str(w, "title", n->u.quote.title);
		break;
	case GALLEY_NODE_ITEM:
		if (n->u.item.task)
			galley_buf_puts(&w->buf, n->u.item.checked ?
			    " task=[x]" : " task=[ ]");
		break;
	case GALLEY_NODE_CODE_BLOCK:
		galley_buf_puts(&w->buf, n->u.code_block.fenced ?
		    " fenced" : " indented");
		if (n->u.code_block.info && *n->u.code_block.info)
			put_str(w, "info", n->u.code_block.info);
		break;
	case GALLEY_NODE_HTML_BLOCK:
	case GALLEY_NODE_TEXT:
	case GALLEY_NODE_CODE:
	case GALLEY_NODE_HTML_INLINE:
		break;
	case GALLEY_NODE_TABLE_ROW:
		if (n->u.row.header)
			galley_buf_puts(&w->buf, " header");
		break;
	case GALLEY_NODE_TABLE_CELL:
		if (n->u.cell.align > GALLEY_ALIGN_NONE &&
		    n->u.cell.align <= GALLEY_ALIGN_RIGHT)
			galley_buf_printf(&w->buf, " align=%s",
			    aligns[n->u.cell.align]);
		break;
	case GALLEY_NODE_LINK:
	case GALLEY_NODE_IMAGE:
		put_str(w, "url", n->u.link.url);
		if (n->u.link.title && *n->u.link.title)
			put_str(w, "title", n->u.link.title);
		if (n->u.link.kind != GALLEY_LINK_EXTERNAL &&
		    n->u.link.kind <= GALLEY_LINK_UNRESOLVED)
			galley_buf_printf(&w->buf, " %s",
			    kinds[n->u.link.kind]);
		put_str(w, "target", n->u.link.target);
		put_str(w, "fragment", n->u.link.fragment);
		break;
	case GALLEY_NODE_FOOTNOTE_DEF:
	case GALLEY_NODE_FOOTNOTE_REF:
		put_str(w, "label", n->u.note.label);
		galley_buf_printf(&w->buf, " index=%d", n->u.note.index);
		break;
	}
	put_str(w, "id", n->id);
	if (n->literal != NULL) {
		galley_buf_putc(&w->buf, ' ');
		put_quoted(w, n->literal);
	}
}

/* "  12:5  " then two spaces per level, then the node. */
static void
put_node(struct tw *w, const struct galley_node *n, int depth)
{
	char	 pos[32];
	int	 i;

	if (n->pos.line > 0)
		snprintf(pos, sizeof(pos), "%u:%u", n->pos.line, n->pos.col);
	else
		snprintf(pos, sizeof(pos), "-");
	galley_buf_printf(&w->buf, "%9s  ", pos);
	for (i = 0; i < depth && i < INDENT_MAX; i++)
		galley_buf_puts(&w->buf, "  ");
	galley_buf_puts(&w->buf, galley_node_type_name(n->type));
	put_attrs(w, n);
	galley_buf_putc(&w->buf, '\n');
	if (w->buf.len >= FLUSH_AT)
		flush(w);
}

static void
put_value(struct tw *w, const struct galley_value *v, int depth)
{
	const struct galley_value	*c;
	int				 i;

	for (i = 0; i < depth; i++)
		galley_buf_puts(&w->buf, "  ");
	if (v->key != NULL) {
		put_quoted(w, v->key);
		galley_buf_puts(&w->buf, ": ");
	} else if (depth > 1)
		galley_buf_puts(&w->buf, "- ");
	switch (v->kind) {
	case GALLEY_VALUE_NULL:
		galley_buf_puts(&w->buf, "null\n");
		return;
	case GALLEY_VALUE_STRING:
		put_quoted(w, v->str);
		galley_buf_puts(&w->buf, v->plain ? " plain\n" : "\n");
		return;
	case GALLEY_VALUE_LIST:
		galley_buf_puts(&w->buf, "list\n");
		break;
	case GALLEY_VALUE_MAP:
		galley_buf_puts(&w->buf, "map\n");
		break;
	}
	for (c = v->first; c != NULL; c = c->next)
		put_value(w, c, depth + 1);
}

static void
put_list(struct tw *w, const char *key, const struct galley_strlist *l)
{
	size_t	 i;

	if (l->n == 0)
		return;
	galley_buf_printf(&w->buf, "  %s:", key);
	for (i = 0; i < l->n; i++) {
		galley_buf_putc(&w->buf, ' ');
		put_quoted(w, l->v[i]);
	}
	galley_buf_putc(&w->buf, '\n');
}

static void
put_meta_str(struct tw *w, const char *key, const char *value)
{
	if (value == NULL)
		return;
	galley_buf_printf(&w->buf, "  %s: ", key);
	put_quoted(w, value);
	galley_buf_putc(&w->buf, '\n');
}

static void
put_meta(struct tw *w, const struct galley_meta *m)
{
	const struct galley_value	*c;

	galley_buf_puts(&w->buf, "meta\n");
	put_meta_str(w, "title", m->title);
	put_meta_str(w, "description", m->description);
	put_list(w, "keywords", &m->keywords);
	put_list(w, "authors", &m->authors);
	put_meta_str(w, "language", m->language);
	if (m->language_confidence >= 0)
		galley_buf_printf(&w->buf, "  language_confidence: %.3f\n",
		    m->language_confidence);
	put_meta_str(w, "date", m->date);
	put_meta_str(w, "date_text", m->date_text);
	put_meta_str(w, "source", m->source);
	put_meta_str(w, "id", m->id);
	put_meta_str(w, "uuid", m->uuid);
	put_meta_str(w, "slug", m->slug);
	put_meta_str(w, "format", m->format);
	if (m->extra != NULL && m->extra->first != NULL) {
		galley_buf_puts(&w->buf, "  extra:\n");
		for (c = m->extra->first; c != NULL; c = c->next)
			put_value(w, c, 2);
	}
}

static int
tree_write(const struct galley_doc *doc, struct galley_sink *sink,
    const struct galley_opts *opts, struct galley_diag *dg)
{
	const struct galley_node	*root = galley_doc_root(doc), *n;
	struct tw			 w;
	int				 depth = 0;

	memset(&w, 0, sizeof(w));
	galley_buf_init(&w.buf);
	w.sink = sink;
	put_meta(&w, galley_doc_meta(doc));
	/* Iterative pre-order walk: deep trees cannot overflow the stack. */
	for (n = root; n != NULL;) {
		put_node(&w, n, depth);
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
	flush(&w);
	galley_buf_release(&w.buf);
	if (w.failed || sink->failed) {
		galley_diag_add(dg, GALLEY_ERROR, galley_doc_meta(doc)->source,
		    0, 0, "cannot write tree: %s", strerror(errno));
		return -1;
	}
	return 0;
}

const struct galley_writer galley_tree_writer = {
	"tree", ".tree", tree_write
};
