/* Jekyll's Liquid in a Markdown body (liquid.c). */
#ifndef LIQUID_H
#define LIQUID_H

#include <stddef.h>

#include "galley/diag.h"

/*
 * A copy of body (malloc'd, as long) with the Liquid that carries
 * content or links read: highlight blocks as fenced code, post_url and
 * link in a link's destination as the post's path, site.baseurl
 * before a destination and raw/endraw as nothing; or NULL if there is
 * none.  Other tags outside code are noted (-v) at file:line:col from
 * first_line when verbose.
 */
char	*md_liquid(const char *body, size_t len, const char *file,
	    unsigned first_line, int verbose, struct galley_diag *);

#endif
