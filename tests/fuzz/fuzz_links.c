/*
 * libFuzzer harness: several articles of one run, linked to one another,
 * as `galley convert` and `galley book` make them.
 *
 * Input: one byte of flags, then up to MAX_DOCS documents separated by
 * SEP ("\n@@@\n").  Each document's first line is its path below the
 * folder named ("nb/lease.md", "x/index.md"); the rest is its content,
 * read with the format found by sniffing (auto).
 *
 * As convert.c does: pass 1 reads every document with the meta filter
 * only (meta_only) and adds it to a link index (galley_linkindex_add_file),
 * which is then sealed; pass 2 reads each again, runs the filters but
 * links, adopts the id the index gave it (adopt_id), resolves its links
 * against the index (galley_links_resolve_at) and says a slug another
 * claimed (check_slug).  Then every writer writes each document; the
 * documents are made into one book EPUB (as book.c does) and one
 * teiCorpus (streamed, spooled when a flag says so).
 *
 * Checks: every output well-formed as fuzz_check.c checks it (TEI and
 * every EPUB entry XML, JSON parses, zip intact), the JSON of a resolved
 * document reads back to the same bytes, every internal link targets an
 * id the index gave out, the index's orders stay in the run, and no
 * pointer of a TEI output (#id in @target/@corresp) or href of an EPUB
 * (file#id) dangles.  A failed check aborts.
 *
 * Flags: 1 --smart, 2 --link-base, 4 --translations (teiCorpus, book),
 * 8 spool every text of the teiCorpus, 16 files named one by one (not a
 * folder: the path's folder is not the rel's), 32 --lang nb,
 * 64 --no-filter sections, 128 -v.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "galley/galley.h"
#include "galley/links.h"
#include "galley/tei.h"
#include "writers/epub/epub.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_DOCS	8
#define MAX_REL		120
#define SEP		"\n@@@\n"

enum {
	F_SMART = 1, F_LINKBASE = 2, F_TRANSL = 4, F_SPOOL = 8,
	F_FILES = 16, F_LANG = 32, F_NOSECT = 64, F_VERBOSE = 128
};

struct in {
	char		*path;		/* as opened: "in/nb/lease.md" */
	char		*rel;		/* below the folder: "nb/lease.md" */
	const char	*data;
	size_t		 len;
	int		 indexed;	/* pass 1 added it */
	struct galley_doc *doc;		/* pass 2 */
};

static void
fail(const char *what, const char *why)
{
	fprintf(stderr, "fuzz_links check failed: %s: %s\n", what, why);
	abort();
}

static char *
xstrdup(const char *s)
{
	char	*p = strdup(s);

	if (p == NULL)
		abort();
	return p;
}

static void *
xmalloc(size_t n)
{
	void	*p = malloc(n);

	if (p == NULL)
		abort();
	return p;
}

static unsigned long
filter_bit(const char *name)
{
	int	 i = galley_filter_find(name);

	return i >= 0 ? 1UL << i : 0;
}

/* A path as a folder walk gives it: no empty, "." or ".." segment, no
 * hidden file or folder; "docN.md" if nothing is left. */
static char *
clean_rel(const char *s, size_t n, size_t i)
{
	char	*out = xmalloc(n + 32);
	size_t	 o = 0, k = 0, mark, s0;

	while (k <= n) {
		mark = o;
		if (o > 0)
			out[o++] = '/';
		s0 = o;
		for (; k < n && s[k] != '/'; k++)
			if (s[k] != '\0' && s[k] != '\r')
				out[o++] = s[k];
		k++;
		if (o == s0 || out[s0] == '.')
			o = mark;	/* empty, ".", "..", hidden */
	}
	out[o] = '\0';
	if (o == 0)
		snprintf(out, n + 32, "doc%zu.md", i);
	return out;
}

/* inputs_unique_rels(): a later input with an earlier one's rel goes
 * below its folder's name ("b/post.md"), or "base-N/..." */
static void
unique_rels(struct in *v, size_t n)
{
	size_t	 i, j, m, plen, rlen;
	char	*folder, *base, *rel;

	for (i = 1; i < n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(v[j].rel, v[i].rel) == 0)
				break;
		if (j == i)
			continue;
		plen = strlen(v[i].path);
		rlen = strlen(v[i].rel);
		folder = xstrdup(v[i].path);
		if (plen > rlen + 1 && folder[plen - rlen - 1] == '/')
			folder[plen - rlen - 1] = '\0';
		else
			folder[0] = '\0';
		base = strrchr(folder, '/');
		base = base != NULL ? base + 1 : folder;
		if (base[0] == '\0' || strcmp(base, ".") == 0 ||
		    strcmp(base, "..") == 0)
			base = "input";
		rel = xmalloc(strlen(base) + rlen + 32);
		for (m = 1; ; m++) {
			if (m == 1)
				sprintf(rel, "%s/%s", base, v[i].rel);
			else
				sprintf(rel, "%s-%zu/%s", base, m, v[i].rel);
			for (j = 0; j < n; j++)
				if (j != i && strcmp(v[j].rel, rel) == 0)
					break;
			if (j == n)
				break;
		}
		free(v[i].rel);
		v[i].rel = rel;
		free(folder);
	}
}

static size_t
split(const uint8_t *data, size_t size, int files, struct in *v)
{
	const char	*p = (const char *)data, *end = p + size, *sep, *nl;
	size_t		 n = 0, len;
	char		*rel;

	while (p <= end && n < MAX_DOCS) {
		sep = memmem(p, (size_t)(end - p), SEP, sizeof(SEP) - 1);
		len = sep != NULL ? (size_t)(sep - p) : (size_t)(end - p);
		nl = memchr(p, '\n', len);
		rel = clean_rel(p, nl != NULL ? (size_t)(nl - p) > MAX_REL ?
		    MAX_REL : (size_t)(nl - p) : len > MAX_REL ? MAX_REL : len,
		    n);
		memset(&v[n], 0, sizeof(v[n]));
		if (files) {	/* named as a file: rel is its name */
			const char *b = strrchr(rel, '/');

			v[n].path = rel;
			v[n].rel = xstrdup(b != NULL ? b + 1 : rel);
		} else {
			v[n].path = xmalloc(strlen(rel) + 4);
			sprintf(v[n].path, "in/%s", rel);
			v[n].rel = rel;
		}
		v[n].data = nl != NULL ? nl + 1 : p + len;
		v[n].len = nl != NULL ? len - (size_t)(nl + 1 - p) : 0;
		n++;
		if (sep == NULL)
			break;
		p = sep + sizeof(SEP) - 1;
	}
	unique_rels(v, n);
	return n;
}

/* --- checks ------------------------------------------------------- */

/* FUZZ_LINKS_DEBUG set: messages and outputs on standard error. */
static int	 debug = -1;

/* Messages formatted as the command line prints them. */
static void
format_all(const struct galley_diag *dg)
{
	char	 line[4096];
	size_t	 i;

	for (i = 0; i < galley_diag_size(dg); i++) {
		galley_msg_format(galley_diag_get(dg, i), line, sizeof(line));
		if (debug)
			fprintf(stderr, "%s\n", line);
	}
}

struct linkcheck {
	const struct galley_linkindex	*idx;
	size_t				 n;
	const char			*file;
};

static enum galley_walk
check_link(struct galley_node *nd, int entering, void *arg)
{
	const struct linkcheck	*lc = arg;
	const char		*id;
	size_t			 j;

	if (!entering || nd->type != GALLEY_NODE_LINK ||
	    nd->u.link.kind != GALLEY_LINK_INTERNAL)
		return GALLEY_WALK_NEXT;
	if (nd->u.link.target == NULL)
		fail(lc->file, "internal link without a target");
	for (j = 0; j < lc->n; j++)
		if ((id = galley_linkindex_id(lc->idx, j, NULL)) != NULL &&
		    strcmp(id, nd->u.link.target) == 0)
			return GALLEY_WALK_NEXT;
	fprintf(stderr, "internal link %s -> \"%s\"\n",
	    nd->u.link.url ? nd->u.link.url : "(null)", nd->u.link.target);
	fail(lc->file, "internal link to an id no article of the run has");
	return GALLEY_WALK_NEXT;
}

static void
collect_ids(xmlNodePtr n, xmlHashTablePtr ids, int xml_ns)
{
	xmlChar	*id;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		id = xml_ns ? xmlGetNsProp(n, BAD_CAST "id",
		    XML_XML_NAMESPACE) : xmlGetNoNsProp(n, BAD_CAST "id");
		if (id != NULL) {
			xmlHashAddEntry(ids, id, (void *)1);
			xmlFree(id);
		}
		collect_ids(n->children, ids, xml_ns);
	}
}

/* TEI: every "#x" of @target or @corresp names an xml:id. */
static void
tei_pointers(const char *what, xmlNodePtr n, xmlHashTablePtr ids)
{
	static const char *const attrs[] = { "target", "corresp" };
	xmlChar		*v;
	char		*tok, *save = NULL;
	size_t		 k;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (k = 0; k < 2; k++) {
			if ((v = xmlGetNoNsProp(n, BAD_CAST attrs[k])) == NULL)
				continue;
			for (tok = strtok_r((char *)v, " \t\n\r", &save);
			    tok != NULL; tok = strtok_r(NULL, " \t\n\r",
			    &save)) {
				if (tok[0] != '#')
					continue;
				if (xmlHashLookup(ids, BAD_CAST tok + 1) ==
				    NULL) {
					fprintf(stderr, "<%s %s=\"...%s...\">\n",
					    (const char *)n->name, attrs[k], tok);
					fail(what, "TEI pointer to no xml:id");
				}
			}
			xmlFree(v);
		}
		tei_pointers(what, n->children, ids);
	}
}

static void
check_tei(const char *what, const char *data, size_t len)
{
	xmlDocPtr	 x;
	xmlHashTablePtr	 ids;

	fuzz_check_xml(what, data, len);
	x = xmlReadMemory(data, (int)len, what, "UTF-8", XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	if (x == NULL)
		fail(what, "not well-formed XML");
	ids = xmlHashCreate(64);
	collect_ids(xmlDocGetRootElement(x), ids, 1);
	tei_pointers(what, xmlDocGetRootElement(x), ids);
	xmlHashFree(ids, NULL);
	xmlFreeDoc(x);
}

/* The entries of an EPUB (checked by fuzz_check_epub first). */
struct entry {
	char		*name;
	xmlDocPtr	 x;		/* XHTML entries */
	xmlHashTablePtr	 ids;
};

static uint32_t
get32(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static unsigned
get16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static size_t
epub_entries(const char *data, size_t len, struct entry **out)
{
	const unsigned char	*p = (const unsigned char *)data;
	size_t			 off = 0, n = 0, cap = 0;
	struct entry		*v = NULL;

	while (off + 30 <= len && get32(p + off) == 0x04034b50) {
		unsigned	 method = get16(p + off + 8);
		uint32_t	 csize = get32(p + off + 18);
		uint32_t	 usize = get32(p + off + 22);
		unsigned	 nlen = get16(p + off + 26);
		unsigned	 xlen = get16(p + off + 28);
		const unsigned char *body = p + off + 30 + nlen + xlen;
		unsigned char	*u = xmalloc(usize + 1);

		if (method == 0)
			memcpy(u, body, usize);
		else {
			z_stream	 s;

			memset(&s, 0, sizeof(s));
			if (inflateInit2(&s, -15) != Z_OK)
				abort();
			s.next_in = (Bytef *)(uintptr_t)body;
			s.avail_in = csize;
			s.next_out = u;
			s.avail_out = usize + 1;
			inflate(&s, Z_FINISH);
			inflateEnd(&s);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((v = realloc(v, cap * sizeof(*v))) == NULL)
				abort();
		}
		v[n].name = xmalloc(nlen + 1);
		memcpy(v[n].name, p + off + 30, nlen);
		v[n].name[nlen] = '\0';
		v[n].x = NULL;
		v[n].ids = NULL;
		if (nlen > 6 && strcmp(v[n].name + nlen - 6, ".xhtml") == 0) {
			v[n].x = xmlReadMemory((const char *)u, (int)usize,
			    v[n].name, "UTF-8", XML_PARSE_NONET |
			    XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			    XML_PARSE_HUGE);
			v[n].ids = xmlHashCreate(64);
			if (v[n].x != NULL)
				collect_ids(xmlDocGetRootElement(v[n].x),
				    v[n].ids, 0);
		}
		free(u);
		off += 30 + nlen + xlen + csize;
		n++;
	}
	*out = v;
	return n;
}

/* "OEBPS/text/" + "../nav.xhtml" -> "OEBPS/nav.xhtml" */
static char *
join_href(const char *from, const char *href, size_t hlen)
{
	const char	*slash = strrchr(from, '/');
	size_t		 dl = slash != NULL ? (size_t)(slash - from) + 1 : 0;
	char		*out = xmalloc(dl + hlen + 1);

	memcpy(out, from, dl);
	while (hlen >= 3 && strncmp(href, "../", 3) == 0) {
		href += 3;
		hlen -= 3;
		if (dl > 0)
			dl--;
		while (dl > 0 && out[dl - 1] != '/')
			dl--;
	}
	memcpy(out + dl, href, hlen);
	out[dl + hlen] = '\0';
	return out;
}

static void
epub_hrefs(struct entry *v, size_t n, size_t at, xmlNodePtr nd)
{
	xmlChar		*h;
	const char	*href, *hash, *colon;
	char		*file;
	size_t		 k, flen;

	for (; nd != NULL; nd = nd->next) {
		if (nd->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(nd->name, BAD_CAST "a") &&
		    (h = xmlGetNoNsProp(nd, BAD_CAST "href")) != NULL) {
			href = (const char *)h;
			colon = strpbrk(href, ":/#?");
			if (colon == NULL || *colon != ':') {
				hash = strchr(href, '#');
				flen = hash != NULL ? (size_t)(hash - href) :
				    strlen(href);
				file = flen == 0 ? xstrdup(v[at].name) :
				    join_href(v[at].name, href, flen);
				for (k = 0; k < n; k++)
					if (strcmp(v[k].name, file) == 0)
						break;
				if (k == n || (hash != NULL && (v[k].ids ==
				    NULL || xmlHashLookup(v[k].ids,
				    BAD_CAST hash + 1) == NULL))) {
					fprintf(stderr, "%s: <a href=\"%s\">\n",
					    v[at].name, href);
					fail("epub", k == n ? "href to no entry" :
					    "href to no id of that entry");
				}
				free(file);
			}
			xmlFree(h);
		}
		epub_hrefs(v, n, at, nd->children);
	}
}

static void
check_epub(const char *data, size_t len)
{
	struct entry	*v;
	size_t		 n, i;

	fuzz_check_epub(data, len);
	n = epub_entries(data, len, &v);
	for (i = 0; i < n; i++)
		if (v[i].x != NULL)
			epub_hrefs(v, n, i, xmlDocGetRootElement(v[i].x));
	for (i = 0; i < n; i++) {
		free(v[i].name);
		if (v[i].x != NULL)
			xmlFreeDoc(v[i].x);
		if (v[i].ids != NULL)
			xmlHashFree(v[i].ids, NULL);
	}
	free(v);
}

static void
check_output(const char *writer, const struct galley_buf *b)
{
	if (strcmp(writer, "tei") == 0)
		check_tei("tei", b->data, b->len);
	else if (strcmp(writer, "json") == 0)
		fuzz_check_json(b->data, b->len);
	else if (strcmp(writer, "epub") == 0)
		check_epub(b->data, b->len);
}

/* JSON of a resolved document, read back, is the same bytes again. */
static void
json_round_trip(const struct galley_doc *doc, const struct galley_buf *j1,
    const struct galley_opts *opts)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*back = NULL;
	struct galley_opts	 o = *opts;
	struct galley_buf	 j2;
	struct galley_sink	 sink;

	(void)doc;
	o.format = "json";
	if (galley_read(&back, "fuzz.json", j1->data, j1->len, &o, dg) != 0)
		fail("json", "galley cannot read its own JSON");
	galley_buf_init(&j2);
	galley_sink_init_buf(&sink, &j2);
	if (galley_writer_find("json")->write(back, &sink, &o, dg) != 0)
		fail("json", "JSON writer failed on JSON read back");
	if (j1->len != j2.len || memcmp(j1->data, j2.data, j2.len) != 0)
		fail("json", "JSON round trip changed a linked document");
	galley_buf_release(&j2);
	galley_doc_free(back);
	galley_diag_free(dg);
}

/* --- the book, as book.c makes it ---------------------------------- */

struct article {
	size_t		 k;		/* in v[] */
	const char	*rel;
	char		*id;
	double		 order;
	int		 has_order;
	size_t		 pre;
};

static int
order_of(const struct galley_meta *m, double *out)
{
	const struct galley_value	*v = NULL;
	char				*end;

	if (m->extra != NULL && (v = galley_value_get(m->extra,
	    "order")) == NULL)
		v = galley_value_get(m->extra, "weight");
	if (v == NULL || v->kind != GALLEY_VALUE_STRING || v->str == NULL)
		return 0;
	*out = strtod(v->str, &end);
	return end != v->str && *end == '\0';
}

static int
cmp_articles(const void *a, const void *b)
{
	const struct article	*x = a, *y = b;
	int			 c;

	if (x->has_order != y->has_order)
		return x->has_order ? -1 : 1;
	if (x->has_order && x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if ((c = strcmp(x->rel, y->rel)) != 0)
		return c;
	return x->k < y->k ? -1 : x->k > y->k;
}

static const char *
main_language(const struct epub *pre)
{
	size_t		 i, j, best = 0, bestn = 0, n;

	for (i = 0; i < pre->nlang; i++) {
		for (n = 0, j = 0; j < pre->nch; j++)
			n += strcmp(pre->ch[j].lang, pre->langv[i]) == 0;
		if (n > bestn) {
			best = i;
			bestn = n;
		}
	}
	return pre->nlang > 0 ? pre->langv[best] : NULL;
}

static char *
dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*d;

	if (slash == NULL)
		return xstrdup(".");
	d = xstrdup(path);
	d[slash == path ? 1 : slash - path] = '\0';
	return d;
}

static void
make_book(struct in *v, size_t n, const struct galley_linkindex *idx,
    const struct galley_opts *opts, int translations)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_book	 book;
	struct epub		 pre, e;
	struct article		 arts[MAX_DOCS];
	struct galley_buf	 out, key;
	struct galley_sink	 sink;
	size_t			 i, j, narts = 0;
	long long		 t, newest = -1;
	char			 uuid[46], date[16], *dir;
	const char		*id;
	int			 ok = 1;

	memset(&book, 0, sizeof(book));
	memset(&pre, 0, sizeof(pre));
	memset(&e, 0, sizeof(e));
	book.translations = translations;
	for (i = 0; i < n; i++) {
		const struct galley_meta	*m;
		struct article			*a;

		if (v[i].doc == NULL)
			continue;
		m = galley_doc_meta(v[i].doc);
		a = &arts[narts++];
		a->k = i;
		a->rel = v[i].rel;
		a->id = m->id != NULL ? xstrdup(m->id) : NULL;
		a->has_order = order_of(m, &a->order);
		a->pre = epub_chapter_add(&pre, a->id, m->title,
		    epub_meta_lang(m));
		xhtml_headings(&pre, a->pre, v[i].doc);
		{
			const char *b = strrchr(v[i].rel, '/');

			epub_chapter_untitled(&pre, a->pre,
			    b != NULL ? b + 1 : v[i].rel);
		}
		for (j = 0; j < m->keywords.n; j++)
			epub_subject_add(&pre, m->keywords.v[j]);
		for (j = 0; j < m->authors.n; j++)
			epub_creator_add(&pre, m->authors.v[j]);
		if ((t = epub_date_epoch(m->date)) >= 0 && t > newest)
			newest = t;
	}
	if (narts == 0)
		goto done;
	for (i = 0; i < narts; i++) {
		id = galley_linkindex_id(idx, arts[i].k, NULL);
		if (id != NULL && (arts[i].id == NULL ||
		    strcmp(id, arts[i].id) != 0)) {
			free(arts[i].id);
			arts[i].id = xstrdup(id);
		}
	}
	qsort(arts, narts, sizeof(*arts), cmp_articles);
	book.title = pre.ch[arts[0].pre].title;
	book.language = main_language(&pre);
	if (newest >= 0) {
		time_t		 tt = (time_t)newest;
		struct tm	 tm;

		gmtime_r(&tt, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		book.date = date;
	}
	galley_buf_init(&out);
	galley_sink_init_buf(&sink, &out);
	if (epub_open(&e, &sink, &book, opts, opts->source_date, dg) == -1) {
		galley_buf_release(&out);
		goto done;
	}
	galley_buf_init(&key);
	galley_buf_printf(&key, "galley-book\n%s\n", book.title);
	for (i = 0; i < narts; i++)
		galley_buf_printf(&key, "%s\n", arts[i].rel);
	epub_uuid(uuid, key.data, key.len);
	galley_buf_release(&key);
	e.identifier = xstrdup(uuid);
	for (i = 0; i < pre.ncreator; i++)
		epub_creator_add(&e, pre.creatorv[i]);
	for (i = 0; i < pre.nsubject; i++)
		epub_subject_add(&e, pre.subjectv[i]);
	for (i = 0; i < narts; i++) {
		struct epub_chapter	*from = &pre.ch[arts[i].pre], *to;
		size_t			 k;

		k = epub_chapter_add(&e, arts[i].id, from->title,
		    epub_meta_lang(galley_doc_meta(v[arts[i].k].doc)));
		to = &e.ch[k];
		to->h = from->h;
		to->nh = from->nh;
		to->caph = from->caph;
		from->h = NULL;
		from->nh = from->caph = 0;
	}
	for (i = 0; i < narts && ok; i++) {
		dir = dir_of(v[arts[i].k].path);
		ok = epub_chapter_write(&e, i, v[arts[i].k].doc, dir) == 0;
		free(dir);
	}
	if (ok && epub_close(&e) == 0)
		check_epub(out.data, out.len);
	galley_buf_release(&out);
done:
	format_all(dg);
	for (i = 0; i < narts; i++)
		free(arts[i].id);
	epub_release(&e);
	epub_release(&pre);
	galley_diag_free(dg);
}

/* --- the run ------------------------------------------------------- */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in		 v[MAX_DOCS];
	struct galley_opts	 opts, iopts;
	struct galley_linkindex	*idx;
	struct galley_diag	*dg;
	struct galley_doc	*doc;
	const struct galley_writer *const *w;
	struct galley_tei_corpus *corpus;
	struct galley_book	 cbook;
	size_t			 n, i, order, keeper, ndone = 0;
	unsigned		 flags;

	if (size < 1 || size > FUZZ_MAX_INPUT)
		return 0;
	if (debug == -1)
		debug = getenv("FUZZ_LINKS_DEBUG") != NULL;
	flags = data[0];
	n = split(data + 1, size - 1, flags & F_FILES, v);

	galley_opts_init(&opts);
	opts.source_date = 0;
	opts.smart = (flags & F_SMART) != 0;
	opts.verbose = (flags & F_VERBOSE) != 0;
	if (flags & F_LINKBASE)
		opts.link_base = "https://example.org/site/";
	if (flags & F_LANG)
		opts.lang = "nb";
	if (flags & F_NOSECT)
		opts.no_filters |= filter_bit("sections");

	/* pass 1: the index */
	idx = galley_linkindex_new();
	iopts = opts;
	iopts.no_filters = ~0UL & ~filter_bit("meta");
	iopts.smart = 0;
	iopts.meta_only = 1;
	for (i = 0; i < n; i++) {
		dg = galley_diag_new();
		galley_diag_drop(dg, GALLEY_WARNING);
		doc = NULL;
		if (galley_read(&doc, v[i].path, v[i].data, v[i].len, &iopts,
		    dg) == 0 && galley_filters_run(doc, &iopts, dg) == 0) {
			galley_linkindex_add_file(idx, doc, i, v[i].rel);
			v[i].indexed = galley_doc_meta(doc)->id != NULL;
		}
		galley_doc_free(doc);
		galley_diag_free(dg);
	}
	galley_linkindex_seal(idx);
	(void)galley_linkindex_names(idx);	/* --update's digest */
	(void)galley_linkindex_renamed(idx);
	opts.no_filters |= filter_bit("links");

	/* pass 2: each converted, ids adopted, links resolved, written */
	for (i = 0; i < n; i++) {
		struct galley_meta	*m;
		const char		*id, *other;
		struct linkcheck	 lc;

		dg = galley_diag_new();
		if (!opts.verbose)
			galley_diag_drop(dg, GALLEY_NOTE);
		doc = NULL;
		if (galley_read(&doc, v[i].path, v[i].data, v[i].len, &opts,
		    dg) != 0 || galley_filters_run(doc, &opts, dg) != 0) {
			galley_doc_free(doc);
			format_all(dg);
			galley_diag_free(dg);
			continue;
		}
		m = galley_doc_meta(doc);
		/* adopt_id() */
		keeper = (size_t)-1;
		id = galley_linkindex_id(idx, i, &keeper);
		if (id != NULL && v[i].indexed != 1)
			fail(v[i].rel, "an id for an article not indexed");
		if (id != NULL && m->id != NULL && strcmp(id, m->id) != 0 &&
		    keeper >= n)	/* not renamed: read otherwise */
			m->id = galley_doc_strdup(doc, id);
		else if (id != NULL && m->id != NULL &&
		    strcmp(id, m->id) != 0) {
			galley_diag_add(dg, GALLEY_WARNING, m->source, 0, 0,
			    "id \"%s\" is also the id of %s, earlier in this "
			    "run: this article's id is \"%s\"", m->id,
			    v[keeper].path, id);
			m->id = galley_doc_strdup(doc, id);
		}
		/* the number of links left as text, or -1 */
		if (galley_links_resolve_at(doc, idx, i, &opts, dg) == -1) {
			galley_doc_free(doc);
			galley_diag_free(dg);
			continue;
		}
		/* check_slug() */
		if (m->slug != NULL && m->source != NULL &&
		    galley_linkindex_lookup(idx, m->slug, &order) != NULL) {
			if (order >= n || !v[order].indexed)
				fail(v[i].rel, "lookup: order out of the run");
			keeper = (size_t)-1;
			galley_linkindex_id(idx, i, &keeper);
			other = galley_linkindex_id(idx, order, NULL);
			(void)other;
		}
		/* galley JSON keeps the internal links an earlier run made */
		lc.idx = idx;
		lc.n = n;
		lc.file = v[i].rel;
		if (strcmp(galley_doc_reader(doc), "json") != 0)
			galley_walk(galley_doc_root(doc), check_link, &lc);

		for (w = galley_writers(); *w != NULL; w++) {
			struct galley_buf	 b;
			struct galley_sink	 sink;

			galley_buf_init(&b);
			galley_sink_init_buf(&sink, &b);
			if ((*w)->write(doc, &sink, &opts, dg) == 0) {
				if (debug && strcmp((*w)->name, "epub") != 0)
					fprintf(stderr, "--- %s %s\n%.*s\n",
					    v[i].path, (*w)->name, (int)b.len,
					    b.data);
				check_output((*w)->name, &b);
				if (strcmp((*w)->name, "json") == 0)
					json_round_trip(doc, &b, &opts);
			}
			galley_buf_release(&b);
		}
		format_all(dg);
		galley_diag_free(dg);
		v[i].doc = doc;
		ndone++;
	}

	/* the book of them */
	if (ndone > 0)
		make_book(v, n, idx, &opts, (flags & F_TRANSL) != 0);

	/* the teiCorpus of them: streamed, spooled (in memory) if asked */
	if (ndone > 0) {
		struct galley_buf	 b;
		struct galley_sink	 sink;

		memset(&cbook, 0, sizeof(cbook));
		cbook.translations = (flags & F_TRANSL) != 0;
		dg = galley_diag_new();
		corpus = galley_tei_corpus_new(NULL, &cbook, &opts, dg);
		if (flags & F_SPOOL)
			galley_tei_corpus_keep(corpus, 0);
		for (i = 0; i < n; i++) {
			struct galley_buf	 pb;

			if (v[i].doc == NULL)
				continue;
			/* convert.c packs in the worker once spooling */
			if (galley_tei_corpus_spooling(corpus) && (i & 1)) {
				galley_buf_init(&pb);
				galley_doc_pack(v[i].doc, &pb);
				galley_tei_corpus_add(corpus, v[i].doc, pb.data,
				    pb.len);
				galley_buf_release(&pb);
			} else
				galley_tei_corpus_add(corpus, v[i].doc, NULL, 0);
			v[i].doc = NULL;
		}
		galley_buf_init(&b);
		galley_sink_init_buf(&sink, &b);
		if (galley_tei_corpus_finish(corpus, &sink) == 0) {
			if (debug)
				fprintf(stderr, "--- teiCorpus\n%.*s\n",
				    (int)b.len, b.data);
			check_tei("teiCorpus", b.data, b.len);
		}
		else {
			char	 line[4096];

			for (i = 0; i < galley_diag_size(dg); i++) {
				galley_msg_format(galley_diag_get(dg, i), line,
				    sizeof(line));
				fprintf(stderr, "%s\n", line);
			}
			fail("teiCorpus", "not written");
		}
		galley_buf_release(&b);
		galley_tei_corpus_free(corpus);
		format_all(dg);
		galley_diag_free(dg);
	}

	for (i = 0; i < n; i++) {
		galley_doc_free(v[i].doc);
		free(v[i].path);
		free(v[i].rel);
	}
	galley_linkindex_free(idx);
	return 0;
}
