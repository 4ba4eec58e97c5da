/*
 * The EPUB container: a zip archive written straight to a sink, entry
 * by entry; only the central directory stays in memory.  "mimetype"
 * goes first and stored; every time stamp is the book's modified date.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libdeflate.h>

#include "writers/epub/epub.h"
#include "model/oom.h"

struct zip_entry {
	char		*name;
	uint32_t	 crc, csize, usize, offset;
	uint16_t	 method;
};

struct zip {
	struct galley_sink	*out;
	uint32_t		 offset;	/* bytes written so far */
	uint16_t		 dos_time, dos_date;
	struct zip_entry	*v;
	size_t			 n, cap;
	unsigned char		*tmp;		/* deflated data */
	size_t			 tmplen, tmpcap;
	int			 failed;
};

/*
 * Entries that every EPUB shares (container.xml, the style sheet) are
 * deflated once and their bytes reused: a dynamic Huffman block costs
 * as much to set up as a few kilobytes cost to compress.  A few slots,
 * shared by the threads, kept until the process ends.
 */
#define MEMO_SLOTS	4
#define MEMO_MAX	(16 * 1024)	/* largest entry remembered */

struct memo {
	uint32_t	 crc;
	size_t		 len, clen;
	unsigned char	*data, *cdata;
};
static struct memo	memo[MEMO_SLOTS];
static unsigned		memo_next;
static pthread_mutex_t	memo_mu = PTHREAD_MUTEX_INITIALIZER;

/* Copy the deflated bytes of data into z->tmp; 0, or -1 if not known. */
static int
memo_get(struct zip *z, uint32_t crc, const void *data, size_t len)
{
	size_t	 i;
	int	 rc = -1;

	pthread_mutex_lock(&memo_mu);
	for (i = 0; i < MEMO_SLOTS && rc == -1; i++) {
		const struct memo *m = &memo[i];

		if (m->data == NULL || m->crc != crc || m->len != len ||
		    memcmp(m->data, data, len) != 0)
			continue;
		if (z->tmpcap < m->clen) {
			free(z->tmp);
			if ((z->tmp = malloc(m->clen)) == NULL)
				galley_oom();
			z->tmpcap = m->clen;
		}
		memcpy(z->tmp, m->cdata, m->clen);
		z->tmplen = m->clen;
		rc = 0;
	}
	pthread_mutex_unlock(&memo_mu);
	return rc;
}

static void
memo_put(uint32_t crc, const void *data, size_t len, const void *cdata,
    size_t clen)
{
	struct memo	*m;
	unsigned char	*d = malloc(len), *c = malloc(clen ? clen : 1);

	if (d == NULL || c == NULL)
		galley_oom();
	memcpy(d, data, len);
	memcpy(c, cdata, clen);
	pthread_mutex_lock(&memo_mu);
	m = &memo[memo_next++ % MEMO_SLOTS];
	free(m->data);
	free(m->cdata);
	m->data = d;
	m->cdata = c;
	m->crc = crc;
	m->len = len;
	m->clen = clen;
	pthread_mutex_unlock(&memo_mu);
}

static void
put16(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

static int
emit(struct zip *z, const void *p, size_t len)
{
	if (z->failed)
		return -1;
	if ((uint64_t)z->offset + len > 0xffffffffu ||
	    galley_sink_put(z->out, p, len) == -1) {
		z->failed = 1;
		return -1;
	}
	z->offset += (uint32_t)len;
	return 0;
}

struct zip *
zip_new(struct galley_sink *out, long long mtime)
{
	struct zip	*z;
	struct tm	 tm;
	time_t		 t;

	if ((z = calloc(1, sizeof(*z))) == NULL)
		galley_oom();
	z->out = out;
	/* DOS time cannot hold dates before 1980. */
	if (mtime < 315532800LL)
		mtime = 315532800LL;
	t = (time_t)mtime;
	gmtime_r(&t, &tm);
	if (tm.tm_year + 1900 > 2107)
		tm.tm_year = 2107 - 1900;
	z->dos_time = (uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) |
	    (tm.tm_sec / 2));
	z->dos_date = (uint16_t)(((tm.tm_year + 1900 - 1980) << 9) |
	    ((tm.tm_mon + 1) << 5) | tm.tm_mday);
	return z;
}

/*
 * Raw deflate of data into z->tmp (libdeflate: whole buffers, which is
 * what an entry is); -1 if it did not fit.  Each thread keeps one
 * compressor: setting one up costs more than a chapter's compression.
 */
static pthread_key_t	 comp_key;
static pthread_once_t	 comp_once = PTHREAD_ONCE_INIT;

static void
comp_free(void *p)
{
	libdeflate_free_compressor(p);
}

static void
comp_key_make(void)
{
	pthread_key_create(&comp_key, comp_free);
}

/* This thread's compressor freed now: see galley_thread_release(). */
void
zip_thread_release(void)
{
	struct libdeflate_compressor	*c;

	pthread_once(&comp_once, comp_key_make);
	if ((c = pthread_getspecific(comp_key)) != NULL) {
		libdeflate_free_compressor(c);
		pthread_setspecific(comp_key, NULL);
	}
}

static int
deflate_into(struct zip *z, const void *data, size_t len)
{
	struct libdeflate_compressor	*c;
	size_t				 bound;

	pthread_once(&comp_once, comp_key_make);
	if ((c = pthread_getspecific(comp_key)) == NULL) {
		if ((c = libdeflate_alloc_compressor(1)) == NULL)
			galley_oom();
		pthread_setspecific(comp_key, c);
	}
	bound = libdeflate_deflate_compress_bound(c, len);
	if (z->tmpcap < bound) {
		free(z->tmp);
		if ((z->tmp = malloc(bound)) == NULL)
			galley_oom();
		z->tmpcap = bound;
	}
	z->tmplen = libdeflate_deflate_compress(c, data, len, z->tmp, bound);
	return z->tmplen > 0 ? 0 : -1;
}

int
zip_add(struct zip *z, const char *name, const void *data, size_t len,
    int compress)
{
	struct zip_entry	*e;
	unsigned char		 h[30];
	size_t			 nlen = strlen(name);
	const void		*body = data;
	size_t			 blen = len;

	if (z->failed || len > 0xffffffffu || z->n >= 0xffff)
		return -1;
	if (z->n == z->cap) {
		z->cap = z->cap ? z->cap * 2 : 64;
		if ((z->v = realloc(z->v, z->cap * sizeof(*z->v))) == NULL)
			galley_oom();
	}
	e = &z->v[z->n];
	memset(e, 0, sizeof(*e));
	e->crc = libdeflate_crc32(0, data, len);
	e->usize = (uint32_t)len;
	e->offset = z->offset;
	e->method = 0;
	/* below half a kilobyte deflate saves a hundred bytes or so and
	 * costs as much as a whole chapter's: such an entry is stored,
	 * unless many archives share it (compressed once) */
	if (compress != ZIP_DEFLATE_SHARED && len < ZIP_STORE_BELOW)
		compress = 0;
	if (compress && len > 0) {
		int	 shared = compress == ZIP_DEFLATE_SHARED &&
			    len <= MEMO_MAX;

		if (!(shared && memo_get(z, e->crc, data, len) == 0)) {
			if (deflate_into(z, data, len) == -1) {
				z->failed = 1;
				return -1;
			}
			if (shared)
				memo_put(e->crc, data, len, z->tmp,
				    z->tmplen);
		}
		if (z->tmplen < len) {
			e->method = 8;
			body = z->tmp;
			blen = z->tmplen;
		}
	}
	e->csize = (uint32_t)blen;
	if ((e->name = strdup(name)) == NULL)
		galley_oom();
	z->n++;

	put32(h, 0x04034b50);
	put16(h + 4, e->method ? 20 : 10);	/* version needed */
	put16(h + 6, 0x0800);			/* UTF-8 names */
	put16(h + 8, e->method);
	put16(h + 10, z->dos_time);
	put16(h + 12, z->dos_date);
	put32(h + 14, e->crc);
	put32(h + 18, e->csize);
	put32(h + 22, e->usize);
	put16(h + 26, (uint32_t)nlen);
	put16(h + 28, 0);			/* no extra field */
	if (emit(z, h, sizeof(h)) == -1 || emit(z, name, nlen) == -1 ||
	    emit(z, body, blen) == -1)
		return -1;
	return 0;
}

int
zip_finish(struct zip *z)
{
	unsigned char	 h[46];
	uint32_t	 start = z->offset, size;
	size_t		 i, nlen;

	for (i = 0; i < z->n; i++) {
		const struct zip_entry *e = &z->v[i];

		nlen = strlen(e->name);
		put32(h, 0x02014b50);
		put16(h + 4, 20);		/* made by: MS-DOS, 2.0 */
		put16(h + 6, e->method ? 20 : 10);
		put16(h + 8, 0x0800);
		put16(h + 10, e->method);
		put16(h + 12, z->dos_time);
		put16(h + 14, z->dos_date);
		put32(h + 16, e->crc);
		put32(h + 20, e->csize);
		put32(h + 24, e->usize);
		put16(h + 28, (uint32_t)nlen);
		put16(h + 30, 0);		/* extra */
		put16(h + 32, 0);		/* comment */
		put16(h + 34, 0);		/* disk */
		put16(h + 36, 0);		/* internal attributes */
		put32(h + 38, 0);		/* external attributes */
		put32(h + 42, e->offset);
		if (emit(z, h, sizeof(h)) == -1 ||
		    emit(z, e->name, nlen) == -1)
			return -1;
	}
	size = z->offset - start;
	put32(h, 0x06054b50);
	put16(h + 4, 0);
	put16(h + 6, 0);
	put16(h + 8, (uint32_t)z->n);
	put16(h + 10, (uint32_t)z->n);
	put32(h + 12, size);
	put32(h + 16, start);
	put16(h + 20, 0);
	return emit(z, h, 22);
}

void
zip_free(struct zip *z)
{
	size_t	 i;

	if (z == NULL)
		return;
	for (i = 0; i < z->n; i++)
		free(z->v[i].name);
	free(z->v);
	free(z->tmp);
	free(z);
}
