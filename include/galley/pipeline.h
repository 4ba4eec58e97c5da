/*
 * Readers, filters and writers: the three interfaces of the pipeline,
 * and the options that travel through it.
 */
#ifndef GALLEY_PIPELINE_H
#define GALLEY_PIPELINE_H

#include <stddef.h>

#include "galley/buf.h"
#include "galley/diag.h"
#include "galley/doc.h"
#include "galley/export.h"

/* Input as handed to a reader: UTF-8, LF line ends, no BOM. */
struct galley_src {
	const char	*name;	/* path as given, or "-" */
	const char	*data;
	size_t		 len;
};

struct galley_opts {
	const char	*format;	/* reader name, NULL or "auto" */
	const char	*lang;		/* --lang: forced language */
	const char	*encoding;	/* --encoding of input that is not
					   UTF-8; NULL: detected */
	const char	*link_base;	/* --link-base URL */
	unsigned long	 no_filters;	/* bit per filter index: disabled */
	int		 smart;		/* --smart */
	int		 no_wikilinks;	/* --no-wiki-links: "[[Page]]" stays
					   text */
	int		 verbose;	/* -v */
	long long	 source_date;	/* SOURCE_DATE_EPOCH or -1 */
	int		 max_depth;	/* nesting of blocks and inlines */
	int		 meta_only;	/* readers may skip the body */
	double		 deadline;	/* CLOCK_MONOTONIC seconds; 0: none */
	size_t		 max_yaml_nodes; /* YAML values, aliases expanded */
};

#define GALLEY_MAX_DEPTH	1000
#define GALLEY_MAX_YAML_NODES	100000

struct galley_reader {
	const char	*name;			/* "markdown" */
	int		(*sniff)(const struct galley_src *); /* 0..100 */
	int		(*read)(struct galley_doc *, const struct galley_src *,
			    const struct galley_opts *, struct galley_diag *);
};

struct galley_filter {
	const char	*name;			/* "ids" */
	const char	*help;			/* one line */
	int		 on;			/* on by default */
	int		(*run)(struct galley_doc *, const struct galley_opts *,
			    struct galley_diag *);
};

struct galley_writer {
	const char	*name, *ext;		/* "tei", ".tei.xml" */
	int		(*write)(const struct galley_doc *, struct galley_sink *,
			    const struct galley_opts *, struct galley_diag *);
};

GALLEY_API void	galley_opts_init(struct galley_opts *);

/* NULL-terminated tables. */
GALLEY_API const struct galley_reader *const *galley_readers(void);
GALLEY_API const struct galley_writer *const *galley_writers(void);
GALLEY_API const struct galley_filter *const *galley_filters(void);
GALLEY_API const struct galley_reader	*galley_reader_find(const char *);
GALLEY_API const struct galley_writer	*galley_writer_find(const char *);
/* 1 if name is an encoding galley can read input in ("auto" too). */
GALLEY_API int	galley_encoding_known(const char *name);
/* 1 if bytes with NULs and no byte order mark read as UTF-16 text, as
 * galley_read() reads them (so a folder walk does not skip them as
 * binary files). */
GALLEY_API int	galley_encoding_utf16(const char *data, size_t len);
/*
 * "HTML" or "XML" if the bytes (UTF-8, or any encoding ASCII's
 * characters keep) begin as a markup document does: a DOCTYPE, an
 * <html> element or an XML declaration, after white space; else NULL.
 * galley reads neither: galley_read() refuses them unless a reader is
 * named (opts->format).
 */
GALLEY_API const char	*galley_markup_kind(const char *data, size_t len);
/*
 * A language tag or a language's name ("nb_NO", "EN", "Norwegian") as
 * galley writes it (BCP 47: "nb-NO", "en", "no") into out; -1 if it is
 * neither.
 */
GALLEY_API int	galley_lang_tag(const char *in, char *out, size_t sz);
/* Index into galley_filters(), or -1. */
GALLEY_API int	galley_filter_find(const char *);
/* Free what the calling thread keeps from one document to the next
 * (a transliterator, a compressor).  A thread that ends frees them
 * itself; the main thread may call this before it returns. */
GALLEY_API void	galley_thread_release(void);
/* At the end of a program that used galley, once no other thread does:
 * this thread's caches, and ICU's and libxml2's process-wide ones (so
 * a leak checker sees nothing left). */
GALLEY_API void	galley_cleanup(void);

/*
 * Read raw bytes: decode (UTF-8 with or without BOM, UTF-16 with BOM,
 * Windows-1252 with a warning), normalise line ends, pick a reader
 * (opts->format or by sniffing) and build *out.  -1 with messages in
 * dg and *out NULL on failure.
 */
GALLEY_API int	galley_read(struct galley_doc **out, const char *name,
		    const char *data, size_t len,
		    const struct galley_opts *, struct galley_diag *);
/* Run every enabled document filter in order. */
GALLEY_API int	galley_filters_run(struct galley_doc *,
		    const struct galley_opts *, struct galley_diag *);

#endif
