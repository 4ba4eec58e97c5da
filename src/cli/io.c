/*
 * File input, and outputs written to a temporary file in the
 * destination folder and renamed into place when complete.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/io.h"
#include "cli/util.h"

/*
 * Temporary files being written, so that a signal handler can remove
 * them: one slot per output open at once (a few per job).
 */
#define TMP_SLOTS	256
static char *volatile	 tmp_slots[TMP_SLOTS];
static volatile sig_atomic_t stopping;	/* a signal came: write nothing */

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

/*
 * Other threads may be creating a file right now: no new file is
 * started once stopping is set, and a second sweep after a moment
 * removes one that was being opened during the first.
 */
void
out_cleanup_signal(void)
{
	struct timespec	 grace = { 0, 50 * 1000 * 1000 };
	int		 i, sweep;

	stopping = 1;
	for (sweep = 0; sweep < 2; sweep++) {
		for (i = 0; i < TMP_SLOTS; i++)
			if (tmp_slots[i] != NULL)
				unlink(tmp_slots[i]);	/* async-signal-safe */
		if (sweep == 0)
			nanosleep(&grace, NULL);	/* likewise */
	}
}

static int	read_input(char **, size_t *, const char *, size_t,
		    struct galley_diag *);

/*
 * Standard input can be read once, and a run reads each input twice
 * (pass 1 names the articles for links): what it held, or why it could
 * not be read, is kept for the second time.
 */
static struct {
	pthread_mutex_t	 mu;
	int		 done, failed;
	char		*data, why[512];
	size_t		 len;
} in_stdin = { PTHREAD_MUTEX_INITIALIZER, 0, 0, NULL, "", 0 };

int
file_read(char **data, size_t *len, const char *path, size_t max,
    struct galley_diag *dg)
{
	struct galley_diag	*mine;
	int			 rc;

	if (strcmp(path, "-") != 0)
		return read_input(data, len, path, max, dg);
	pthread_mutex_lock(&in_stdin.mu);
	if (!in_stdin.done) {
		mine = galley_diag_new();
		in_stdin.failed = read_input(&in_stdin.data, &in_stdin.len,
		    path, max, mine) == -1;
		if (in_stdin.failed && galley_diag_size(mine) > 0)
			galley_msg_format(galley_diag_get(mine, 0),
			    in_stdin.why, sizeof(in_stdin.why));
		galley_diag_free(mine);
		in_stdin.done = 1;
	}
	*data = NULL;
	*len = 0;
	if ((rc = in_stdin.failed ? -1 : 0) == -1) {
		/* "-: error: ..." as it was said, without the "-: error: " */
		const char *why = strstr(in_stdin.why, "error: ");

		galley_diag_add(dg, GALLEY_ERROR, path, 0, 0, "%s",
		    why != NULL ? why + 7 : "cannot read");
	} else {
		*data = xmalloc_cli(in_stdin.len + 1);
		memcpy(*data, in_stdin.data, in_stdin.len + 1);
		*len = in_stdin.len;
	}
	pthread_mutex_unlock(&in_stdin.mu);
	return rc;
}

static int
read_input(char **data, size_t *len, const char *path, size_t max,
    struct galley_diag *dg)
{
	struct galley_buf	 b;
	char			 chunk[65536];
	struct stat		 st;
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
	if (fstat(fd, &st) == -1)
		st.st_mode = 0;		/* read it as a stream */
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
		galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
		    "input larger than %zu bytes (--max-size)", max);
		goto fail;
	}
	if (fd != STDIN_FILENO && S_ISREG(st.st_mode) && st.st_size > 0) {
		/* a file of known size: one read into its own buffer (no
		 * read for the end: what is there at open is the input) */
		size_t	 want = (size_t)st.st_size, got = 0;
		char	*d = malloc(want + 1);

		if (d == NULL) {
			galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
			    "out of memory for %zu bytes", want);
			goto fail;
		}
		while (got < want) {
			if ((r = read(fd, d + got, want - got)) < 0) {
				if (errno == EINTR)
					continue;
				galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
				    "cannot read: %s", strerror(errno));
				free(d);
				goto fail;
			}
			if (r == 0)
				break;
			got += (size_t)r;
		}
		close(fd);
		d[got] = '\0';
		*data = d;
		*len = got;
		return 0;
	}
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

/* Bytes of a file name most file systems take (NAME_MAX). */
#define TMP_NAME_MAX	255

/* Output goes through a buffer: one write for most files. */
#define OUT_BUF_MAX	(256 * 1024)

static int
flush_buf(struct out_file *o)
{
	const char	*p = o->buf.data;
	size_t		 n = o->buf.len;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(o->fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	o->buf.len = 0;
	return 0;
}

static int
buffered_write(const void *p, size_t n, void *arg)
{
	struct out_file	*o = arg;

	galley_buf_put(&o->buf, p, n);
	return o->buf.len >= OUT_BUF_MAX ? flush_buf(o) : 0;
}

int
out_open(struct out_file *o, const char *path, struct galley_diag *dg)
{
	static unsigned long	 counter;
	static long		 pid;
	const char		*base;
	size_t			 dirlen, sz;
	int			 tries;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->path = xstrdup_cli(path);
	galley_buf_init(&o->buf);
	o->sink.write = buffered_write;
	o->sink.arg = o;
	if (strcmp(path, "-") == 0) {
		o->fd = STDOUT_FILENO;
		return 0;
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dirlen = (size_t)(base - path);
	sz = strlen(path) + 64;
	o->tmp = xmalloc_cli(sz);
	/* The same for every thread: whichever stores it first. */
	if (__atomic_load_n(&pid, __ATOMIC_RELAXED) == 0)
		__atomic_store_n(&pid, (long)getpid(), __ATOMIC_RELAXED);
	/* Tracked before it exists, so a signal never misses it. */
	track(o->tmp);
	if (stopping) {
		errno = EINTR;
		goto fail_open;
	}
	for (tries = 0; tries < 2; tries++) {
		/* ".NAME.PID.N.tmp", or ".galley.PID.N.tmp" when NAME is
		 * so long that the file system would refuse that */
		snprintf(o->tmp, sz, "%.*s.%s.%ld.%lu.tmp", (int)dirlen, path,
		    strlen(base) > TMP_NAME_MAX - 48 ? "galley" : base,
		    __atomic_load_n(&pid, __ATOMIC_RELAXED),
		    __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
		o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666);
		if (o->fd != -1 || errno != ENOENT || tries > 0)
			break;
		if (make_parents(path) == -1) {
			galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
			    "cannot create its folder: %s", strerror(errno));
			goto fail;
		}
	}
	if (o->fd == -1) {
fail_open:
		galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
		    "cannot write: %s", strerror(errno));
		goto fail;
	}
	return 0;
fail:
	untrack(o->tmp);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return -1;
}

int
out_finish(struct out_file *o, struct galley_diag *dg)
{
	if (o->path == NULL || o->fd == -1)
		return 0;			/* finished already */
	if (!o->sink.failed && flush_buf(o) == -1)
		o->sink.failed = 1;
	galley_buf_release(&o->buf);
	if (o->tmp == NULL) {		/* standard output */
		if (o->sink.failed)
			galley_diag_add(dg, GALLEY_ERROR, "-", 0, 0,
			    "cannot write to standard output: %s",
			    strerror(errno));
		o->fd = -1;
		return o->sink.failed ? -1 : 0;
	}
	if (o->sink.failed || close(o->fd) == -1) {
		galley_diag_add(dg, GALLEY_ERROR, o->path, 0, 0,
		    "cannot write: %s", strerror(errno));
		if (!o->sink.failed)
			o->fd = -1;		/* closed, if badly */
		out_abort(o);
		return -1;
	}
	o->fd = -1;
	return 0;
}

int
out_commit(struct out_file *o, struct galley_diag *dg)
{
	if (out_finish(o, dg) == -1)
		return -1;
	if (o->tmp != NULL && rename(o->tmp, o->path) == -1) {
		galley_diag_add(dg, GALLEY_ERROR, o->path, 0, 0,
		    "cannot write: %s", strerror(errno));
		out_abort(o);
		return -1;
	}
	if (o->tmp != NULL)
		untrack(o->tmp);	/* only now: renamed, nothing to remove */
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	o->fd = -1;
	return 0;
}

void
out_abort(struct out_file *o)
{
	galley_buf_release(&o->buf);
	if (o->tmp != NULL) {
		if (o->fd != -1)
			close(o->fd);
		unlink(o->tmp);
		untrack(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	o->fd = -1;
}
