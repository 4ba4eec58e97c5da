/* Private to the model: the arena and the document's hidden fields. */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>

#include "galley/doc.h"

struct arena_chunk;

struct arena {
	struct arena_chunk	*head;
	size_t			 total;	/* bytes handed out */
};

void	 arena_init(struct arena *);
void	 arena_release(struct arena *);
void	*arena_alloc(struct arena *, size_t);
size_t	 arena_bytes(const struct arena *);

struct galley_doc {
	struct arena		 arena;
	struct galley_node	*root;
	struct galley_meta	 meta;
	const char		*reader;	/* galley_read(): its reader */
};

int	node_is_container(enum galley_node_type);
void	node_link(struct galley_node *parent, struct galley_node *child);

/* Out of memory: print and exit, as cmark does. */
void	*xmalloc(size_t);
void	*xrealloc(void *, size_t);
void	*xcalloc(size_t, size_t);
char	*xstrdup(const char *);

#endif
