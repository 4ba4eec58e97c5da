/*
 * The JSON report of a run (--report FILE): for every input its format,
 * language, title, outputs, messages and time.
 */
#include <stdio.h>
#include <string.h>

#include "galley/galley.h"
#include "cli/report.h"
#include "writers/json.h"

void
report_begin(struct galley_buf *b)
{
	galley_buf_printf(b, "{\n  \"galley\": \"%s\",\n  \"inputs\": [",
	    GALLEY_VERSION);
}

static void
put_messages(struct galley_buf *b, const struct galley_diag *dg,
    enum galley_severity sev)
{
	size_t	 i;
	int	 first = 1;
	char	 line[4096];

	galley_buf_putc(b, '[');
	for (i = 0; dg != NULL && i < galley_diag_size(dg); i++) {
		const struct galley_msg *m = galley_diag_get(dg, i);

		if (m->severity != sev)
			continue;
		galley_msg_format(m, line, sizeof(line));
		if (!first)
			galley_buf_puts(b, ", ");
		json_escape(b, line);
		first = 0;
	}
	galley_buf_putc(b, ']');
}

void
report_add(struct galley_buf *b, const struct report_entry *e, int first)
{
	size_t	 i;

	galley_buf_puts(b, first ? "\n    {" : ",\n    {");
	galley_buf_puts(b, "\"input\": ");
	json_escape(b, e->input);
	galley_buf_puts(b, ", \"status\": ");
	json_escape(b, e->status);
	if (e->format != NULL) {
		galley_buf_puts(b, ", \"format\": ");
		json_escape(b, e->format);
	}
	if (e->language != NULL) {
		galley_buf_puts(b, ", \"language\": ");
		json_escape(b, e->language);
	}
	if (e->title != NULL) {
		galley_buf_puts(b, ", \"title\": ");
		json_escape(b, e->title);
	}
	galley_buf_puts(b, ", \"outputs\": [");
	for (i = 0; i < e->noutputs; i++) {
		if (i > 0)
			galley_buf_puts(b, ", ");
		json_escape(b, e->outputs[i]);
	}
	galley_buf_puts(b, "], \"warnings\": ");
	put_messages(b, e->dg, GALLEY_WARNING);
	galley_buf_puts(b, ", \"errors\": ");
	put_messages(b, e->dg, GALLEY_ERROR);
	galley_buf_printf(b, ", \"seconds\": %.6f}", e->secs);
}

void
report_end(struct galley_buf *b, size_t converted, size_t failed,
    size_t skipped, double secs)
{
	galley_buf_printf(b, "\n  ],\n  \"converted\": %zu,\n  \"failed\": %zu,"
	    "\n  \"skipped\": %zu,\n  \"seconds\": %.3f\n}\n", converted, failed,
	    skipped, secs);
}
