/*
 * Containers that raw HTML blocks open and close: see rawhtml.h.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "galley/doc.h"
#include "model/rawhtml.h"

static const char *const containers[] = { "article", "aside", "blockquote",
    "center", "details", "div", "figure", "footer", "header", "main",
    "section", NULL };

void
raw_containers(const char *s, int depth[RAW_CONTAINERS])
{
	const char	*p, *q;
	size_t		 i, n;
	int		 close;

	for (p = s; p != NULL && (p = strchr(p, '<')) != NULL; p++) {
		if (strncmp(p, "<!--", 4) == 0) {
			if ((q = strstr(p + 4, "-->")) == NULL)
				return;
			p = q + 2;
			continue;
		}
		q = p + 1;
		if ((close = *q == '/'))
			q++;
		for (i = 0; containers[i] != NULL; i++) {
			n = strlen(containers[i]);
			if (strncasecmp(q, containers[i], n) == 0 &&
			    (q[n] == '>' || q[n] == ' ' || q[n] == '\t' ||
			    q[n] == '\n' || q[n] == '/' || q[n] == '\r'))
				depth[i] += close ? -1 : 1;
		}
	}
}

int
raw_open(const int depth[RAW_CONTAINERS])
{
	size_t	 i;
	int	 open = 0;

	for (i = 0; containers[i] != NULL; i++) {
		if (depth[i] < 0)
			return -1;
		open |= depth[i] > 0;
	}
	return open;
}

int
(*raw_counts(struct galley_node *const *v, size_t n))[RAW_CONTAINERS]
{
	int	(*dv)[RAW_CONTAINERS] = calloc(n + 1, sizeof(*dv));
	size_t	 i;

	if (dv == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (v[i]->type == GALLEY_NODE_HTML_BLOCK &&
		    v[i]->literal != NULL)
			raw_containers(v[i]->literal, dv[i]);
	return dv;
}
