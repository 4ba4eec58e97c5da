/*
 * TOML front matter (Hugo's "+++" blocks), read by toml++ behind these
 * C functions: the one C++ file of the readers.  No exception leaves
 * it.
 */
#ifndef TOML_SHIM_H
#define TOML_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * What a walk over a TOML document calls, in document order.  key is
 * NULL for a value in an array.  open() starts a table (list 0) or an
 * array (list 1), close() ends the latest; scalar() gives a string
 * (plain 0) or another value as text (plain 1: 42, 1.5, true, dates
 * and times in ISO 8601).  Positions are 1-based lines and columns of
 * the TOML text.  A callback returning -1 stops the walk.
 */
struct toml_visit {
	void	*arg;
	int	(*open)(void *arg, const char *key, int list, unsigned line,
		    unsigned col);
	int	(*scalar)(void *arg, const char *key, const char *s,
		    size_t len, int plain, unsigned line, unsigned col);
	void	(*close)(void *arg);
};

/*
 * Parse text and walk its root table.  0 when done; -1 when the text is
 * no TOML (msg, *line and *col say why and where) or a callback
 * stopped the walk (msg empty).
 */
int	toml_walk(const char *text, size_t len, const struct toml_visit *,
	    char *msg, size_t msgsz, unsigned *line, unsigned *col);

/* toml++'s version, "3.3.0". */
const char	*toml_version(void);

#ifdef __cplusplus
}
#endif

#endif
