/*
 * --update: what the last run converted, kept in OUT/.galley-state: a
 * line "#galley-state 2 NAMES" (the digest of the run's link index,
 * galley_linkindex_names), then one "HASH LINKS relpath" line per input:
 * the hash of its content and the settings, and a digest of its id and
 * where its links went.  Unchanged inputs are skipped; when the names of
 * the run changed, an unchanged input is read again and written only
 * if its id or its links changed.
 */
#ifndef STATE_H
#define STATE_H

#include <stddef.h>

struct state_entry {
	const char		*rel;	/* not owned: the loaded text's, or
					   the caller's (state_set) */
	unsigned long long	 hash;
	unsigned long long	 links;	/* its id and links' digest */
	size_t			 seq;	/* order recorded */
};

struct state {
	struct state_entry	*v;
	size_t			 n, cap;
	unsigned long long	 names;	/* the run's link index digest */
	char			*text;	/* the file loaded */
};

/* FNV-1a over data, seeded with the run's settings hash. */
unsigned long long state_hash(const void *data, size_t len,
		    unsigned long long seed);
/* Load OUT/.galley-state (missing: empty).  0 always. */
int		 state_load(struct state *, const char *outdir);
/* The entry recorded for rel, or NULL. */
const struct state_entry *state_find(const struct state *, const char *rel);
/* The hash recorded for rel, or 0. */
unsigned long long state_lookup(const struct state *, const char *rel);
/* Record rel's hashes; lookups see it only after the next load. */
void		 state_set(struct state *, const char *rel,
		    unsigned long long hash, unsigned long long links);
/* Write OUT/.galley-state atomically with st->names; -1 on failure. */
int		 state_save(struct state *, const char *outdir);
void		 state_release(struct state *);

#endif
