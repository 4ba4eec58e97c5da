/*
 * The galley document model: metadata plus a block/inline tree.
 * Every reader builds it, every filter edits it, every writer reads it.
 * All memory of a document (nodes, strings, metadata) lives in the
 * document's arena and is released at once by galley_doc_free().
 */
#ifndef GALLEY_DOC_H
#define GALLEY_DOC_H

#include <stddef.h>

#include "galley/export.h"

/*
 * Node kinds.  Each says what it becomes in every output:
 * JSON "type" / XHTML element / TEI element.
 */
enum galley_node_type {
	GALLEY_NODE_DOCUMENT,	/* root            body            TEI <body> */
	GALLEY_NODE_SECTION,	/* "section"       <section>       <div type="section"> */
	GALLEY_NODE_PARAGRAPH,	/* "paragraph"     <p>             <p> */
	GALLEY_NODE_HEADING,	/* "heading"       <hN>            <head> */
	GALLEY_NODE_QUOTE,	/* "quote"         <blockquote>    <quote> */
	GALLEY_NODE_LIST,	/* "list"          <ul>/<ol>       <list rend=...> */
	GALLEY_NODE_ITEM,	/* "item"          <li>            <item> */
	GALLEY_NODE_CODE_BLOCK,	/* "code_block"    <pre><code>     <ab type="code"> */
	GALLEY_NODE_HTML_BLOCK,	/* "html_block"    sanitised XHTML <ab type="html"> */
	GALLEY_NODE_THEMATIC_BREAK, /* "thematic_break" <hr/>      <milestone unit="section"/> */
	GALLEY_NODE_TABLE,	/* "table"         <table>         <table> */
	GALLEY_NODE_TABLE_ROW,	/* "table_row"     <tr>            <row> */
	GALLEY_NODE_TABLE_CELL,	/* "table_cell"    <td>/<th>       <cell> */
	GALLEY_NODE_FOOTNOTE_DEF, /* "footnote_definition" <aside epub:type=footnote> <note place=foot> */
	GALLEY_NODE_TEXT,	/* "text"          text            text */
	GALLEY_NODE_SOFTBREAK,	/* "softbreak"     newline         space */
	GALLEY_NODE_LINEBREAK,	/* "linebreak"     <br/>           <lb/> */
	GALLEY_NODE_CODE,	/* "code"          <code>          <code> */
	GALLEY_NODE_HTML_INLINE, /* "html_inline"  sanitised XHTML <seg type="html"> */
	GALLEY_NODE_EMPH,	/* "emph"          <em>            <hi rend="italic"> */
	GALLEY_NODE_STRONG,	/* "strong"        <strong>        <hi rend="bold"> */
	GALLEY_NODE_STRIKE,	/* "strikethrough" <del>           <hi rend="strikethrough"> */
	GALLEY_NODE_LINK,	/* "link"          <a href>        <ref target> */
	GALLEY_NODE_IMAGE,	/* "image"         <img>           <figure><graphic> */
	GALLEY_NODE_FOOTNOTE_REF, /* "footnote_reference" <a epub:type=noteref> <ptr>/<note> */
	GALLEY_NODE_MARK,	/* "mark"          <mark>          <hi rend="highlight"> */
	GALLEY_NODE__MAX
};

enum galley_link_kind {
	GALLEY_LINK_EXTERNAL,	/* absolute URL, mailto:, fragment: kept as is */
	GALLEY_LINK_INTERNAL,	/* resolved to another article: u.link.target */
	GALLEY_LINK_UNRESOLVED	/* relative, not resolved: writers keep the text only */
};

enum galley_align {
	GALLEY_ALIGN_NONE,
	GALLEY_ALIGN_LEFT,
	GALLEY_ALIGN_CENTER,
	GALLEY_ALIGN_RIGHT
};

struct galley_pos {
	unsigned	 line;	/* 1-based line in the user's file; 0 if made */
	unsigned	 col;	/* 1-based column in characters; 0 if made */
};

struct galley_node {
	enum galley_node_type	 type;
	struct galley_pos	 pos;
	struct galley_node	*parent, *first, *last, *prev, *next;
	const char		*literal; /* TEXT CODE CODE_BLOCK HTML_*: UTF-8 */
	const char		*id;	/* HEADING SECTION FOOTNOTE_DEF: XML NCName */
	union {
		struct {
			int	 level;		/* 1..6 */
		} heading;
		struct {
			int	 level;		/* level of its heading */
		} section;
		struct {
			int	 ordered;	/* 0 bullet, 1 ordered */
			int	 start;		/* first number if ordered */
			int	 tight;		/* 1 tight, 0 loose */
			char	 delim;		/* '.' or ')' for ordered */
			char	 numbering;	/* ordered: 'a' or 'A' for
						   letters, 'i' or 'I' for
						   Roman numerals, '\0'
						   digits */
		} list;
		struct {
			const char *callout;	/* an alert or callout ("> [!TIP]"):
						   its kind in lower case, "tip";
						   NULL for a plain quote */
			const char *title;	/* the callout's own title, or
						   NULL */
		} quote;
		struct {
			int	 task;		/* 1 if a task list item */
			int	 checked;	/* 1 if [x] */
		} item;
		struct {
			const char *info;	/* info string, "" if none */
			int	 fenced;
		} code_block;
		struct {
			int	 header;	/* 1 for the header row */
		} row;
		struct {
			enum galley_align align;
		} cell;
		struct {
			const char *url;	/* as written (LINK, IMAGE) */
			const char *title;	/* "" if none */
			enum galley_link_kind kind;
			const char *target;	/* INTERNAL: target article id */
			const char *fragment;	/* INTERNAL: id inside it or NULL */
			const char *target_lang; /* INTERNAL: the language of
						   the translation it names,
						   where translations share
						   the target id; else NULL */
		} link;
		struct {
			const char *label;	/* footnote label as written */
			int	 index;		/* 1-based order of definition */
		} note;
	} u;
};

/* A generic YAML/JSON value for metadata without a slot of its own. */
enum galley_value_kind {
	GALLEY_VALUE_NULL,
	GALLEY_VALUE_STRING,	/* any scalar, as written */
	GALLEY_VALUE_LIST,
	GALLEY_VALUE_MAP
};

struct galley_value {
	enum galley_value_kind	 kind;
	const char		*key;	/* set when a member of a map */
	const char		*str;	/* STRING */
	int			 plain;	/* STRING: 1 if an unquoted scalar */
	struct galley_value	*first, *last, *next;	/* LIST, MAP */
	struct galley_pos	 pos;
};

struct galley_strlist {
	const char		**v;
	size_t			  n, cap;
};

struct galley_meta {
	const char		*title;
	const char		*description;
	struct galley_strlist	 keywords;
	struct galley_strlist	 authors;
	const char		*language;	/* BCP 47 */
	double			 language_confidence; /* 1.0 given, 0..1 detected */
	const char		*date;		/* ISO 8601 */
	const char		*date_text;	/* the date as written */
	const char		*source;	/* input path as given */
	const char		*id;		/* stable id, an NCName */
	const char		*uuid;		/* lower-case UUID: given, or
						   v5 of source and title */
	const char		*slug;		/* for links: slug or file stem */
	const char		*format;	/* reader that read it */
	struct galley_value	*extra;		/* MAP: every other key */
	struct galley_pos	 date_pos;	/* where date was written;
						   0:0 if unknown */
	struct galley_pos	 language_pos;	/* where lang was written;
						   0:0 if unknown */
	int			 language_detected; /* 1: from the text
						   (CLD2), not given */
};

struct galley_doc;

/* New empty document with a DOCUMENT root; NULL never (exits on OOM). */
GALLEY_API struct galley_doc	*galley_doc_new(const char *source);
GALLEY_API void			 galley_doc_free(struct galley_doc *);
/* Borrowed until galley_doc_free(). */
GALLEY_API struct galley_node	*galley_doc_root(const struct galley_doc *);
GALLEY_API struct galley_meta	*galley_doc_meta(const struct galley_doc *);
/* The reader galley_read() used ("json" for galley JSON, whose
 * meta.format names the reader its article was first read with); a
 * static string.  Else meta.format. */
GALLEY_API const char	*galley_doc_reader(const struct galley_doc *);
/* 1 if s is NULL, empty or only white space (Unicode's White_Space and
 * the zero-width space): a title or description that says nothing. */
GALLEY_API int		 galley_blank(const char *s);
GALLEY_API void		 galley_doc_set_reader(struct galley_doc *,
			    const char *static_name);

/* Arena: memory released with the document. */
GALLEY_API void	*galley_doc_alloc(struct galley_doc *, size_t);
GALLEY_API char	*galley_doc_strdup(struct galley_doc *, const char *);
GALLEY_API char	*galley_doc_strndup(struct galley_doc *, const char *, size_t);
GALLEY_API char	*galley_doc_printf(struct galley_doc *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

GALLEY_API struct galley_node	*galley_node_new(struct galley_doc *,
				    enum galley_node_type, struct galley_pos);
/* Tree edits: 0, or -1 if the parent may not hold the child. */
GALLEY_API int	galley_node_append(struct galley_node *parent,
		    struct galley_node *child);
GALLEY_API int	galley_node_insert_before(struct galley_node *sibling,
		    struct galley_node *child);
GALLEY_API void	galley_node_unlink(struct galley_node *);
GALLEY_API int	galley_node_can_contain(enum galley_node_type parent,
		    enum galley_node_type child);
GALLEY_API int	galley_node_is_block(enum galley_node_type);
/* 1 if the last character of a and the first of b (UTF-8, alen and
 * blen bytes) are both Chinese or Japanese: lines of such text join
 * with no space.  Hangul is not: Korean spaces its words. */
GALLEY_API int	galley_cjk_join(const char *a, size_t alen, const char *b,
		    size_t blen);
/* 1 for a soft line break between Chinese or Japanese characters: its
 * lines join with no space (writers write nothing for it). */
GALLEY_API int	galley_softbreak_joins(const struct galley_node *);
/* "paragraph", "code_block", ...: the JSON names. */
GALLEY_API const char	*galley_node_type_name(enum galley_node_type);
/* Inverse of the above; -1 if unknown. */
GALLEY_API int		 galley_node_type_from_name(const char *);

GALLEY_API void	galley_strlist_add(struct galley_doc *,
		    struct galley_strlist *, const char *);
/* The next separator of a list written in one string ("a, b; c", and
 * the Arabic, ideographic and full-width commas "،" "、" "，", the
 * Arabic and full-width semicolons "؛" "；"), its
 * length in *len; NULL if none. */
GALLEY_API const char	*galley_list_sep(const char *s, size_t *len);

GALLEY_API struct galley_value	*galley_value_new(struct galley_doc *,
				    enum galley_value_kind);
GALLEY_API void	galley_value_append(struct galley_value *parent,
		    struct galley_value *child);
/* Member of a MAP by key, or NULL. */
GALLEY_API struct galley_value	*galley_value_get(const struct galley_value *,
				    const char *key);
/* Keys of the metadata's extra that give where the article was on the
 * web ("url", "source_url", "canonical_url", "canonical",
 * "original_url", "link"), NULL-terminated. */
GALLEY_API extern const char *const galley_url_keys[];
/* The first of them that holds an http(s) address, or NULL. */
GALLEY_API const char	*galley_meta_url(const struct galley_meta *);

/*
 * The document as bytes, for a spool, and back: every field, any depth.
 * Only the same build of galley reads them back; unpack gives NULL if
 * the bytes are not one whole document.
 */
struct galley_buf;
GALLEY_API void	galley_doc_pack(const struct galley_doc *,
		    struct galley_buf *);
GALLEY_API struct galley_doc	*galley_doc_unpack(const char *, size_t);

/* Walking: enter and exit events, iterative. */
enum galley_walk {
	GALLEY_WALK_NEXT,
	GALLEY_WALK_SKIP,	/* on entry: skip the children */
	GALLEY_WALK_STOP
};
typedef enum galley_walk (*galley_visit_fn)(struct galley_node *,
    int entering, void *arg);
/* Visit root and each node under it; -1 if a visit said STOP. */
GALLEY_API int	galley_walk(struct galley_node *, galley_visit_fn, void *arg);

/* The text of a subtree as a reader sees it (alt text, titles...),
 * appended to a new arena string. */
GALLEY_API char	*galley_node_text(struct galley_doc *,
		    const struct galley_node *);

#endif
