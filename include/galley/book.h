/*
 * What a book (EPUB of many articles) or a teiCorpus says about itself:
 * from book.yaml in the input folder, overridden by options.
 */
#ifndef GALLEY_BOOK_H
#define GALLEY_BOOK_H

#include "galley/doc.h"

struct galley_book {
	const char		*title;
	const char		*subtitle;
	struct galley_strlist	 authors;
	const char		*language;	/* main language, BCP 47 */
	const char		*publisher;
	const char		*rights;
	const char		*date;		/* ISO 8601 */
	const char		*description;
	const char		*identifier;	/* urn:uuid:... or as given */
	const char		*cover;		/* image path */
	const char		*css;		/* stylesheet path */
	struct galley_strlist	 chapters;	/* book.yaml order, paths */
	int			 translations;	/* 1: the texts translate
						   one another */
};

#endif
