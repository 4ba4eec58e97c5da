/*
 * The EPUB zip container: entries read back with zlib, mimetype first
 * and stored, the same input giving the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "galley/galley.h"
#include "writers/epub/epub.h"
#include "tap.h"

static uint32_t
get16(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
get32(const unsigned char *p)
{
	return get16(p) | get16(p + 2) << 16;
}

static void
build(struct galley_buf *b, const char *big, size_t bigsz)
{
	struct galley_sink	 s;
	struct zip		*z;

	galley_buf_init(b);
	galley_sink_init_buf(&s, b);
	z = zip_new(&s, 1700000000LL);
	zip_add(z, "mimetype", "application/epub+zip", 20, 0);
	zip_add(z, "a/big.txt", big, bigsz, 1);
	zip_add(z, "empty", "", 0, 1);
	zip_add(z, "small.txt", big, 400, 1);
	zip_add(z, "shared.txt", big, 400, ZIP_DEFLATE_SHARED);
	zip_finish(z);
	zip_free(z);
}

/* Find entry name in the central directory; inflate it into out. */
static int
extract(const struct galley_buf *b, const char *name, char **out,
    size_t *outlen, int *method)
{
	const unsigned char	*d = (const unsigned char *)b->data;
	const unsigned char	*eocd = d + b->len - 22, *c;
	size_t			 i, n = get16(eocd + 10);

	c = d + get32(eocd + 16);
	for (i = 0; i < n; i++) {
		size_t nl = get16(c + 28), off = get32(c + 42);
		size_t cs = get32(c + 20), us = get32(c + 24);
		uint32_t crc = get32(c + 16);

		if (nl == strlen(name) && memcmp(c + 46, name, nl) == 0) {
			const unsigned char *l = d + off;
			const unsigned char *data = l + 30 + get16(l + 26) +
			    get16(l + 28);
			z_stream s;

			*method = get16(c + 10);
			*out = malloc(us + 1);
			*outlen = us;
			if (*method == 0)
				memcpy(*out, data, us);
			else {
				memset(&s, 0, sizeof(s));
				inflateInit2(&s, -15);
				s.next_in = (Bytef *)data;
				s.avail_in = (uInt)cs;
				s.next_out = (Bytef *)*out;
				s.avail_out = (uInt)us;
				if (inflate(&s, Z_FINISH) != Z_STREAM_END) {
					inflateEnd(&s);
					return -1;
				}
				inflateEnd(&s);
			}
			return crc32(0, (Bytef *)*out, (uInt)us) == crc ? 0 :
			    -1;
		}
		c += 46 + nl + get16(c + 30) + get16(c + 32);
	}
	return -1;
}

int
main(void)
{
	struct galley_buf	 a, b;
	char			*big, *got = NULL;
	size_t			 i, bigsz = 300000, len = 0;
	int			 method = -1;

	big = malloc(bigsz);
	for (i = 0; i < bigsz; i++)
		big[i] = "galley writes books "[i % 20] + (i / 4096 % 3);
	build(&a, big, bigsz);
	build(&b, big, bigsz);

	CHECK(a.len > 100 && memcmp(a.data, "PK\3\4", 4) == 0,
	    "zip: starts with a local header");
	CHECK(get16((unsigned char *)a.data + 8) == 0 &&
	    get16((unsigned char *)a.data + 28) == 0 &&
	    memcmp(a.data + 30, "mimetype", 8) == 0 &&
	    memcmp(a.data + 38, "application/epub+zip", 20) == 0,
	    "zip: mimetype first, stored, no extra field");
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
	    "zip: the same entries give the same bytes");
	CHECK(get16((unsigned char *)a.data + a.len - 22 + 10) == 5,
	    "zip: five entries in the central directory");
	CHECK(extract(&a, "a/big.txt", &got, &len, &method) == 0 &&
	    len == bigsz && memcmp(got, big, bigsz) == 0,
	    "zip: a deflated entry inflates back with its crc32");
	CHECK(method == 8 && a.len < bigsz / 2, "zip: deflate shrinks text");
	free(got);
	got = NULL;
	CHECK(extract(&a, "empty", &got, &len, &method) == 0 && len == 0 &&
	    method == 0, "zip: an empty entry is stored");
	free(got);
	got = NULL;
	CHECK(extract(&a, "small.txt", &got, &len, &method) == 0 &&
	    len == 400 && memcmp(got, big, 400) == 0 && method == 0,
	    "zip: an entry under 512 bytes is stored, not deflated");
	free(got);
	got = NULL;
	CHECK(extract(&a, "shared.txt", &got, &len, &method) == 0 &&
	    len == 400 && memcmp(got, big, 400) == 0 && method == 8,
	    "zip: a small entry many archives share is deflated (once)");
	free(got);
	/* 2023-11-14 22:13:20 UTC as DOS time and date */
	CHECK(get16((unsigned char *)a.data + 10) ==
	    ((22 << 11) | (13 << 5) | 10) &&
	    get16((unsigned char *)a.data + 12) ==
	    (((2023 - 1980) << 9) | (11 << 5) | 14),
	    "zip: time stamps are the modified date");
	galley_buf_release(&a);
	galley_buf_release(&b);
	free(big);
	return TAP_DONE();
}
