/*
 * TEI beyond one document per article: a teiCorpus of many.
 */
#ifndef GALLEY_TEI_H
#define GALLEY_TEI_H

#include <stddef.h>

#include "galley/book.h"
#include "galley/buf.h"
#include "galley/diag.h"
#include "galley/export.h"
#include "galley/pipeline.h"

/*
 * One teiCorpus holding every document's TEI, with its own header
 * (title, languages used, a bibl list of the texts), translations
 * linked (meta.extra translationKey / translation_of, the same meta.id
 * in different languages, or book->translations set).  docs are
 * filtered documents; book may be NULL.  0, or -1 with messages in dg.
 */
GALLEY_API int	galley_tei_corpus_write(struct galley_sink *,
		    struct galley_doc *const *docs, size_t n,
		    const struct galley_book *book,
		    const struct galley_opts *, struct galley_diag *);
/*
 * The same, streamed: a corpus of any number of texts in bounded
 * memory.  new() makes an empty corpus whose texts wait in memory up to
 * some 16 MB of documents, then packed (galley_doc_pack()) in a deleted
 * file made in spool_dir (in memory if spool_dir is NULL, or with a
 * warning in dg if the file cannot be made); book may be NULL and must
 * last until finish().  add() takes a filtered document, which it frees
 * (packed: galley_doc_pack()'s bytes of it if the caller made them
 * already, else NULL).  finish() writes the
 * corpus to the sink: 0, or -1 with messages in dg.
 */
struct galley_tei_corpus;

GALLEY_API struct galley_tei_corpus *galley_tei_corpus_new(
		    const char *spool_dir, const struct galley_book *book,
		    const struct galley_opts *, struct galley_diag *);
GALLEY_API int	galley_tei_corpus_add(struct galley_tei_corpus *,
		    struct galley_doc *, const char *packed, size_t len);
/* Keep documents in memory up to bytes in all (0: spool every one). */
GALLEY_API void	galley_tei_corpus_keep(struct galley_tei_corpus *,
		    size_t bytes);
/* 1 once documents added go to the spool (the first ones stay in
 * memory): a caller packing them in other threads may start then;
 * safe to call from any thread. */
GALLEY_API int	galley_tei_corpus_spooling(const struct galley_tei_corpus *);
GALLEY_API int	galley_tei_corpus_finish(struct galley_tei_corpus *,
		    struct galley_sink *);
GALLEY_API void	galley_tei_corpus_free(struct galley_tei_corpus *);

#endif
