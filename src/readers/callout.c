/*
 * Alerts and callouts: a block quote whose first line is "[!NOTE]"
 * (GitHub's alerts: NOTE, TIP, IMPORTANT, WARNING, CAUTION) or "[!tip]
 * A title" (Obsidian's callouts, of any kind, "+" or "-" after the
 * bracket to fold them).  CommonMark reads the marker as text; here the
 * quote takes the kind ("tip") and the title, and the marker line goes.
 * As written only: "\[!NOTE]" stays text, and so does a quote that would
 * be left with nothing but its marker.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "galley/buf.h"
#include "readers/markdown.h"

#define KIND_MAX	32	/* letters of a kind */

/* A quote whose first paragraph opens with "[!". */
static int
wanted(const struct galley_node *n)
{
	return n->type == GALLEY_NODE_QUOTE && n->first != NULL &&
	    n->first->type == GALLEY_NODE_PARAGRAPH &&
	    n->first->first != NULL &&
	    n->first->first->type == GALLEY_NODE_TEXT &&
	    n->first->first->literal != NULL &&
	    strncmp(n->first->first->literal, "[!", 2) == 0;
}

/* The length of the marker "[!kind]" (and a fold sign) opening s, the
 * kind in lower case into kind; 0 if s opens with none. */
static size_t
marker(const char *s, char *kind)
{
	size_t	 i;

	for (i = 2; isalnum((unsigned char)s[i]) || (s[i] == '-' && i > 2);
	    i++) {
		if (i - 2 >= KIND_MAX)
			return 0;
		kind[i - 2] = (char)tolower((unsigned char)s[i]);
	}
	kind[i - 2] = '\0';
	if (i == 2 || s[i] != ']' || !isalpha((unsigned char)s[2]))
		return 0;
	i++;
	if (s[i] == '+' || s[i] == '-')
		i++;
	return s[i] == '\0' || s[i] == ' ' || s[i] == '\t' ? i : 0;
}

static void
callout(struct galley_doc *doc, struct md_lines *src, struct galley_node *q)
{
	struct galley_node	*p = q->first, *t = p->first, *c, *next;
	struct galley_buf	 title;
	char			 kind[KIND_MAX + 1];
	const char		*line, *s;
	size_t			 llen, off, k;

	if ((k = marker(t->literal, kind)) == 0)
		return;
	/* as written: "[!" where the text starts, not "\[!" */
	if ((line = md_line(src, t->pos.line, &llen)) == NULL)
		return;
	off = md_col_offset(line, llen, t->pos.col);
	if (llen - off < 2 || strncmp(line + off, "[!", 2) != 0)
		return;
	/* the rest of the first line is the title */
	galley_buf_init(&title);
	galley_buf_puts(&title, t->literal + k);
	for (c = t->next; c != NULL && c->type != GALLEY_NODE_SOFTBREAK &&
	    c->type != GALLEY_NODE_LINEBREAK; c = c->next) {
		char	*x = galley_node_text(doc, c);

		galley_buf_puts(&title, x != NULL ? x : "");
	}
	/* nothing but the marker line: a quote, not a callout */
	if ((c == NULL || c->next == NULL) && p->next == NULL) {
		galley_buf_release(&title);
		return;
	}
	next = c != NULL ? c->next : NULL;
	while (p->first != next)
		galley_node_unlink(p->first);
	if (p->first == NULL)
		galley_node_unlink(p);
	else
		p->pos = p->first->pos;
	q->u.quote.callout = galley_doc_strdup(doc, kind);
	s = title.data != NULL ? title.data : "";
	while (*s == ' ' || *s == '\t')
		s++;
	k = strlen(s);
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	q->u.quote.title = k > 0 ? galley_doc_strndup(doc, s, k) : NULL;
	galley_buf_release(&title);
}

void
md_callouts(struct galley_doc *doc, const char *body, size_t len,
    unsigned first_line)
{
	struct md_lines		 src;
	struct galley_node	**v;
	size_t			 i, n;

	if (!md_has(body, len, "[!"))
		return;
	md_collect(doc, wanted, 0, &v, &n);
	md_lines_init(&src, body, len, first_line);
	for (i = 0; i < n; i++)
		callout(doc, &src, v[i]);
	free(v);
}
