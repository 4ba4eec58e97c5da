/*
 * File input, and outputs written to a temporary file in the
 * destination folder and put in place when complete: an unnamed file
 * (O_TMPFILE, Linux) linked to its name, or, where the file system or
 * the system has none, a hidden file renamed.
 */
#define _GNU_SOURCE	/* O_TMPFILE */
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

/*
 * Unnamed files: none of the file system's work of naming a file twice
 * (a create and a rename, each taking the folder's lock), and nothing
 * left behind by a crash or SIGKILL.  They need O_TMPFILE and /proc
 * (linkat() names the file by /proc/self/fd/N); where either is
 * missing, or the file system refuses, outputs are named files.
 */
#ifdef O_TMPFILE
static int	 unnamed_ok = -1;	/* -1 not known yet */
static pthread_once_t unnamed_once = PTHREAD_ONCE_INIT;

static void
unnamed_probe(void)
{
	unnamed_ok = access("/proc/self/fd", X_OK) == 0;
}
#endif

/* ".NAME.PID.N.tmp" beside path, or ".galley.PID.N.tmp" when NAME is so
 * long that the file system would refuse that; into o->tmp. */
static void
tmp_name(struct out_file *o, const char *path)
{
	static unsigned long	 counter;
	static long		 pid;
	const char		*base;
	size_t			 dirlen, sz;

	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dirlen = (size_t)(base - path);
	sz = strlen(path) + 64;
	if (o->tmp == NULL)
		o->tmp = xmalloc_cli(sz);
	/* The same for every thread: whichever stores it first. */
	if (__atomic_load_n(&pid, __ATOMIC_RELAXED) == 0)
		__atomic_store_n(&pid, (long)getpid(), __ATOMIC_RELAXED);
	snprintf(o->tmp, sz, "%.*s.%s.%ld.%lu.tmp", (int)dirlen, path,
	    strlen(base) > TMP_NAME_MAX - 48 ? "galley" : base,
	    __atomic_load_n(&pid, __ATOMIC_RELAXED),
	    __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
}

/* An unnamed file in path's folder: its descriptor, or -1 with errno
 * (EOPNOTSUPP when galley or the file system cannot). */
static int
open_unnamed(const char *path)
{
#ifdef O_TMPFILE
	const char	*base = strrchr(path, '/');
	char		*dir;
	int		 fd, e;

	pthread_once(&unnamed_once, unnamed_probe);
	if (!__atomic_load_n(&unnamed_ok, __ATOMIC_RELAXED)) {
		errno = EOPNOTSUPP;
		return -1;
	}
	dir = base == NULL ? xstrdup_cli(".") : xstrdup_cli(path);
	if (base != NULL)
		dir[base - path + 1] = '\0';	/* "out/", "/" */
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	e = errno;
	free(dir);
	if (fd == -1 && (e == EOPNOTSUPP || e == EISDIR || e == EINVAL ||
	    e == ENOSYS)) {
		/* an old kernel (EISDIR), or a file system without it:
		 * named files from now on */
		__atomic_store_n(&unnamed_ok, 0, __ATOMIC_RELAXED);
		e = EOPNOTSUPP;
	}
	errno = e;
	return fd;
#else
	(void)path;
	errno = EOPNOTSUPP;
	return -1;
#endif
}

int
out_open(struct out_file *o, const char *path, struct galley_diag *dg)
{
	int	 tries;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->path = xstrdup_cli(path);
	galley_buf_init(&o->buf);
	o->sink.write = buffered_write;
	o->sink.arg = o;
	if (strcmp(path, "-") == 0) {
		o->kind = OUT_STDOUT;
		o->fd = STDOUT_FILENO;
		return 0;
	}
	if (stopping) {
		errno = EINTR;
		goto fail_open;
	}
	for (tries = 0; tries < 2; tries++) {
		if ((o->fd = open_unnamed(path)) != -1) {
			o->kind = OUT_UNNAMED;
			return 0;
		}
		if (errno == EOPNOTSUPP) {
			o->kind = OUT_NAMED;
			tmp_name(o, path);
			/* tracked before it exists: a signal never misses
			 * it */
			track(o->tmp);
			if (stopping) {
				errno = EINTR;
				goto fail_open;
			}
			o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL |
			    O_CLOEXEC, 0666);
			if (o->fd != -1)
				return 0;
			untrack(o->tmp);
		}
		if (errno != ENOENT || tries > 0)
			break;
		if (make_parents(path) == -1) {
			galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
			    "cannot create its folder: %s", strerror(errno));
			goto fail;
		}
	}
fail_open:
	galley_diag_add(dg, GALLEY_ERROR, path, 0, 0,
	    "cannot write: %s", strerror(errno));
fail:
	if (o->tmp != NULL)
		untrack(o->tmp);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	o->fd = -1;
	return -1;
}

int
out_finish(struct out_file *o, struct galley_diag *dg)
{
	if (o->path == NULL || o->finished)
		return 0;			/* finished already */
	if (!o->sink.failed && flush_buf(o) == -1)
		o->sink.failed = 1;
	galley_buf_release(&o->buf);
	o->finished = 1;
	if (o->kind == OUT_STDOUT) {
		if (o->sink.failed)
			galley_diag_add(dg, GALLEY_ERROR, "-", 0, 0,
			    "cannot write to standard output: %s",
			    strerror(errno));
		o->fd = -1;
		return o->sink.failed ? -1 : 0;
	}
	/* an unnamed file stays open: closing it would delete it */
	if (o->sink.failed || (o->kind == OUT_NAMED && close(o->fd) == -1)) {
		galley_diag_add(dg, GALLEY_ERROR, o->path, 0, 0,
		    "cannot write: %s", strerror(errno));
		if (!o->sink.failed)
			o->fd = -1;		/* closed, if badly */
		out_abort(o);
		return -1;
	}
	if (o->kind == OUT_NAMED)
		o->fd = -1;
	return 0;
}

/* An unnamed file given its name: linked, or linked beside and renamed
 * over an older file of that name.  -1 with errno. */
static int
link_unnamed(struct out_file *o)
{
	char	 proc[64];
	int	 rc;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", o->fd);
	if (linkat(AT_FDCWD, proc, AT_FDCWD, o->path, AT_SYMLINK_FOLLOW) == 0)
		return 0;
	if (errno != EEXIST)
		return -1;
	tmp_name(o, o->path);
	track(o->tmp);
	if (stopping) {
		untrack(o->tmp);
		errno = EINTR;
		return -1;
	}
	if ((rc = linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp,
	    AT_SYMLINK_FOLLOW)) == 0 && (rc = rename(o->tmp, o->path)) == -1) {
		int	 e = errno;

		unlink(o->tmp);
		errno = e;
	}
	untrack(o->tmp);
	return rc;
}

int
out_commit(struct out_file *o, struct galley_diag *dg)
{
	int	 rc = 0;

	if (o->path == NULL)
		return 0;			/* committed, or aborted */
	if (out_finish(o, dg) == -1)
		return -1;
	if (o->kind == OUT_NAMED && rename(o->tmp, o->path) == -1)
		rc = -1;
	else if (o->kind == OUT_UNNAMED && stopping) {
		errno = EINTR;
		rc = -1;
	} else if (o->kind == OUT_UNNAMED && link_unnamed(o) == -1)
		rc = -1;
	if (rc == -1) {
		galley_diag_add(dg, GALLEY_ERROR, o->path, 0, 0,
		    "cannot write: %s", strerror(errno));
		out_abort(o);
		return -1;
	}
	if (o->kind == OUT_NAMED)
		untrack(o->tmp);	/* only now: renamed, nothing to remove */
	if (o->kind == OUT_UNNAMED)
		close(o->fd);	/* written and linked: nothing to lose */
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
	if (o->kind != OUT_STDOUT && o->fd != -1)
		close(o->fd);		/* an unnamed file goes with it */
	if (o->kind == OUT_NAMED && o->tmp != NULL) {
		unlink(o->tmp);
		untrack(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	o->fd = -1;
}
