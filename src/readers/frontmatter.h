/* Front matter, YAML or TOML: split it off a Markdown file, parse it. */
#ifndef FRONTMATTER_H
#define FRONTMATTER_H

#include <stddef.h>

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
 * file:line:col.  An empty document gives a NULL value.
 */
int	fm_parse_yaml(struct galley_value **out, struct galley_doc *,
	    const char *name, const char *text, size_t len,
	    unsigned first_line, size_t max_nodes, struct galley_diag *);

/* The same for TOML text (toml++, through toml_shim.cc): dates and
 * times become ISO 8601 strings, numbers and booleans their text. */
int	fm_parse_toml(struct galley_value **out, struct galley_doc *,
	    const char *name, const char *text, size_t len,
	    unsigned first_line, size_t max_nodes, struct galley_diag *);

#endif
