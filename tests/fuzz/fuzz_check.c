/*
 * The checks and runs shared by the fuzz harnesses (see fuzz_check.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <zlib.h>

#include "galley/galley.h"
#include "fuzz_check.h"

static void
fail(const char *what, const char *why)
{
	fprintf(stderr, "fuzz check failed: %s: %s\n", what, why);
	abort();
}

void
fuzz_check_xml(const char *what, const char *data, size_t len)
{
	xmlDocPtr	 x;

	if (len > INT32_MAX)
		fail(what, "too long");
	x = xmlReadMemory(data, (int)len, what, "UTF-8", XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	if (x == NULL)
		fail(what, "not well-formed XML");
	xmlFreeDoc(x);
}

void
fuzz_check_json(const char *data, size_t len)
{
	json_error_t	 err;
	json_t		*j = json_loadb(data, len, 0, &err);

	if (j == NULL)
		fail("json", err.text);
	json_decref(j);
}

static unsigned
get16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static uint32_t
get32(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static int
is_xml_name(const char *name, size_t n)
{
	static const char *const ext[] = { ".xhtml", ".opf", ".ncx", ".xml" };
	size_t	 i, e;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		e = strlen(ext[i]);
		if (n >= e && memcmp(name + n - e, ext[i], e) == 0)
			return 1;
	}
	return 0;
}

/* Walk the local headers of the zip: every entry inflates to its size
 * and CRC, "mimetype" comes first, stored; every XML entry parses. */
void
fuzz_check_epub(const char *data, size_t len)
{
	const unsigned char	*p = (const unsigned char *)data;
	size_t			 off = 0, n = 0;

	while (off + 30 <= len && get32(p + off) == 0x04034b50) {
		unsigned	 method = get16(p + off + 8);
		uint32_t	 crc = get32(p + off + 14);
		uint32_t	 csize = get32(p + off + 18);
		uint32_t	 usize = get32(p + off + 22);
		unsigned	 nlen = get16(p + off + 26);
		unsigned	 xlen = get16(p + off + 28);
		const char	*name = (const char *)p + off + 30;
		const unsigned char *body = p + off + 30 + nlen + xlen;
		unsigned char	*u;
		char		 what[256];

		if (off + 30 + nlen + xlen + csize > len)
			fail("epub", "entry runs past the end");
		snprintf(what, sizeof(what), "epub:%.*s", (int)nlen, name);
		if (n == 0 && (nlen != 8 || memcmp(name, "mimetype", 8) != 0 ||
		    method != 0))
			fail(what, "first entry is not a stored mimetype");
		if ((u = malloc(usize + 1)) == NULL)
			abort();
		if (method == 0) {
			if (csize != usize)
				fail(what, "stored sizes differ");
			memcpy(u, body, usize);
		} else if (method == 8) {
			z_stream	 s;

			memset(&s, 0, sizeof(s));
			if (inflateInit2(&s, -15) != Z_OK)
				abort();
			s.next_in = (Bytef *)(uintptr_t)body;
			s.avail_in = csize;
			s.next_out = u;
			s.avail_out = usize + 1;
			if (inflate(&s, Z_FINISH) != Z_STREAM_END ||
			    s.total_out != usize)
				fail(what, "does not inflate to its size");
			inflateEnd(&s);
		} else
			fail(what, "unknown method");
		if ((uint32_t)crc32(crc32(0L, Z_NULL, 0), u, usize) != crc)
			fail(what, "CRC differs");
		if (is_xml_name(name, nlen))
			fuzz_check_xml(what, (const char *)u, usize);
		free(u);
		off += 30 + nlen + xlen + csize;
		n++;
	}
	if (n < 3 || off + 4 > len || get32(p + off) != 0x02014b50)
		fail("epub", "no central directory after the entries");
}

static void
check_output(const char *writer, const struct galley_buf *b)
{
	if (strcmp(writer, "tei") == 0)
		fuzz_check_xml("tei", b->data, b->len);
	else if (strcmp(writer, "json") == 0)
		fuzz_check_json(b->data, b->len);
	else if (strcmp(writer, "epub") == 0)
		fuzz_check_epub(b->data, b->len);
}

static struct galley_doc *
read_and_filter(const char *format, const uint8_t *data, size_t size,
    int smart, struct galley_opts *opts, struct galley_diag *dg)
{
	struct galley_doc	*doc = NULL;

	galley_opts_init(opts);
	opts->format = format;
	opts->smart = smart;
	opts->source_date = 0;
	if (galley_read(&doc, "fuzz", (const char *)data, size, opts,
	    dg) != 0 || galley_filters_run(doc, opts, dg) != 0) {
		galley_doc_free(doc);
		return NULL;
	}
	return doc;
}

static int
write_json(const struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg, struct galley_buf *b)
{
	struct galley_sink	 sink;

	galley_buf_init(b);
	galley_sink_init_buf(&sink, b);
	return galley_writer_find("json")->write(doc, &sink, opts, dg);
}

void
fuzz_reader(const char *format, const uint8_t *data, size_t size, int smart)
{
	struct galley_opts	 opts;
	struct galley_diag	*dg;
	struct galley_doc	*doc, *back = NULL;
	struct galley_buf	 j1, j2;

	if (size > FUZZ_MAX_INPUT)
		return;
	dg = galley_diag_new();
	if ((doc = read_and_filter(format, data, size, smart, &opts,
	    dg)) == NULL) {
		galley_diag_free(dg);
		return;
	}
	if (write_json(doc, &opts, dg, &j1) != 0)
		fail(format, "JSON writer failed on a document read");
	fuzz_check_json(j1.data, j1.len);
	opts.format = "json";
	if (galley_read(&back, "fuzz.json", j1.data, j1.len, &opts, dg) != 0)
		fail(format, "galley cannot read its own JSON");
	if (write_json(back, &opts, dg, &j2) != 0)
		fail(format, "JSON writer failed on JSON read back");
	if (j1.len != j2.len || memcmp(j1.data, j2.data, j1.len) != 0)
		fail(format, "JSON round trip changed the document");
	galley_buf_release(&j1);
	galley_buf_release(&j2);
	galley_doc_free(back);
	galley_doc_free(doc);
	galley_diag_free(dg);
}

void
fuzz_all_writers(const char *format, const uint8_t *data, size_t size,
    int smart)
{
	const struct galley_writer *const *w;
	struct galley_opts	 opts;
	struct galley_diag	*dg;
	struct galley_doc	*doc;

	if (size > FUZZ_MAX_INPUT)
		return;
	dg = galley_diag_new();
	if ((doc = read_and_filter(format, data, size, smart, &opts,
	    dg)) != NULL) {
		for (w = galley_writers(); *w != NULL; w++) {
			struct galley_buf	 b;
			struct galley_sink	 sink;

			galley_buf_init(&b);
			galley_sink_init_buf(&sink, &b);
			if ((*w)->write(doc, &sink, &opts, dg) == 0)
				check_output((*w)->name, &b);
			galley_buf_release(&b);
		}
	}
	galley_doc_free(doc);
	galley_diag_free(dg);
}
