/* The table of readers, shared by --list-formats and galley_read(). */
#include <string.h>

#include "galley/pipeline.h"

extern const struct galley_reader galley_markdown_reader;
extern const struct galley_reader galley_json_reader;
extern const struct galley_reader galley_text_reader;

static const struct galley_reader *const readers[] = {
	&galley_markdown_reader,
	&galley_text_reader,
	&galley_json_reader,
	NULL
};

const struct galley_reader *const *
galley_readers(void)
{
	return readers;
}

const struct galley_reader *
galley_reader_find(const char *name)
{
	size_t	 i;

	for (i = 0; readers[i] != NULL; i++)
		if (strcmp(readers[i]->name, name) == 0)
			return readers[i];
	return NULL;
}
