/* JSON escaping, shared by the JSON writer and the run report. */
#ifndef WRITERS_JSON_H
#define WRITERS_JSON_H

#include "galley/buf.h"

/* Append s as a JSON string, quotes included; bad UTF-8 as U+FFFD. */
void	json_escape(struct galley_buf *, const char *s);

#endif
