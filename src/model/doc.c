/*
 * Documents: the arena, the root node and the metadata, and the
 * string helpers that copy into the arena.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

struct galley_doc *
galley_doc_new(const char *source)
{
	struct galley_doc	*doc = xcalloc(1, sizeof(*doc));
	struct galley_pos	 pos = { 0, 0 };

	arena_init(&doc->arena);
	doc->root = galley_node_new(doc, GALLEY_NODE_DOCUMENT, pos);
	doc->meta.extra = galley_value_new(doc, GALLEY_VALUE_MAP);
	doc->meta.language_confidence = -1;
	if (source != NULL)
		doc->meta.source = galley_doc_strdup(doc, source);
	return doc;
}

void
galley_doc_free(struct galley_doc *doc)
{
	if (doc == NULL)
		return;
	arena_release(&doc->arena);
	free(doc);
}

struct galley_node *
galley_doc_root(const struct galley_doc *doc)
{
	return doc->root;
}

struct galley_meta *
galley_doc_meta(const struct galley_doc *doc)
{
	return (struct galley_meta *)&doc->meta;
}

int
galley_blank(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (s == NULL)
		return 1;
	while (*p != '\0') {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
			p++;
		else if (p[0] == 0xc2 && (p[1] == 0xa0 || p[1] == 0x85))
			p += 2;		/* U+00A0, U+0085 */
		else if (p[0] == 0xe1 && p[1] == 0x9a && p[2] == 0x80)
			p += 3;		/* U+1680 */
		else if (p[0] == 0xe2 && p[1] == 0x80 && ((p[2] >= 0x80 &&
		    p[2] <= 0x8b) || p[2] == 0xa8 || p[2] == 0xa9 ||
		    p[2] == 0xaf))
			p += 3;		/* U+2000-200B, 2028, 2029, 202F */
		else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0x9f)
			p += 3;		/* U+205F */
		else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
			p += 3;		/* U+3000 */
		else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
			p += 3;		/* U+FEFF */
		else
			return 0;
	}
	return 1;
}

const char *
galley_doc_reader(const struct galley_doc *doc)
{
	return doc->reader != NULL ? doc->reader : doc->meta.format;
}

void
galley_doc_set_reader(struct galley_doc *doc, const char *name)
{
	doc->reader = name;
}

void *
galley_doc_alloc(struct galley_doc *doc, size_t sz)
{
	return arena_alloc(&doc->arena, sz);
}

char *
galley_doc_strndup(struct galley_doc *doc, const char *s, size_t n)
{
	char	*p = arena_alloc(&doc->arena, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
galley_doc_strdup(struct galley_doc *doc, const char *s)
{
	return s == NULL ? NULL : galley_doc_strndup(doc, s, strlen(s));
}

char *
galley_doc_printf(struct galley_doc *doc, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	if (fmt == NULL)
		return galley_doc_strdup(doc, "");
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return galley_doc_strdup(doc, "");
	p = arena_alloc(&doc->arena, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
