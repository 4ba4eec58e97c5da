/* Growable buffers and the sinks writers write to. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "galley/buf.h"
#include "model/model.h"

void
galley_buf_init(struct galley_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
galley_buf_release(struct galley_buf *b)
{
	free(b->data);
	galley_buf_init(b);
}

static void
grow(struct galley_buf *b, size_t extra)
{
	size_t	 cap;

	if (b->len + extra + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
galley_buf_put(struct galley_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
galley_buf_puts(struct galley_buf *b, const char *s)
{
	galley_buf_put(b, s, strlen(s));
}

void
galley_buf_putc(struct galley_buf *b, int c)
{
	char	 ch = (char)c;

	galley_buf_put(b, &ch, 1);
}

void
galley_buf_printf(struct galley_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	grow(b, 64);	/* most fit: formatted once, in place */
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n <= 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

char *
galley_buf_detach(struct galley_buf *b, size_t *len)
{
	char	*p;

	grow(b, 0);
	p = b->data;
	p[b->len] = '\0';
	if (len != NULL)
		*len = b->len;
	galley_buf_init(b);
	return p;
}

static int
buf_write(const void *p, size_t n, void *arg)
{
	galley_buf_put(arg, p, n);
	return 0;
}

static int
fd_write(const void *p, size_t n, void *arg)
{
	int		 fd = *(int *)arg;
	const char	*s = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, s, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

void
galley_sink_init_buf(struct galley_sink *s, struct galley_buf *b)
{
	s->write = buf_write;
	s->arg = b;
	s->failed = 0;
}

void
galley_sink_init_fd(struct galley_sink *s, int *fd)
{
	s->write = fd_write;
	s->arg = fd;
	s->failed = 0;
}

int
galley_sink_put(struct galley_sink *s, const void *p, size_t n)
{
	if (s->failed)
		return -1;
	if (n > 0 && s->write(p, n, s->arg) == -1) {
		s->failed = 1;
		return -1;
	}
	return 0;
}

int
galley_sink_puts(struct galley_sink *s, const char *str)
{
	return galley_sink_put(s, str, strlen(str));
}

int
galley_sink_printf(struct galley_sink *s, const char *fmt, ...)
{
	char	 small[512], *p = small;
	va_list	 ap;
	int	 n, rc;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n >= sizeof(small)) {
		p = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	rc = galley_sink_put(s, p, (size_t)n);
	if (p != small)
		free(p);
	return rc;
}
