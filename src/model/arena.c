/*
 * The document arena: every node, string and metadata value of a
 * document comes from here and is released at once with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/oom.h"

#define CHUNK_MIN	(16 * 1024)
#define ALIGN		16

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 used, size;
	unsigned char		 data[];
};

void *
xmalloc(size_t sz)
{
	void	*p = malloc(sz ? sz : 1);

	if (p == NULL) {
		galley_oom();
	}
	return p;
}

void *
xrealloc(void *p, size_t sz)
{
	if ((p = realloc(p, sz ? sz : 1)) == NULL) {
		galley_oom();
	}
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL) {
		galley_oom();
	}
	return p;
}

char *
xstrdup(const char *s)
{
	size_t	 n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void
arena_release(struct arena *a)
{
	struct arena_chunk	*c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->total = 0;
}

/* Zeroed memory, aligned for any object. */
void *
arena_alloc(struct arena *a, size_t sz)
{
	struct arena_chunk	*c = a->head;
	size_t			 want = (sz + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	void			*p;

	if (c == NULL || c->size - c->used < want) {
		size_t	 size = CHUNK_MIN;

		if (c != NULL && c->size < 1024 * 1024)
			size = c->size * 2;
		if (size < want)
			size = want;
		c = xmalloc(sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		/* A big one-off request goes behind the current chunk so
		 * the rest of the current one is still used. */
		if (a->head != NULL && size == want && want > CHUNK_MIN) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += want;
	a->total += want;
	memset(p, 0, sz);
	return p;
}

/* Bytes the arena holds from the allocator, its chunks' headers too. */
size_t
arena_bytes(const struct arena *a)
{
	const struct arena_chunk	*c;
	size_t				 n = 0;

	for (c = a->head; c != NULL; c = c->next)
		n += sizeof(*c) + c->size;
	return n;
}
