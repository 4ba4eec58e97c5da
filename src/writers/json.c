/*
 * JSON writer: the model as galley JSON, {"galley": N, "meta", "body"}.
 * Deterministic and byte-stable: a fixed key order, no floats but the
 * language confidence (shortest form that reads back the same), and a
 * layout of one node per line.  The JSON reader (readers/json.c) reads
 * exactly this back; include/galley/galley.schema.json describes it.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "model/bytes.h"
#include "writers/json.h"

#define FLUSH_AT	65536	/* bytes buffered before a sink write */
#define INDENT_MAX	64	/* deeper nodes are not indented further */

struct jw {
	struct galley_buf	 buf;
	struct galley_sink	*sink;
	int			 failed;
	int			 members;	/* meta members so far */
};

static void
flush(struct jw *w)
{
	if (w->buf.len > 0 && !w->failed &&
	    galley_sink_put(w->sink, w->buf.data, w->buf.len) == -1)
		w->failed = 1;
	w->buf.len = 0;
}

static void
put(struct jw *w, const char *s)
{
	galley_buf_puts(&w->buf, s);
	if (w->buf.len >= FLUSH_AT)
		flush(w);
}

static void
indent(struct jw *w, int depth)
{
	static const char spaces[2 * INDENT_MAX + 1] =
	    "                                                                "
	    "                                                                ";

	if (depth > INDENT_MAX)
		depth = INDENT_MAX;
	galley_buf_put(&w->buf, spaces, 2 * (size_t)depth);
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t
utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (s[0] == 0xe0 && s[1] < 0xa0)
			return 0;	/* overlong */
		if (s[0] == 0xed && s[1] >= 0xa0)
			return 0;	/* surrogate */
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (s[0] == 0xf0 && s[1] < 0x90)
			return 0;	/* overlong */
		if (s[0] == 0xf4 && s[1] >= 0x90)
			return 0;	/* above U+10FFFF */
		return 4;
	}
	return 0;
}

/*
 * A JSON string, quotes included.  Invalid UTF-8 (which no reader should
 * let in) becomes U+FFFD, so the output is always valid JSON that reads
 * back the same.  Shared with the run report of the command line.
 */
void
json_escape(struct galley_buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)(s ? s : "");
	const unsigned char	*run;
	size_t			 n;
	char			 esc[8];

	const unsigned char	*end = p + strlen((const char *)p);

	galley_buf_putc(b, '"');
	while (*p != '\0') {
		/* a run of what needs no escape: ASCII, eight bytes at a
		 * time while none is a control, '"', '\\' or above 0x7f,
		 * then whole UTF-8 */
		for (run = p;; ) {
			uint64_t	 w;

			while (end - p >= 8) {
				w = bytes_load(p);
				if (bytes_below(w, 0x20) | bytes_high(w) |
				    bytes_eq(w, '"') | bytes_eq(w, '\\'))
					break;
				p += 8;
			}
			if (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
				p++;
			else if (*p >= 0x80 && (n = utf8_len(p)) > 0)
				p += n;
			else
				break;
		}
		galley_buf_put(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		switch (*p) {
		case '"':
			galley_buf_puts(b, "\\\"");
			break;
		case '\\':
			galley_buf_puts(b, "\\\\");
			break;
		case '\n':
			galley_buf_puts(b, "\\n");
			break;
		case '\t':
			galley_buf_puts(b, "\\t");
			break;
		case '\r':
			galley_buf_puts(b, "\\r");
			break;
		case '\b':
			galley_buf_puts(b, "\\b");
			break;
		case '\f':
			galley_buf_puts(b, "\\f");
			break;
		default:
			if (*p < 0x20) {
				snprintf(esc, sizeof(esc), "\\u%04x", *p);
				galley_buf_puts(b, esc);
				break;
			}
			if ((n = utf8_len(p)) == 0) {
				galley_buf_puts(b, "\xef\xbf\xbd");
				p++;
				continue;
			}
			galley_buf_put(b, p, n);
			p += n;
			continue;
		}
		p++;
	}
	galley_buf_putc(b, '"');
}

static void
put_string(struct jw *w, const char *s)
{
	json_escape(&w->buf, s);
	if (w->buf.len >= FLUSH_AT)
		flush(w);
}

/* A string constant, without counting it at run time. */
#define PUT_LIT(b, s)	galley_buf_put((b), (s), sizeof(s) - 1)

/* ", "key": " for one of this writer's own keys (ASCII names, which
 * need no escapes) */
static void
put_key(struct jw *w, const char *key)
{
	PUT_LIT(&w->buf, ", \"");
	galley_buf_puts(&w->buf, key);
	PUT_LIT(&w->buf, "\": ");
}

static void
put_str_attr(struct jw *w, const char *key, const char *value)
{
	put_key(w, key);
	put_string(w, value);
}

/* A decimal number, without printf: it is on every node's path. */
static void
put_long(struct galley_buf *b, long value)
{
	char		 tmp[24], *p = tmp + sizeof(tmp);
	unsigned long	 v = value < 0 ? 0UL - (unsigned long)value :
			    (unsigned long)value;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (value < 0)
		*--p = '-';
	galley_buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void
put_int_attr(struct jw *w, const char *key, long value)
{
	put_key(w, key);
	put_long(&w->buf, value);
}

static void
put_bool_attr(struct jw *w, const char *key, int value)
{
	put_key(w, key);
	galley_buf_puts(&w->buf, value ? "true" : "false");
}

/*
 * The shortest decimal that reads back as the same double, with a
 * fraction or exponent so that it stays a JSON real.
 */
static void
put_real(struct jw *w, double d)
{
	char	 s[40];
	int	 prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	galley_buf_puts(&w->buf, s);
	if (strpbrk(s, ".e") == NULL)
		galley_buf_puts(&w->buf, ".0");
}

static const char *
align_name(enum galley_align a)
{
	switch (a) {
	case GALLEY_ALIGN_NONE:
		return NULL;
	case GALLEY_ALIGN_LEFT:
		return "left";
	case GALLEY_ALIGN_CENTER:
		return "center";
	case GALLEY_ALIGN_RIGHT:
		return "right";
	}
	return NULL;
}

static const char *
link_kind_name(enum galley_link_kind k)
{
	switch (k) {
	case GALLEY_LINK_EXTERNAL:
		return NULL;	/* the default: not written */
	case GALLEY_LINK_INTERNAL:
		return "internal";
	case GALLEY_LINK_UNRESOLVED:
		return "unresolved";
	}
	return NULL;
}

/*
 * The attributes of one node after its "type", in a fixed order.
 * Values equal to the default of galley_node_new() are left out (a
 * bullet list's start 1, zero numbers, false flags, empty strings),
 * but "ordered", "tight" and "fenced", which say what kind of thing
 * the node is.
 */
static void
put_attrs(struct jw *w, const struct galley_node *n)
{
	const char	*s;

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
		break;
	case GALLEY_NODE_QUOTE:
		if (n->u.quote.callout != NULL)
			put_str_attr(w, "callout", n->u.quote.callout);
		if (n->u.quote.title != NULL)
			put_str_attr(w, "title", n->u.quote.title);
		break;
	case GALLEY_NODE_SECTION:
		put_int_attr(w, "level", n->u.section.level);
		break;
	case GALLEY_NODE_HEADING:
		put_int_attr(w, "level", n->u.heading.level);
		break;
	case GALLEY_NODE_LIST:
		put_bool_attr(w, "ordered", n->u.list.ordered);
		if (n->u.list.ordered || n->u.list.start != 1)
			put_int_attr(w, "start", n->u.list.start);
		put_bool_attr(w, "tight", n->u.list.tight);
		if (n->u.list.numbering != '\0') {
			char l[2] = { n->u.list.numbering, '\0' };

			put_str_attr(w, "numbering", l);
		}
		if (n->u.list.delim != '\0') {
			char d[2] = { n->u.list.delim, '\0' };
			put_str_attr(w, "delim", d);
		}
		break;
	case GALLEY_NODE_ITEM:
		if (n->u.item.task)
			put_bool_attr(w, "task", 1);
		if (n->u.item.task || n->u.item.checked)
			put_bool_attr(w, "checked", n->u.item.checked);
		break;
	case GALLEY_NODE_CODE_BLOCK:
		if (n->u.code_block.info && *n->u.code_block.info)
			put_str_attr(w, "info", n->u.code_block.info);
		put_bool_attr(w, "fenced", n->u.code_block.fenced);
		put_str_attr(w, "text", n->literal);
		break;
	case GALLEY_NODE_HTML_BLOCK:
	case GALLEY_NODE_TEXT:
	case GALLEY_NODE_CODE:
	case GALLEY_NODE_HTML_INLINE:
		put_str_attr(w, "text", n->literal);
		break;
	case GALLEY_NODE_TABLE_ROW:
		if (n->u.row.header)
			put_bool_attr(w, "header", 1);
		break;
	case GALLEY_NODE_TABLE_CELL:
		if ((s = align_name(n->u.cell.align)) != NULL)
			put_str_attr(w, "align", s);
		break;
	case GALLEY_NODE_LINK:
	case GALLEY_NODE_IMAGE:
		put_str_attr(w, "url", n->u.link.url);
		if (n->u.link.title && *n->u.link.title)
			put_str_attr(w, "title", n->u.link.title);
		if ((s = link_kind_name(n->u.link.kind)) != NULL)
			put_str_attr(w, "link", s);
		if (n->u.link.target)
			put_str_attr(w, "target", n->u.link.target);
		if (n->u.link.fragment)
			put_str_attr(w, "fragment", n->u.link.fragment);
		if (n->u.link.target_lang)
			put_str_attr(w, "target_lang", n->u.link.target_lang);
		break;
	case GALLEY_NODE_FOOTNOTE_DEF:
	case GALLEY_NODE_FOOTNOTE_REF:
		put_str_attr(w, "label", n->u.note.label);
		if (n->u.note.index != 0)
			put_int_attr(w, "index", n->u.note.index);
		break;
	case GALLEY_NODE__MAX:
		break;
	}
	if (n->id)
		put_str_attr(w, "id", n->id);
	if (n->pos.line > 0 || n->pos.col > 0) {
		PUT_LIT(&w->buf, ", \"pos\": [");
		put_long(&w->buf, (long)n->pos.line);
		PUT_LIT(&w->buf, ", ");
		put_long(&w->buf, (long)n->pos.col);
		galley_buf_putc(&w->buf, ']');
	}
}

/* Open a node: its type and attributes, without the closing brace. */
static void
open_node(struct jw *w, const struct galley_node *n, int depth)
{
	indent(w, depth);
	PUT_LIT(&w->buf, "{\"type\": \"");
	galley_buf_puts(&w->buf, galley_node_type_name(n->type));
	galley_buf_putc(&w->buf, '"');
	put_attrs(w, n);
}

/*
 * The body: the root's children, a node per line, children indented
 * below their parent.  Iterative, so deep trees cannot overflow the
 * stack.
 */
static void
put_body(struct jw *w, const struct galley_node *root)
{
	const struct galley_node	*n = root->first;
	int				 depth = 2;

	if (n == NULL) {
		put(w, "  \"body\": []\n");
		return;
	}
	put(w, "  \"body\": [\n");
	while (n != NULL) {
		open_node(w, n, depth);
		if (n->first != NULL) {
			put(w, ", \"children\": [\n");
			n = n->first;
			depth++;
			continue;
		}
		put(w, "}");
		for (;;) {
			if (n->next != NULL) {
				put(w, ",\n");
				n = n->next;
				break;
			}
			n = n->parent;
			depth--;
			put(w, "\n");
			if (n == root) {
				n = NULL;
				break;
			}
			indent(w, depth);
			put(w, "]}");
		}
	}
	put(w, "  ]\n");
}

/* The key of the next meta member, after a comma if one came before. */
static void
put_member(struct jw *w, const char *key)
{
	put(w, w->members++ > 0 ? ",\n    " : "\n    ");
	put_string(w, key);
	put(w, ": ");
}

static void
put_strlist(struct jw *w, const char *key, const struct galley_strlist *l)
{
	size_t	 i;

	if (l->n == 0)
		return;
	put_member(w, key);
	put(w, "[");
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			put(w, ", ");
		put_string(w, l->v[i]);
	}
	put(w, "]");
}

static void
put_meta_str(struct jw *w, const char *key, const char *value)
{
	if (value == NULL)
		return;
	put_member(w, key);
	put_string(w, value);
}

/*
 * A generic value, members one per line.  Metadata nests only as deep
 * as its YAML or JSON reader allowed, so recursion is bounded.
 */
static void
put_value(struct jw *w, const struct galley_value *v, int depth)
{
	const struct galley_value	*c;
	int				 map;

	switch (v->kind) {
	case GALLEY_VALUE_NULL:
		put(w, "null");
		return;
	case GALLEY_VALUE_STRING:
		put_string(w, v->str);
		return;
	case GALLEY_VALUE_LIST:
	case GALLEY_VALUE_MAP:
		break;
	}
	map = v->kind == GALLEY_VALUE_MAP;
	if (v->first == NULL) {
		put(w, map ? "{}" : "[]");
		return;
	}
	put(w, map ? "{\n" : "[\n");
	for (c = v->first; c != NULL; c = c->next) {
		indent(w, depth + 1);
		if (map) {
			put_string(w, c->key);
			put(w, ": ");
		}
		put_value(w, c, depth + 1);
		put(w, c->next ? ",\n" : "\n");
	}
	indent(w, depth);
	put(w, map ? "}" : "]");
}

/* Append a JSON Pointer token (RFC 6901) for key. */
static void
pointer_add(struct galley_buf *p, const char *key)
{
	galley_buf_putc(p, '/');
	for (; *key != '\0'; key++) {
		if (*key == '~')
			galley_buf_puts(p, "~0");
		else if (*key == '/')
			galley_buf_puts(p, "~1");
		else
			galley_buf_putc(p, *key);
	}
}

/*
 * "extra_plain": the JSON Pointers (into "extra") of every string that
 * was an unquoted YAML scalar, in document order, so that the flag
 * survives a round trip while "extra" itself stays plain JSON.
 */
static void
put_plain(struct jw *w, const struct galley_value *v, struct galley_buf *path,
    int *count)
{
	const struct galley_value	*c;
	size_t				 len = path->len, i;
	char				 num[24];

	if (v->kind == GALLEY_VALUE_STRING && v->plain) {
		if (*count == 0) {
			put_member(w, "extra_plain");
			put(w, "[");
		} else
			put(w, ", ");
		put_string(w, path->len ? path->data : "");
		(*count)++;
		return;
	}
	if (v->kind != GALLEY_VALUE_LIST && v->kind != GALLEY_VALUE_MAP)
		return;
	for (c = v->first, i = 0; c != NULL; c = c->next, i++) {
		if (v->kind == GALLEY_VALUE_MAP)
			pointer_add(path, c->key ? c->key : "");
		else {
			snprintf(num, sizeof(num), "%zu", i);
			pointer_add(path, num);
		}
		put_plain(w, c, path, count);
		path->len = len;
		if (path->data)
			path->data[len] = '\0';
	}
}

/* Every metadata key that is set, in the order of struct galley_meta. */
static void
put_meta(struct jw *w, const struct galley_meta *m)
{
	struct galley_buf	 path;
	int			 count = 0;

	put(w, "  \"meta\": {");
	put_meta_str(w, "title", m->title);
	put_meta_str(w, "description", m->description);
	put_strlist(w, "keywords", &m->keywords);
	put_strlist(w, "authors", &m->authors);
	put_meta_str(w, "language", m->language);
	if (m->language_confidence >= 0 && isfinite(m->language_confidence)) {
		put_member(w, "language_confidence");
		put_real(w, m->language_confidence);
	}
	put_meta_str(w, "date", m->date);
	put_meta_str(w, "date_text", m->date_text);
	put_meta_str(w, "source", m->source);
	put_meta_str(w, "id", m->id);
	put_meta_str(w, "uuid", m->uuid);
	put_meta_str(w, "slug", m->slug);
	put_meta_str(w, "format", m->format);
	if (m->extra != NULL && m->extra->kind == GALLEY_VALUE_MAP &&
	    m->extra->first != NULL) {
		put_member(w, "extra");
		put_value(w, m->extra, 2);
		galley_buf_init(&path);
		put_plain(w, m->extra, &path, &count);
		galley_buf_release(&path);
		if (count > 0)
			put(w, "]");
	}
	put(w, w->members > 0 ? "\n  },\n" : "},\n");
}

static int
json_write(const struct galley_doc *doc, struct galley_sink *sink,
    const struct galley_opts *opts, struct galley_diag *dg)
{
	struct jw	 w;

	memset(&w, 0, sizeof(w));
	galley_buf_init(&w.buf);
	w.sink = sink;
	galley_buf_printf(&w.buf, "{\n  \"galley\": %d,\n",
	    GALLEY_JSON_VERSION);
	put_meta(&w, galley_doc_meta(doc));
	put_body(&w, galley_doc_root(doc));
	put(&w, "}\n");
	flush(&w);
	galley_buf_release(&w.buf);
	if (w.failed || sink->failed) {
		galley_diag_add(dg, GALLEY_ERROR, galley_doc_meta(doc)->source,
		    0, 0, "cannot write JSON: %s", strerror(errno));
		return -1;
	}
	return 0;
}

const struct galley_writer galley_json_writer = {
	"json", ".json", json_write
};
