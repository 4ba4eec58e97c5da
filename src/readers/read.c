/*
 * galley_read(): raw bytes in, a document out.  Decodes the input to
 * UTF-8 with LF line ends, picks a reader (named, or by content) and
 * runs it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "galley/pipeline.h"
#include "model/bytes.h"
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
				    "(--max-depth; a list counts two, "
				    "list and item)", max);
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

/*
 * Characters XML 1.0 forbids (C0 controls but tab and line ends, U+FFFE,
 * U+FFFF) stay in the model and in JSON; the XML writers put U+FFFD in
 * their place (a space for a form feed or a vertical tab: a page break,
 * Word's line break).  Say so once per file, at the first one.
 */
static void
report_xml_forbidden(const char *name, const char *text, size_t len,
    struct galley_diag *dg)
{
	const unsigned char	*s = (const unsigned char *)text;
	size_t			 i, n = 0, at = 0, ws = 0;
	unsigned		 line = 1, col = 1, first = 0;

	for (i = 0; i < len; i++) {
		/* eight bytes at a time while none is below 0x20 or 0xef */
		while (i + 8 <= len) {
			uint64_t	 w = bytes_load(s + i);

			if (bytes_below(w, 0x20) | bytes_eq(w, 0xef))
				break;
			i += 8;
		}
		if (i == len)
			break;
		if (s[i] >= 0x20 && s[i] != 0xef)
			continue;
		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			continue;
		if (s[i] == 0xef && !(i + 2 < len && s[i + 1] == 0xbf &&
		    (s[i + 2] == 0xbe || s[i + 2] == 0xbf)))
			continue;
		if (n++ == 0)
			at = i;
		ws += s[i] == '\f' || s[i] == '\v';
	}
	if (n == 0)
		return;
	for (i = 0; i < at; i++)
		if (s[i] == '\n') {
			line++;
			col = 1;
		} else if ((s[i] & 0xc0) != 0x80)
			col++;
	first = s[at] == 0xef ? (s[at + 2] == 0xbe ? 0xfffe : 0xffff) : s[at];
	galley_diag_add(dg, GALLEY_WARNING, name, line, col, "%zu character%s "
	    "that XML 1.0 does not allow (the first is U+%04X): EPUB and TEI "
	    "show %s in %s place, JSON keeps %s", n, n == 1 ? "" : "s",
	    first, ws == n ? "a space" : ws > 0 ? "U+FFFD (a space for a "
	    "form feed or vertical tab)" : "U+FFFD", n == 1 ? "its" : "their",
	    n == 1 ? "it" : "them");
}

/* The first text of galley JSON that holds characters XML forbids
 * (escaped in the JSON as "\u0001", so not seen in its bytes). */
struct forbidden {
	const struct galley_node *at;
	size_t			 n;
};

static int
is_forbidden(const unsigned char *p)
{
	return (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
	    (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf));
}

static enum galley_walk
forbidden_visit(struct galley_node *n, int entering, void *arg)
{
	struct forbidden	*f = arg;
	const unsigned char	*p;

	if (!entering || n->literal == NULL)
		return GALLEY_WALK_NEXT;
	for (p = (const unsigned char *)n->literal; *p != '\0'; p++)
		if (is_forbidden(p) && f->n++ == 0)
			f->at = n;
	return GALLEY_WALK_NEXT;
}

static void
json_forbidden(struct galley_doc *doc, const char *name,
    struct galley_diag *dg)
{
	struct forbidden	 f = { NULL, 0 };

	galley_walk(galley_doc_root(doc), forbidden_visit, &f);
	if (f.n == 0)
		return;
	galley_diag_add(dg, GALLEY_WARNING, name, f.at->pos.line,
	    f.at->pos.col, "%zu character%s that XML 1.0 does not allow in "
	    "the text: EPUB and TEI show U+FFFD (a space for a form feed or "
	    "vertical tab) in %s place, JSON keeps %s", f.n, f.n == 1 ? "" :
	    "s", f.n == 1 ? "its" : "their", f.n == 1 ? "it" : "them");
}

/*
 * The encoding to read in.  Pass 1 of a run (meta_only) needs only what
 * names an article for links: its file name, and front matter (or JSON's
 * meta).  A file without either that is not UTF-8 is read as Windows-1252,
 * which any bytes are, instead of asking ICU's charset detector, which
 * costs as much as the rest of the pass; pass 2 detects.
 */
static const char *
index_encoding(const char *data, size_t len, const struct galley_opts *opts)
{
	if (!opts->meta_only || (opts->encoding != NULL &&
	    *opts->encoding != '\0' && strcmp(opts->encoding, "auto") != 0))
		return opts->encoding;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (len >= 3 && memcmp(data, "---", 3) == 0)
		return opts->encoding;		/* front matter */
	while (len > 0 && (*data == ' ' || *data == '\t' || *data == '\r' ||
	    *data == '\n')) {
		data++;
		len--;
	}
	return len > 0 && *data == '{' ? opts->encoding :	/* JSON */
	    "windows-1252";
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
	if (enc_decode(&text, &text_len, name, data, len, index_encoding(data,
	    len, opts), dg) == -1)
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
	if (!opts->meta_only)	/* pass 1 of a run: pass 2 says it */
		report_xml_forbidden(name, text, text_len, dg);
	if ((opts->format == NULL || strcmp(opts->format, "auto") == 0) &&
	    galley_markup_kind(text, text_len) != NULL) {
		galley_diag_add(dg, GALLEY_ERROR, name, 1, 1, "an %s document, "
		    "which galley does not read: it reads Markdown, plain "
		    "text and galley JSON (-f text reads it as plain text)",
		    galley_markup_kind(text, text_len));
		goto out;
	}
	if (opts->format != NULL && strcmp(opts->format, "auto") != 0) {
		if ((reader = galley_reader_find(opts->format)) == NULL) {
			galley_diag_add(dg, GALLEY_ERROR, name, 0, 0,
			    "unknown input format '%s'", opts->format);
			goto out;
		}
	} else if (opts->meta_only && sniff_naming(&src) == NULL) {
		/* pass 1 of a run: no front matter, no JSON, so only the
		 * file name names the article (the meta filter takes it);
		 * Markdown or text, the body is not read */
		*out = galley_doc_new(name);
		rc = 0;
		goto out;
	} else
		reader = pick(&src);
	doc = galley_doc_new(name);
	galley_doc_meta(doc)->format = reader->name;
	galley_doc_set_reader(doc, reader->name);
	if (reader->read(doc, &src, opts, dg) == -1)
		goto out;
	if (!opts->meta_only && strcmp(reader->name, "json") == 0)
		json_forbidden(doc, name, dg);
	/* galley JSON keeps the format its article was first read from */
	if (opts->verbose && !opts->meta_only)
		galley_diag_add(dg, GALLEY_NOTE, name, 0, 0, strcmp(
		    galley_doc_meta(doc)->format, reader->name) == 0 ?
		    "read as %s" : "read as %s (an article first read as %s)",
		    reader->name, galley_doc_meta(doc)->format);
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
