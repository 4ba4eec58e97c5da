/* Hugo's shortcodes in a Markdown body (shortcode.c). */
#ifndef SHORTCODE_H
#define SHORTCODE_H

#include <stddef.h>

#include "galley/diag.h"

/*
 * A copy of body (malloc'd, as long) where {{< ref "x" >}} and relref as
 * a link's destination are "x" and spaces, or NULL if there is none;
 * other shortcodes are warned of, at file:line:col from first_line.
 */
char	*md_shortcodes(const char *body, size_t len, const char *file,
	    unsigned first_line, struct galley_diag *);

/* Whether the text before off (spaces aside, from the line's start)
 * opens a link's destination: "](" or a definition's "]:". */
int	md_in_destination(const char *text, size_t off, size_t line_start);

#endif
