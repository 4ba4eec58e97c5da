/* File input and atomic file output for the command line. */
#ifndef IO_H
#define IO_H

#include <stddef.h>

#include "galley/buf.h"
#include "galley/diag.h"

/* Read a whole file ("-": standard input) into *data (malloc'd, NUL
 * terminated).  -1 with an error in dg.  Inputs over max bytes fail. */
int	file_read(char **data, size_t *len, const char *path, size_t max,
	    struct galley_diag *);

/*
 * An output written to a temporary file beside its destination (an
 * unnamed one where the system has them) and put in place by
 * out_commit(), so that no half-written output is ever seen.  "-"
 * writes to standard output.
 */
enum out_kind {
	OUT_NAMED,	/* a hidden temporary file, renamed */
	OUT_UNNAMED,	/* O_TMPFILE, linked to its name */
	OUT_STDOUT
};

struct out_file {
	char			*path;	/* destination */
	char			*tmp;	/* temporary name, or NULL */
	enum out_kind		 kind;
	int			 fd;
	int			 finished;	/* out_finish() done */
	struct galley_buf	 buf;	/* written out at commit or when big */
	struct galley_sink	 sink;	/* write here */
};

/* Create parent folders and the temporary file; -1 with error in dg. */
int	out_open(struct out_file *, const char *path, struct galley_diag *);
/* Flush (no fsync), not yet in place; -1 with error in dg (the
 * temporary file is gone then). */
int	out_finish(struct out_file *, struct galley_diag *);
/* Finish if not yet, and put in place; -1 with error in dg. */
int	out_commit(struct out_file *, struct galley_diag *);
/* Remove the temporary file (no-op after commit). */
void	out_abort(struct out_file *);
/* From a signal handler: remove every temporary file being written. */
void	out_cleanup_signal(void);

#endif
