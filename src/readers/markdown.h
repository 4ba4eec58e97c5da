/* The Markdown body parser, shared with the spec tests and repairs. */
#ifndef MARKDOWN_H
#define MARKDOWN_H

#include <stddef.h>

#include "galley/doc.h"
#include "galley/diag.h"

/* Bodies larger than this are parsed without the autolink extension. */
#define MD_AUTOLINK_MAX		(2 << 20)

/* cmark-gfm options galley parses with. */
#define MD_CMARK_OPTIONS	(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES)

/*
 * Register cmark-gfm's extensions as galley uses them (markdown.c says
 * how): once per process, before any parse; md_parse_body() calls it.
 * Code that parses with cmark-gfm itself (the spec tests) calls it
 * first.
 */
void	md_init(void);

/*
 * Parse a Markdown body (no front matter) with cmark-gfm and append its
 * blocks to doc's root; first_line is the file line the body starts
 * on.  -1 with an error in dg.
 */
int	md_parse_body(struct galley_doc *, const char *name,
	    const char *body, size_t len, unsigned first_line,
	    int max_depth, struct galley_diag *);

/*
 * Attribute blocks of Pandoc, kramdown and Hugo (attrs.c): "## Title
 * {#id .class}" gives the heading its id, "``` {.lang}" the fence its
 * language; notes of what has no place go to notes if not NULL.
 */
void	md_attrs(struct galley_doc *, const char *name,
	    struct galley_diag *notes);

/*
 * The source lines of a body, by file line (srcline.c), for passes over
 * the model that look at how its text was written.  Asked in order,
 * each line is found from the last.
 */
struct md_lines {
	const char	*body;
	size_t		 len;
	unsigned	 first_line;	/* the file line body starts on */
	unsigned	 line;		/* the last line found, */
	size_t		 at;		/* at this offset */
};

void	md_lines_init(struct md_lines *, const char *body, size_t len,
	    unsigned first_line);
/* File line line of the body and its length (no newline); NULL if it
 * is not in the body. */
const char *md_line(struct md_lines *, unsigned line, size_t *len);
/* The byte offset of character column col (1-based) in s[0..len). */
size_t	md_col_offset(const char *s, size_t len, unsigned col);
/*
 * Where each byte of a text node's literal s (len bytes) stands in its
 * source line, which the node starts at character column col: at[i]
 * is the byte's offset in the line where it is written as it is,
 * MD_NONE where it is written escaped ("\[") or past an entity.
 */
#define MD_NONE	((size_t)-1)
/* The column of byte off of a line, counted on from the last asked (a
 * node's links come in order): a line of many stays linear. */
struct md_cols {
	const char	*line;
	size_t		 off;	/* the last byte asked, */
	unsigned	 col;	/* its column */
};

void	md_cols_init(struct md_cols *, const char *line);
unsigned md_col_of(struct md_cols *, size_t off);
/*
 * A text node's source: its line into *line, a column cursor on it into
 * *cols, and where each byte of its literal stands there (as
 * md_map_source says; malloc'd, free it); NULL if its line is not in
 * the body.
 */
size_t	*md_text_source(struct md_lines *, const struct galley_node *,
	    const char **line, struct md_cols *cols);
/* What is left of text node n past byte last of its literal, at column
 * after: its text then; nothing, if it all went (last at its end). */
void	md_text_rest(struct galley_doc *, struct galley_node *n, size_t last,
	    unsigned after);
/* Whether body holds the two bytes mark ("[[", "==", "[!"): most
 * bodies have none, and their pass has nothing to do. */
int	md_has(const char *body, size_t len, const char *mark);
/*
 * The nodes of doc, in reading order, for which want() holds (not
 * inside links and images if skip_links), into *v (malloc'd; free it)
 * and their number into *n: a pass collects them first, then changes
 * the tree.
 */
void	md_collect(struct galley_doc *, int (*want)(const struct galley_node *),
	    int skip_links, struct galley_node ***v, size_t *n);
void	md_map_source(const char *line, size_t llen, unsigned col,
	    const char *s, size_t len, size_t *at);

/*
 * Alerts (GitHub's "> [!NOTE]") and callouts (Obsidian's "> [!tip] A
 * title"), callout.c: the quote takes the kind and title, the marker
 * line goes.
 */
void	md_callouts(struct galley_doc *, const char *body, size_t len,
	    unsigned first_line);

/* Highlights, "==text==" (mark.c): mark nodes. */
void	md_marks(struct galley_doc *, const char *body, size_t len,
	    unsigned first_line);

/*
 * Wiki links (wikilink.c): "[[Page]]", "[[Page|label]]", "[[Page#A
 * heading]]" in the text of doc become links to "Page", where the body
 * (len bytes, from file line first_line of the file name) has them so.
 */
void	md_wikilinks(struct galley_doc *, const char *name, const char *body,
	    size_t len, unsigned first_line);
/*
 * An embed's file named by its name alone, not beside note: its path
 * from note's folder, found in note's Obsidian vault (vault.c); NULL if
 * it is beside the note or nowhere there.  Malloc'd.
 */
char	*md_vault_find(const char *note, const char *name);

#endif
