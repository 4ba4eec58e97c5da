/* Front matter, YAML or TOML: split it off a Markdown file, parse it. */
#ifndef FRONTMATTER_H
#define FRONTMATTER_H

#include <stddef.h>

#include <jansson.h>

#include "galley/diag.h"
#include "galley/doc.h"

/*
 * If text opens with a "---" line, find the closing "---" or "..."
 * line (YAML); if with a "+++" line, the closing "+++" (TOML, as Hugo
 * writes it).  0: no front matter (yaml NULL); 1: found, yaml and
 * yaml_len are its text, *toml 1 if it is TOML, *body the rest,
 * *body_line the 1-based line it starts on; -1: never closed (error in
 * dg).
 */
int	fm_split(const char *text, size_t len, const char **yaml,
	    size_t *yaml_len, int *toml, const char **body,
	    unsigned *body_line, const char *name, struct galley_diag *);

/*
 * Parse YAML text into a generic value in doc's arena; first_line is
 * the file line the text starts on, for messages.  Aliases are
 * expanded up to max_nodes values in all.  -1 with an error naming
 * file:line:col (-2 when the text is no YAML at all, a syntax error).
 * An empty document gives a NULL value.
 */
int	fm_parse_yaml(struct galley_value **out, struct galley_doc *,
	    const char *name, const char *text, size_t len,
	    unsigned first_line, size_t max_nodes, struct galley_diag *);

/*
 * MultiMarkdown's and Pelican's metadata: a first block of "Key: value"
 * lines (a line indented by four spaces or a tab goes on the value
 * before), ended by a blank line, whose first key is one a page's
 * metadata has (title, date, author...).  1 with the block in meta and
 * meta_len, *body and *body_line after the blank line; 0 if none.
 */
int	fm_split_mmd(const char *text, size_t len, const char **meta,
	    size_t *meta_len, const char **body, unsigned *body_line);

/*
 * Front matter as the seeds write it: every line a "key: value" line at
 * the margin (or a comment).  Such a block that YAML cannot read
 * ("description: Le bail : définition") is read one line a key, as
 * fm_parse_mmd does, with a warning; 1 if text is one.
 */
int	fm_flat(const char *text, size_t len);
/* Warnings where YAML reads such a block otherwise than its author
 * wrote it: a value cut at " #" (a comment), a value that opens with
 * '!' (a tag) or '&' (an anchor). */
void	fm_flat_warn(const char *text, size_t len, const char *name,
	    unsigned first_line, struct galley_diag *);

/*
 * That block into a map of strings, keys in lower case without spaces
 * (as MultiMarkdown has them); "authors" a list, split at commas (as
 * Pelican has it).  A key given twice: the first is kept, a warning at
 * the second.  0 always (the split checked the form).
 */
int	fm_parse_mmd(struct galley_value **out, struct galley_doc *,
	    const char *name, const char *text, size_t len,
	    unsigned first_line, struct galley_diag *);

/*
 * Hugo's JSON front matter: the object that opens the file, its "}"
 * alone on a line, text after it.  0 always; *out NULL if it is none
 * (then *body and *body_line are left), -1 with an error at file:line:
 * col when the object is no JSON.
 */
int	fm_json(struct galley_value **out, struct galley_doc *,
	    const char *name, const char *text, size_t len,
	    const char **body, unsigned *body_line, struct galley_diag *);

/* The same for TOML text (toml++, through toml_shim.cc): dates and
 * times become ISO 8601 strings, numbers and booleans their text. */
int	fm_parse_toml(struct galley_value **out, struct galley_doc *,
	    const char *name, const char *text, size_t len,
	    unsigned first_line, size_t max_nodes, struct galley_diag *);

/* The end of that object's "}" line, or NULL (for sniff.c). */
const char *fm_json_end(const char *text, size_t len,
	    unsigned *close_line);

/* A jansson value as galley's generic value (json.c). */
struct galley_value *fm_json_value(struct galley_doc *, json_t *);

#endif
