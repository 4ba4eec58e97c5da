/*
 * A document as bytes and back, for a spool (the TEI corpus keeps its
 * texts so): every field of the model, nodes and metadata and extra
 * values, in the order a walk meets them; numbers as LEB128 varints,
 * strings as length + 1 (0 for none) and their bytes.  Read back only
 * by the same build of galley: this is no file format (galley JSON is
 * one).  Iterative both ways, so any depth packs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "galley/buf.h"
#include "galley/pipeline.h"
#include "model/model.h"

static void
put_u(struct galley_buf *b, uint64_t v)
{
	unsigned char	 c[10];
	size_t		 n = 0;

	do {
		c[n] = v & 0x7f;
		v >>= 7;
		if (v != 0)
			c[n] |= 0x80;
		n++;
	} while (v != 0);
	galley_buf_put(b, c, n);
}

static void
put_i(struct galley_buf *b, long long v)
{
	put_u(b, v < 0 ? ((uint64_t)-(v + 1) << 1) | 1 : (uint64_t)v << 1);
}

static void
put_s(struct galley_buf *b, const char *s)
{
	size_t	 n;

	if (s == NULL) {
		put_u(b, 0);
		return;
	}
	n = strlen(s);
	put_u(b, (uint64_t)n + 1);
	galley_buf_put(b, s, n);
}

static void
put_pos(struct galley_buf *b, struct galley_pos pos)
{
	put_u(b, pos.line);
	put_u(b, pos.col);
}

static void
put_list(struct galley_buf *b, const struct galley_strlist *l)
{
	size_t	 i;

	put_u(b, l->n);
	for (i = 0; i < l->n; i++)
		put_s(b, l->v[i]);
}

static size_t
node_children(const struct galley_node *n)
{
	size_t	 k = 0;

	for (n = n->first; n != NULL; n = n->next)
		k++;
	return k;
}

static void
put_node(struct galley_buf *b, const struct galley_node *n)
{
	put_u(b, (uint64_t)n->type);
	put_pos(b, n->pos);
	put_s(b, n->literal);
	put_s(b, n->id);
	switch (n->type) {
	case GALLEY_NODE_SECTION:
		put_i(b, n->u.section.level);
		break;
	case GALLEY_NODE_HEADING:
		put_i(b, n->u.heading.level);
		break;
	case GALLEY_NODE_LIST:
		put_i(b, n->u.list.ordered);
		put_i(b, n->u.list.start);
		put_i(b, n->u.list.tight);
		put_i(b, n->u.list.delim);
		put_i(b, n->u.list.numbering);
		break;
	case GALLEY_NODE_QUOTE:
		put_s(b, n->u.quote.callout);
		put_s(b, n->u.quote.title);
		break;
	case GALLEY_NODE_ITEM:
		put_i(b, n->u.item.task);
		put_i(b, n->u.item.checked);
		break;
	case GALLEY_NODE_CODE_BLOCK:
		put_s(b, n->u.code_block.info);
		put_i(b, n->u.code_block.fenced);
		break;
	case GALLEY_NODE_TABLE_ROW:
		put_i(b, n->u.row.header);
		break;
	case GALLEY_NODE_TABLE_CELL:
		put_i(b, n->u.cell.align);
		break;
	case GALLEY_NODE_LINK:
	case GALLEY_NODE_IMAGE:
		put_s(b, n->u.link.url);
		put_s(b, n->u.link.title);
		put_i(b, n->u.link.kind);
		put_s(b, n->u.link.target);
		put_s(b, n->u.link.fragment);
		put_s(b, n->u.link.target_lang);
		break;
	case GALLEY_NODE_FOOTNOTE_DEF:
	case GALLEY_NODE_FOOTNOTE_REF:
		put_s(b, n->u.note.label);
		put_i(b, n->u.note.index);
		break;
	default:
		break;
	}
	put_u(b, node_children(n));
}

/* The nodes under root, each before its children. */
static void
put_nodes(struct galley_buf *b, const struct galley_node *root)
{
	const struct galley_node *n;

	put_u(b, node_children(root));
	for (n = root->first; n != NULL; ) {
		put_node(b, n);
		if (n->first != NULL) {
			n = n->first;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
}

static void
put_value(struct galley_buf *b, const struct galley_value *v)
{
	const struct galley_value *c;
	size_t			 k = 0;

	put_u(b, (uint64_t)v->kind);
	put_s(b, v->key);
	put_s(b, v->str);
	put_i(b, v->plain);
	put_pos(b, v->pos);
	for (c = v->first; c != NULL; c = c->next)
		k++;
	put_u(b, k);
}

/* Values have no parent pointer: a stack of the ones to go back to. */
static void
put_values(struct galley_buf *b, const struct galley_value *root)
{
	const struct galley_value **stack = NULL, *v;
	size_t			 depth = 0, cap = 0;

	put_u(b, root != NULL);
	if (root == NULL)
		return;
	v = root;
	for (;;) {
		put_value(b, v);
		if (v->first != NULL) {
			if (depth == cap) {
				cap = cap ? cap * 2 : 16;
				stack = xrealloc(stack, cap * sizeof(*stack));
			}
			stack[depth++] = v;
			v = v->first;
			continue;
		}
		while (v->next == NULL && depth > 0)
			v = stack[--depth];
		if (depth == 0)
			break;
		v = v->next;
	}
	free(stack);
}

void
galley_doc_pack(const struct galley_doc *doc, struct galley_buf *b)
{
	const struct galley_meta *m = &doc->meta;

	put_s(b, doc->reader);
	put_s(b, m->title);
	put_s(b, m->description);
	put_list(b, &m->keywords);
	put_list(b, &m->authors);
	put_s(b, m->language);
	galley_buf_put(b, &m->language_confidence,
	    sizeof(m->language_confidence));
	put_s(b, m->date);
	put_s(b, m->date_text);
	put_s(b, m->source);
	put_s(b, m->id);
	put_s(b, m->uuid);
	put_s(b, m->slug);
	put_s(b, m->format);
	put_pos(b, m->date_pos);
	put_pos(b, m->language_pos);
	put_u(b, m->language_detected != 0);
	put_values(b, m->extra);
	put_pos(b, doc->root->pos);
	put_nodes(b, doc->root);
}

/* --- back --- */

struct in {
	const unsigned char	*p, *end;
	struct galley_doc	*doc;
	int			 bad;
};

static uint64_t
get_u(struct in *in)
{
	uint64_t	 v = 0;
	unsigned	 shift = 0;

	while (in->p < in->end && shift < 64) {
		v |= (uint64_t)(*in->p & 0x7f) << shift;
		if (!(*in->p++ & 0x80))
			return v;
		shift += 7;
	}
	in->bad = 1;
	return 0;
}

static int
get_i(struct in *in)
{
	uint64_t	 u = get_u(in);

	return (int)(u & 1 ? -(long long)(u >> 1) - 1 : (long long)(u >> 1));
}

static const char *
get_s(struct in *in)
{
	uint64_t	 n = get_u(in);
	const char	*s;

	if (n == 0 || in->bad)
		return NULL;
	if (n - 1 > (uint64_t)(in->end - in->p)) {
		in->bad = 1;
		return NULL;
	}
	s = galley_doc_strndup(in->doc, (const char *)in->p, (size_t)n - 1);
	in->p += n - 1;
	return s;
}

static struct galley_pos
get_pos(struct in *in)
{
	struct galley_pos	 pos;

	pos.line = (unsigned)get_u(in);
	pos.col = (unsigned)get_u(in);
	return pos;
}

static void
get_list(struct in *in, struct galley_strlist *l)
{
	uint64_t	 n = get_u(in), i;
	const char	*s;

	for (i = 0; i < n && !in->bad; i++)
		if ((s = get_s(in)) != NULL)
			galley_strlist_add(in->doc, l, s);
}

/* One node; its number of children in *k. */
static struct galley_node *
get_node(struct in *in, uint64_t *k)
{
	struct galley_node	*n;
	struct galley_pos	 pos;
	uint64_t		 type;

	type = get_u(in);
	if (type >= GALLEY_NODE__MAX || type == GALLEY_NODE_DOCUMENT) {
		in->bad = 1;
		return NULL;
	}
	pos = get_pos(in);
	n = galley_node_new(in->doc, (enum galley_node_type)type, pos);
	n->literal = get_s(in);
	n->id = get_s(in);
	switch (n->type) {
	case GALLEY_NODE_SECTION:
		n->u.section.level = get_i(in);
		break;
	case GALLEY_NODE_HEADING:
		n->u.heading.level = get_i(in);
		break;
	case GALLEY_NODE_LIST:
		n->u.list.ordered = get_i(in);
		n->u.list.start = get_i(in);
		n->u.list.tight = get_i(in);
		n->u.list.delim = (char)get_i(in);
		n->u.list.numbering = (char)get_i(in);
		break;
	case GALLEY_NODE_QUOTE:
		n->u.quote.callout = get_s(in);
		n->u.quote.title = get_s(in);
		break;
	case GALLEY_NODE_ITEM:
		n->u.item.task = get_i(in);
		n->u.item.checked = get_i(in);
		break;
	case GALLEY_NODE_CODE_BLOCK:
		n->u.code_block.info = get_s(in);
		n->u.code_block.fenced = get_i(in);
		break;
	case GALLEY_NODE_TABLE_ROW:
		n->u.row.header = get_i(in);
		break;
	case GALLEY_NODE_TABLE_CELL:
		n->u.cell.align = (enum galley_align)get_i(in);
		break;
	case GALLEY_NODE_LINK:
	case GALLEY_NODE_IMAGE:
		n->u.link.url = get_s(in);
		n->u.link.title = get_s(in);
		n->u.link.kind = (enum galley_link_kind)get_i(in);
		n->u.link.target = get_s(in);
		n->u.link.fragment = get_s(in);
		n->u.link.target_lang = get_s(in);
		break;
	case GALLEY_NODE_FOOTNOTE_DEF:
	case GALLEY_NODE_FOOTNOTE_REF:
		n->u.note.label = get_s(in);
		n->u.note.index = get_i(in);
		break;
	default:
		break;
	}
	*k = get_u(in);
	return n;
}

static struct galley_value *
get_value(struct in *in, uint64_t *k)
{
	struct galley_value	*v;
	uint64_t		 kind = get_u(in);

	if (kind > GALLEY_VALUE_MAP) {
		in->bad = 1;
		return NULL;
	}
	v = galley_value_new(in->doc, (enum galley_value_kind)kind);
	v->key = get_s(in);
	v->str = get_s(in);
	v->plain = get_i(in);
	v->pos = get_pos(in);
	*k = get_u(in);
	return v;
}

/*
 * A tree read back, each item before its children, with a stack of the
 * items whose children are still to come: get() reads one item and its
 * number of children, link() makes it its parent's last child.
 */
struct frame {
	void		*item;
	uint64_t	 left;		/* children still to read */
};

static void
get_tree(struct in *in, void *root, uint64_t k,
    void *(*get)(struct in *, uint64_t *), void (*link)(void *, void *))
{
	struct frame	*st = NULL;
	size_t		 depth = 0, cap = 0;
	void		*item;

	for (;;) {
		if (k > 0) {
			if (depth == cap) {
				cap = cap ? cap * 2 : 64;
				st = xrealloc(st, cap * sizeof(*st));
			}
			st[depth].item = root;
			st[depth++].left = k;
		}
		while (depth > 0 && st[depth - 1].left == 0)
			depth--;
		if (depth == 0 || in->bad)
			break;
		st[depth - 1].left--;
		if ((item = get(in, &k)) == NULL)
			break;
		link(st[depth - 1].item, item);
		root = item;
	}
	free(st);
}

static void *
get_node_item(struct in *in, uint64_t *k)
{
	return get_node(in, k);
}

static void
link_node(void *parent, void *child)
{
	node_link(parent, child);
}

static void *
get_value_item(struct in *in, uint64_t *k)
{
	return get_value(in, k);
}

static void
link_value(void *parent, void *child)
{
	galley_value_append(parent, child);
}

/* The reader's name as the static string galley_doc_reader() gives. */
static const char *
static_reader(const char *name)
{
	const struct galley_reader *r;

	if (name == NULL)
		return NULL;
	r = galley_reader_find(name);
	return r != NULL ? r->name : NULL;
}

struct galley_doc *
galley_doc_unpack(const char *data, size_t len)
{
	struct galley_doc	*doc = galley_doc_new(NULL);
	struct galley_meta	*m = &doc->meta;
	struct in		 in;
	uint64_t		 k;

	in.p = (const unsigned char *)data;
	in.end = in.p + len;
	in.doc = doc;
	in.bad = 0;
	doc->reader = static_reader(get_s(&in));
	m->title = get_s(&in);
	m->description = get_s(&in);
	get_list(&in, &m->keywords);
	get_list(&in, &m->authors);
	m->language = get_s(&in);
	if ((size_t)(in.end - in.p) < sizeof(m->language_confidence))
		in.bad = 1;
	else {
		memcpy(&m->language_confidence, in.p,
		    sizeof(m->language_confidence));
		in.p += sizeof(m->language_confidence);
	}
	m->date = get_s(&in);
	m->date_text = get_s(&in);
	m->source = get_s(&in);
	m->id = get_s(&in);
	m->uuid = get_s(&in);
	m->slug = get_s(&in);
	m->format = get_s(&in);
	m->date_pos = get_pos(&in);
	m->language_pos = get_pos(&in);
	m->language_detected = get_u(&in) != 0;
	m->extra = NULL;
	if (get_u(&in) != 0 && (m->extra = get_value(&in, &k)) != NULL)
		get_tree(&in, m->extra, k, get_value_item, link_value);
	doc->root->pos = get_pos(&in);
	get_tree(&in, doc->root, get_u(&in), get_node_item, link_node);
	if (in.bad || in.p != in.end) {
		galley_doc_free(doc);
		return NULL;
	}
	return doc;
}
