/* Small helpers of the command line: allocation that exits on failure,
 * a clock, checks of option values. */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "galley/pipeline.h"
#include "cli/util.h"
#include "model/oom.h"


void *
xmalloc_cli(size_t sz)
{
	void	*p = malloc(sz ? sz : 1);

	if (p == NULL)
		galley_oom();
	return p;
}

void *
xrealloc_cli(void *p, size_t sz)
{
	if ((p = realloc(p, sz ? sz : 1)) == NULL)
		galley_oom();
	return p;
}

char *
xstrdup_cli(const char *s)
{
	char	*p = strdup(s);

	if (p == NULL)
		galley_oom();
	return p;
}

double
now_seconds(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
check_encoding(const char *name)
{
	if (galley_encoding_known(name))
		return 0;
	fprintf(stderr, "galley: --encoding %s: no such encoding (ICU names: "
	    "windows-1251, ISO-8859-7, Shift_JIS, GB18030...)\n", name);
	return -1;
}

int
ext_in(const char *ext, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcasecmp(ext, *list) == 0)
			return 1;
	return 0;
}

char *
dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*d;

	if (slash == NULL)
		return xstrdup_cli(".");
	d = xstrdup_cli(path);
	d[slash == path ? 1 : slash - path] = '\0';
	return d;
}

char *
spool_dir(const char *path)
{
	const char	*tmp = getenv("TMPDIR");
	char		*d;

	if (strcmp(path, "-") != 0) {
		d = dir_of(path);
		if (access(d, W_OK | X_OK) == 0)
			return d;
		free(d);
	}
	return xstrdup_cli(tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
}

int
check_link_base(const char *url)
{
	const char	*p = url;

	if (isalpha((unsigned char)*p))
		while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
		    *p == '.')
			p++;
	if (p > url && strncmp(p, "://", 3) == 0 && p[3] != '\0' &&
	    strcspn(url, "?# \t\n") == strlen(url))
		return 0;
	fprintf(stderr, "galley: --link-base %s: not an absolute URL without "
	    "a query or fragment (say https://example.com/blog)\n", url);
	return -1;
}

int
check_lang(const char *option, const char *value, char *out, size_t sz)
{
	if (galley_lang_tag(value, out, sz) == 0)
		return 0;
	fprintf(stderr, "galley: %s %s: not a BCP 47 language tag\n", option,
	    value);
	return -1;
}

int
parse_count(const char *s, long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (!(*s >= '0' && *s <= '9'))
		return -1;	/* no sign, no space */
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
check_outdir(const char *dir)
{
	struct stat	 st;

	if (*dir == '\0') {
		fputs("galley: -o wants a folder name, or - for standard "
		    "output\n", stderr);
		return -1;
	}
	if (strcmp(dir, "-") != 0 && stat(dir, &st) == 0 &&
	    !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "galley: -o %s: that is a file, not a "
		    "folder\n", dir);
		return -1;
	}
	return 0;
}
