/*
 * The meta filter: front-matter keys the reader left in meta.extra folded
 * into the slots (summary/abstract, author(s), tags/categories,
 * language/locale, id/slug/uuid), keywords split, trimmed and
 * de-duplicated, the date into ISO 8601, and the identifiers every
 * writer needs: slug (else the file stem), id (an NCName) and a UUID
 * (given, else v5 of source path and title, the same on every run).  A
 * key leaves extra only when its whole value went into a slot.  First in
 * the chain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nettle/sha1.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "filters/filters.h"
#include "readers/datetext.h"

#define SLUG_MAX 80

struct galley_value *
meta_extra_get(const struct galley_meta *m, const char *key)
{
	if (m->extra == NULL || m->extra->kind != GALLEY_VALUE_MAP)
		return NULL;
	return galley_value_get(m->extra, key);
}

void
meta_extra_remove(struct galley_meta *m, struct galley_value *v)
{
	struct galley_value	*p, *prev = NULL;

	for (p = m->extra->first; p != NULL; prev = p, p = p->next) {
		if (p != v)
			continue;
		if (prev == NULL)
			m->extra->first = p->next;
		else
			prev->next = p->next;
		if (m->extra->last == p)
			m->extra->last = prev;
		p->next = NULL;
		return;
	}
}

/* 1 if a and b are the same text but for case (Unicode case folding). */
static int
same_folded(const char *a, const char *b)
{
	UChar		 ua[256], ub[256];
	UErrorCode	 st = U_ZERO_ERROR;
	int32_t		 la, lb;

	u_strFromUTF8Lenient(ua, 256, &la, a, -1, &st);
	u_strFromUTF8Lenient(ub, 256, &lb, b, -1, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return strcmp(a, b) == 0;
	return u_strCaseCompare(ua, la, ub, lb, U_FOLD_CASE_DEFAULT, &st)
	    == 0 && U_SUCCESS(st);
}

/* Add the separated (galley_list_sep), trimmed parts of s to list,
 * each once. */
static void
add_split(struct galley_doc *doc, struct galley_strlist *list,
    const char *s, int split)
{
	const char	*p, *end;
	char		*part;
	size_t		 i, len, sep = 0;

	while (*s != '\0') {
		end = split ? galley_list_sep(s, &sep) : NULL;
		if (end == NULL) {
			end = s + strlen(s);
			sep = 0;
		}
		p = s;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
			p++;
		len = (size_t)(end - p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
		    p[len - 1] == '\n'))
			len--;
		if (len > 0) {
			part = galley_doc_strndup(doc, p, len);
			for (i = 0; i < list->n; i++)
				if (same_folded(list->v[i], part))
					break;
			if (i == list->n)
				galley_strlist_add(doc, list, part);
		}
		s = end + sep;
	}
}

/* A string or a list of strings into list; 1 if all of it went in. */
static int
fold_strings(struct galley_doc *doc, struct galley_strlist *list,
    const struct galley_value *v, int split)
{
	const struct galley_value	*c;

	if (v->kind == GALLEY_VALUE_STRING) {
		add_split(doc, list, v->str ? v->str : "", split);
		return 1;
	}
	if (v->kind != GALLEY_VALUE_LIST)
		return 0;
	for (c = v->first; c != NULL; c = c->next)
		if (c->kind != GALLEY_VALUE_STRING)
			return 0;
	for (c = v->first; c != NULL; c = c->next)
		add_split(doc, list, c->str ? c->str : "", split);
	return 1;
}

/* 1 if key is one of keys. */
static int
is_one_of(const char *key, const char *const *keys)
{
	size_t	 i;

	for (i = 0; key != NULL && keys[i] != NULL; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

/* Each member of extra named in keys, in the order written, into list. */
static void
fold_list(struct galley_doc *doc, struct galley_meta *m,
    struct galley_strlist *list, const char *const *keys, int split)
{
	struct galley_value	*v, *next;

	if (m->extra == NULL || m->extra->kind != GALLEY_VALUE_MAP)
		return;
	for (v = m->extra->first; v != NULL; v = next) {
		next = v->next;
		if (is_one_of(v->key, keys) &&
		    fold_strings(doc, list, v, split))
			meta_extra_remove(m, v);
	}
}

/*
 * Jekyll's tags and categories: a string of words separated by spaces
 * (when it has no comma or other separator) is a list of them.
 */
static void
split_jekyll(struct galley_doc *doc, struct galley_meta *m)
{
	static const char *const keys[] = { "tags", "categories", NULL };
	struct galley_value	*v;
	size_t			 i, sep;
	char			*s, *p;

	for (i = 0; keys[i] != NULL; i++) {
		v = meta_extra_get(m, keys[i]);
		if (v == NULL || v->kind != GALLEY_VALUE_STRING ||
		    v->str == NULL || galley_list_sep(v->str, &sep) != NULL)
			continue;
		s = galley_doc_strdup(doc, v->str);
		for (p = s; *p != '\0'; p++)
			if (*p == ' ' || *p == '\t')
				*p = ',';
		v->str = s;
	}
}

static void
fold_keywords(struct galley_doc *doc, struct galley_meta *m)
{
	static const char *const keys[] = { "keywords", "tags", "tag",
	    "categories", "category", NULL };
	struct galley_strlist	 kw;
	size_t			 i;

	memset(&kw, 0, sizeof(kw));
	for (i = 0; i < m->keywords.n; i++)
		add_split(doc, &kw, m->keywords.v[i], 1);
	split_jekyll(doc, m);
	fold_list(doc, m, &kw, keys, 1);
	m->keywords = kw;
}

/*
 * Authors written as maps, as Hugo, Astro and Jekyll themes do:
 * "author: {name: Jane Doe, email: ...}" or a list of such.  Their
 * names into list; 1 if the value holds nothing but names (then it
 * leaves extra), 0 if it keeps more (an email, a URL: extra keeps it
 * whole, JSON writes it).
 */
static int
fold_author_maps(struct galley_doc *doc, struct galley_strlist *list,
    const struct galley_value *v)
{
	const struct galley_value	*c, *name;
	int				 only_names = 1, found = 0;

	for (c = v->kind == GALLEY_VALUE_LIST ? v->first : v; c != NULL;
	    c = v->kind == GALLEY_VALUE_LIST ? c->next : NULL) {
		if (c->kind == GALLEY_VALUE_STRING) {
			add_split(doc, list, c->str ? c->str : "", 0);
			continue;
		}
		if (c->kind != GALLEY_VALUE_MAP)
			return 0;
		name = galley_value_get(c, "name");
		if (name != NULL && name->kind == GALLEY_VALUE_STRING &&
		    name->str != NULL) {
			add_split(doc, list, name->str, 0);
			found = 1;
		}
		if (c->first != NULL && (c->first != c->last ||
		    name == NULL))
			only_names = 0;
	}
	return found && only_names;
}

static void
fold_authors(struct galley_doc *doc, struct galley_meta *m)
{
	static const char *const keys[] = { "author", "authors", "creator",
	    NULL };
	struct galley_strlist	 au;
	struct galley_value	*v, *next;
	size_t			 i;

	memset(&au, 0, sizeof(au));
	for (i = 0; i < m->authors.n; i++)
		add_split(doc, &au, m->authors.v[i], 0);
	fold_list(doc, m, &au, keys, 0);
	for (v = m->extra != NULL && m->extra->kind == GALLEY_VALUE_MAP ?
	    m->extra->first : NULL; v != NULL; v = next) {
		next = v->next;
		if (is_one_of(v->key, keys) && fold_author_maps(doc, &au, v))
			meta_extra_remove(m, v);
	}
	m->authors = au;
}

/* The first string of keys into *slot if empty; the key leaves extra
 * when the slot holds its value. */
static void
fold_text(struct galley_doc *doc, struct galley_meta *m, const char **slot,
    const char *const *keys)
{
	struct galley_value	*v;
	size_t			 i;

	for (i = 0; keys[i] != NULL; i++) {
		v = meta_extra_get(m, keys[i]);
		if (v == NULL || v->kind != GALLEY_VALUE_STRING ||
		    v->str == NULL)
			continue;
		if (*slot == NULL || (*slot)[0] == '\0')
			*slot = galley_doc_strdup(doc, v->str);
		if (strcmp(*slot, v->str) == 0)
			meta_extra_remove(m, v);
	}
}

/* The calendar a language's articles date in, if not the Gregorian:
 * Persian and Pashto the Solar Hijri, Arabic the Islamic. */
static int
calendar_of(const char *lang)
{
	if (lang == NULL)
		return DATE_GREGORIAN;
	if ((strncmp(lang, "fa", 2) == 0 || strncmp(lang, "ps", 2) == 0) &&
	    (lang[2] == '\0' || lang[2] == '-'))
		return DATE_PERSIAN;
	if (strncmp(lang, "ar", 2) == 0 && (lang[2] == '\0' || lang[2] == '-'))
		return DATE_ISLAMIC;
	return DATE_GREGORIAN;
}

/*
 * No "date": the first of the keys other tools write the date of
 * publication under (Astro's pubDate, Hugo's publishDate, Obsidian's
 * created...); it leaves extra once read.
 */
static struct galley_value *
other_date(struct galley_meta *m)
{
	static const char *const keys[] = { "pubDate", "pubdate",
	    "publishDate", "publishdate", "published", "datePublished",
	    "date_published", "created", "created_at", NULL };
	struct galley_value	*v;
	size_t			 i;

	for (i = 0; keys[i] != NULL; i++) {
		v = meta_extra_get(m, keys[i]);
		if (v != NULL && v->kind == GALLEY_VALUE_STRING &&
		    !galley_blank(v->str))
			return v;
	}
	return NULL;
}

static void
fold_date(struct galley_doc *doc, struct galley_meta *m,
    struct galley_diag *dg)
{
	const char		*given, *key = "date";
	struct galley_value	*v, *other = NULL;
	char			 iso[64];

	given = m->date != NULL ? m->date : m->date_text;
	if (given == NULL && (other = other_date(m)) != NULL) {
		given = other->str;
		key = other->key;
		m->date_pos = other->pos;
	}
	if (given == NULL)
		return;
	/* then the dates people write, "24 juni 2021 7:51" (the text reader's
	 * parser) */
	if (date_to_iso(given, iso, sizeof(iso)) == 0 ||
	    datetext_parse_in(given, strlen(given), calendar_of(m->language),
	    iso) == 0) {
		if (other != NULL)
			meta_extra_remove(m, other);
		if (m->date_text == NULL)
			m->date_text = given;
		m->date = strcmp(iso, given) == 0 ? given :
		    galley_doc_strdup(doc, iso);
		return;
	}
	m->date = NULL;
	if (m->date_text == NULL && other == NULL)
		m->date_text = given;
	galley_diag_add(dg, GALLEY_WARNING, m->source, m->date_pos.line,
	    m->date_pos.col, "%s \"%s\" is not a date galley knows (ISO "
	    "8601, RFC 2822, Unix seconds, a written date); kept in extra, "
	    "article has no date", key, given);
	if (other != NULL || meta_extra_get(m, "date") != NULL)
		return;
	if (m->extra == NULL)
		m->extra = galley_value_new(doc, GALLEY_VALUE_MAP);
	v = galley_value_new(doc, GALLEY_VALUE_STRING);
	v->key = "date";
	v->str = given;
	galley_value_append(m->extra, v);
}

/* 1 if s is a UUID, written into out in lower case ("urn:uuid:" off). */
static int
uuid_parse(const char *s, char out[37])
{
	int	 i;

	if (strncmp(s, "urn:uuid:", 9) == 0)
		s += 9;
	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		char c = s[i];

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return 0;
		} else if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return 0;
		out[i] = c;
	}
	out[36] = '\0';
	return 1;
}

/* RFC 9562 UUIDv5 (SHA-1) of name in the URL namespace. */
static void
uuid_v5(const char *name, char out[37])
{
	static const unsigned char ns_url[16] = { 0x6b, 0xa7, 0xb8, 0x11,
	    0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4,
	    0x30, 0xc8 };
	struct sha1_ctx	 ctx;
	unsigned char	 h[SHA1_DIGEST_SIZE];
	int		 i, o = 0;

	sha1_init(&ctx);
	sha1_update(&ctx, sizeof(ns_url), ns_url);
	sha1_update(&ctx, strlen(name), (const uint8_t *)name);
	sha1_digest(&ctx, sizeof(h), h);
	h[6] = (unsigned char)((h[6] & 0x0F) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3F) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = "0123456789abcdef"[h[i] >> 4];
		out[o++] = "0123456789abcdef"[h[i] & 0xf];
	}
	out[o] = '\0';
}

/*
 * The name of the folder path's file base is in, where path spells it
 * "." or ".." ("./index.md", "../index.md", "" for "index.md"): as the
 * file system names it, so that an id does not depend on how a folder
 * was named on the command line.  NULL if it has none ("/").
 */
static const char *
folder_name(struct galley_doc *doc, const char *path, const char *base)
{
	char		*dir, *real;
	const char	*name, *slash;

	dir = galley_doc_strndup(doc, path, (size_t)(base - path));
	if ((real = realpath(dir[0] != '\0' ? dir : ".", NULL)) == NULL)
		return NULL;
	slash = strrchr(real, '/');
	name = slash != NULL && slash[1] != '\0' ?
	    galley_doc_strdup(doc, slash + 1) : NULL;
	free(real);
	return name;
}

/* Whether a file named so (n bytes, extension off) is its folder's
 * page: index, _index (Hugo), README (GitHub, VuePress). */
static int
is_page(const char *name, size_t n)
{
	return (n == 5 && strncmp(name, "index", 5) == 0) ||
	    (n == 6 && strncmp(name, "_index", 6) == 0) ||
	    (n == 6 && strncasecmp(name, "readme", 6) == 0);
}

/*
 * The file name of path without its directory and last extension
 * ("posts/lease.md": "lease"); of a folder's index ("posts/lease/
 * index.md", Hugo's page bundles; "_index.md"; "README.md" as GitHub
 * shows it), the folder's name, as the site names the page.
 */
static char *
file_stem(struct galley_doc *doc, const char *path)
{
	const char	*base, *dot, *dir;
	size_t		 n, dn;

	if (strcmp(path, "-") == 0)
		return galley_doc_strdup(doc, "stdin");	/* standard input */
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	n = (size_t)(dot - base);
	if (is_page(base, n) && base > path) {
		for (dir = base - 1; dir > path && dir[-1] != '/'; dir--)
			;
		dn = (size_t)(base - 1 - dir);
		if (dn > 0 && !(dn == 1 && dir[0] == '.') &&
		    !(dn == 2 && strncmp(dir, "..", 2) == 0))
			return galley_doc_strndup(doc, dir, dn);
		if ((dir = folder_name(doc, path, base)) != NULL)
			return (char *)dir;	/* "./index.md": the folder's */
	} else if (is_page(base, n)) {
		const char	*name = folder_name(doc, path, path);

		if (name != NULL)	/* "index.md" here: this folder's */
			return (char *)name;
	}
	return galley_doc_strndup(doc, base, n);
}

static void
fold_ids(struct galley_doc *doc, struct galley_meta *m,
    struct galley_diag *dg)
{
	struct galley_value	*v;
	struct slugger		*sl;
	const char		*src;
	char			 uuid[37], *s;

	v = meta_extra_get(m, "uuid");
	if (v != NULL && v->kind == GALLEY_VALUE_STRING && v->str != NULL &&
	    uuid_parse(v->str, uuid)) {
		if (m->uuid == NULL)
			m->uuid = galley_doc_strdup(doc, uuid);
		if (strcmp(m->uuid, uuid) == 0)
			meta_extra_remove(m, v);
	}
	v = meta_extra_get(m, "id");
	if (v != NULL && v->kind == GALLEY_VALUE_STRING && v->str != NULL) {
		if (uuid_parse(v->str, uuid)) {
			if (m->uuid == NULL)
				m->uuid = galley_doc_strdup(doc, uuid);
			if (strcmp(m->uuid, uuid) == 0)
				meta_extra_remove(m, v);
		} else if (m->id == NULL && slug_is_ncname(v->str)) {
			m->id = galley_doc_strdup(doc, v->str);
			meta_extra_remove(m, v);
		}
	}
	v = meta_extra_get(m, "slug");
	if (v != NULL && v->kind == GALLEY_VALUE_STRING &&
	    !galley_blank(v->str)) {
		if (m->slug == NULL)
			m->slug = galley_doc_strdup(doc, v->str);
		if (strcmp(m->slug, v->str) == 0)
			meta_extra_remove(m, v);
	}
	src = m->source != NULL ? m->source : "";
	while (strncmp(src, "./", 2) == 0)
		src += 2;
	if (galley_blank(m->slug))
		m->slug = file_stem(doc, src[0] ? src : "article");
	if (m->id == NULL || !slug_is_ncname(m->id)) {
		v = meta_extra_get(m, "id");
		if (v != NULL && (v->kind != GALLEY_VALUE_STRING ||
		    galley_blank(v->str) || uuid_parse(v->str, uuid)))
			v = NULL;	/* no id asked for: the slug's */
		src = v != NULL ? v->str : m->slug;
		s = galley_doc_printf(doc, "a-%s", src);
		if (slug_is_ncname(src))
			s = galley_doc_strdup(doc, src);
		else if (!slug_is_ncname(s)) {	/* not "000_5413cba6" */
			sl = slugger_new();
			s = slug_make(sl, doc, src, SLUG_MAX);
			slugger_free(sl);
			if (s[0] == '\0')
				s = "article";
			else if (!slug_is_ncname(s))
				s = galley_doc_printf(doc, "a-%s", s);
		}
		m->id = s;
		if (v != NULL)
			filter_report(dg, doc, GALLEY_NOTE, NULL,
			    "id \"%s\" is not an XML name; using \"%s\"",
			    v->str, m->id);
	}
	if (m->uuid == NULL) {
		src = m->source != NULL ? m->source : "";
		while (strncmp(src, "./", 2) == 0)
			src += 2;
		s = galley_doc_printf(doc, "%s\n%s", src, m->title ? m->title :
		    "");
		uuid_v5(s, uuid);
		m->uuid = galley_doc_strdup(doc, uuid);
	}
}

/*
 * A title or description as written in YAML, cleaned: white space off
 * both ends (the newline a folded or literal block keeps, too), a title
 * on one line.  NULL if nothing is left: the writers' fallbacks apply.
 */
static const char *
clean_text(struct galley_doc *doc, const char *s, int one_line)
{
	const char	*end;
	char		*t, *p;
	size_t		 n;

	if (galley_blank(s))
		return NULL;
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || (end[-1] >= '\t' &&
	    end[-1] <= '\r')))
		end--;
	n = (size_t)(end - s);
	if (!one_line && s[n] == '\0')
		return s;
	t = galley_doc_strndup(doc, s, n);
	if (one_line) {
		for (p = t; *p != '\0'; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
	}
	return t;
}

/*
 * The first heading, in reading order, under root, if it opens the
 * text: no text before it, or a little (a tagline, badges) and some
 * after it; not the "# Older entries have been removed" closing a
 * changelog.
 */
#define TITLE_LEAD_MAX	400	/* bytes of text before it */

struct lead {
	const struct galley_node	*heading;
	size_t				 text;	/* bytes before it */
	int				 in_heading;
	int				 body;	/* text after it */
};

static enum galley_walk
lead_visit(struct galley_node *n, int entering, void *arg)
{
	struct lead	*l = arg;
	int		 text = (n->type == GALLEY_NODE_TEXT ||
			    n->type == GALLEY_NODE_CODE ||
			    n->type == GALLEY_NODE_CODE_BLOCK) &&
			    n->literal != NULL && n->literal[0] != '\0';

	if (n->type == GALLEY_NODE_HEADING) {
		l->in_heading = entering;
		if (entering && l->heading == NULL)
			l->heading = n;
		return GALLEY_WALK_NEXT;
	}
	if (!entering || !text || l->in_heading)
		return GALLEY_WALK_NEXT;
	if (l->heading != NULL) {
		l->body = 1;
		return GALLEY_WALK_STOP;
	}
	if ((l->text += strlen(n->literal)) > TITLE_LEAD_MAX)
		return GALLEY_WALK_STOP;
	return GALLEY_WALK_NEXT;
}

static const struct galley_node *
first_heading(struct galley_node *root)
{
	struct lead	 l;

	memset(&l, 0, sizeof(l));
	galley_walk(root, lead_visit, &l);
	return l.body || l.text == 0 ? l.heading : NULL;
}

static enum galley_walk
words_visit(struct galley_node *n, int entering, void *arg)
{
	struct galley_buf	*b = arg;

	if (!entering)
		return GALLEY_WALK_NEXT;
	if (n->type == GALLEY_NODE_IMAGE)
		return GALLEY_WALK_SKIP;	/* a badge's alt text */
	if ((n->type == GALLEY_NODE_TEXT || n->type == GALLEY_NODE_CODE) &&
	    n->literal != NULL)
		galley_buf_puts(b, n->literal);
	else if (n->type == GALLEY_NODE_SOFTBREAK ||
	    n->type == GALLEY_NODE_LINEBREAK)
		galley_buf_putc(b, ' ');
	return GALLEY_WALK_NEXT;
}

/* A heading's words, its images' alt text aside ("# es-hangul ![MIT
 * License](...) ![NPM badge](...)"); all its text if that is all. */
static const char *
heading_words(struct galley_doc *doc, const struct galley_node *h)
{
	struct galley_buf	 b;
	const char		*s;

	galley_buf_init(&b);
	galley_walk((struct galley_node *)h, words_visit, &b);
	s = clean_text(doc, galley_doc_strndup(doc, b.data ? b.data : "",
	    b.len), 1);
	galley_buf_release(&b);
	if (s == NULL || *s == '\0')
		s = clean_text(doc, galley_node_text(doc, h), 1);
	return s;
}

/* No title given: the first heading's text, as a reader would say
 * (the repair filter asks again once it made headings). */
void
meta_title_from_heading(struct galley_doc *doc, struct galley_diag *dg)
{
	struct galley_meta		*m = galley_doc_meta(doc);
	const struct galley_node	*h;
	const char			*t;

	if ((m->title != NULL && *m->title != '\0') ||
	    (h = first_heading(galley_doc_root(doc))) == NULL)
		return;
	t = heading_words(doc, h);
	if (t == NULL || *t == '\0')
		return;
	m->title = t;
	filter_report(dg, doc, GALLEY_NOTE, h, "no title given: the first "
	    "heading's, \"%s\"", t);
}

static int
meta_run(struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	static const char *const description[] = { "description", "summary",
	    "abstract", NULL };
	static const char *const title[] = { "title", NULL };
	static const char *const language[] = { "lang", "language", "locale",
	    NULL };
	struct galley_meta	*m = galley_doc_meta(doc);

	fold_text(doc, m, &m->title, title);
	m->title = clean_text(doc, m->title, 1);
	meta_title_from_heading(doc, dg);
	fold_text(doc, m, &m->description, description);
	m->description = clean_text(doc, m->description, 0);
	fold_text(doc, m, &m->language, language);
	m->language = clean_text(doc, m->language, 1);
	fold_authors(doc, m);
	fold_keywords(doc, m);
	fold_date(doc, m, dg);
	fold_ids(doc, m, dg);
	return 0;
}

const struct galley_filter filter_meta = {
	"meta",
	"front matter into metadata: keywords, authors, ISO dates, ids",
	1,
	meta_run
};
