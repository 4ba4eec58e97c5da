/* The table of writers, shared by --list-formats and the batch loop. */
#include <string.h>

#include <libxml/parser.h>
#include <unicode/uclean.h>

#include "galley/pipeline.h"
#include "filters/filters.h"
#include "writers/epub/epub.h"

extern const struct galley_writer galley_epub_writer;
extern const struct galley_writer galley_json_writer;
extern const struct galley_writer galley_tei_writer;
extern const struct galley_writer galley_tree_writer;

static const struct galley_writer *const writers[] = {
	&galley_epub_writer,
	&galley_json_writer,
	&galley_tei_writer,
	&galley_tree_writer,
	NULL
};

const struct galley_writer *const *
galley_writers(void)
{
	return writers;
}

const struct galley_writer *
galley_writer_find(const char *name)
{
	size_t	 i;

	for (i = 0; writers[i] != NULL; i++)
		if (strcmp(writers[i]->name, name) == 0)
			return writers[i];
	return NULL;
}

void
galley_thread_release(void)
{
	slug_thread_release();
	zip_thread_release();
}

void
galley_cleanup(void)
{
	galley_thread_release();
	u_cleanup();
	xmlCleanupParser();
}
