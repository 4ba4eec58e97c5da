/*
 * Iterative enter/exit walk over a subtree, and the plain text of a
 * subtree.
 */
#include "galley/buf.h"
#include "model/model.h"

int
galley_walk(struct galley_node *root, galley_visit_fn fn, void *arg)
{
	struct galley_node	*n = root;
	int			 entering = 1;
	enum galley_walk	 w;

	if (root == NULL)
		return 0;
	for (;;) {
		int	 container = node_is_container(n->type);

		w = fn(n, entering, arg);
		if (w == GALLEY_WALK_STOP)
			return -1;
		if (entering && container && w != GALLEY_WALK_SKIP &&
		    n->first != NULL) {
			n = n->first;
			continue;
		}
		if (entering && container && (w == GALLEY_WALK_SKIP ||
		    n->first == NULL)) {
			/* Give the exit event of an empty or skipped one. */
			entering = 0;
			continue;
		}
		if (n == root)
			return 0;
		if (n->next != NULL) {
			n = n->next;
			entering = 1;
			continue;
		}
		n = n->parent;
		entering = 0;
	}
}

static void
text_of(struct galley_buf *b, const struct galley_node *root)
{
	const struct galley_node	*n = root;

	/* Depth-first without recursion. */
	for (;;) {
		switch (n->type) {
		case GALLEY_NODE_TEXT:
		case GALLEY_NODE_CODE:
			galley_buf_puts(b, n->literal ? n->literal : "");
			break;
		case GALLEY_NODE_SOFTBREAK:
			if (!galley_softbreak_joins(n))
				galley_buf_putc(b, ' ');
			break;
		case GALLEY_NODE_LINEBREAK:
			galley_buf_putc(b, ' ');
			break;
		default:
			break;
		}
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

char *
galley_node_text(struct galley_doc *doc, const struct galley_node *n)
{
	struct galley_buf	 b;
	char			*s;

	galley_buf_init(&b);
	text_of(&b, n);
	s = galley_doc_strndup(doc, b.data ? b.data : "", b.len);
	galley_buf_release(&b);
	return s;
}
