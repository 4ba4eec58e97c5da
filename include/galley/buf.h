/*
 * Growable byte buffers and output sinks.  A writer writes to a sink:
 * memory in tests and fuzzing, a temporary file renamed into place in
 * the command line, so a failure never leaves a half-written output.
 */
#ifndef GALLEY_BUF_H
#define GALLEY_BUF_H

#include <stddef.h>

#include "galley/export.h"

struct galley_buf {
	char	*data;	/* NUL-terminated when len > 0 */
	size_t	 len, cap;
};

GALLEY_API void	galley_buf_init(struct galley_buf *);
GALLEY_API void	galley_buf_release(struct galley_buf *);
GALLEY_API void	galley_buf_put(struct galley_buf *, const void *, size_t);
GALLEY_API void	galley_buf_puts(struct galley_buf *, const char *);
GALLEY_API void	galley_buf_putc(struct galley_buf *, int);
GALLEY_API void	galley_buf_printf(struct galley_buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Hand the data over (caller frees); the buffer is empty again. */
GALLEY_API char	*galley_buf_detach(struct galley_buf *, size_t *len);

/* A sink: write returns 0, or -1 on failure (errno set). */
struct galley_sink {
	int	(*write)(const void *, size_t, void *arg);
	void	*arg;
	int	 failed;	/* set once a write failed */
};

GALLEY_API void	galley_sink_init_buf(struct galley_sink *, struct galley_buf *);
GALLEY_API void	galley_sink_init_fd(struct galley_sink *, int *fd);
GALLEY_API int	galley_sink_put(struct galley_sink *, const void *, size_t);
GALLEY_API int	galley_sink_puts(struct galley_sink *, const char *);
GALLEY_API int	galley_sink_printf(struct galley_sink *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

#endif
