/*
 * The libxml2 side of the TEI writers: a tree document in the TEI
 * namespace, elements and attributes with their text cleaned of what
 * XML 1.0 forbids, unique xml:ids, and the small value checks TEI's
 * datatypes need (names, URIs, language tags, dates).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "filters/filters.h"
#include "writers/tei.h"
#include "model/url.h"
#include "writers/xml_escape.h"
#include "model/oom.h"


void
tei_ctx_init(struct tei_ctx *ctx, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	xml_init();	/* libxml2 set up once, before threads race there */
	memset(ctx, 0, sizeof(*ctx));
	ctx->opts = opts;
	ctx->dg = dg;
	if ((ctx->xdoc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		galley_oom();
	if ((ctx->ids = xmlHashCreate(64)) == NULL)
		galley_oom();
}

/* Forget the pending refs (a first pass, which only issues ids). */
void
tei_fix_clear(struct tei_ctx *ctx)
{
	size_t	 i;

	for (i = 0; i < ctx->nfix; i++) {
		free(ctx->fix[i].want);
		free(ctx->fix[i].fallback);
		free(ctx->fix[i].miss);
		free(ctx->fix[i].anchor);
		free(ctx->fix[i].file);
	}
	ctx->nfix = 0;
}

static void	hash_free(void *, const xmlChar *);

void
tei_ctx_release(struct tei_ctx *ctx)
{
	tei_fix_clear(ctx);
	free(ctx->fix);
	free(ctx->end);
	free(ctx->rest);
	xmlHashFree(ctx->ids, NULL);
	xmlHashFree(ctx->anchors, hash_free);
	xmlFreeDoc(ctx->xdoc);
	memset(ctx, 0, sizeof(*ctx));
}

/* The root element, declaring the TEI namespace, after an xml-model
 * processing instruction naming the schema it is valid against. */
xmlNodePtr
tei_root(struct tei_ctx *ctx, const char *name)
{
	xmlNodePtr	 root, pi;

	pi = xmlNewDocPI(ctx->xdoc, BAD_CAST "xml-model", BAD_CAST
	    "href=\"http://www.tei-c.org/release/xml/tei/custom/schema/"
	    "relaxng/tei_all.rng\" type=\"application/xml\" "
	    "schematypens=\"http://relaxng.org/ns/structure/1.0\"");
	if (pi == NULL)
		galley_oom();
	xmlAddChild((xmlNodePtr)ctx->xdoc, pi);
	if ((root = xmlNewDocNode(ctx->xdoc, NULL, BAD_CAST name, NULL)) ==
	    NULL)
		galley_oom();
	if ((ctx->ns = xmlNewNs(root, BAD_CAST TEI_NS, NULL)) == NULL)
		galley_oom();
	xmlSetNs(root, ctx->ns);
	xmlDocSetRootElement(ctx->xdoc, root);
	return root;
}

xmlNodePtr
tei_el(struct tei_ctx *ctx, xmlNodePtr parent, const char *name)
{
	xmlNodePtr	 n;

	if ((n = xmlNewDocNode(ctx->xdoc, ctx->ns, BAD_CAST name, NULL)) ==
	    NULL)
		galley_oom();
	if (parent != NULL)
		xmlAddChild(parent, n);
	return n;
}

/* An element holding text; none if the text is NULL or empty. */
xmlNodePtr
tei_el_text(struct tei_ctx *ctx, xmlNodePtr parent, const char *name,
    const char *text)
{
	xmlNodePtr	 n;

	if (text == NULL || *text == '\0')
		return NULL;
	n = tei_el(ctx, parent, name);
	tei_text(n, text);
	return n;
}

void
tei_text(xmlNodePtr parent, const char *s)
{
	xmlNodePtr	 t;
	char		*c;

	if (s == NULL || *s == '\0')
		return;
	c = NULL;
	if (!xml_is_clean(s) && (s = c = xml_clean(s)) == NULL)
		galley_oom();
	if ((t = xmlNewDocText(parent->doc, BAD_CAST s)) == NULL)
		galley_oom();
	free(c);
	if (xmlAddChild(parent, t) == NULL)
		xmlFreeNode(t);
}

void
tei_attr(xmlNodePtr n, const char *name, const char *value)
{
	char	*c = NULL;

	if (value == NULL)
		value = "";
	if (!xml_is_clean(value) && (value = c = xml_clean(value)) == NULL)
		galley_oom();
	if (xmlSetProp(n, BAD_CAST name, BAD_CAST value) == NULL)
		galley_oom();
	free(c);
}

void
tei_lang(xmlNodePtr n, const char *lang)
{
	xmlNodeSetLang(n, BAD_CAST lang);
}

int
tei_id_taken(const struct tei_ctx *ctx, const char *id)
{
	return xmlHashLookup(ctx->ids, BAD_CAST id) != NULL;
}

/*
 * An id made from want (any string): an NCName, unique in the file (a
 * "-2", "-3"... suffix when taken), and now taken.  Caller frees.
 */
char *
tei_id_new(struct tei_ctx *ctx, const char *want)
{
	char		*name, *try;
	size_t		 sz;
	int		 k;

	name = tei_name(want);
	sz = strlen(name) + 16;
	if ((try = malloc(sz)) == NULL)
		galley_oom();
	snprintf(try, sz, "%s", name);
	for (k = 2; tei_id_taken(ctx, try); k++)
		snprintf(try, sz, "%s-%d", name, k);
	free(name);
	if (xmlHashAddEntry(ctx->ids, BAD_CAST try, ctx) != 0)
		galley_oom();
	return try;
}

/* Give n the xml:id id, issued already; returns it, borrowed from the
 * tree. */
const char *
tei_id_set(struct tei_ctx *ctx, xmlNodePtr n, const char *id)
{
	xmlNsPtr	 xmlns;
	xmlAttrPtr	 a;

	if ((xmlns = xmlSearchNsByHref(ctx->xdoc, n, XML_XML_NAMESPACE)) ==
	    NULL)
		galley_oom();
	if ((a = xmlSetNsProp(n, xmlns, BAD_CAST "id", BAD_CAST id)) == NULL)
		galley_oom();
	return (const char *)a->children->content;
}

/*
 * Give n an xml:id made from want, unique in the file (tei_id_new).
 * Returns the id, borrowed from the tree.
 */
const char *
tei_id(struct tei_ctx *ctx, xmlNodePtr n, const char *want)
{
	char		*id;
	const char	*set;

	id = tei_id_new(ctx, want);
	set = tei_id_set(ctx, n, id);
	free(id);
	return set;
}

void
tei_fix_add(struct tei_ctx *ctx, xmlNodePtr n, const char *want,
    const char *fallback)
{
	struct tei_fix	*f;

	if (ctx->nfix == ctx->capfix) {
		ctx->capfix = ctx->capfix ? ctx->capfix * 2 : 16;
		f = realloc(ctx->fix, ctx->capfix * sizeof(*f));
		if (f == NULL)
			galley_oom();
		ctx->fix = f;
	}
	f = &ctx->fix[ctx->nfix++];
	f->node = n;
	if ((f->want = strdup(want)) == NULL)
		galley_oom();
	f->fallback = NULL;
	if (fallback != NULL && (f->fallback = strdup(fallback)) == NULL)
		galley_oom();
	f->miss = f->file = f->anchor = NULL;
	f->line = f->col = 0;
}

static void
hash_free(void *p, const xmlChar *name)
{
	(void)name;
	free(p);
}

void
tei_anchor_add(struct tei_ctx *ctx, const char *article, const char *text,
    const char *id)
{
	char	*a = NULL, *key, *v;
	size_t	 sz, n;
	int	 k;

	if (text == NULL || (a = slug_github_dup(text)) == NULL || *a == '\0') {
		free(a);
		return;
	}
	sz = strlen(article) + strlen(a) + 32;
	if ((key = malloc(sz)) == NULL)
		galley_oom();
	n = strlen(id);
	if (n > strlen(a) && id[n - strlen(a) - 1] == '.' &&
	    strcmp(id + n - strlen(a), a) == 0) {
		free(key);
		free(a);
		return;		/* "x.usage" for "Usage": found as it is */
	}
	if (ctx->anchors == NULL && (ctx->anchors = xmlHashCreate(64)) == NULL)
		galley_oom();
	/* repeated: "-1", "-2", as GitHub numbers them */
	snprintf(key, sz, "%s#%s", article, a);
	for (k = 1; xmlHashLookup(ctx->anchors, BAD_CAST key) != NULL; k++)
		snprintf(key, sz, "%s#%s-%d", article, a, k);
	/* the table holds only headings that need it (and numbers only
	 * them among themselves) */
	if ((v = strdup(id)) == NULL)
		galley_oom();
	if (xmlHashAddEntry(ctx->anchors, BAD_CAST key, v) != 0)
		free(v);
	free(key);
	free(a);
}

void
tei_fix_anchor(struct tei_ctx *ctx, const char *article, const char *frag)
{
	struct tei_fix	*f = &ctx->fix[ctx->nfix - 1];
	char		*a = url_decode(frag), *k;
	size_t		 sz;

	if (a == NULL)
		galley_oom();
	sz = strlen(article) + strlen(a) + 2;
	if ((k = malloc(sz)) == NULL)
		galley_oom();
	snprintf(k, sz, "%s#%s", article, a);
	free(a);
	f->anchor = k;
}

/*
 * The last ref added, a link to url#frag, goes to its fallback with a
 * warning at file:line:col when its id was not issued.
 */
void
tei_fix_miss(struct tei_ctx *ctx, const char *file, unsigned line,
    unsigned col, const char *url, const char *frag)
{
	struct tei_fix	*f = &ctx->fix[ctx->nfix - 1];
	int		 n;

	n = snprintf(NULL, 0, "link to \"%s\": that article has no heading "
	    "\"#%s\"; the link goes to its top", url, frag);
	if (n < 0 || (f->miss = malloc((size_t)n + 1)) == NULL ||
	    (file != NULL && (f->file = strdup(file)) == NULL))
		galley_oom();
	snprintf(f->miss, (size_t)n + 1, "link to \"%s\": that article has "
	    "no heading \"#%s\"; the link goes to its top", url, frag);
	f->line = line;
	f->col = col;
}

/* An id of the file: issued so far, or by a first pass (ctx->known). */
static int
known(const struct tei_ctx *ctx, const char *id)
{
	return xmlHashLookup(ctx->known != NULL ? ctx->known : ctx->ids,
	    BAD_CAST id) != NULL;
}

/* Point each pending ref at its id if issued, else at its fallback,
 * else make it a <seg> of its text (an empty <ptr> goes); then forget
 * them. */
void
tei_fix_run(struct tei_ctx *ctx)
{
	struct tei_fix	*f;
	const char	*id;
	char		*target;
	size_t		 i, sz;

	for (i = 0; i < ctx->nfix; i++) {
		f = &ctx->fix[i];
		id = known(ctx, f->want) ? f->want : NULL;
		if (id == NULL && f->anchor != NULL) {
			xmlHashTablePtr	 t = ctx->known_anchors != NULL ?
			    ctx->known_anchors : ctx->anchors;

			id = t != NULL ? xmlHashLookup(t, BAD_CAST
			    f->anchor) : NULL;
			if (id != NULL && !known(ctx, id))
				id = NULL;
		}
		if (id == NULL)
			id = f->fallback != NULL && known(ctx, f->fallback) ?
			    f->fallback : NULL;
		if (id != NULL && id == f->fallback && f->miss != NULL)
			galley_diag_add(ctx->dg, GALLEY_WARNING, f->file,
			    f->line, f->col, "%s", f->miss);
		if (id == NULL && f->node->children == NULL) {
			xmlUnlinkNode(f->node);	/* a pointer to nothing */
			xmlFreeNode(f->node);
			continue;
		}
		if (id == NULL) {
			xmlUnsetProp(f->node, BAD_CAST "target");
			xmlNodeSetName(f->node, BAD_CAST "seg");
			continue;
		}
		sz = strlen(id) + 2;
		if ((target = malloc(sz)) == NULL)
			galley_oom();
		snprintf(target, sz, "#%s", id);
		tei_attr(f->node, "target", target);
		free(target);
	}
	tei_fix_clear(ctx);
}

/*
 * An NCName made from s, in ASCII so every schema checker agrees:
 * letters, digits, '.', '-', '_' are kept, every other run becomes
 * one '-'; a name not starting with a letter or '_' (the seed file
 * names start with digits) gets "id-" in front.  Caller frees.
 */
char *
tei_name(const char *s)
{
	struct galley_buf	 b;
	const unsigned char	*p;
	int			 dash = 0;

	galley_buf_init(&b);
	if (s == NULL)
		s = "";
	if (!isalpha((unsigned char)*s) || (*s & 0x80))
		if (*s != '_')
			galley_buf_puts(&b, "id-");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x80 && (isalnum(*p) || *p == '.' || *p == '-' ||
		    *p == '_')) {
			galley_buf_putc(&b, *p);
			dash = 0;
		} else if (!dash) {
			galley_buf_putc(&b, '-');
			dash = 1;
		}
	}
	if (b.len == 0)
		galley_buf_puts(&b, "id");
	return galley_buf_detach(&b, NULL);
}

/* A URI reference TEI's anyURI accepts (url_escape, no IRI); caller
 * frees. */
char *
tei_uri(const char *s)
{
	char	*u = url_escape(s, 0);

	if (u == NULL)
		galley_oom();
	return u;
}

/*
 * s as a language tag xml:lang accepts (xsd:language: letters, then
 * "-" and 1-8 letters or digits), '_' read as '-'; NULL if it is not.
 */
const char *
tei_lang_tag(const char *s, char *buf, size_t sz)
{
	size_t	 i, part = 0, first = 1;

	if (s == NULL || *s == '\0' || strlen(s) >= sz)
		return NULL;
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char	 c = (unsigned char)s[i];

		if (c == '-' || c == '_') {
			if (part == 0)
				return NULL;
			buf[i] = '-';
			part = 0;
			first = 0;
			continue;
		}
		if (c >= 0x80 || !(isalpha(c) || (!first && isdigit(c))))
			return NULL;
		if (++part > 8)
			return NULL;
		buf[i] = (char)c;
	}
	if (part == 0)
		return NULL;
	buf[i] = '\0';
	return buf;
}

/* English names of the languages galley detects; NULL if unknown. */
const char *
tei_lang_name(const char *tag)
{
	static const char *const names[][2] = {
		{ "ca", "Catalan" }, { "cs", "Czech" }, { "da", "Danish" },
		{ "de", "German" }, { "el", "Greek" }, { "en", "English" },
		{ "es", "Spanish" }, { "et", "Estonian" },
		{ "fi", "Finnish" }, { "fr", "French" }, { "hu", "Hungarian" },
		{ "is", "Icelandic" }, { "it", "Italian" },
		{ "lt", "Lithuanian" }, { "lv", "Latvian" },
		{ "mul", "multiple languages" },
		{ "nb", "Norwegian Bokmål" }, { "nl", "Dutch" },
		{ "nn", "Norwegian Nynorsk" }, { "no", "Norwegian" },
		{ "pl", "Polish" }, { "pt", "Portuguese" },
		{ "ro", "Romanian" }, { "ru", "Russian" },
		{ "sk", "Slovak" }, { "sl", "Slovenian" },
		{ "sv", "Swedish" }, { "tr", "Turkish" },
		{ "uk", "Ukrainian" }, { "und", "undetermined" },
	};
	char	 base[9];
	size_t	 i;

	for (i = 0; i < sizeof(base) - 1 && tag[i] != '\0' && tag[i] != '-';
	    i++)
		base[i] = (char)tolower((unsigned char)tag[i]);
	base[i] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], base) == 0)
			return names[i][1];
	return NULL;
}

static int
digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * An ISO 8601 date as a TEI @when (W3C datatypes): YYYY, YYYY-MM and
 * YYYY-MM-DD as they are; a date-time gets its seconds (":00") when it
 * has none, a space between date and time becomes 'T', a zone (Z or
 * +HH:MM) is kept.  0 and buf filled, or -1 if iso is none of these.
 */
int
tei_when(const char *iso, char *buf, size_t sz)
{
	size_t	 n, i;
	const char *t, *zone;

	if (iso == NULL || sz < 40)
		return -1;
	n = strlen(iso);
	if ((n == 4 && digits(iso, 4)) ||
	    (n == 7 && digits(iso, 4) && iso[4] == '-' && digits(iso + 5, 2)) ||
	    (n == 10 && digits(iso, 4) && iso[4] == '-' &&
	    digits(iso + 5, 2) && iso[7] == '-' && digits(iso + 8, 2))) {
		snprintf(buf, sz, "%s", iso);
		return 0;
	}
	if (n < 16 || !digits(iso, 4) || iso[4] != '-' || !digits(iso + 5, 2) ||
	    iso[7] != '-' || !digits(iso + 8, 2) ||
	    (iso[10] != 'T' && iso[10] != ' ') || !digits(iso + 11, 2) ||
	    iso[13] != ':' || !digits(iso + 14, 2))
		return -1;
	t = iso + 16;
	i = 0;
	if (t[0] == ':') {
		if (!digits(t + 1, 2))
			return -1;
		t += 3;
		if (*t == '.') {
			for (i = 1; isdigit((unsigned char)t[i]); i++)
				continue;
			if (i == 1)
				return -1;
			t += i;
		}
	}
	zone = t;
	if (!(*zone == '\0' || (zone[0] == 'Z' && zone[1] == '\0') ||
	    ((zone[0] == '+' || zone[0] == '-') && digits(zone + 1, 2) &&
	    zone[3] == ':' && digits(zone + 4, 2) && zone[6] == '\0')))
		return -1;
	if ((size_t)(zone - iso) + 8 + strlen(zone) >= sz)
		return -1;
	if (iso[16] == ':')
		snprintf(buf, sz, "%.10sT%.*s%s", iso,
		    (int)(zone - iso - 11), iso + 11, zone);
	else
		snprintf(buf, sz, "%.10sT%.5s:00%s", iso, iso + 11, zone);
	return 0;
}

static int
named(xmlNodePtr n, const char *const *names)
{
	for (; *names != NULL; names++)
		if (xmlStrEqual(n->name, BAD_CAST *names))
			return 1;
	return 0;
}

/*
 * libxml2 indents the children of an element that has no text child:
 * in <p><hi>a</hi><hi>b</hi></p> that would put spaces into the text.
 * An empty text node first in each such element of running text keeps
 * it as written (it prints as nothing).  Iterative: trees may be deep.
 */
static void
keep_mixed(xmlNodePtr root)
{
	static const char *const running[] = {
		"p", "head", "label", "hi", "ref", "q", "seg", "item", "cell",
		"note", "ab", "figDesc", "title", "term", "code", NULL
	};
	static const char *const inline_els[] = {
		"hi", "ref", "ptr", "q", "seg", "code", "lb", "figure", "note",
		NULL
	};
	xmlNodePtr	 n = root, c, t;
	int		 text, inl;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && named(n, running)) {
			text = inl = 0;
			for (c = n->children; c != NULL; c = c->next) {
				if (c->type == XML_TEXT_NODE)
					text = 1;
				else if (c->type == XML_ELEMENT_NODE &&
				    named(c, inline_els))
					inl = 1;
			}
			if (inl && !text) {
				if ((t = xmlNewDocText(n->doc, BAD_CAST "")) ==
				    NULL)
					galley_oom();
				xmlAddPrevSibling(n->children, t);
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
}

/* Serialise, indented where that changes no text, to the sink; -1
 * with a message if the sink fails. */
/* libxml2's writer into a galley sink: the document is serialised as
 * it goes out, never whole in memory beside its tree. */
static int
ncr_put(struct tei_ncr *st, const unsigned char *b)
{
	char		 ref[16];
	unsigned long	 cp = ((unsigned long)(b[0] & 0x07) << 18) |
			    ((unsigned long)(b[1] & 0x3f) << 12) |
			    ((unsigned long)(b[2] & 0x3f) << 6) |
			    (unsigned long)(b[3] & 0x3f);
	int		 n = snprintf(ref, sizeof(ref), "&#x%lX;", cp);

	return galley_sink_put(st->out, ref, (size_t)n);
}

static int
ncr_write(const void *p, size_t n, void *arg)
{
	struct tei_ncr		*st = arg;
	const unsigned char	*d = p;
	size_t			 i = 0, start;

	while (st->npend > 0 && i < n) {	/* one split by a write */
		st->pend[st->npend++] = d[i++];
		if (st->npend == 4) {
			st->npend = 0;
			if (ncr_put(st, st->pend) == -1)
				return -1;
		}
	}
	for (start = i; i < n; i++) {
		if (d[i] < 0xf0 || d[i] > 0xf4)
			continue;
		if (galley_sink_put(st->out, d + start, i - start) == -1)
			return -1;
		if (n - i < 4) {
			memcpy(st->pend, d + i, n - i);
			st->npend = n - i;
			return 0;
		}
		if (ncr_put(st, d + i) == -1)
			return -1;
		i += 3;
		start = i + 1;
	}
	return galley_sink_put(st->out, d + start, n - start);
}

void
tei_ncr_begin(struct tei_ncr *st, struct galley_sink *out)
{
	memset(st, 0, sizeof(*st));
	st->out = out;
	st->sink.write = ncr_write;
	st->sink.arg = st;
}

int
tei_ncr_end(struct tei_ncr *st)
{
	if (st->npend > 0 &&	/* a cut sequence: as it is */
	    galley_sink_put(st->out, st->pend, st->npend) == -1)
		st->sink.failed = 1;
	st->npend = 0;
	return st->sink.failed || st->out->failed ? -1 : 0;
}

static int
sink_write(void *arg, const char *data, int len)
{
	return galley_sink_put(arg, data, (size_t)len) == -1 ? -1 : len;
}

static int
sink_close(void *arg)
{
	return 0;
}

int
tei_save(struct tei_ctx *ctx, struct galley_sink *out)
{
	xmlSaveCtxtPtr	 save;
	int		 rc;

	keep_mixed(xmlDocGetRootElement(ctx->xdoc));
	if ((save = xmlSaveToIO(sink_write, sink_close, out, "UTF-8",
	    XML_SAVE_FORMAT)) == NULL)
		galley_oom();
	rc = xmlSaveDoc(save, ctx->xdoc) < 0 ? -1 : 0;
	if (xmlSaveClose(save) < 0 || out->failed)
		rc = -1;
	if (rc == -1)
		galley_diag_add(ctx->dg, GALLEY_ERROR, NULL, 0, 0,
		    "TEI: cannot write the output");
	return rc;
}

/*
 * A file written in parts, so that a corpus of thousands of texts never
 * has them all in its tree.  tei_save_start() writes the document as it
 * is up to the comment tei_mark() put in it, or else up to the root's
 * end tag; tei_save_child() then writes one element more at that place
 * (the marked one's level, or the root's children), indented as
 * xmlSaveDoc() would indent it, and the caller frees it; tei_save_on()
 * writes on from the mark to the root's end tag; tei_save_end() writes
 * that.  Every child of the root is freed once written.
 */
#define MARK	"galley-mark"

xmlNodePtr
tei_mark(struct tei_ctx *ctx, xmlNodePtr parent)
{
	xmlNodePtr	 c;

	if ((c = xmlNewDocComment(ctx->xdoc, BAD_CAST MARK)) == NULL)
		galley_oom();
	xmlAddChild(parent, c);
	return c;
}

static int
save_failed(struct tei_ctx *ctx)
{
	galley_diag_add(ctx->dg, GALLEY_ERROR, NULL, 0, 0,
	    "TEI: cannot write the output");
	return -1;
}

int
tei_save_start(struct tei_ctx *ctx, struct galley_sink *out)
{
	struct galley_sink	 bs;
	struct galley_buf	 b;
	xmlNodePtr		 root = xmlDocGetRootElement(ctx->xdoc), c;
	const char		*m, *line, *next;
	size_t			 tail, head;
	int			 rc;

	free(ctx->end);
	free(ctx->rest);
	ctx->rest = NULL;
	if ((ctx->end = malloc(strlen((const char *)root->name) + 5)) == NULL)
		galley_oom();
	sprintf(ctx->end, "</%s>\n", (const char *)root->name);
	tail = strlen(ctx->end);
	galley_buf_init(&b);
	galley_sink_init_buf(&bs, &b);
	if ((rc = tei_save(ctx, &bs)) == 0 && (root->children == NULL ||
	    b.len < tail || memcmp(b.data + b.len - tail, ctx->end,
	    tail) != 0)) {
		galley_diag_add(ctx->dg, GALLEY_ERROR, NULL, 0, 0,
		    "TEI: a corpus without a header");
		rc = -1;
	}
	b.len -= rc == 0 ? tail : 0;
	galley_buf_putc(&b, '\0');
	ctx->level = 1;
	head = b.len - 1;
	if (rc == 0 && (m = strstr(b.data, "<!--" MARK "-->")) != NULL) {
		for (line = m; line > b.data && line[-1] != '\n'; line--)
			continue;
		ctx->level = (int)(m - line) / 2;
		next = strchr(m, '\n');
		next = next != NULL ? next + 1 : m + strlen(m);
		head = (size_t)(line - b.data);
		if ((ctx->rest = strdup(next)) == NULL)
			galley_oom();
	}
	if (rc == 0 && galley_sink_put(out, b.data, head) == -1)
		rc = save_failed(ctx);
	galley_buf_release(&b);
	while ((c = root->children) != NULL) {
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	return rc;
}

int
tei_save_child(struct tei_ctx *ctx, struct galley_sink *out, xmlNodePtr n)
{
	static const char	 spaces[] = "                                ";
	xmlOutputBufferPtr	 ob;
	size_t			 indent = (size_t)ctx->level * 2;

	keep_mixed(n);
	if (indent >= sizeof(spaces))
		indent = sizeof(spaces) - 1;
	if (galley_sink_put(out, spaces, indent) == -1)
		return save_failed(ctx);
	if ((ob = xmlOutputBufferCreateIO(sink_write, sink_close, out,
	    NULL)) == NULL)
		galley_oom();
	xmlNodeDumpOutput(ob, ctx->xdoc, n, ctx->level, 1, "UTF-8");
	if (xmlOutputBufferClose(ob) < 0 || out->failed ||
	    galley_sink_put(out, "\n", 1) == -1)
		return save_failed(ctx);
	return 0;
}

int
tei_save_on(struct tei_ctx *ctx, struct galley_sink *out)
{
	ctx->level = 1;
	if (ctx->rest != NULL && galley_sink_puts(out, ctx->rest) == -1)
		return save_failed(ctx);
	free(ctx->rest);
	ctx->rest = NULL;
	return 0;
}

int
tei_save_end(struct tei_ctx *ctx, struct galley_sink *out)
{
	if (ctx->end == NULL || galley_sink_puts(out, ctx->end) == -1 ||
	    out->failed)
		return save_failed(ctx);
	return 0;
}

/*
 * The xml:id of an article's <TEI>: its id, else its slug, else its
 * file name without folders and extension.  Caller frees.
 */
char *
tei_doc_id(const struct galley_meta *m)
{
	const char	*s, *base, *dot;
	char		*stem, *id;

	if (m->id != NULL && *m->id != '\0')
		return tei_name(m->id);
	if (m->slug != NULL && *m->slug != '\0')
		return tei_name(m->slug);
	s = m->source != NULL && *m->source != '\0' &&
	    strcmp(m->source, "-") != 0 ? m->source : "text";
	base = strrchr(s, '/') != NULL ? strrchr(s, '/') + 1 : s;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	if ((stem = strndup(base, (size_t)(dot - base))) == NULL)
		galley_oom();
	id = tei_name(*stem != '\0' ? stem : "text");
	free(stem);
	return id;
}
