/*
 * galley convert -t epub: one article as a whole EPUB 3 book, with
 * title page, navigation and NCX; its metadata becomes the book's.
 */
#include <stdlib.h>
#include <string.h>

#include "writers/epub/epub.h"
#include "model/oom.h"

static char *
dir_of(const char *path)
{
	const char	*slash = path != NULL ? strrchr(path, '/') : NULL;
	char		*d;

	if (slash == NULL)
		return epub_strdup(".");
	if ((d = strndup(path, slash == path ? 1 : (size_t)(slash - path))) ==
	    NULL)
		galley_oom();
	return d;
}

static int
epub_write(const struct galley_doc *doc, struct galley_sink *out,
    const struct galley_opts *opts, struct galley_diag *dg)
{
	const struct galley_meta	*m = galley_doc_meta(doc);
	struct galley_book		 book;
	struct epub			 e;
	struct galley_buf		 key;
	long long			 modified;
	char				 uuid[46], *dir = NULL;
	size_t				 i, ch;
	int				 rc = -1;

	memset(&book, 0, sizeof(book));
	book.title = !galley_blank(m->title) ? m->title :
	    !galley_blank(m->slug) ? m->slug : "Untitled";
	book.language = epub_meta_lang(m);
	book.date = m->date;
	book.description = !galley_blank(m->description) ? m->description :
	    NULL;
	modified = opts->source_date >= 0 ? opts->source_date :
	    epub_date_epoch(m->date);
	if (epub_open(&e, out, &book, opts, modified, dg) == -1)
		goto out;

	galley_buf_init(&key);
	galley_buf_printf(&key, "galley-article\n%s\n%s\n%s", book.title,
	    m->id != NULL ? m->id : "", m->date != NULL ? m->date : "");
	epub_uuid(uuid, key.data, key.len);
	galley_buf_release(&key);
	e.identifier = epub_strdup(uuid);
	/* where the article was: its web address, else its file */
	if ((e.source = galley_meta_url(m)) == NULL)
		e.source = m->source;
	for (i = 0; i < m->authors.n; i++)
		epub_creator_add(&e, m->authors.v[i]);
	for (i = 0; i < m->keywords.n; i++)
		epub_subject_add(&e, m->keywords.v[i]);

	ch = epub_chapter_add(&e, m->id, book.title, book.language);
	xhtml_headings(&e, ch, doc);
	dir = dir_of(m->source);
	if (epub_chapter_write(&e, ch, doc, dir) == -1 ||
	    epub_close(&e) == -1)
		goto out;
	rc = 0;
out:
	free(dir);
	epub_release(&e);
	return rc;
}

const struct galley_writer galley_epub_writer = {
	"epub", ".epub", epub_write
};
