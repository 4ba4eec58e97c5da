/*
 * The teiHeader of one article: fileDesc (title, publication, the
 * front matter with no TEI home as notes, the source), encodingDesc
 * (galley and its version), profileDesc (creation date, language,
 * keywords, abstract).  Every element has content.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "galley/galley.h"
#include "writers/tei.h"
#include "model/oom.h"

/* galley and its version, with what it read when reader is set. */
void
tei_app_info(struct tei_ctx *ctx, xmlNodePtr header)
{
	xmlNodePtr	 enc, app;

	enc = tei_el(ctx, header, "encodingDesc");
	app = tei_el(ctx, tei_el(ctx, enc, "appInfo"), "application");
	tei_attr(app, "ident", "galley");
	tei_attr(app, "version", GALLEY_VERSION);
	tei_el_text(ctx, app, "label", "galley");
	tei_el_text(ctx, app, "p", "Converted to TEI P5 by galley "
	    GALLEY_VERSION ": front matter, Markdown, plain text or JSON "
	    "articles into EPUB 3, TEI and JSON.");
}

/* SOURCE_DATE_EPOCH as YYYY-MM-DD, or NULL. */
static const char *
source_date(const struct galley_opts *opts, char *buf, size_t sz)
{
	struct tm	 tm;
	time_t		 t;

	if (opts == NULL || opts->source_date < 0)
		return NULL;
	t = (time_t)opts->source_date;
	if (gmtime_r(&t, &tm) == NULL || strftime(buf, sz, "%Y-%m-%d",
	    &tm) == 0)
		return NULL;
	return buf;
}

/*
 * publicationStmt: the publisher, date, identifier and rights of a
 * book.yaml; without a publisher, a sentence on what produced the file
 * (what: "this text", "this corpus").
 */
void
tei_publication(struct tei_ctx *ctx, xmlNodePtr filedesc,
    const struct galley_book *book, const char *what)
{
	xmlNodePtr	 pub, n;
	const char	*date = NULL;
	char		 when[64], sd[32];
	struct galley_buf b;

	pub = tei_el(ctx, filedesc, "publicationStmt");
	if (book != NULL && book->date != NULL && *book->date != '\0')
		date = book->date;
	else
		date = source_date(ctx->opts, sd, sizeof(sd));
	if (book != NULL && book->publisher != NULL &&
	    *book->publisher != '\0') {
		tei_el_text(ctx, pub, "publisher", book->publisher);
		if (date != NULL) {
			n = tei_el_text(ctx, pub, "date", date);
			if (tei_when(date, when, sizeof(when)) == 0)
				tei_attr(n, "when", when);
		}
		if (book->identifier != NULL && *book->identifier != '\0')
			tei_attr(tei_el_text(ctx, pub, "idno",
			    book->identifier), "type", "identifier");
		if (book->rights != NULL && *book->rights != '\0')
			tei_el_text(ctx, tei_el(ctx, pub, "availability"),
			    "p", book->rights);
		return;
	}
	galley_buf_init(&b);
	galley_buf_printf(&b, "Produced by galley %s from %s; not "
	    "published otherwise.", GALLEY_VERSION, what);
	if (date != NULL)
		galley_buf_printf(&b, " Date: %s.", date);
	if (book != NULL && book->rights != NULL && *book->rights != '\0')
		galley_buf_printf(&b, " Rights: %s", book->rights);
	tei_el_text(ctx, pub, "p", b.data);
	galley_buf_release(&b);
}

static int
ascii_only(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static const char *
extra_str(const struct galley_meta *m, const char *key)
{
	const struct galley_value *v;

	if (m->extra == NULL || (v = galley_value_get(m->extra, key)) ==
	    NULL || v->kind != GALLEY_VALUE_STRING)
		return NULL;
	return v->str;
}

/*
 * Keywords looked for in a text as whole words, case aside, in one pass
 * that stops only at word starts whose letter begins some keyword.
 */
struct kw_set {
	const char	**words;
	size_t		 n;
	size_t		*len;		/* of each word */
	unsigned char	 first[256];	/* 1: some keyword begins so */
};

static int
is_alnum(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

static void
kw_set_init(struct kw_set *k, const char **words, size_t n)
{
	size_t	 i;
	int	 c;

	memset(k->first, 0, sizeof(k->first));
	k->words = words;
	k->n = n;
	if ((k->len = calloc(n + 1, sizeof(*k->len))) == NULL)
		galley_oom();
	for (i = 0; i < n; i++) {
		c = (unsigned char)words[i][0];
		k->first[tolower(c)] = k->first[toupper(c)] = c != '\0';
		k->len[i] = strlen(words[i]);
	}
}

static int
has_word(const struct kw_set *k, const char *text)
{
	const unsigned char	*start = (const unsigned char *)text, *p;
	size_t			 i;

	if (text == NULL)
		return 0;
	/* a byte some keyword begins with, at the start of a word */
	for (p = start; *p != '\0'; p++) {
		if (!k->first[*p] || (p > start && is_alnum(p[-1])))
			continue;
		for (i = 0; i < k->n; i++)
			if (k->len[i] > 0 && (*p | 0x20) ==
			    (k->words[i][0] | 0x20) &&
			    strncasecmp((const char *)p, k->words[i],
			    k->len[i]) == 0 && !is_alnum(p[k->len[i]]))
				return 1;
	}
	return 0;
}

struct kw_find {
	const struct kw_set	*set;
	int			 found;
};

static enum galley_walk
kw_visit(struct galley_node *n, int entering, void *arg)
{
	struct kw_find	*f = arg;

	if (!entering || n->literal == NULL || n->type != GALLEY_NODE_TEXT)
		return GALLEY_WALK_NEXT;
	if (has_word(f->set, n->literal)) {
		f->found = 1;
		return GALLEY_WALK_STOP;
	}
	return GALLEY_WALK_NEXT;
}

/*
 * The language of the keywords when it is not the text's, or NULL.
 * Front matter may say it (keywords_lang, keywordsLang or
 * keywords_language).  Otherwise it is inferred, as three words are too
 * few to detect: keywords written in ASCII alone in a text that is not
 * English, none of which the title, description or text uses, are
 * taken as English (the web exports galley was made for tag articles in
 * English whatever their language).  A keyword the text uses is in the
 * text's language.
 */
const char *
tei_keywords_lang(const struct galley_doc *doc, const char *textlang,
    char *buf, size_t sz)
{
	const struct galley_meta *m = galley_doc_meta(doc);
	struct kw_find	 f;
	struct kw_set	 set;
	static const char *const keys[] = {
		"keywords_lang", "keywordsLang", "keywords_language"
	};
	const char	*s;
	size_t		 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((s = extra_str(m, keys[i])) != NULL &&
		    (s = tei_lang_tag(s, buf, sz)) != NULL)
			return strcmp(s, textlang) == 0 ? NULL : s;
	if (m->keywords.n == 0 || strcmp(textlang, "en") == 0 ||
	    strncmp(textlang, "en-", 3) == 0 || strcmp(textlang, "und") == 0)
		return NULL;
	for (i = 0; i < m->keywords.n; i++)
		if (!ascii_only(m->keywords.v[i]))
			return NULL;
	kw_set_init(&set, m->keywords.v, m->keywords.n);
	f.set = &set;
	f.found = has_word(&set, m->title) || has_word(&set, m->description);
	if (!f.found)
		galley_walk(galley_doc_root(doc), kw_visit, &f);
	free(set.len);
	return f.found ? NULL : "en";
}

/* A front-matter value as TEI: a string as text, a list as <list>,
 * a map as a gloss list of label and item. */
static void
value(struct tei_ctx *ctx, xmlNodePtr parent, const struct galley_value *v,
    int depth)
{
	const struct galley_value *c;
	xmlNodePtr	 list;

	switch (v->kind) {
	case GALLEY_VALUE_NULL:
		break;
	case GALLEY_VALUE_STRING:
		tei_text(parent, v->str);
		break;
	case GALLEY_VALUE_LIST:
	case GALLEY_VALUE_MAP:
		if (v->first == NULL || depth > 64)
			break;
		list = tei_el(ctx, parent, "list");
		if (v->kind == GALLEY_VALUE_MAP)
			tei_attr(list, "type", "gloss");
		for (c = v->first; c != NULL; c = c->next) {
			if (v->kind == GALLEY_VALUE_MAP)
				tei_el_text(ctx, list, "label",
				    c->key != NULL && *c->key != '\0' ?
				    c->key : "(no key)");
			value(ctx, tei_el(ctx, list, "item"), c, depth + 1);
		}
		break;
	}
}

/* Every front-matter key galley has no field for, as notes. */
static void
notes(struct tei_ctx *ctx, xmlNodePtr filedesc, const struct galley_meta *m)
{
	const struct galley_value *v;
	xmlNodePtr	 stmt, note;

	if (m->extra == NULL || m->extra->kind != GALLEY_VALUE_MAP ||
	    m->extra->first == NULL)
		return;
	stmt = tei_el(ctx, filedesc, "notesStmt");
	for (v = m->extra->first; v != NULL; v = v->next) {
		note = tei_el(ctx, stmt, "note");
		tei_attr(note, "type", "front-matter");
		tei_attr(note, "n", v->key != NULL ? v->key : "");
		if (v->kind == GALLEY_VALUE_NULL ||
		    ((v->kind == GALLEY_VALUE_LIST || v->kind ==
		    GALLEY_VALUE_MAP) && v->first == NULL) ||
		    (v->kind == GALLEY_VALUE_STRING && *v->str == '\0'))
			tei_attr(note, "subtype", v->kind == GALLEY_VALUE_NULL ?
			    "null" : "empty");
		else
			value(ctx, note, v, 0);
	}
}

static int
is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* The original: title, authors, date, where it came from (its path,
 * and its URL when the front matter gives one), language. */
static void
source(struct tei_ctx *ctx, xmlNodePtr filedesc, const struct galley_meta *m,
    const char *title, const char *lang)
{
	xmlNodePtr	 bibl, n;
	const char	*name, *url;
	char		 when[64], *uri;
	size_t		 i;

	bibl = tei_el(ctx, tei_el(ctx, filedesc, "sourceDesc"), "bibl");
	if (title != NULL)	/* the source's own, or none */
		tei_el_text(ctx, bibl, "title", title);
	for (i = 0; i < m->authors.n; i++)
		tei_el_text(ctx, bibl, "author", m->authors.v[i]);
	if (m->date != NULL && *m->date != '\0') {
		n = tei_el_text(ctx, bibl, "date", m->date_text != NULL &&
		    *m->date_text != '\0' ? m->date_text : m->date);
		if (tei_when(m->date, when, sizeof(when)) == 0)
			tei_attr(n, "when", when);
	}
	if (m->source != NULL && *m->source != '\0') {
		if (is_url(m->source)) {
			uri = tei_uri(m->source);
			tei_attr(tei_el_text(ctx, bibl, "ref", m->source),
			    "target", uri);
			free(uri);
		} else
			tei_attr(tei_el_text(ctx, bibl, "idno", m->source),
			    "type", "path");
	}
	for (i = 0; galley_url_keys[i] != NULL; i++)
		if ((url = extra_str(m, galley_url_keys[i])) != NULL &&
		    is_url(url)) {
			uri = tei_uri(url);
			tei_attr(tei_el_text(ctx, bibl, "ref", url), "target",
			    uri);
			free(uri);
			break;
		}
	if (!galley_blank(m->slug))
		tei_attr(tei_el_text(ctx, bibl, "idno", m->slug), "type",
		    "slug");
	if (!galley_blank(m->uuid))	/* meta.uuid, as the JSON has it */
		tei_attr(tei_el_text(ctx, bibl, "idno", m->uuid), "type",
		    "UUID");
	if (m->format != NULL && *m->format != '\0')
		tei_attr(tei_el_text(ctx, bibl, "note", m->format), "type",
		    "format");
	n = tei_el(ctx, bibl, "textLang");
	tei_attr(n, "mainLang", lang);
	name = tei_lang_name(lang);
	tei_text(n, name != NULL ? name : lang);
}

static void
profile(struct tei_ctx *ctx, xmlNodePtr header, const struct galley_doc *doc,
    const char *lang)
{
	const struct galley_meta *m = galley_doc_meta(doc);
	xmlNodePtr	 prof, n, kw;
	const char	*name, *kwlang;
	char		 when[64], kwbuf[64];
	struct galley_buf b;
	size_t		 i;

	prof = tei_el(ctx, header, "profileDesc");
	if (m->date != NULL && *m->date != '\0') {
		n = tei_el_text(ctx, tei_el(ctx, prof, "creation"), "date",
		    m->date_text != NULL && *m->date_text != '\0' ?
		    m->date_text : m->date);
		if (tei_when(m->date, when, sizeof(when)) == 0)
			tei_attr(n, "when", when);
	}
	n = tei_el(ctx, tei_el(ctx, prof, "langUsage"), "language");
	tei_attr(n, "ident", lang);
	galley_buf_init(&b);
	name = tei_lang_name(lang);
	galley_buf_puts(&b, name != NULL ? name : lang);
	if (m->language_confidence > 0 && m->language_confidence < 1.0)
		galley_buf_printf(&b, " (detected, confidence %.2f)",
		    m->language_confidence);
	tei_text(n, b.data);
	galley_buf_release(&b);
	if (m->keywords.n > 0) {
		kw = tei_el(ctx, tei_el(ctx, prof, "textClass"), "keywords");
		if ((kwlang = tei_keywords_lang(doc, lang, kwbuf,
		    sizeof(kwbuf))) != NULL)
			tei_lang(kw, kwlang);
		for (i = 0; i < m->keywords.n; i++)
			tei_el_text(ctx, kw, "term", m->keywords.v[i]);
		if (kw->children == NULL)
			tei_el_text(ctx, kw, "term", "(none)");
	}
	if (!galley_blank(m->description))
		tei_el_text(ctx, tei_el(ctx, prof, "abstract"), "p",
		    m->description);
}

void
tei_header(struct tei_ctx *ctx, xmlNodePtr tei, const struct tei_article *a)
{
	const struct galley_meta *m = galley_doc_meta(a->doc);
	xmlNodePtr	 header, fd, ts, n;
	const char	*title;
	size_t		 i;

	title = !galley_blank(m->title) ? m->title :
	    !galley_blank(m->slug) ? m->slug :
	    m->source != NULL && *m->source != '\0' ? m->source : "Untitled";
	header = tei_el(ctx, tei, "teiHeader");
	fd = tei_el(ctx, header, "fileDesc");
	ts = tei_el(ctx, fd, "titleStmt");
	n = tei_el_text(ctx, ts, "title", title);
	if (galley_blank(m->title))	/* galley's, not the source's */
		tei_attr(n, "type", "supplied");
	for (i = 0; i < m->authors.n; i++)
		tei_el_text(ctx, ts, "author", m->authors.v[i]);
	tei_publication(ctx, fd, a->book, "this text");
	notes(ctx, fd, m);
	source(ctx, fd, m, galley_blank(m->title) ? NULL : title, a->lang);
	tei_app_info(ctx, header);
	profile(ctx, header, a->doc, a->lang);
}
