/*
 * galley_read(): raw bytes in, a document out.  Decodes the input to
 * UTF-8 with LF line ends, picks a reader (named, or by content) and
 * runs it.
 */
#include <stdlib.h>
#include <string.h>

#include "galley/pipeline.h"

void
galley_opts_init(struct galley_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->source_date = -1;
	opts->max_depth = GALLEY_MAX_DEPTH;
	opts->max_yaml_nodes = GALLEY_MAX_YAML_NODES;
}

/*
 * Strip a UTF-8 BOM, check UTF-8 and turn CRLF and CR into LF.  The
 * result is malloc'd.  -1 with an error naming the first bad byte.
 */
static int
decode(char **out, size_t *outlen, const char *name, const char *data,
    size_t len, struct galley_diag *dg)
{
	const unsigned char	*s = (const unsigned char *)data;
	size_t			 i = 0, o = 0;
	unsigned		 line = 1, col = 1;
	char			*d;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	d = malloc(len + 1);
	if (d == NULL) {
		galley_diag_add(dg, GALLEY_ERROR, name, 0, 0,
		    "out of memory");
		return -1;
	}
	while (i < len) {
		unsigned char	 c = s[i];
		size_t		 n = 1, k;

		if (c == 0) {
			galley_diag_add(dg, GALLEY_ERROR, name, line, col,
			    "NUL byte: not a text file");
			free(d);
			return -1;
		}
		if (c == '\r') {
			d[o++] = '\n';
			i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
			line++;
			col = 1;
			continue;
		}
		if (c >= 0x80) {
			if (c >= 0xc2 && c <= 0xdf)
				n = 2;
			else if (c >= 0xe0 && c <= 0xef)
				n = 3;
			else if (c >= 0xf0 && c <= 0xf4)
				n = 4;
			else
				n = 0;
			for (k = 1; n > 0 && k < n; k++)
				if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
					n = 0;
			if (n == 3 && ((c == 0xe0 && s[i + 1] < 0xa0) ||
			    (c == 0xed && s[i + 1] >= 0xa0)))
				n = 0;
			if (n == 4 && ((c == 0xf0 && s[i + 1] < 0x90) ||
			    (c == 0xf4 && s[i + 1] >= 0x90)))
				n = 0;
			if (n == 0) {
				galley_diag_add(dg, GALLEY_ERROR, name, line,
				    col, "invalid UTF-8 byte 0x%02x at byte "
				    "offset %zu", c, i);
				free(d);
				return -1;
			}
		}
		memcpy(d + o, s + i, n);
		o += n;
		i += n;
		if (c == '\n') {
			line++;
			col = 1;
		} else
			col++;
	}
	d[o] = '\0';
	*out = d;
	*outlen = o;
	return 0;
}

/* The reader for a source by its content. */
static const struct galley_reader *
pick(const struct galley_src *src)
{
	const struct galley_reader *const *r = galley_readers();
	const struct galley_reader	*best = NULL;
	int				 score, best_score = -1;

	for (; *r != NULL; r++)
		if ((score = (*r)->sniff(src)) > best_score) {
			best = *r;
			best_score = score;
		}
	return best;
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
	if (decode(&text, &text_len, name, data, len, dg) == -1)
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
	*out = doc;
	doc = NULL;
	rc = 0;
out:
	galley_doc_free(doc);
	free(text);
	return rc;
}
