/*
 * Private to the TEI writers: tei.c (one TEI per article) and
 * tei_corpus.c (a teiCorpus) build the same <TEI> element with
 * tei_article(), from the header (tei_header.c) and body (tei_body.c)
 * parts, on the small libxml2 helpers of tei_xml.c.
 */
#ifndef TEI_H
#define TEI_H

#include <libxml/tree.h>
#include <libxml/hash.h>

#include "galley/book.h"
#include "galley/pipeline.h"

#define TEI_NS	"http://www.tei-c.org/ns/1.0"

/* A ref whose "#id" target is checked once every id is known. */
struct tei_fix {
	xmlNodePtr	 node;
	char		*want;		/* id wanted, malloc'd */
	char		*fallback;	/* used if want was not issued */
	char		*anchor;	/* or NULL: "ARTICLE#anchor" to try */
	char		*miss;		/* or NULL: said when it is, with */
	char		*file;		/* ... the link's place */
	unsigned	 line, col;
};

/*
 * One output file.  resolve, when set (in a corpus), maps an internal
 * link's target article id, in the language of the linking text, to
 * the xml:id of that article's TEI element; NULL if not in the file.
 */
struct tei_ctx {
	xmlDocPtr		 xdoc;
	xmlNsPtr		 ns;	/* TEI namespace, on the root */
	xmlHashTablePtr		 ids;	/* every xml:id issued */
	xmlHashTablePtr		 known;	/* or NULL: every xml:id of the
					   file, issued by a first pass */
	xmlHashTablePtr		 anchors; /* "ARTICLE#anchor" (GitHub's, where
					   not the id's) to a div's xml:id */
	xmlHashTablePtr		 known_anchors;	/* or NULL: a first pass's */
	struct tei_fix		*fix;
	size_t			 nfix, capfix;
	const char		*(*resolve)(void *, const char *target,
				    const char *lang);
	void			*resolve_arg;
	const struct galley_opts *opts;
	struct galley_diag	*dg;
	char			*end;	/* tei_save_start(): "</root>\n" */
	char			*rest;	/* ... what follows the mark */
	int			 level;	/* ... of the next child written */
	int			 crefs;	/* links of the article in @cRef */
};

/* What one article's <TEI> is given beyond its document. */
struct tei_article {
	const struct galley_doc	*doc;
	const char		*xmlid;	/* of <TEI>, an NCName */
	const char		*lang;	/* language tag or "und" */
	const struct galley_book *book;	/* or NULL */
};

/*
 * A sink that writes characters beyond the Basic Multilingual Plane
 * (emoji, rare CJK) as character references, "&#x1F600;", into out:
 * Xerces, jing's parser, fails on some four-byte UTF-8 sequences that
 * cross its buffer ("Invalid byte 2 of 4-byte UTF-8 sequence").  Only
 * for text and attribute values (the TEI writers put such characters
 * nowhere else).  tei_ncr_end() writes what is pending; -1 on failure.
 */
struct tei_ncr {
	struct galley_sink	 sink;	/* write here */
	struct galley_sink	*out;
	unsigned char		 pend[4];
	size_t			 npend;
};
void		 tei_ncr_begin(struct tei_ncr *, struct galley_sink *out);
int		 tei_ncr_end(struct tei_ncr *);

/* tei_xml.c: document, elements, attributes, names. */
void		 tei_ctx_init(struct tei_ctx *, const struct galley_opts *,
		    struct galley_diag *);
void		 tei_ctx_release(struct tei_ctx *);
xmlNodePtr	 tei_root(struct tei_ctx *, const char *name);
xmlNodePtr	 tei_el(struct tei_ctx *, xmlNodePtr parent,
		    const char *name);
xmlNodePtr	 tei_el_text(struct tei_ctx *, xmlNodePtr parent,
		    const char *name, const char *text);
void		 tei_text(xmlNodePtr, const char *);
void		 tei_attr(xmlNodePtr, const char *name, const char *value);
void		 tei_lang(xmlNodePtr, const char *lang);
const char	*tei_id(struct tei_ctx *, xmlNodePtr, const char *want);
char		*tei_id_new(struct tei_ctx *, const char *want);
const char	*tei_id_set(struct tei_ctx *, xmlNodePtr, const char *id);
int		 tei_id_taken(const struct tei_ctx *, const char *);
void		 tei_fix_add(struct tei_ctx *, xmlNodePtr, const char *want,
		    const char *fallback);
void		 tei_fix_miss(struct tei_ctx *, const char *file,
		    unsigned line, unsigned col, const char *url,
		    const char *frag);
void		 tei_fix_run(struct tei_ctx *);
/* The last ref added may also name a heading by its GitHub anchor. */
void		 tei_fix_anchor(struct tei_ctx *, const char *article,
		    const char *frag);
/* Heading text's GitHub anchor in article names the div of xml:id id. */
void		 tei_anchor_add(struct tei_ctx *, const char *article,
		    const char *text, const char *id);
void		 tei_fix_clear(struct tei_ctx *);
char		*tei_name(const char *);
char		*tei_doc_id(const struct galley_meta *);
char		*tei_uri(const char *);
const char	*tei_lang_tag(const char *, char *buf, size_t sz);
const char	*tei_lang_name(const char *tag);
int		 tei_when(const char *iso, char *buf, size_t sz);
int		 tei_save(struct tei_ctx *, struct galley_sink *);
int		 tei_save_start(struct tei_ctx *, struct galley_sink *);
int		 tei_save_child(struct tei_ctx *, struct galley_sink *,
		    xmlNodePtr);
int		 tei_save_on(struct tei_ctx *, struct galley_sink *);
int		 tei_save_end(struct tei_ctx *, struct galley_sink *);
xmlNodePtr	 tei_mark(struct tei_ctx *, xmlNodePtr parent);

/* tei_header.c */
void		 tei_header(struct tei_ctx *, xmlNodePtr tei,
		    const struct tei_article *);
void		 tei_publication(struct tei_ctx *, xmlNodePtr filedesc,
		    const struct galley_book *, const char *what);
void		 tei_app_info(struct tei_ctx *, xmlNodePtr teiheader);
const char	*tei_keywords_lang(const struct galley_doc *,
		    const char *textlang, char *buf, size_t sz);

/* tei_quote.c: text with its quotations as <q>. */
void		 tei_text_q(struct tei_ctx *, xmlNodePtr parent, const char *);

/* tei_body.c: <text><body> for a document; -1 with messages in dg. */
int		 tei_body(struct tei_ctx *, xmlNodePtr tei,
		    const struct tei_article *);

/* tei.c: header and text of a <TEI> element given its xml:id. */
void		 tei_article(struct tei_ctx *, xmlNodePtr tei,
		    const struct tei_article *);

#endif
