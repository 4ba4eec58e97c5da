/*
 * Diagnostics: messages recorded by library code for the command line
 * to print as file:line:col: severity: text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/diag.h"
#include "model/model.h"

#define DIAG_MAX	10000	/* more messages than this are counted only */

struct galley_diag {
	struct galley_msg	*v;
	size_t			 n, cap;
	size_t			 count[3];
	int			 drop;	/* this severity and below */
};

struct galley_diag *
galley_diag_new(void)
{
	struct galley_diag	*dg = xcalloc(1, sizeof(struct galley_diag));

	dg->drop = -1;
	return dg;
}

void
galley_diag_clear(struct galley_diag *dg)
{
	size_t	 i;

	for (i = 0; i < dg->n; i++) {
		free(dg->v[i].file);
		free(dg->v[i].text);
	}
	dg->n = 0;
	memset(dg->count, 0, sizeof(dg->count));
}

void
galley_diag_free(struct galley_diag *dg)
{
	if (dg == NULL)
		return;
	galley_diag_clear(dg);
	free(dg->v);
	free(dg);
}

void
galley_diag_drop(struct galley_diag *dg, int severity)
{
	dg->drop = severity;
}

int
galley_diag_keeps(const struct galley_diag *dg, enum galley_severity sev)
{
	return dg != NULL && dg->n < DIAG_MAX && (int)sev > dg->drop;
}

void
galley_diag_add(struct galley_diag *dg, enum galley_severity sev,
    const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
	struct galley_msg	*m;
	va_list			 ap;
	int			 n;

	if (dg == NULL)
		return;
	dg->count[sev]++;
	if (dg->n >= DIAG_MAX || (int)sev <= dg->drop)
		return;
	if (dg->n == dg->cap) {
		dg->cap = dg->cap ? dg->cap * 2 : 8;
		dg->v = xrealloc(dg->v, dg->cap * sizeof(*dg->v));
	}
	m = &dg->v[dg->n++];
	m->severity = sev;
	m->file = file ? xstrdup(file) : NULL;
	m->line = line;
	m->col = col;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	m->text = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	m->text[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(m->text, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

size_t
galley_diag_count(const struct galley_diag *dg, enum galley_severity sev)
{
	return dg->count[sev];
}

size_t
galley_diag_size(const struct galley_diag *dg)
{
	return dg->n;
}

const struct galley_msg *
galley_diag_get(const struct galley_diag *dg, size_t i)
{
	return i < dg->n ? &dg->v[i] : NULL;
}
/* s into out (sz bytes), control characters escaped: "\n", "\x1b". */
static void
shown(char *out, size_t sz, const char *s)
{
	size_t	 n = 0;

	for (; s != NULL && *s != '\0' && n + 5 < sz; s++) {
		unsigned char	 c = (unsigned char)*s;

		if (c >= 0x20 && c != 0x7f)
			out[n++] = (char)c;
		else if (c == '\n' || c == '\t' || c == '\r') {
			out[n++] = '\\';
			out[n++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		} else
			n += (size_t)snprintf(out + n, sz - n, "\\x%02x", c);
	}
	out[n] = '\0';
}

void
galley_msg_format(const struct galley_msg *m, char *buf, size_t sz)
{
	static const char *const names[] = { "note", "warning", "error" };
	char	 where[64] = "", name[1024], text[2048];

	if (m->line > 0 && m->col > 0)
		snprintf(where, sizeof(where), ":%u:%u", m->line, m->col);
	else if (m->line > 0)
		snprintf(where, sizeof(where), ":%u", m->line);
	/* a control character in a file name or in what a message quotes
	 * (a newline, a terminal's escape) would break the message's one
	 * line or the terminal: shown escaped */
	shown(text, sizeof(text), m->text);
	if (m->file != NULL) {
		shown(name, sizeof(name), m->file);
		snprintf(buf, sz, "%s%s: %s: %s", name, where,
		    names[m->severity], text);
	} else
		snprintf(buf, sz, "galley: %s: %s", names[m->severity], text);
}
