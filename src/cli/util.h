/* Small helpers of the command line. */
#ifndef CLI_UTIL_H
#define CLI_UTIL_H

#include <stddef.h>

void	*xmalloc_cli(size_t);
void	*xrealloc_cli(void *, size_t);
char	*xstrdup_cli(const char *);
double	 now_seconds(void);
/* --encoding NAME: 0 if galley can read it, else -1 with a message. */
int	 check_encoding(const char *);

#endif
