/*
 * Attribute blocks, as Pandoc, kramdown, Hugo and Jekyll write them:
 * "## A heading {#its-id .class key=value}" and fences "``` {.haskell
 * .numberLines}".  CommonMark has none, so cmark-gfm leaves them in the
 * text; the Markdown reader takes them out here.  A heading keeps its
 * id; a fence takes its first class as its language.  Classes and
 * key=value pairs have no slot in the model: a note (-v) says so.
 */
#include <string.h>

#include "readers/markdown.h"

struct attrs {
	const char	*id;		/* "#id", without '#' */
	size_t		 id_len;
	const char	*cls;		/* the first ".class" */
	size_t		 cls_len;
	int		 other;		/* more classes, key=value, "-" */
};

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
	    c == '.' || (unsigned char)c >= 0x80;	/* "#über" */
}

/* The block s[0..len), "{...}" braces and all, into a; -1 if it is not
 * one (then it is text, as CommonMark says). */
static int
parse(const char *s, size_t len, struct attrs *a)
{
	size_t	 i = 1, j;

	memset(a, 0, sizeof(*a));
	if (len < 3 || s[0] != '{' || s[len - 1] != '}')
		return -1;
	len--;
	while (i < len) {
		if (s[i] == ' ' || s[i] == '\t') {
			i++;
			continue;
		}
		if (s[i] == '#' || s[i] == '.') {
			for (j = i + 1; j < len && name_char(s[j]); j++)
				;
			if (j == i + 1 || (j < len && s[j] != ' ' &&
			    s[j] != '\t'))
				return -1;
			if (s[i] == '#' && a->id == NULL) {
				a->id = s + i + 1;
				a->id_len = j - i - 1;
			} else if (s[i] == '.' && a->cls == NULL) {
				a->cls = s + i + 1;
				a->cls_len = j - i - 1;
			} else
				a->other = 1;
			i = j;
			continue;
		}
		if (s[i] == '-' && (i + 1 == len || s[i + 1] == ' ')) {
			a->other = 1;	/* Pandoc's "unnumbered" */
			i++;
			continue;
		}
		/* key=value, key="value" */
		for (j = i; j < len && name_char(s[j]); j++)
			;
		if (j == i || j >= len || s[j] != '=')
			return -1;
		j++;
		if (j < len && s[j] == '"') {
			for (j++; j < len && s[j] != '"'; j++)
				;
			if (j >= len)
				return -1;
			j++;
		} else
			while (j < len && s[j] != ' ' && s[j] != '\t')
				j++;
		a->other = 1;
		i = j;
	}
	return a->id != NULL || a->cls != NULL || a->other ? 0 : -1;
}

/* The note that classes and attributes went: what was kept. */
static void
note(struct galley_diag *dg, const char *name, const struct galley_node *n,
    const char *kept)
{
	if (dg != NULL)
		galley_diag_add(dg, GALLEY_NOTE, name, n->pos.line, n->pos.col,
		    "attributes: %s; other classes and key=value pairs have "
		    "no place in galley's model", kept);
}

/* "Title {#id}": the block off the heading's last text, the id on it. */
static void
heading(struct galley_doc *doc, struct galley_node *h, const char *name,
    struct galley_diag *dg)
{
	struct galley_node	*t = h->last;
	const char		*s, *open;
	size_t			 len;
	struct attrs		 a;

	if (t == NULL || t->type != GALLEY_NODE_TEXT || t->literal == NULL)
		return;
	s = t->literal;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || s[len - 1] != '}' ||
	    (open = memchr(s, '{', len)) == NULL)
		return;
	while (memchr(open + 1, '{', len - (size_t)(open + 1 - s)) != NULL)
		open = memchr(open + 1, '{', len - (size_t)(open + 1 - s));
	if (parse(open, len - (size_t)(open - s), &a) == -1)
		return;
	if (a.id != NULL)
		h->id = galley_doc_strndup(doc, a.id, a.id_len);
	if (a.cls != NULL || a.other)
		note(dg, name, h, a.id != NULL ? "the heading's id is kept" :
		    "nothing kept");
	len = (size_t)(open - s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 && t != h->first)
		galley_node_unlink(t);
	else
		t->literal = galley_doc_strndup(doc, s, len);
}

/* "``` {.haskell .numberLines}": the first class is the language. */
static void
fence(struct galley_doc *doc, struct galley_node *n, const char *name,
    struct galley_diag *dg)
{
	const char	*info = n->u.code_block.info;
	struct attrs	 a;

	if (info == NULL || info[0] != '{' ||
	    parse(info, strlen(info), &a) == -1)
		return;
	n->u.code_block.info = a.cls != NULL ?
	    galley_doc_strndup(doc, a.cls, a.cls_len) : "";
	if (a.other)
		note(dg, name, n, a.cls != NULL ? "the first class is the "
		    "code's language" : "nothing kept");
}

static void
walk(struct galley_doc *doc, struct galley_node *n, const char *name,
    struct galley_diag *dg)
{
	struct galley_node	*c;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->type == GALLEY_NODE_HEADING)
			heading(doc, c, name, dg);
		else if (c->type == GALLEY_NODE_CODE_BLOCK)
			fence(doc, c, name, dg);
		else if (c->first != NULL)
			walk(doc, c, name, dg);
	}
}

void
md_attrs(struct galley_doc *doc, const char *name, struct galley_diag *notes)
{
	walk(doc, galley_doc_root(doc), name, notes);
}
