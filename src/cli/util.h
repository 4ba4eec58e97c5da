/* Small helpers of the command line. */
#ifndef CLI_UTIL_H
#define CLI_UTIL_H

#include <stddef.h>

void	*xmalloc_cli(size_t);
void	*xrealloc_cli(void *, size_t);
char	*xstrdup_cli(const char *);
double	 now_seconds(void);
/* 1 if ext (no dot) is one of the NULL-ended list, case aside. */
int	 ext_in(const char *ext, const char *const *list);
/* --encoding NAME: 0 if galley can read it, else -1 with a message. */
int	 check_encoding(const char *);
/* --link-base URL: 0 if absolute, with no query or fragment, else -1
 * with a message. */
int	 check_link_base(const char *);
/* A language option's value (--lang, --language) as a BCP 47 tag into
 * out: 0, or -1 with a message naming the option. */
int	 check_lang(const char *option, const char *value, char *out,
	    size_t sz);
/* A count in decimal digits (no sign, no space) from min to max into
 * *out: 0, else -1. */
int	 parse_count(const char *, long min, long long max, long long *out);
/* -o DIR of convert: 0 if it can be the output folder (or "-"), else
 * -1 with a message ("", a file). */
int	 check_outdir(const char *dir);
/* The folder of path ("." if none); caller frees. */
char	*dir_of(const char *path);
/* Where a temporary file for the output path goes: its folder if that
 * is there and writable, else $TMPDIR or /tmp; caller frees. */
char	*spool_dir(const char *path);

#endif
