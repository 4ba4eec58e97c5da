/*
 * Raw HTML blocks that open a container and leave it for a later block
 * to close ("<details><summary>More</summary>", Markdown, "</details>";
 * "<div align=center>" around a README's title).  The sections filter
 * keeps such a pair in one parent; the EPUB writer renders the blocks
 * from one to the other as one piece of HTML.
 */
#ifndef GALLEY_RAWHTML_H
#define GALLEY_RAWHTML_H

#include <stddef.h>

#define RAW_CONTAINERS	16	/* room for each container counted */

/* Add to depth[] how many of each container the raw HTML s opens (+1
 * each) or closes (-1 each); comments aside. */
void	raw_containers(const char *s, int depth[RAW_CONTAINERS]);

/* The counts of each of n blocks into dv[n] (zeros for a block that
 * is no raw HTML): the scans of later blocks add them up, so that each
 * block is read once however many openers look past it.  malloc'd;
 * NULL when out of memory. */
struct galley_node;
int	(*raw_counts(struct galley_node *const *v, size_t n))[RAW_CONTAINERS];

/* 1 if any depth is above 0 (a container is open), else 0; -1 if one
 * is below 0 (more closed than opened). */
int	raw_open(const int depth[RAW_CONTAINERS]);

#endif
