/*
 * Private interface of the EPUB writer: the zip container, the package
 * being built (chapters, resources, metadata) and the parts that write
 * its documents.  Used by the files of src/writers/epub/ and by the
 * "galley book" command.
 */
#ifndef EPUB_H
#define EPUB_H

#include <stddef.h>

#include "galley/book.h"
#include "galley/buf.h"
#include "galley/diag.h"
#include "galley/doc.h"
#include "galley/pipeline.h"

char	*epub_strdup(const char *);	/* NULL stays NULL; exits on OOM */

/* zip.c: a zip archive streamed to a sink. */
struct zip;
struct zip	*zip_new(struct galley_sink *, long long mtime);
/*
 * Add one entry, deflated if compress and smaller; -1 on failure.
 * ZIP_DEFLATE_SHARED: the same bytes go into many archives (deflated
 * once per thread, then reused).
 */
#define ZIP_DEFLATE_SHARED	2
#define ZIP_STORE_BELOW		512	/* bytes: smaller entries are stored */
int	zip_add(struct zip *, const char *name, const void *, size_t,
	    int compress);
/* Write the central directory; -1 on failure. */
int	zip_finish(struct zip *);
void	zip_free(struct zip *);
void	zip_thread_release(void);

/*
 * svg.c: an SVG image with only what draws (no script, nothing loaded
 * from elsewhere, no editor's markup, no DOCTYPE), malloc'd, its size in
 * *outlen; NULL when data is not XML (why is "") or not an SVG document
 * libxml2 can read (why says what is wrong).
 */
char	*epub_svg_clean(const char *data, size_t len, size_t *outlen,
	    char *why, size_t whysz);

/* webp.c: 1 if data is a WebP image; its pixels as a PNG, malloc'd, its
 * size in *outlen, or NULL and why (why is also set for an animation,
 * whose first frame is made PNG: a warning). */
int	 epub_is_webp(const char *data, size_t len);
char	*epub_webp_to_png(const char *data, size_t len, size_t *outlen,
	    char *why, size_t whysz);

/* map.c: string keys to size_t values, keys copied. */
struct map {
	char	**keys;
	size_t	 *vals;
	size_t	  n, cap;
};
void	map_init(struct map *);
void	map_release(struct map *);
/* 1 and *val if key is present, else 0. */
int	map_get(const struct map *, const char *key, size_t *val);
/* Set key to val (replacing). */
void	map_put(struct map *, const char *key, size_t val);

/* A heading of a chapter, for the table of contents and links. */
struct epub_heading {
	int	 level;
	char	*id;
	char	*text;		/* NULL below level 3 */
	char	*gh;		/* the anchor GitHub gives it, or NULL */
};

struct epub_chapter {
	char			*file;	/* "c00001.xhtml", in OEBPS/text/ */
	char			*title;
	char			*lang;
	struct epub_heading	*h;
	size_t			 nh, caph;
};

/* The key of an article in a language in e->article: where translations
 * share an id, a link goes to the one in its chapter's language.
 * malloc'd. */
char	*epub_article_key(const char *id, const char *lang);

struct epub_item {			/* manifest entry but chapters */
	char	*id, *href, *type, *props;
	char	*from_text;		/* href from a chapter */
};

struct epub {
	struct zip		*zip;
	struct galley_sink	*out;
	const struct galley_opts *opts;
	struct galley_diag	*dg;
	struct galley_book	 book;	/* borrowed strings */
	char			*identifier;
	long long		 modified;	/* seconds since 1970 */
	char			 modified_str[24];
	char			*lang;		/* main language */
	struct epub_chapter	*ch;
	size_t			 nch, capch;
	struct map		 article;	/* article id -> chapter */
	struct epub_item	*items;
	size_t			 nitems, capitems;
	struct map		 images;	/* source path -> item */
	struct map		 dropped;	/* "chapter<element" said */
	struct map		 packed;	/* "../images/x" -> item */
	struct map		 langs;		/* languages seen */
	char			**langv;
	size_t			 nlang;
	struct map		 subjects;
	char			**subjectv;
	size_t			 nsubject;
	char			**creatorv;
	size_t			 ncreator;
	struct map		 creators;
	const char		*source;	/* dc:source, single articles */
	const char		*cover_href;	/* "images/cover.png" */
	size_t			 nimages;	/* <img> written */
	size_t			 nimages_noalt;
	int			 tables, notes;
	struct galley_buf	 buf;
};

/* pack.c: the package from first entry to central directory. */
/* Start: mimetype, container.xml, stylesheet, cover image. */
int	epub_open(struct epub *, struct galley_sink *,
	    const struct galley_book *, const struct galley_opts *,
	    long long modified, struct galley_diag *);
/* Register the next chapter; returns its index. */
size_t	epub_chapter_add(struct epub *, const char *article_id,
	    const char *title, const char *lang);
void	epub_chapter_heading(struct epub *, size_t ch, int level,
	    const char *id, const char *text);
/* The anchor GitHub gives the last heading added, made of its text. */
void	epub_chapter_anchor(struct epub *, size_t ch, const char *text);
/* The id of chapter ch's heading whose GitHub anchor is a, or NULL. */
const char *epub_chapter_anchor_id(const struct epub *, size_t ch,
	    const char *a);
/* A chapter added without a title takes its first heading's text, else
 * fallback (a file name). */
void	epub_chapter_untitled(struct epub *, size_t ch, const char *fallback);
void	epub_subject_add(struct epub *, const char *);
void	epub_creator_add(struct epub *, const char *);
void	epub_lang_add(struct epub *, const char *);
/* Write chapter ch from doc; basedir resolves its images. */
int	epub_chapter_write(struct epub *, size_t ch,
	    const struct galley_doc *, const char *basedir);
/* Title page, nav, NCX, package document, central directory. */
int	epub_close(struct epub *);
void	epub_release(struct epub *);
/*
 * Pack the local image url (relative to basedir) once; its href from
 * a chapter ("../images/i0001.png"), or NULL if it is missing or not
 * an image EPUB allows (a warning in dg at file:line:col).
 */
const char *epub_image(struct epub *, const char *url, const char *basedir,
	    const char *file, unsigned line, unsigned col);
/* 1 if href from chapter ch names something in the book (a chapter
 * and, after '#', an id in it) or is an absolute URL with a safe
 * scheme. */
int	epub_href_ok(const struct epub *, size_t ch, const char *href);
int	epub_url_is_absolute(const char *);
/* url fit for href/src (IDNA host, escapes), malloc'd; NULL: no host. */
char	*epub_url(const char *url);
int	epub_url_is_remote(const char *);
int	epub_chapter_has_id(const struct epub *, size_t ch, const char *id);

/* xhtml.c: chapters from the model. */
/* The headings of doc into chapter ch (ids as the chapter gets them). */
void	xhtml_headings(struct epub *, size_t ch, const struct galley_doc *);
int	xhtml_chapter(struct galley_buf *, struct epub *, size_t ch,
	    const struct galley_doc *, const char *basedir);
/* The text of a subtree (TEXT, CODE, breaks as spaces) appended. */
void	xhtml_text(struct galley_buf *, const struct galley_node *);
/* XHTML document head up to and including <body ...>. */
void	xhtml_head(struct galley_buf *, const char *lang, const char *title,
	    const char *css, const char *body_type);
void	xhtml_foot(struct galley_buf *);
/* 1 if the BCP 47 tag is a right-to-left language or script. */
int	epub_lang_rtl(const char *lang);

/* html_clean.c: raw HTML as safe, well-formed XHTML. */
struct html_ctx {
	struct epub		*e;
	size_t			 ch;
	const char		*basedir, *file;
	unsigned		 line, col;
	struct map		*ids;		/* ids allowed in the chapter */
	struct map		*emitted;	/* ids already written */
};
/* Parse html and append what is safe; phrasing: only phrasing
 * content may come out (the fragment sits inside a <p> or such). */
void	html_clean(struct galley_buf *, const char *html, size_t len,
	    int phrasing, struct html_ctx *);

/* opf.c, nav.c */
void	opf_write(struct galley_buf *, const struct epub *);
void	nav_write(struct galley_buf *, const struct epub *);
void	ncx_write(struct galley_buf *, const struct epub *);
void	titlepage_write(struct galley_buf *, const struct epub *);
void	coverpage_write(struct galley_buf *, const struct epub *);
/* "Contents" and such in the book's language. */
const char *nav_word(const char *lang, int which);
/* The language of nav_word's words for lang: lang, or "en" when there
 * are none in lang. */
const char *nav_word_lang(const char *lang);
enum { WORD_CONTENTS, WORD_LANDMARKS, WORD_TITLEPAGE, WORD_COVER,
	WORD_START, WORD_DONE, WORD_TODO, WORD_BACK, WORD_NOTE, WORD_TIP,
	WORD_IMPORTANT, WORD_WARNING, WORD_CAUTION };
/* A GitHub alert's title in lang ("Hinweis"), in English where there
 * are no words in lang; NULL for another kind. */
const char *nav_callout(const char *lang, const char *kind);

/* css.c */
extern const char	epub_css[];

/* book.c: book.yaml and chapter order. */
/* Fill book from a book.yaml value tree (strings from doc's arena). */
int	epub_book_from_yaml(struct galley_book *, struct galley_doc *,
	    const struct galley_value *, const char *dir, const char *file,
	    struct galley_diag *);
/* An article's language: meta.language, else a "language" or "lang"
 * key of its front matter; NULL if none. */
const char *epub_meta_lang(const struct galley_meta *);
/* Seconds since 1970 of an ISO 8601 date or date-time, or -1. */
long long epub_date_epoch(const char *);
/* A stable "urn:uuid:" from text (a v8 UUID of its hash) into out. */
void	epub_uuid(char out[46], const char *text, size_t len);

#endif
