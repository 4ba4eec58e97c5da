/*
 * Wiki links, as Obsidian, Foam, Dendron and many note-taking tools
 * write them between the notes of a folder: "[[Page]]", "[[Page|its
 * label]]", "[[Page#A heading]]", "[[#A heading]]" (this article).
 * CommonMark has no such syntax, so cmark-gfm leaves them text; here
 * they become links to "Page", which the links filter resolves as it
 * resolves "[Page](Page)": to the article whose file, id or slug it
 * names, anywhere in the run, or to text with a warning.
 *
 * An embed "![[picture.png]]" ("![[picture.png|its alt text]]", or
 * "|300", a size, which has no place here) is that image; the embed of
 * a page, which Obsidian shows in place, is a link to it.
 *
 * Only what was written so in the source is read: "\[\[Page]]" and
 * "[[[Page]]]" stay text, and so does text in code, links and images.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers/markdown.h"

#define WIKI_MAX	512	/* bytes between the brackets */

/* A text node that holds "[[". */
static int
wanted(const struct galley_node *n)
{
	return n->type == GALLEY_NODE_TEXT && n->literal != NULL &&
	    strstr(n->literal, "[[") != NULL;
}

/* s[0..len) onto d at *n as a link's address has it, written as the
 * page is ("Back Office", as "[x](<Back Office>)" would have it) but
 * for what would end or break its path ('%', '?', '#', controls),
 * percent-encoded; ASCII in lower case if lower. */
static void
encode(char *d, size_t *n, const char *s, size_t len, int lower)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char	 c;
	size_t		 i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (lower && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 'a' - 'A');
		if (c > 0x20 && c != 0x7f && c != '%' && c != '?' &&
		    c != '#')
			d[(*n)++] = (char)c;
		else if (c == ' ')
			d[(*n)++] = ' ';
		else {
			d[(*n)++] = '%';
			d[(*n)++] = hex[c >> 4];
			d[(*n)++] = hex[c & 15];
		}
	}
	d[*n] = '\0';
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* Whether name[0..len) is an image's file name, by its extension. */
static int
image_name(const char *name, size_t len)
{
	static const char *const exts[] = { ".png", ".jpg", ".jpeg", ".gif",
	    ".svg", ".webp", ".avif", ".bmp", ".tif", ".tiff", NULL };
	size_t	 i, e;

	for (i = 0; exts[i] != NULL; i++) {
		e = strlen(exts[i]);
		if (len > e && strncasecmp(name + len - e, exts[i], e) == 0)
			return 1;
	}
	return 0;
}

/* Whether "![[inner]]" shows an image: its file name before any '|'. */
static int
embeds_image(const char *inner, size_t ilen)
{
	const char	*bar = memchr(inner, '|', ilen);
	size_t		 plen = bar != NULL ? (size_t)(bar - inner) : ilen;

	trim(&inner, &plen);
	return image_name(inner, plen);
}

/* Whether s[0..len) is an embed's size ("300", "300x200"). */
static int
size_like(const char *s, size_t len)
{
	size_t	 i, x = 0;

	for (i = 0; i < len; i++)
		if (s[i] == 'x' && i > 0 && x++ == 0)
			continue;
		else if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

/* The image an embed "![[picture.png|alt]]" in the file note shows (a
 * size for alt has no place: no alt then); a file named by its name
 * alone is looked for in the note's vault. */
static struct galley_node *
make_image(struct galley_doc *doc, const char *note, const char *inner,
    size_t ilen, struct galley_pos pos)
{
	struct galley_node	*img, *text;
	const char		*bar = memchr(inner, '|', ilen), *alt = NULL;
	size_t			 plen = bar != NULL ? (size_t)(bar - inner) : ilen;
	size_t			 alen = 0, n = 0;
	char			*url, *file, *found;

	if (bar != NULL) {
		alt = bar + 1;
		alen = ilen - plen - 1;
		trim(&alt, &alen);
	}
	trim(&inner, &plen);
	file = galley_doc_strndup(doc, inner, plen);
	if ((found = md_vault_find(note, file)) != NULL) {
		inner = file = galley_doc_strdup(doc, found);
		plen = strlen(file);
		free(found);
	}
	url = galley_doc_alloc(doc, plen * 3 + 1);
	encode(url, &n, inner, plen, 0);
	img = galley_node_new(doc, GALLEY_NODE_IMAGE, pos);
	img->u.link.url = url;
	img->u.link.title = "";
	if (alt != NULL && alen > 0 && !size_like(alt, alen)) {
		text = galley_node_new(doc, GALLEY_NODE_TEXT, pos);
		text->literal = galley_doc_strndup(doc, alt, alen);
		galley_node_append(img, text);
	}
	return img;
}

/*
 * The link "[[inner]]" makes (inner: ilen bytes), at pos; NULL if it
 * makes none ("[[|label]]", "[[#]]").  An embed of a page, which
 * Obsidian shows in place, is a link to it here.
 */
static struct galley_node *
make_link(struct galley_doc *doc, const char *inner, size_t ilen,
    struct galley_pos pos)
{
	struct galley_node	*link, *text;
	const char		*page = inner, *head = NULL, *label = NULL;
	const char		*bar, *hash;
	size_t			 plen = ilen, hlen = 0, llen = 0, n = 0;
	char			*url, *shown;

	if ((bar = memchr(inner, '|', ilen)) != NULL) {
		label = bar + 1;
		llen = ilen - (size_t)(label - inner);
		plen = (size_t)(bar - inner);
		trim(&label, &llen);
	}
	if ((hash = memchr(page, '#', plen)) != NULL) {
		head = hash + 1;
		hlen = plen - (size_t)(head - page);
		plen = (size_t)(hash - page);
		trim(&head, &hlen);
	}
	trim(&page, &plen);
	/* "#^block": a block of the page, which has no id here */
	shown = galley_doc_alloc(doc, plen + hlen + 4);
	memcpy(shown, page, plen);
	shown[plen] = '\0';
	if (head != NULL && hlen > 0 && head[0] == '^')
		hlen = 0;	/* a block: the page is shown */
	if (hlen > 0 && plen > 0)
		strcat(shown, " > ");
	strncat(shown, head != NULL ? head : "", hlen);
	if (plen == 0 && hlen == 0)
		return NULL;
	url = galley_doc_alloc(doc, (plen + hlen) * 3 + 2);
	encode(url, &n, page, plen, 0);
	if (hlen > 0) {
		/* the heading's text, in lower case: the links filter
		 * takes it to the id that text makes there */
		url[n++] = '#';
		encode(url, &n, head, hlen, 1);
	}
	link = galley_node_new(doc, GALLEY_NODE_LINK, pos);
	link->u.link.url = url;
	link->u.link.title = "";
	text = galley_node_new(doc, GALLEY_NODE_TEXT, pos);
	text->literal = label != NULL && llen > 0 ?
	    galley_doc_strndup(doc, label, llen) : shown;
	galley_node_append(link, text);
	return link;
}

/* The end of "[[...]]" starting at s + i, or 0 if none starts there. */
static size_t
wiki_end(const char *s, size_t len, size_t i)
{
	size_t	 j;

	if (i + 4 > len || s[i] != '[' || s[i + 1] != '[' ||
	    (i > 0 && s[i - 1] == '[') ||
	    s[i + 2] == ' ' || s[i + 2] == '\t')
		return 0;
	for (j = i + 2; j < len && j - i - 2 <= WIKI_MAX; j++) {
		if (s[j] == '[' || s[j] == '\n')
			return 0;
		if (s[j] == ']') {
			if (j + 1 >= len || s[j + 1] != ']' || j == i + 2 ||
			    s[j - 1] == ' ' || s[j - 1] == '\t' ||
			    (j + 2 < len && s[j + 2] == ']'))
				return 0;
			return j + 2;
		}
	}
	return 0;
}

/* Split text node n around its wiki links. */
static void
split(struct galley_doc *doc, const char *note, struct md_lines *src,
    struct galley_node *n)
{
	const char		*s = n->literal, *line;
	size_t			 len = strlen(s), i, end, last = 0;
	struct galley_node	*link, *before;
	struct galley_pos	 pos;
	const char		*inner;
	size_t			*at, ilen, embed;
	struct md_cols		 cols;
	unsigned		 after = n->pos.col;	/* the last link */

	if ((at = md_text_source(src, n, &line, &cols)) == NULL)
		return;
	for (i = 0; i < len; i++) {
		if ((end = wiki_end(s, len, i)) == 0)
			continue;
		/* as written: not "\[\[" in the source */
		if (at[i] == MD_NONE || at[i + 1] == MD_NONE ||
		    at[end - 2] == MD_NONE || at[end - 1] == MD_NONE)
			continue;
		/* "![[picture.png]]": an embed */
		embed = i > last && s[i - 1] == '!' && at[i - 1] != MD_NONE;
		pos = n->pos;
		pos.col = md_col_of(&cols, at[i - embed]);
		inner = s + i + 2;
		ilen = end - i - 4;
		if ((link = embed && embeds_image(inner, ilen) ?
		    make_image(doc, note, inner, ilen, pos) :
		    make_link(doc, inner, ilen, pos)) == NULL)
			continue;
		i -= embed;
		if (i > last) {
			before = galley_node_new(doc, GALLEY_NODE_TEXT, n->pos);
			before->pos.col = after;
			before->literal = galley_doc_strndup(doc, s + last,
			    i - last);
			galley_node_insert_before(n, before);
		}
		galley_node_insert_before(n, link);
		after = md_col_of(&cols, at[end - 1]) + 1;
		last = end;
		i = end - 1;
	}
	md_text_rest(doc, n, last, after);
	free(at);
}

void
md_wikilinks(struct galley_doc *doc, const char *name, const char *body,
    size_t len, unsigned first_line)
{
	struct md_lines		 src;
	struct galley_node	**v;
	size_t			 i, n;

	if (!md_has(body, len, "[["))
		return;
	md_collect(doc, wanted, 1, &v, &n);
	md_lines_init(&src, body, len, first_line);
	for (i = 0; i < n; i++)
		split(doc, name, &src, v[i]);
	free(v);
}
