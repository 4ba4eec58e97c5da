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
/* The same, freeing each document (docs[i] set to NULL) as soon as its
 * TEI is made: a corpus of thousands then holds documents and tree
 * together only one document at a time. */
GALLEY_API int	galley_tei_corpus_write_free(struct galley_sink *,
		    struct galley_doc **docs, size_t n,
		    const struct galley_book *book,
		    const struct galley_opts *, struct galley_diag *);

#endif
