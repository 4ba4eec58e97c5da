/*
 * A small string-keyed hash table (open addressing, FNV-1a) for the
 * EPUB writer: article ids, packed images, ids inside a chapter.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "writers/epub/epub.h"
#include "model/oom.h"

static size_t
hash(const char *s)
{
	uint64_t	 h = 1469598103934665603ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

void
map_init(struct map *m)
{
	memset(m, 0, sizeof(*m));
}

void
map_release(struct map *m)
{
	size_t	 i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static size_t
slot(const struct map *m, const char *key)
{
	size_t	 i = hash(key) & (m->cap - 1);

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

int
map_get(const struct map *m, const char *key, size_t *val)
{
	size_t	 i;

	if (m->cap == 0 || key == NULL)
		return 0;
	i = slot(m, key);
	if (m->keys[i] == NULL)
		return 0;
	if (val != NULL)
		*val = m->vals[i];
	return 1;
}

static void
grow(struct map *m)
{
	struct map	 old = *m;
	size_t		 i, j;

	m->cap = old.cap ? old.cap * 2 : 16;
	if ((m->keys = calloc(m->cap, sizeof(*m->keys))) == NULL ||
	    (m->vals = calloc(m->cap, sizeof(*m->vals))) == NULL)
		galley_oom();
	for (i = 0; i < old.cap; i++) {
		if (old.keys[i] == NULL)
			continue;
		j = slot(m, old.keys[i]);
		m->keys[j] = old.keys[i];
		m->vals[j] = old.vals[i];
	}
	free(old.keys);
	free(old.vals);
}

void
map_put(struct map *m, const char *key, size_t val)
{
	size_t	 i;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = slot(m, key);
	if (m->keys[i] == NULL) {
		m->keys[i] = epub_strdup(key);
		m->n++;
	}
	m->vals[i] = val;
}
