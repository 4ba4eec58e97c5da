/*
 * Metadata helpers: string lists and the generic value tree that keeps
 * every front-matter key galley has no slot for.
 */
#include <string.h>

#include "model/model.h"

const char *
galley_list_sep(const char *s, size_t *len)
{
	for (; *s != '\0'; s++) {
		if (*s == ',' || *s == ';') {
			*len = 1;
			return s;
		}
		if (strncmp(s, "\xd8\x8c", 2) == 0 ||		/* ، */
		    strncmp(s, "\xd8\x9b", 2) == 0) {		/* ؛ */
			*len = 2;
			return s;
		}
		if (strncmp(s, "\xe3\x80\x81", 3) == 0 ||	/* 、 */
		    strncmp(s, "\xef\xbc\x8c", 3) == 0 ||	/* ， */
		    strncmp(s, "\xef\xbc\x9b", 3) == 0) {	/* ； */
			*len = 3;
			return s;
		}
	}
	return NULL;
}

void
galley_strlist_add(struct galley_doc *doc, struct galley_strlist *l,
    const char *s)
{
	if (l->n == l->cap) {
		size_t		 cap = l->cap ? l->cap * 2 : 4;
		const char	**v = galley_doc_alloc(doc, cap * sizeof(*v));

		if (l->n > 0)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = galley_doc_strdup(doc, s);
}

struct galley_value *
galley_value_new(struct galley_doc *doc, enum galley_value_kind kind)
{
	struct galley_value	*v = galley_doc_alloc(doc, sizeof(*v));

	v->kind = kind;
	return v;
}

void
galley_value_append(struct galley_value *parent, struct galley_value *child)
{
	child->next = NULL;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

struct galley_value *
galley_value_get(const struct galley_value *map, const char *key)
{
	struct galley_value	*v;

	if (map == NULL || map->kind != GALLEY_VALUE_MAP)
		return NULL;
	for (v = map->first; v != NULL; v = v->next)
		if (v->key != NULL && strcmp(v->key, key) == 0)
			return v;
	return NULL;
}

const char *const galley_url_keys[] = {
	"url", "source_url", "canonical_url", "canonical", "original_url",
	"link", NULL
};

const char *
galley_meta_url(const struct galley_meta *m)
{
	const struct galley_value	*v;
	size_t				 i;

	for (i = 0; m->extra != NULL && galley_url_keys[i] != NULL; i++)
		if ((v = galley_value_get(m->extra, galley_url_keys[i])) !=
		    NULL && v->kind == GALLEY_VALUE_STRING && v->str != NULL &&
		    (strncmp(v->str, "http://", 7) == 0 ||
		    strncmp(v->str, "https://", 8) == 0))
			return v->str;
	return NULL;
}
