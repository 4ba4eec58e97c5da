/*
 * Nodes: creation, the tree edits that keep the tree well-formed,
 * and the facts per node type (names, block or inline).
 */
#include <string.h>

#include "model/model.h"

enum kind {
	K_ROOT,		/* the document */
	K_BLOCK,	/* a block that sits in a flow of blocks */
	K_INLINE
};

enum content {
	C_NONE,		/* a leaf */
	C_FLOW,		/* blocks, sections too */
	C_BLOCKS,	/* blocks, no sections */
	C_INLINES,
	C_ITEMS,
	C_ROWS,
	C_CELLS
};

struct type_info {
	const char	*name;
	enum kind	 kind;
	enum content	 content;
};

static const struct type_info types[] = {
	[GALLEY_NODE_DOCUMENT] = { "document", K_ROOT, C_FLOW },
	[GALLEY_NODE_SECTION] = { "section", K_BLOCK, C_FLOW },
	[GALLEY_NODE_PARAGRAPH] = { "paragraph", K_BLOCK, C_INLINES },
	[GALLEY_NODE_HEADING] = { "heading", K_BLOCK, C_INLINES },
	[GALLEY_NODE_QUOTE] = { "quote", K_BLOCK, C_BLOCKS },
	[GALLEY_NODE_LIST] = { "list", K_BLOCK, C_ITEMS },
	[GALLEY_NODE_ITEM] = { "item", K_BLOCK, C_BLOCKS },
	[GALLEY_NODE_CODE_BLOCK] = { "code_block", K_BLOCK, C_NONE },
	[GALLEY_NODE_HTML_BLOCK] = { "html_block", K_BLOCK, C_NONE },
	[GALLEY_NODE_THEMATIC_BREAK] = { "thematic_break", K_BLOCK, C_NONE },
	[GALLEY_NODE_TABLE] = { "table", K_BLOCK, C_ROWS },
	[GALLEY_NODE_TABLE_ROW] = { "table_row", K_BLOCK, C_CELLS },
	[GALLEY_NODE_TABLE_CELL] = { "table_cell", K_BLOCK, C_INLINES },
	[GALLEY_NODE_FOOTNOTE_DEF] = { "footnote_definition", K_BLOCK,
	    C_BLOCKS },
	[GALLEY_NODE_TEXT] = { "text", K_INLINE, C_NONE },
	[GALLEY_NODE_SOFTBREAK] = { "softbreak", K_INLINE, C_NONE },
	[GALLEY_NODE_LINEBREAK] = { "linebreak", K_INLINE, C_NONE },
	[GALLEY_NODE_CODE] = { "code", K_INLINE, C_NONE },
	[GALLEY_NODE_HTML_INLINE] = { "html_inline", K_INLINE, C_NONE },
	[GALLEY_NODE_EMPH] = { "emph", K_INLINE, C_INLINES },
	[GALLEY_NODE_STRONG] = { "strong", K_INLINE, C_INLINES },
	[GALLEY_NODE_STRIKE] = { "strikethrough", K_INLINE, C_INLINES },
	[GALLEY_NODE_LINK] = { "link", K_INLINE, C_INLINES },
	[GALLEY_NODE_IMAGE] = { "image", K_INLINE, C_INLINES },
	[GALLEY_NODE_FOOTNOTE_REF] = { "footnote_reference", K_INLINE,
	    C_NONE },
	[GALLEY_NODE_MARK] = { "mark", K_INLINE, C_INLINES },
};

_Static_assert(sizeof(types) / sizeof(types[0]) == GALLEY_NODE__MAX,
    "every node type needs an entry in types[]");

static int
valid_type(int t)
{
	return t >= 0 && t < GALLEY_NODE__MAX;
}

const char *
galley_node_type_name(enum galley_node_type t)
{
	return valid_type(t) ? types[t].name : "unknown";
}

int
galley_node_type_from_name(const char *name)
{
	int	 t;

	for (t = 0; t < GALLEY_NODE__MAX; t++)
		if (strcmp(types[t].name, name) == 0)
			return t;
	return -1;
}

/* Whether nodes of type t may hold children (walks give exit events). */
int
node_is_container(enum galley_node_type t)
{
	return valid_type(t) && types[t].content != C_NONE;
}

int
galley_node_is_block(enum galley_node_type t)
{
	return valid_type(t) && types[t].kind != K_INLINE;
}

int
galley_node_can_contain(enum galley_node_type parent,
    enum galley_node_type child)
{
	if (!valid_type(parent) || !valid_type(child))
		return 0;
	switch (types[parent].content) {
	case C_NONE:
		return 0;
	case C_FLOW:
		return types[child].kind == K_BLOCK &&
		    child != GALLEY_NODE_ITEM &&
		    child != GALLEY_NODE_TABLE_ROW &&
		    child != GALLEY_NODE_TABLE_CELL;
	case C_BLOCKS:
		return types[child].kind == K_BLOCK &&
		    child != GALLEY_NODE_SECTION &&
		    child != GALLEY_NODE_ITEM &&
		    child != GALLEY_NODE_TABLE_ROW &&
		    child != GALLEY_NODE_TABLE_CELL;
	case C_INLINES:
		return types[child].kind == K_INLINE;
	case C_ITEMS:
		return child == GALLEY_NODE_ITEM;
	case C_ROWS:
		return child == GALLEY_NODE_TABLE_ROW;
	case C_CELLS:
		return child == GALLEY_NODE_TABLE_CELL;
	}
	return 0;
}

struct galley_node *
galley_node_new(struct galley_doc *doc, enum galley_node_type type,
    struct galley_pos pos)
{
	struct galley_node	*n = galley_doc_alloc(doc, sizeof(*n));

	n->type = type;
	n->pos = pos;
	switch (type) {
	case GALLEY_NODE_HEADING:
		n->u.heading.level = 1;
		break;
	case GALLEY_NODE_SECTION:
		n->u.section.level = 1;
		break;
	case GALLEY_NODE_LIST:
		n->u.list.start = 1;
		n->u.list.tight = 1;
		break;
	case GALLEY_NODE_CODE_BLOCK:
		n->u.code_block.info = "";
		break;
	case GALLEY_NODE_LINK:
	case GALLEY_NODE_IMAGE:
		n->u.link.url = "";
		n->u.link.title = "";
		break;
	default:
		break;
	}
	return n;
}

void
galley_node_unlink(struct galley_node *n)
{
	if (n->prev != NULL)
		n->prev->next = n->next;
	else if (n->parent != NULL)
		n->parent->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else if (n->parent != NULL)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

int
galley_node_append(struct galley_node *parent, struct galley_node *child)
{
	if (!galley_node_can_contain(parent->type, child->type))
		return -1;
	galley_node_unlink(child);
	node_link(parent, child);
	return 0;
}

/* child, in no tree, becomes parent's last child. */
void
node_link(struct galley_node *parent, struct galley_node *child)
{
	child->parent = parent;
	child->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

int
galley_node_insert_before(struct galley_node *sibling,
    struct galley_node *child)
{
	struct galley_node	*parent = sibling->parent;

	if (parent == NULL ||
	    !galley_node_can_contain(parent->type, child->type))
		return -1;
	if (child == sibling)
		return 0;
	galley_node_unlink(child);
	child->parent = parent;
	child->next = sibling;
	child->prev = sibling->prev;
	if (sibling->prev != NULL)
		sibling->prev->next = child;
	else
		parent->first = child;
	sibling->prev = child;
	return 0;
}

/* 1 for a code point of Chinese or Japanese script or punctuation. */
static int
cjk(unsigned cp)
{
	return (cp >= 0x3000 && cp <= 0x30ff) || (cp >= 0x3400 &&
	    cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0x20000 && cp <= 0x3ffff);
}

/* The code point of the UTF-8 sequence at s (len bytes), or 0. */
static unsigned
utf8_cp(const unsigned char *s, size_t len)
{
	if (len >= 3 && (s[0] & 0xf0) == 0xe0)
		return (unsigned)(s[0] & 0x0f) << 12 |
		    (unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	if (len >= 4 && (s[0] & 0xf8) == 0xf0)
		return (unsigned)(s[0] & 0x07) << 18 |
		    (unsigned)(s[1] & 0x3f) << 12 |
		    (unsigned)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	return 0;
}

int
galley_cjk_join(const char *a, size_t alen, const char *b, size_t blen)
{
	const unsigned char	*x = (const unsigned char *)a;
	size_t			 k;

	for (k = alen; k > 0 && (x[k - 1] & 0xc0) == 0x80; k--)
		;		/* the last character's first byte */
	return k > 0 && cjk(utf8_cp(x + k - 1, alen - k + 1)) &&
	    cjk(utf8_cp((const unsigned char *)b, blen));
}

int
galley_softbreak_joins(const struct galley_node *n)
{
	if (n == NULL || n->type != GALLEY_NODE_SOFTBREAK ||
	    n->prev == NULL || n->next == NULL ||
	    n->prev->type != GALLEY_NODE_TEXT ||
	    n->next->type != GALLEY_NODE_TEXT ||
	    n->prev->literal == NULL || n->next->literal == NULL)
		return 0;
	return galley_cjk_join(n->prev->literal, strlen(n->prev->literal),
	    n->next->literal, strlen(n->next->literal));
}
