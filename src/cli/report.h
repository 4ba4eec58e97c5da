/* --report FILE: a JSON account of a run, one entry per input. */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "galley/buf.h"
#include "galley/diag.h"

struct report_entry {
	const char		*input;
	const char		*status;	/* converted failed skipped */
	const char		*format;	/* may be NULL */
	const char		*language;
	const char		*title;
	char			**outputs;
	size_t			 noutputs;
	const struct galley_diag *dg;
	double			 secs;
};

void	report_begin(struct galley_buf *);
void	report_add(struct galley_buf *, const struct report_entry *, int first);
void	report_end(struct galley_buf *, size_t converted, size_t failed,
	    size_t skipped, double secs);

#endif
