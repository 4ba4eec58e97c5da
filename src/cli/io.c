/*
 * File input, and outputs written to a temporary file in the
 * destination folder and renamed into place when complete.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/io.h"
#include "cli/util.h"

/*
 * Temporary files being written, so that a signal handler can remove
 * them: one slot per output open at once (a few per job).
 */
#define TMP_SLOTS	256
static char *volatile	 tmp_slots[TMP_SLOTS];

static void
track(char *tmp)
{
	int	 i;

	for (i = 0; i < TMP_SLOTS; i++)
		if (__sync_bool_compare_and_swap(&tmp_slots[i], NULL, tmp))
			return;
}

static void
untrack(char *tmp)
{
	int	 i;

	for (i = 0; i < TMP_SLOTS; i++)
		if (__sync_bool_compare_and_swap(&tmp_slots[i], tmp, NULL))
			return;
}

void
out_cleanup_signal(void)
{
	int	 i;

	for (i = 0; i < TMP_SLOTS; i++)
		if (tmp_slots[i] != NULL)
			unlink(tmp_slots[i]);	/* async-signal-safe */
}

int
file_read(char **data, size_t *len, const char *path, size_t max,
    struct galley_diag *dg)
{
	struct galley_buf	 b;
	char			 chunk[65536];
	ssize_t			 r;
	int			 fd;

	*data = NULL;
	*len = 0;
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
		    "cannot open: %s", strerror(errno));
		return -1;
	}
	galley_buf_init(&b);
	for (;;) {
		if ((r = read(fd, chunk, sizeof(chunk))) < 0) {
			if (errno == EINTR)
				continue;
			galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
			    "cannot read: %s", strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		if (b.len + (size_t)r > max) {
			galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
			    "input larger than %zu bytes (--max-size)", max);
			goto fail;
		}
		galley_buf_put(&b, chunk, (size_t)r);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	*len = b.len;
	*data = b.len ? galley_buf_detach(&b, NULL) : xstrdup_cli("");
	return 0;
fail:
	if (fd != STDIN_FILENO)
		close(fd);
	galley_buf_release(&b);
	return -1;
}

/* mkdir -p for the folders above path. */
static int
make_parents(const char *path)
{
	char	*p = xstrdup_cli(path), *s;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

int
out_open(struct out_file *o, const char *path, struct galley_diag *dg)
{
	const char	*base;
	size_t		 dirlen;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->path = xstrdup_cli(path);
	if (strcmp(path, "-") == 0) {
		o->fd = STDOUT_FILENO;
		galley_sink_init_fd(&o->sink, &o->fd);
		return 0;
	}
	if (make_parents(path) == -1) {
		galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
		    "cannot create its folder: %s", strerror(errno));
		goto fail;
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dirlen = (size_t)(base - path);
	o->tmp = xmalloc_cli(strlen(path) + 16);
	snprintf(o->tmp, strlen(path) + 16, "%.*s.%s.XXXXXX", (int)dirlen,
	    path, base);
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
		    "cannot write: %s", strerror(errno));
		goto fail;
	}
	fchmod(o->fd, 0644);
	track(o->tmp);
	galley_sink_init_fd(&o->sink, &o->fd);
	return 0;
fail:
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return -1;
}

int
out_commit(struct out_file *o, struct galley_diag *dg)
{
	int	 rc = 0;

	if (o->tmp == NULL) {		/* standard output */
		free(o->path);
		o->path = NULL;
		return o->sink.failed ? -1 : 0;
	}
	if (o->sink.failed) {
		galley_diag_add(dg, GALLEY_ERROR, o->path, 0, 0,
		    "cannot write: %s", strerror(errno));
		out_abort(o);
		return -1;
	}
	untrack(o->tmp);
	if (close(o->fd) == -1 || rename(o->tmp, o->path) == -1) {
		galley_diag_add(dg, GALLEY_ERROR, o->path, 0, 0,
		    "cannot write: %s", strerror(errno));
		o->fd = -1;
		out_abort(o);
		return -1;
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	o->fd = -1;
	return rc;
}

void
out_abort(struct out_file *o)
{
	if (o->tmp != NULL) {
		untrack(o->tmp);
		if (o->fd != -1)
			close(o->fd);
		unlink(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	o->fd = -1;
}
