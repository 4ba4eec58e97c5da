/*
 * Diagnostics: library code records messages here and returns -1;
 * only the command line prints them, as file:line:col: severity: text.
 */
#ifndef GALLEY_DIAG_H
#define GALLEY_DIAG_H

#include <stddef.h>

#include "galley/export.h"

enum galley_severity {
	GALLEY_NOTE,
	GALLEY_WARNING,
	GALLEY_ERROR
};

struct galley_msg {
	enum galley_severity	 severity;
	char			*file;	/* may be NULL */
	unsigned		 line;	/* 0: none */
	unsigned		 col;	/* 0: none; in characters */
	char			*text;
};

struct galley_diag;

GALLEY_API struct galley_diag	*galley_diag_new(void);
GALLEY_API void			 galley_diag_free(struct galley_diag *);
/* Record a message; line and col 0 when unknown. */
GALLEY_API void	galley_diag_add(struct galley_diag *, enum galley_severity,
		    const char *file, unsigned line, unsigned col,
		    const char *fmt, ...)
		    __attribute__((format(printf, 6, 7)));
/* Messages of this severity and below are counted but not kept (nobody
 * will read them: notes without -v); -1 keeps all, the default. */
GALLEY_API void	galley_diag_drop(struct galley_diag *, int severity);
/* Whether a message of this severity is kept (worth formatting). */
GALLEY_API int	galley_diag_keeps(const struct galley_diag *,
		    enum galley_severity);
GALLEY_API size_t	galley_diag_count(const struct galley_diag *,
			    enum galley_severity);
GALLEY_API size_t	galley_diag_size(const struct galley_diag *);
/* Borrowed until the next add or free. */
GALLEY_API const struct galley_msg *galley_diag_get(const struct galley_diag *,
			    size_t i);
/* "file:line:col: error: text" into buf (always NUL-terminated). */
GALLEY_API void	galley_msg_format(const struct galley_msg *, char *buf,
		    size_t sz);
GALLEY_API void	galley_diag_clear(struct galley_diag *);

#endif
