/* Allocation that exits on failure, and a clock, for the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/util.h"

static void
oom(void)
{
	fputs("galley: out of memory\n", stderr);
	exit(70);
}

void *
xmalloc_cli(size_t sz)
{
	void	*p = malloc(sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc_cli(void *p, size_t sz)
{
	if ((p = realloc(p, sz ? sz : 1)) == NULL)
		oom();
	return p;
}

char *
xstrdup_cli(const char *s)
{
	char	*p = strdup(s);

	if (p == NULL)
		oom();
	return p;
}

double
now_seconds(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
