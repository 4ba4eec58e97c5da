/*
 * The package as it is built: entries go to the zip as they come
 * (container, stylesheet, cover, images, chapters); the title page,
 * navigation and package document, which list everything, go last.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <nettle/base64.h>

#include "filters/filters.h"
#include "writers/epub/epub.h"
#include "model/url.h"
#include "model/oom.h"

#define IMAGE_MAX	(64u << 20)	/* largest image packed */

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" "
    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"OEBPS/content.opf\" "
    "media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";


char *
epub_strdup(const char *s)
{
	char	*d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		galley_oom();
	return d;
}

static int
add(struct epub *e, const char *name, const void *data, size_t len,
    int compress)
{
	if (zip_add(e->zip, name, data, len, compress) == -1) {
		galley_diag_add(e->dg, GALLEY_ERROR, NULL, 0, 0,
		    "EPUB: cannot write %s: %s", name,
		    errno ? strerror(errno) : "archive too large");
		return -1;
	}
	return 0;
}

static struct epub_item *
item_new(struct epub *e, const char *id, const char *href, const char *type,
    const char *props)
{
	struct epub_item	*it;

	if (e->nitems == e->capitems) {
		e->capitems = e->capitems ? e->capitems * 2 : 16;
		if ((e->items = realloc(e->items,
		    e->capitems * sizeof(*e->items))) == NULL)
			galley_oom();
	}
	it = &e->items[e->nitems++];
	it->id = epub_strdup(id);
	it->href = epub_strdup(href);
	it->type = epub_strdup(type);
	it->props = epub_strdup(props);
	if ((it->from_text = malloc(strlen(href) + 4)) == NULL)
		galley_oom();
	sprintf(it->from_text, "../%s", href);
	return it;
}

/* Read a whole file (at most max bytes) into *out; -1 with errno. */
static int
slurp(char **out, size_t *len, const char *path, size_t max)
{
	FILE	*f;
	char	*p = NULL;
	size_t	 n = 0, cap = 0, r;

	*out = NULL;
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > max + 1)
				cap = max + 1;
			if ((p = realloc(p, cap + 1)) == NULL)
				galley_oom();
		}
		r = fread(p + n, 1, cap - n, f);
		n += r;
		if (n > max) {
			free(p);
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(p);
		fclose(f);
		errno = EIO;
		return -1;
	}
	fclose(f);
	p[n] = '\0';
	*out = p;
	*len = n;
	return 0;
}

/* Media type of image data by its first bytes; ext gets ".png"... */
static const char *
image_type(const unsigned char *d, size_t len, const char **ext)
{
	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
		*ext = "png";
		return "image/png";
	}
	if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) {
		*ext = "jpg";
		return "image/jpeg";
	}
	if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0)) {
		*ext = "gif";
		return "image/gif";
	}
	return NULL;
}

/*
 * The media type of an image (ext gets its extension), made into what
 * an EPUB takes first where needed: an SVG with only what draws, a WebP
 * as PNG (*data and *len replaced).  NULL when it cannot be packed: why
 * says what it is, or is "" for data that is no image known here; why
 * is also set when something of it is lost (an animation).
 */
static const char *
convert_image(char **data, size_t *len, const char **ext, char *why,
    size_t whysz)
{
	const char	*type;
	char		*out;
	size_t		 outlen;

	why[0] = '\0';
	if ((type = image_type((unsigned char *)*data, *len, ext)) != NULL)
		return type;
	if (epub_is_webp(*data, *len)) {
		if ((out = epub_webp_to_png(*data, *len, &outlen, why,
		    whysz)) == NULL)
			return NULL;
		*ext = "png";
		type = "image/png";
	} else if ((out = epub_svg_clean(*data, *len, &outlen, why,
	    whysz)) != NULL) {
		*ext = "svg";
		type = "image/svg+xml";
	} else {
		if (why[0] != '\0') {
			char	 svgwhy[256];

			snprintf(svgwhy, sizeof(svgwhy), "%s", why);
			snprintf(why, whysz, "an SVG image galley cannot use "
			    "(%.200s)", svgwhy);
		}
		return NULL;
	}
	free(*data);
	*data = out;
	*len = outlen;
	return type;
}

void
epub_lang_add(struct epub *e, const char *lang)
{
	if (lang == NULL || *lang == '\0' || strcmp(lang, "und") == 0 ||
	    map_get(&e->langs, lang, NULL))
		return;
	map_put(&e->langs, lang, e->nlang);
	if ((e->langv = realloc(e->langv, (e->nlang + 1) *
	    sizeof(*e->langv))) == NULL)
		galley_oom();
	e->langv[e->nlang++] = epub_strdup(lang);
}

void
epub_subject_add(struct epub *e, const char *s)
{
	if (s == NULL || *s == '\0' || map_get(&e->subjects, s, NULL))
		return;
	map_put(&e->subjects, s, e->nsubject);
	if ((e->subjectv = realloc(e->subjectv, (e->nsubject + 1) *
	    sizeof(*e->subjectv))) == NULL)
		galley_oom();
	e->subjectv[e->nsubject++] = epub_strdup(s);
}

void
epub_creator_add(struct epub *e, const char *s)
{
	if (s == NULL || *s == '\0' || map_get(&e->creators, s, NULL))
		return;
	map_put(&e->creators, s, e->ncreator);
	if ((e->creatorv = realloc(e->creatorv, (e->ncreator + 1) *
	    sizeof(*e->creatorv))) == NULL)
		galley_oom();
	e->creatorv[e->ncreator++] = epub_strdup(s);
}

int
epub_open(struct epub *e, struct galley_sink *out,
    const struct galley_book *book, const struct galley_opts *opts,
    long long modified, struct galley_diag *dg)
{
	char		*css = NULL, *cover = NULL;
	size_t		 len;
	time_t		 t;
	struct tm	 tm;
	int		 rc = -1;

	memset(e, 0, sizeof(*e));
	map_init(&e->article);
	map_init(&e->images);
	map_init(&e->packed);
	map_init(&e->langs);
	map_init(&e->subjects);
	map_init(&e->creators);
	galley_buf_init(&e->buf);
	e->out = out;
	e->opts = opts;
	e->dg = dg;
	e->book = *book;
	e->modified = modified < 0 ? 0 : modified;
	t = (time_t)e->modified;
	gmtime_r(&t, &tm);
	strftime(e->modified_str, sizeof(e->modified_str),
	    "%Y-%m-%dT%H:%M:%SZ", &tm);
	e->lang = epub_strdup(book->language);
	if (book->language != NULL)
		epub_lang_add(e, book->language);
	e->zip = zip_new(out, e->modified);

	if (add(e, "mimetype", "application/epub+zip", 20, 0) == -1 ||
	    add(e, "META-INF/container.xml", container_xml,
	    sizeof(container_xml) - 1, ZIP_DEFLATE_SHARED) == -1)
		goto out;

	if (book->css != NULL) {
		if (slurp(&css, &len, book->css, 4u << 20) == -1) {
			galley_diag_add(dg, GALLEY_ERROR, book->css, 0, 0,
			    "cannot read stylesheet: %s", strerror(errno));
			goto out;
		}
		if (add(e, "OEBPS/css/galley.css", css, len, 1) == -1)
			goto out;
	} else if (add(e, "OEBPS/css/galley.css", epub_css,
	    strlen(epub_css), ZIP_DEFLATE_SHARED) == -1)
		goto out;

	if (book->cover != NULL) {
		const char	*type, *ext = "";
		char		 name[64], why[256];

		if (slurp(&cover, &len, book->cover, IMAGE_MAX) == -1) {
			galley_diag_add(dg, GALLEY_ERROR, book->cover, 0, 0,
			    "cannot read cover image: %s", strerror(errno));
			goto out;
		}
		type = convert_image(&cover, &len, &ext, why, sizeof(why));
		if (type == NULL) {
			galley_diag_add(dg, GALLEY_ERROR, book->cover, 0, 0,
			    "cover image cannot be packed: %s", why[0] != '\0' ?
			    why : "not PNG, JPEG, GIF, SVG or WebP");
			goto out;
		}
		snprintf(name, sizeof(name), "images/cover.%s", ext);
		item_new(e, "cover-image", name, type, "cover-image");
		e->cover_href = e->items[e->nitems - 1].href;
		snprintf(name, sizeof(name), "OEBPS/images/cover.%s", ext);
		if (add(e, name, cover, len, 0) == -1)
			goto out;
	}
	rc = 0;
out:
	free(css);
	free(cover);
	return rc;
}

size_t
epub_chapter_add(struct epub *e, const char *article_id, const char *title,
    const char *lang)
{
	struct epub_chapter	*c;
	char			 file[32];

	if (e->nch == e->capch) {
		e->capch = e->capch ? e->capch * 2 : 64;
		if ((e->ch = realloc(e->ch, e->capch * sizeof(*e->ch))) ==
		    NULL)
			galley_oom();
	}
	c = &e->ch[e->nch];
	memset(c, 0, sizeof(*c));
	snprintf(file, sizeof(file), "c%05zu.xhtml", e->nch + 1);
	c->file = epub_strdup(file);
	c->title = epub_strdup(!galley_blank(title) ? title :
	    file);
	if (lang == NULL || *lang == '\0')
		lang = e->book.language;
	c->lang = epub_strdup(lang != NULL ? lang : "und");
	epub_lang_add(e, c->lang);
	if (article_id != NULL && !map_get(&e->article, article_id, NULL))
		map_put(&e->article, article_id, e->nch);
	if (article_id != NULL) {	/* translations share an id */
		char	*k = epub_article_key(article_id, c->lang);

		if (!map_get(&e->article, k, NULL))
			map_put(&e->article, k, e->nch);
		free(k);
	}
	return e->nch++;
}

char *
epub_article_key(const char *id, const char *lang)
{
	char	*k = malloc(strlen(id) + strlen(lang) + 2);

	if (k == NULL)
		galley_oom();
	sprintf(k, "%s\037%s", id, lang);
	return k;
}

void
epub_chapter_heading(struct epub *e, size_t ch, int level, const char *id,
    const char *text)
{
	struct epub_chapter	*c = &e->ch[ch];
	struct epub_heading	*h;

	if (c->nh == c->caph) {
		c->caph = c->caph ? c->caph * 2 : 8;
		if ((c->h = realloc(c->h, c->caph * sizeof(*c->h))) == NULL)
			galley_oom();
	}
	h = &c->h[c->nh++];
	h->level = level;
	h->id = epub_strdup(id);
	h->text = level >= 1 && level <= 3 && !galley_blank(text) ?
	    epub_strdup(text) : NULL;
	h->gh = NULL;
}

/* The anchor GitHub gives the chapter's last heading, of text: repeated
 * ones get "-1", "-2" as GitHub numbers them. */
void
epub_chapter_anchor(struct epub *e, size_t ch, const char *text)
{
	struct epub_chapter	*c = &e->ch[ch];
	char			*a, *n;
	size_t			 i, dup = 0, len;

	if (c->nh == 0 || text == NULL || (a = slug_github_dup(text)) == NULL)
		return;
	len = strlen(a);
	for (i = 0; i + 1 < c->nh; i++)
		if (c->h[i].gh != NULL && strncmp(c->h[i].gh, a, len) == 0 &&
		    (c->h[i].gh[len] == '\0' || (c->h[i].gh[len] == '-' &&
		    strspn(c->h[i].gh + len + 1, "0123456789") ==
		    strlen(c->h[i].gh + len + 1) && c->h[i].gh[len + 1])))
			dup++;
	if (dup > 0) {
		if ((n = malloc(len + 24)) == NULL)
			galley_oom();
		snprintf(n, len + 24, "%s-%zu", a, dup);
		free(a);
		a = n;
	}
	c->h[c->nh - 1].gh = a;
}

/* The id of chapter ch's heading GitHub gives the anchor a, or NULL. */
const char *
epub_chapter_anchor_id(const struct epub *e, size_t ch, const char *a)
{
	size_t	 i;

	if (ch >= e->nch)
		return NULL;
	for (i = 0; i < e->ch[ch].nh; i++)
		if (e->ch[ch].h[i].gh != NULL &&
		    strcmp(e->ch[ch].h[i].gh, a) == 0)
			return e->ch[ch].h[i].id;
	return NULL;
}

void
epub_chapter_untitled(struct epub *e, size_t ch, const char *fallback)
{
	struct epub_chapter	*c = &e->ch[ch];
	const char		*t = fallback;
	size_t			 i;

	if (strcmp(c->title, c->file) != 0)
		return;
	for (i = 0; i < c->nh; i++)
		if (c->h[i].text != NULL) {
			t = c->h[i].text;
			break;
		}
	if (t == NULL || *t == '\0')
		return;
	free(c->title);
	c->title = epub_strdup(t);
}

int
epub_chapter_has_id(const struct epub *e, size_t ch, const char *id)
{
	size_t	 i;

	if (ch >= e->nch)
		return 0;
	for (i = 0; i < e->ch[ch].nh; i++)
		if (strcmp(e->ch[ch].h[i].id, id) == 0)
			return 1;
	return 0;
}

static size_t
scheme_len(const char *u)
{
	size_t	 i = 0;

	if (!isalpha((unsigned char)u[0]))
		return 0;
	while (isalnum((unsigned char)u[i]) || u[i] == '+' || u[i] == '-' ||
	    u[i] == '.')
		i++;
	return u[i] == ':' ? i : 0;
}

static int
scheme_is(const char *u, const char *s)
{
	size_t	 n = strlen(s);

	return scheme_len(u) == n && strncasecmp(u, s, n) == 0;
}

int
epub_url_is_remote(const char *u)
{
	return ((scheme_is(u, "http") || scheme_is(u, "https") ||
	    scheme_is(u, "ftp")) && strchr(u, '/') != NULL) ||
	    strncmp(u, "//", 2) == 0;
}

int
epub_url_is_absolute(const char *u)
{
	const char	*r = strchr(u, ':');

	if (scheme_is(u, "http") || scheme_is(u, "https") ||
	    scheme_is(u, "ftp"))
		return strncmp(r, "://", 3) == 0 && r[3] != '\0' &&
		    r[3] != '/';
	return (scheme_is(u, "mailto") || scheme_is(u, "tel")) &&
	    r[1] != '\0';
}

/* url as an href or src EPUB readers (and EPUBCheck) parse: an IRI
 * escaped by url_escape; malloc'd, or NULL if its host is none. */
char *
epub_url(const char *url)
{
	char	*ascii;

	if (url_host_ascii(url, &ascii) == -1)
		return NULL;
	free(ascii);
	return url_escape(url, 1);
}

int
epub_href_ok(const struct epub *e, size_t ch, const char *href)
{
	const char	*hash;
	char		*end;
	unsigned long	 k;

	if (epub_url_is_absolute(href)) {
		char	*ascii;

		if (url_host_ascii(href, &ascii) == -1)
			return 0;	/* no host a reader could use */
		free(ascii);
		return 1;
	}
	if (href[0] == '#')
		return epub_chapter_has_id(e, ch, href + 1);
	if (href[0] != 'c' || !isdigit((unsigned char)href[1]))
		return 0;
	k = strtoul(href + 1, &end, 10);
	if (k == 0 || k > e->nch || strncmp(end, ".xhtml", 6) != 0)
		return 0;
	hash = end + 6;
	if (*hash == '\0')
		return 1;
	return *hash == '#' && epub_chapter_has_id(e, k - 1, hash + 1);
}

/* The path of a local url below basedir, percent-decoded; malloc'd,
 * or NULL if the url cannot name a local file. */
static char *
local_path(const char *url, const char *basedir)
{
	size_t	 n = strcspn(url, "?#"), i, o = 0;
	char	*p, *q;

	if (n == 0 || url[0] == '/' || scheme_len(url) > 0)
		return NULL;
	if ((p = malloc(strlen(basedir != NULL ? basedir : ".") + n + 2)) ==
	    NULL)
		galley_oom();
	if (basedir != NULL && *basedir != '\0') {
		strcpy(p, basedir);
		o = strlen(p);
		if (p[o - 1] != '/')
			p[o++] = '/';
	}
	for (i = 0; i < n; i++) {
		if (url[i] == '%' && isxdigit((unsigned char)url[i + 1]) &&
		    isxdigit((unsigned char)url[i + 2])) {
			char hx[3] = { url[i + 1], url[i + 2], 0 };

			p[o++] = (char)strtol(hx, NULL, 16);
			i += 2;
		} else
			p[o++] = url[i];
	}
	p[o] = '\0';
	if (strlen(p) != o) {	/* %00 */
		free(p);
		return NULL;
	}
	/* "docs/./a.png" is "docs/a.png", in messages too */
	while ((q = strstr(p, "/./")) != NULL)
		memmove(q, q + 2, strlen(q + 2) + 1);
	while (strncmp(p, "./", 2) == 0 && p[2] != '\0')
		memmove(p, p + 2, strlen(p + 2) + 1);
	return p;
}

static int
hexdig(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/*
 * The bytes of a data: URL ("data:image/png;base64,iVBOR..." or
 * percent-encoded) into *out (malloc'd); -1 if it is not one.
 */
static int
data_url(const char *url, char **out, size_t *len)
{
	const char			*comma = strchr(url, ',');
	const char			*p;
	struct base64_decode_ctx	 ctx;
	char				*text;
	size_t				 n, o = 0;
	int				 b64, ok;

	*out = NULL;
	if (strncasecmp(url, "data:", 5) != 0 || comma == NULL)
		return -1;
	b64 = comma - url >= 12 && strncasecmp(comma - 7, ";base64", 7) == 0;
	if ((n = strlen(comma + 1)) > IMAGE_MAX)
		return -1;
	/* %xx decoded; in base64, line breaks and blanks off */
	if ((text = malloc(n + 1)) == NULL)
		galley_oom();
	for (p = comma + 1; *p != '\0'; p++)
		if (*p == '%' && hexdig(p[1]) >= 0 && hexdig(p[2]) >= 0) {
			text[o++] = (char)(hexdig(p[1]) * 16 + hexdig(p[2]));
			p += 2;
		} else if (!b64 || (*p != ' ' && *p != '\n' && *p != '\r' &&
		    *p != '\t'))
			text[o++] = *p;
	if (!b64) {
		*out = text;
		*len = o;
		return 0;
	}
	if ((*out = malloc(BASE64_DECODE_LENGTH(o) + 1)) == NULL)
		galley_oom();
	base64_decode_init(&ctx);
	n = BASE64_DECODE_LENGTH(o);
	ok = base64_decode_update(&ctx, &n, (uint8_t *)*out, o, text) &&
	    base64_decode_final(&ctx);
	free(text);
	if (!ok) {
		free(*out);
		*out = NULL;
		return -1;
	}
	*len = n;
	return 0;
}

const char *
epub_image(struct epub *e, const char *url, const char *basedir,
    const char *file, unsigned line, unsigned col)
{
	char		*path, *data = NULL, *real, *key = NULL;
	char		 name[64], id[32], why[256];
	const char	*type, *ext = "";
	size_t		 k, len;
	struct epub_item *it;

	if (strncasecmp(url, "data:", 5) == 0) {
		/* its bytes become a file of the book, as a local one */
		if (map_get(&e->images, url, &k))
			return k == SIZE_MAX ? NULL : e->items[k].from_text;
		path = epub_strdup(url);
		if (data_url(url, &data, &len) == -1) {
			galley_diag_add(e->dg, GALLEY_WARNING, file, line, col,
			    "image: a data: URL that cannot be decoded; its "
			    "alt text stands in for it");
			goto missing;
		}
		goto packed;
	}
	if ((path = local_path(url, basedir)) == NULL) {
		galley_diag_add(e->dg, GALLEY_WARNING, file, line, col,
		    "image \"%s\" is not a local file; its alt text stands "
		    "in for it", url);
		return NULL;
	}
	if (map_get(&e->images, path, &k)) {
		free(path);
		return k == SIZE_MAX ? NULL : e->items[k].from_text;
	}
	/* one file reached by two paths ("img/a.png", "../b/img/a.png")
	 * is packed once: known by its real path too */
	if ((real = realpath(path, NULL)) != NULL) {
		key = epub_strdup(real);
		free(real);
		key[0] = '\1';		/* no path of a url starts so */
		if (map_get(&e->images, key, &k)) {
			map_put(&e->images, path, k);
			free(key);
			free(path);
			return k == SIZE_MAX ? NULL : e->items[k].from_text;
		}
	}
	if (slurp(&data, &len, path, IMAGE_MAX) == -1) {
		galley_diag_add(e->dg, GALLEY_WARNING, file, line, col,
		    "image %s: %s; its alt text stands in for it", path,
		    strerror(errno));
		goto missing;
	}
packed:
	if ((type = convert_image(&data, &len, &ext, why,
	    sizeof(why))) == NULL && why[0] != '\0') {
		galley_diag_add(e->dg, GALLEY_WARNING, file, line, col,
		    "image %.60s%s cannot be packed: %s; its alt text stands "
		    "in for it", path, strlen(path) > 60 ? "..." : "", why);
		goto missing;
	}
	if (type != NULL && why[0] != '\0')
		galley_diag_add(e->dg, GALLEY_WARNING, file, line, col,
		    "image %.60s%s: %s", path, strlen(path) > 60 ? "..." : "",
		    why);
	if (type == NULL) {
		galley_diag_add(e->dg, GALLEY_WARNING, file, line, col,
		    "image %.60s%s is not PNG, JPEG, GIF, SVG or WebP; its "
		    "alt text stands in for it", path, strlen(path) > 60 ? "..." :
		    "");
		goto missing;
	}
	snprintf(id, sizeof(id), "img%zu", e->packed.n + 1);
	snprintf(name, sizeof(name), "images/i%04zu.%s", e->packed.n + 1,
	    ext);
	it = item_new(e, id, name, type, NULL);
	snprintf(name, sizeof(name), "OEBPS/%s", it->href);
	if (add(e, name, data, len, 0) == -1)
		goto missing;
	map_put(&e->images, path, e->nitems - 1);
	if (key != NULL)
		map_put(&e->images, key, e->nitems - 1);
	map_put(&e->packed, it->from_text, e->nitems - 1);
	free(data);
	free(path);
	free(key);
	return e->items[e->nitems - 1].from_text;
missing:
	map_put(&e->images, path, SIZE_MAX);
	if (key != NULL)
		map_put(&e->images, key, SIZE_MAX);
	free(data);
	free(path);
	free(key);
	return NULL;
}

int
epub_chapter_write(struct epub *e, size_t ch, const struct galley_doc *doc,
    const char *basedir)
{
	char	 name[64];

	e->buf.len = 0;
	if (xhtml_chapter(&e->buf, e, ch, doc, basedir) == -1)
		return -1;
	snprintf(name, sizeof(name), "OEBPS/text/%s", e->ch[ch].file);
	return add(e, name, e->buf.data, e->buf.len, 1);
}

int
epub_close(struct epub *e)
{
	if (e->lang == NULL)
		e->lang = epub_strdup(e->nlang > 0 ? e->langv[0] : "und");
	e->buf.len = 0;
	titlepage_write(&e->buf, e);
	if (add(e, "OEBPS/text/title.xhtml", e->buf.data, e->buf.len,
	    1) == -1)
		return -1;
	if (e->cover_href != NULL) {
		e->buf.len = 0;
		coverpage_write(&e->buf, e);
		if (add(e, "OEBPS/text/cover.xhtml", e->buf.data,
		    e->buf.len, 1) == -1)
			return -1;
	}
	e->buf.len = 0;
	nav_write(&e->buf, e);
	if (add(e, "OEBPS/nav.xhtml", e->buf.data, e->buf.len, 1) == -1)
		return -1;
	e->buf.len = 0;
	ncx_write(&e->buf, e);
	if (add(e, "OEBPS/toc.ncx", e->buf.data, e->buf.len, 1) == -1)
		return -1;
	e->buf.len = 0;
	opf_write(&e->buf, e);
	if (add(e, "OEBPS/content.opf", e->buf.data, e->buf.len, 1) == -1)
		return -1;
	if (zip_finish(e->zip) == -1) {
		galley_diag_add(e->dg, GALLEY_ERROR, NULL, 0, 0,
		    "EPUB: cannot write the zip directory: %s",
		    errno ? strerror(errno) : "archive too large");
		return -1;
	}
	return 0;
}

static void
strv_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
epub_release(struct epub *e)
{
	size_t	 i, j;

	zip_free(e->zip);
	for (i = 0; i < e->nch; i++) {
		for (j = 0; j < e->ch[i].nh; j++) {
			free(e->ch[i].h[j].id);
			free(e->ch[i].h[j].text);
			free(e->ch[i].h[j].gh);
		}
		free(e->ch[i].h);
		free(e->ch[i].file);
		free(e->ch[i].title);
		free(e->ch[i].lang);
	}
	free(e->ch);
	for (i = 0; i < e->nitems; i++) {
		free(e->items[i].id);
		free(e->items[i].href);
		free(e->items[i].type);
		free(e->items[i].props);
		free(e->items[i].from_text);
	}
	free(e->items);
	map_release(&e->article);
	map_release(&e->images);
	map_release(&e->dropped);
	map_release(&e->packed);
	map_release(&e->langs);
	map_release(&e->subjects);
	map_release(&e->creators);
	strv_free(e->langv, e->nlang);
	strv_free(e->subjectv, e->nsubject);
	strv_free(e->creatorv, e->ncreator);
	free(e->lang);
	free(e->identifier);
	galley_buf_release(&e->buf);
	memset(e, 0, sizeof(*e));
}
