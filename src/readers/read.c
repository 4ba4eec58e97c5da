/*
 * galley_read(): raw bytes in, a document out.  Decodes the input to
 * UTF-8 with LF line ends, picks a reader (named, or by content) and
 * runs it.
 */
#include <stdlib.h>
#include <string.h>

#include "galley/pipeline.h"
#include "readers/encoding.h"
#include "readers/sniff.h"

void
galley_opts_init(struct galley_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->source_date = -1;
	opts->max_depth = GALLEY_MAX_DEPTH;
	opts->max_yaml_nodes = GALLEY_MAX_YAML_NODES;
}

/* The reader for a source by its content (sniff.c decides). */
static const struct galley_reader *
pick(const struct galley_src *src)
{
	const struct galley_reader	*r = galley_reader_find(sniff_format(src));

	return r != NULL ? r : galley_reader_find("markdown");
}

/*
 * Every reader's tree must respect --max-depth, so that no writer or
 * filter meets deeper nesting than the user allowed: -1 with an error
 * at the first node too deep.
 */
static int
check_depth(const struct galley_doc *doc, const char *name, int max,
    struct galley_diag *dg)
{
	const struct galley_node	*root = galley_doc_root(doc), *n;
	int				 depth = 0;

	for (n = root->first; n != NULL; ) {
		if (n->first != NULL) {
			if (++depth > max) {
				galley_diag_add(dg, GALLEY_ERROR, name,
				    n->first->pos.line, n->first->pos.col,
				    "nested deeper than %d levels "
				    "(--max-depth)", max);
				return -1;
			}
			n = n->first;
			continue;
		}
		while (n->next == NULL) {
			n = n->parent;
			depth--;
			if (n == root || n == NULL)
				return 0;
		}
		n = n->next;
	}
	return 0;
}

static int
blank(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			return 0;
	return 1;
}

int
galley_read(struct galley_doc **out, const char *name, const char *data,
    size_t len, const struct galley_opts *opts, struct galley_diag *dg)
{
	const struct galley_reader	*reader;
	struct galley_src		 src;
	struct galley_doc		*doc = NULL;
	char				*text = NULL;
	size_t				 text_len;
	int				 rc = -1;

	*out = NULL;
	if (enc_decode(&text, &text_len, name, data, len, dg) == -1)
		goto out;
	src.name = name;
	src.data = text;
	src.len = text_len;
	if (blank(text, text_len)) {
		galley_diag_add(dg, GALLEY_ERROR, name, 1, 1,
		    text_len == 0 ? "empty input" :
		    "input holds only white space");
		goto out;
	}
	if (opts->format != NULL && strcmp(opts->format, "auto") != 0) {
		if ((reader = galley_reader_find(opts->format)) == NULL) {
			galley_diag_add(dg, GALLEY_ERROR, name, 0, 0,
			    "unknown input format '%s'", opts->format);
			goto out;
		}
	} else
		reader = pick(&src);
	doc = galley_doc_new(name);
	galley_doc_meta(doc)->format = reader->name;
	if (reader->read(doc, &src, opts, dg) == -1)
		goto out;
	if (opts->max_depth > 0 &&
	    check_depth(doc, name, opts->max_depth, dg) == -1)
		goto out;
	*out = doc;
	doc = NULL;
	rc = 0;
out:
	galley_doc_free(doc);
	free(text);
	return rc;
}
