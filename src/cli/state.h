/*
 * --update: what the last run converted, kept in OUT/.galley-state as
 * one "hash relpath" line per input, so unchanged inputs are skipped.
 */
#ifndef STATE_H
#define STATE_H

#include <stddef.h>

struct state_entry {
	const char		*rel;	/* not owned: the loaded text's, or
					   the caller's (state_set) */
	unsigned long long	 hash;
	size_t			 seq;	/* order recorded */
};

struct state {
	struct state_entry	*v;
	size_t			 n, cap;
	char			*text;	/* the file loaded */
};

/* FNV-1a over data, seeded with the run's settings hash. */
unsigned long long state_hash(const void *data, size_t len,
		    unsigned long long seed);
/* Load OUT/.galley-state (missing: empty).  0 always. */
int		 state_load(struct state *, const char *outdir);
/* The hash recorded for rel, or 0. */
unsigned long long state_lookup(const struct state *, const char *rel);
/* Record rel's hash; lookups see it only after the next load. */
void		 state_set(struct state *, const char *rel,
		    unsigned long long hash);
/* Write OUT/.galley-state atomically; -1 on failure. */
int		 state_save(struct state *, const char *outdir);
void		 state_release(struct state *);

#endif
