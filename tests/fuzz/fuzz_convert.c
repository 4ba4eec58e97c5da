/*
 * The fuzz entry: the first byte picks the reader and options, the rest
 * is the input.  It runs the whole pipeline into memory sinks for every
 * writer and checks that the XML outputs are well-formed and the JSON
 * output parses.  Built by "make fuzz" with libFuzzer, and replayed
 * over tests/fuzz/corpus by tests/unit/test_fuzz_replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "galley/galley.h"

static const char *const formats[] = { "auto", "markdown", "text", "json" };

static void
check_output(const char *writer, const struct galley_buf *b)
{
	if (b->len == 0)
		return;
	if (strcmp(writer, "tei") == 0) {
		xmlDocPtr x = xmlReadMemory(b->data, (int)b->len, "fuzz.xml",
		    "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
		    XML_PARSE_NOWARNING);

		if (x == NULL)
			abort();	/* TEI that is not well-formed */
		xmlFreeDoc(x);
	} else if (strcmp(writer, "json") == 0) {
		json_error_t	 err;
		json_t		*j = json_loadb(b->data, b->len, 0, &err);

		if (j == NULL)
			abort();	/* JSON that does not parse */
		json_decref(j);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct galley_writer *const *w;
	struct galley_opts	 opts;
	struct galley_diag	*dg;
	struct galley_doc	*doc = NULL;

	if (size < 1 || size > 256 * 1024)
		return 0;
	galley_opts_init(&opts);
	opts.format = formats[data[0] & 3];
	opts.smart = (data[0] >> 2) & 1;
	opts.source_date = 0;
	dg = galley_diag_new();
	if (galley_read(&doc, "fuzz", (const char *)data + 1, size - 1,
	    &opts, dg) == 0 && galley_filters_run(doc, &opts, dg) == 0) {
		for (w = galley_writers(); *w != NULL; w++) {
			struct galley_buf	 b;
			struct galley_sink	 sink;

			galley_buf_init(&b);
			galley_sink_init_buf(&sink, &b);
			if ((*w)->write(doc, &sink, &opts, dg) == 0)
				check_output((*w)->name, &b);
			galley_buf_release(&b);
		}
	}
	galley_doc_free(doc);
	galley_diag_free(dg);
	return 0;
}
