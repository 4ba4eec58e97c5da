/* Which reader an input wants, judged by its content alone. */
#ifndef SNIFF_H
#define SNIFF_H

#include "galley/pipeline.h"

/*
 * "markdown", "text" or "json", never by file name: YAML front matter
 * is Markdown, a JSON object with a "galley" key is galley JSON; else
 * Markdown syntax is weighed against the signs of a plain-text export
 * (a date line on top, bullet glyphs, short lines standing alone).
 * src is decoded text (UTF-8, LF line ends).
 */
const char	*sniff_format(const struct galley_src *src);

/*
 * The reader of a source that can name its article (front matter:
 * Markdown; JSON), or NULL: then only its file name does, and which
 * of Markdown or text it is does not matter (pass 1 of a run).
 */
const char	*sniff_naming(const struct galley_src *src);

#endif
