/*
 * Private to src/filters: the filters of the chain (chain.c orders them)
 * and the few helpers several of them share.
 */
#ifndef FILTERS_H
#define FILTERS_H

#include <stddef.h>
#include <stdint.h>

#include "galley/pipeline.h"

extern const struct galley_filter filter_meta;
extern const struct galley_filter filter_language;
extern const struct galley_filter filter_repair;
extern const struct galley_filter filter_ids;
extern const struct galley_filter filter_links;
extern const struct galley_filter filter_sections;
extern const struct galley_filter filter_smart;

/* A note (or warning) at the node's position in the document's source. */
void	filter_report(struct galley_diag *, const struct galley_doc *,
	    enum galley_severity, const struct galley_node *,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Decode one UTF-8 character at s (len bytes left): its length, or 1
 * with *cp = 0xFFFD on a bad byte.  0 at the end. */
size_t	utf8_next(const char *s, size_t len, uint32_t *cp);

/*
 * A readable ASCII slug of UTF-8 text: transliterated to Latin (ICU),
 * lower case, runs of other characters turned into one '-', at most max
 * bytes cut at a '-'.  "" if nothing is left.  In the document's arena.
 * A slugger keeps the transliterator between calls.
 */
struct slugger;
struct slugger	*slugger_new(void);
void		 slugger_free(struct slugger *);
/* Close the calling thread's transliterator, if it has one. */
void		 slug_thread_release(void);
/* Always ICU, never the Latin table (for tests that compare the two). */
void		 slugger_icu_only(struct slugger *);
char	*slug_make(struct slugger *, struct galley_doc *, const char *text,
	    size_t max);
/* The anchor GitHub makes of a heading's text ("fetchurl-options"). */
char	*slug_github(struct galley_doc *, const char *text);
/* The same, malloc'd (NULL if out of memory). */
char	*slug_github_dup(const char *text);
/* 1 if s is an XML NCName made only of [A-Za-z0-9._-] (so also an HTML id). */
int	 slug_is_ncname(const char *s);

/* No title: the first heading's text becomes it, with a note. */
void	 meta_title_from_heading(struct galley_doc *, struct galley_diag *);

/* The value of a front-matter key left by the reader, or NULL. */
struct galley_value	*meta_extra_get(const struct galley_meta *,
			    const char *key);
/* Take a member out of meta.extra. */
void	meta_extra_remove(struct galley_meta *, struct galley_value *);

/* Normalise a language tag to BCP 47 ("nb_NO" -> "nb-NO"), into out;
 * -1 if it is not a tag. */
int	lang_normalise(const char *tag, char *out, size_t sz);

/*
 * A date as ISO 8601 into out: ISO 8601 itself, "YYYY-MM-DD HH:MM",
 * RFC 2822 or Unix seconds.  -1 if s is none of these.
 */
int	date_to_iso(const char *s, char *out, size_t sz);

#endif
