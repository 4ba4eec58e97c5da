/*
 * Links between the articles of one run.  The CLI and `galley book` first
 * register every document (after the document filters ran), then resolve
 * the site-relative links of each against that index:
 *
 *	idx = galley_linkindex_new();
 *	for each doc: galley_filters_run(doc, opts', dg);	(see below)
 *	for each doc: galley_linkindex_add(idx, doc);
 *	for each doc: galley_links_resolve(doc, idx, opts, dg);
 *	... galley_linkindex_unresolved(idx) for the summary
 *	galley_linkindex_free(idx);
 *
 * The chain's own `links` step resolves with no index (every relative
 * link unresolved, or absolute with --link-base) and warns for each; a run
 * that resolves against an index sets the `links` bit in opts'.no_filters
 * for galley_filters_run, so a link is reported once, by the resolve.
 */
#ifndef GALLEY_LINKS_H
#define GALLEY_LINKS_H

#include <stddef.h>
#include <stdint.h>

#include "galley/diag.h"
#include "galley/doc.h"
#include "galley/export.h"
#include "galley/pipeline.h"

struct galley_linkindex;

/* NULL never (exits on out of memory). */
GALLEY_API struct galley_linkindex *galley_linkindex_new(void);
GALLEY_API void	galley_linkindex_free(struct galley_linkindex *);
/*
 * Register one article under its meta.id, meta.slug, file stem and the
 * front matter's aliases (a string or a list: "/old/path", "old.md").
 * The index copies what it keeps; the first article to claim a key keeps
 * it.
 */
GALLEY_API void	galley_linkindex_add(struct galley_linkindex *,
		    const struct galley_doc *);
/*
 * The same, but where articles claim one key the lowest order keeps it,
 * in whatever order they are added: threads adding at once stay
 * deterministic (order: the input's place in the run).  Orders below
 * 2^62; galley_linkindex_add ranks after every galley_linkindex_add_at.
 */
GALLEY_API void	galley_linkindex_add_at(struct galley_linkindex *,
		    const struct galley_doc *, size_t order);
/*
 * The same, and the article is also known by its path below the folder
 * named ("one/post.md"), which tells it from "two/post.md".  A link
 * that names a file ("post.md", "one/post.md") goes to that file first,
 * whatever slugs other articles claim.
 */
GALLEY_API void	galley_linkindex_add_file(struct galley_linkindex *,
		    const struct galley_doc *, size_t order,
		    const char *path);
/*
 * Once every article is added: where articles share an id (post.md in
 * two folders, a slug that is another's file name), the lowest order
 * keeps it and each other gets the first "id-2", "id-3" that no article
 * has; links go to those.  Before it, every article keeps its own id.
 */
GALLEY_API void	galley_linkindex_seal(struct galley_linkindex *);
/* After galley_linkindex_seal: the id of the article added with order
 * (its own, or the one that tells it apart), NULL if none was; where it
 * is not its own, the order of the article that kept that into *keeper
 * if keeper is not NULL. */
GALLEY_API const char *galley_linkindex_id(const struct galley_linkindex *,
		    size_t order, size_t *keeper);
/* After galley_linkindex_seal: a digest of the ids it told apart, 0 if
 * none (a run that keeps state can tell that links may point elsewhere). */
GALLEY_API uint64_t galley_linkindex_renamed(const struct galley_linkindex *);
/* After galley_linkindex_seal: a digest of every name an article has in
 * it (paths, ids, slugs) and the article's id and language: two runs with
 * the same digest resolve the same links alike.  0 if not sealed. */
GALLEY_API uint64_t galley_linkindex_names(const struct galley_linkindex *);
/* The id of the article a site path ("/lease", "lease.md") names, or
 * NULL; its order (as given to galley_linkindex_add_at) into *order if
 * order is not NULL. */
GALLEY_API const char *galley_linkindex_lookup(
		    const struct galley_linkindex *, const char *path,
		    size_t *order);
/*
 * Resolve the site-relative links of doc ("/lease", "lease.md",
 * "../x/lease/#risk"): GALLEY_LINK_INTERNAL with u.link.target = the
 * target's meta.id and u.link.fragment; else an absolute URL when
 * opts->link_base is set; else GALLEY_LINK_UNRESOLVED (the writers keep
 * the text only) and a warning naming file:line:col.  Absolute URLs,
 * mailto: and "#fragment" links stay EXTERNAL.  idx may be NULL.
 * Idempotent.  0, or -1 with an error in dg.
 */
GALLEY_API int	galley_links_resolve(struct galley_doc *,
		    const struct galley_linkindex *,
		    const struct galley_opts *, struct galley_diag *);
/*
 * The same for the article added with order (after galley_linkindex_seal):
 * its relative links are read from its folder first ("post.md" in
 * two/a.md is two/post.md, "../alpha/" the page alpha next to its own).
 * Returns the number of relative links it found no article for.
 */
GALLEY_API int	galley_links_resolve_at(struct galley_doc *,
		    const struct galley_linkindex *, size_t order,
		    const struct galley_opts *, struct galley_diag *);
/* Unresolved links seen so far by galley_links_resolve with this index. */
GALLEY_API size_t galley_linkindex_unresolved(const struct galley_linkindex *);

#endif
