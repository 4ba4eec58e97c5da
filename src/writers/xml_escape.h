/* XML escaping shared by the TEI and XHTML writers. */
#ifndef XML_ESCAPE_H
#define XML_ESCAPE_H

#include "galley/buf.h"

/*
 * Append s escaped for XML text (attr 0) or a double-quoted attribute
 * (attr 1).  Characters XML 1.0 forbids (C0 controls but tab, CR, LF;
 * U+FFFE, U+FFFF; invalid UTF-8) become U+FFFD.
 */
void	xml_escape(struct galley_buf *, const char *s, int attr);
/*
 * A malloc'd copy of s with the forbidden characters replaced by
 * U+FFFD (for libxml2's writer, which escapes but does not check).
 */
char	*xml_clean(const char *s);
/* 1 if s holds no character XML forbids (xml_clean would copy it). */
int	xml_is_clean(const char *s);

/* Initialise libxml2 once per process; thread-safe. */
void	xml_init(void);

#endif
