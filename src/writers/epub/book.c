/*
 * What a book says about itself in book.yaml, dates as the package
 * needs them, and stable identifiers.
 */
#define _GNU_SOURCE	/* timegm */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "writers/epub/epub.h"

const char *
epub_meta_lang(const struct galley_meta *m)
{
	const struct galley_value	*v = NULL;

	if (m->language != NULL && *m->language != '\0')
		return m->language;
	if (m->extra != NULL && (v = galley_value_get(m->extra,
	    "language")) == NULL)
		v = galley_value_get(m->extra, "lang");
	return v != NULL && v->kind == GALLEY_VALUE_STRING &&
	    v->str != NULL && *v->str != '\0' ? v->str : NULL;
}

long long
epub_date_epoch(const char *s)
{
	struct tm	 tm;
	int		 y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, n = 0;
	long long	 t;

	if (s == NULL || sscanf(s, "%4d%n", &y, &n) != 1 || n != 4)
		return -1;
	s += 4;
	if (sscanf(s, "-%2d%n", &mo, &n) == 1) {
		s += n;
		if (sscanf(s, "-%2d%n", &d, &n) == 1) {
			s += n;
			if (sscanf(s, "T%2d:%2d%n", &h, &mi, &n) == 2 ||
			    sscanf(s, " %2d:%2d%n", &h, &mi, &n) == 2) {
				s += n;
				if (sscanf(s, ":%2d%n", &sec, &n) == 1)
					s += n;
			}
		}
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = (long long)timegm(&tm);
	while (*s == '.' || isdigit((unsigned char)*s))
		s++;
	if ((*s == '+' || *s == '-') && isdigit((unsigned char)s[1])) {
		int	 oh = 0, om = 0;

		if (sscanf(s + 1, "%2d:%2d", &oh, &om) >= 1 ||
		    sscanf(s + 1, "%2d%2d", &oh, &om) >= 1)
			t -= (*s == '+' ? 1 : -1) * (oh * 3600LL + om * 60LL);
	}
	return t < 0 ? 0 : t;
}

static uint64_t
fnv(const char *s, size_t len, uint64_t h)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void
epub_uuid(char out[46], const char *text, size_t len)
{
	uint64_t	 a = fnv(text, len, 1469598103934665603ULL);
	uint64_t	 b = fnv(text, len, a ^ 0x9e3779b97f4a7c15ULL);
	unsigned char	 u[16];
	int		 i;

	for (i = 0; i < 8; i++) {
		u[i] = (unsigned char)(a >> (56 - 8 * i));
		u[8 + i] = (unsigned char)(b >> (56 - 8 * i));
	}
	u[6] = (u[6] & 0x0f) | 0x80;	/* version 8: custom */
	u[8] = (u[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	snprintf(out, 46, "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3],
	    u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
	    u[14], u[15]);
}

static const char *
path_in(struct galley_doc *doc, const char *dir, const char *p)
{
	if (p == NULL || p[0] == '/' || dir == NULL || *dir == '\0' ||
	    strcmp(dir, ".") == 0)
		return p;
	return galley_doc_printf(doc, "%s/%s", dir, p);
}

static const char *
scalar(struct galley_doc *doc, const struct galley_value *v,
    const char *file, struct galley_diag *dg)
{
	if (v == NULL || v->kind == GALLEY_VALUE_NULL)
		return NULL;
	if (v->kind == GALLEY_VALUE_STRING)
		return v->str;
	galley_diag_add(dg, GALLEY_WARNING, file, v->pos.line, v->pos.col,
	    "book.yaml: \"%s\" should be a text; ignored",
	    v->key != NULL ? v->key : "");
	(void)doc;
	return NULL;
}

/* A string or a list of strings into l. */
static void
strings(struct galley_doc *doc, struct galley_strlist *l,
    const struct galley_value *v, const char *dir, const char *file,
    struct galley_diag *dg)
{
	const struct galley_value	*c;

	if (v == NULL)
		return;
	if (v->kind == GALLEY_VALUE_STRING) {
		galley_strlist_add(doc, l, path_in(doc, dir, v->str));
		return;
	}
	if (v->kind != GALLEY_VALUE_LIST) {
		galley_diag_add(dg, GALLEY_WARNING, file, v->pos.line,
		    v->pos.col, "book.yaml: \"%s\" should be a list; ignored",
		    v->key != NULL ? v->key : "");
		return;
	}
	for (c = v->first; c != NULL; c = c->next) {
		const char *s = c->kind == GALLEY_VALUE_STRING ? c->str :
		    c->kind == GALLEY_VALUE_MAP ?
		    scalar(doc, galley_value_get(c, "name"), file, dg) : NULL;

		if (c->kind == GALLEY_VALUE_MAP && s == NULL)
			s = scalar(doc, galley_value_get(c, "path"), file,
			    dg);
		if (s != NULL && !galley_blank(s))
			galley_strlist_add(doc, l, path_in(doc, dir, s));
		else if (c->kind != GALLEY_VALUE_MAP)
			galley_diag_add(dg, GALLEY_WARNING, file, c->pos.line,
			    c->pos.col, "book.yaml: an empty or non-text entry "
			    "of \"%s\"; ignored", v->key != NULL ? v->key : "");
	}
}

int
epub_book_from_yaml(struct galley_book *k, struct galley_doc *doc,
    const struct galley_value *root, const char *dir, const char *file,
    struct galley_diag *dg)
{
	const struct galley_value	*v;
	const char			*s;

	if (root == NULL || root->kind != GALLEY_VALUE_MAP) {
		galley_diag_add(dg, GALLEY_ERROR, file, 1, 1,
		    "book.yaml must be a mapping of keys to values");
		return -1;
	}
	for (v = root->first; v != NULL; v = v->next) {
		const char *key = v->key != NULL ? v->key : "";

		/* an empty value says nothing: as if not given */
		if (v->kind == GALLEY_VALUE_STRING && galley_blank(v->str)) {
			galley_diag_add(dg, GALLEY_WARNING, file, v->pos.line,
			    v->pos.col, "book.yaml: \"%s\" is empty; "
			    "ignored", key);
			continue;
		}

		if (strcmp(key, "title") == 0)
			k->title = scalar(doc, v, file, dg);
		else if (strcmp(key, "subtitle") == 0)
			k->subtitle = scalar(doc, v, file, dg);
		else if (strcmp(key, "author") == 0 ||
		    strcmp(key, "authors") == 0 ||
		    strcmp(key, "creator") == 0)
			strings(doc, &k->authors, v, NULL, file, dg);
		else if (strcmp(key, "language") == 0 ||
		    strcmp(key, "lang") == 0) {
			char	 tag[160];

			if ((s = scalar(doc, v, file, dg)) == NULL)
				continue;
			if (galley_lang_tag(s, tag, sizeof(tag)) == 0)
				k->language = galley_doc_strdup(doc, tag);
			else
				galley_diag_add(dg, GALLEY_WARNING, file,
				    v->pos.line, v->pos.col, "book.yaml: "
				    "language \"%s\" is no BCP 47 tag; "
				    "ignored", s);
		}
		else if (strcmp(key, "publisher") == 0)
			k->publisher = scalar(doc, v, file, dg);
		else if (strcmp(key, "rights") == 0)
			k->rights = scalar(doc, v, file, dg);
		else if (strcmp(key, "date") == 0)
			k->date = scalar(doc, v, file, dg);
		else if (strcmp(key, "description") == 0)
			k->description = scalar(doc, v, file, dg);
		else if (strcmp(key, "identifier") == 0)
			k->identifier = scalar(doc, v, file, dg);
		else if (strcmp(key, "cover") == 0 ||
		    strcmp(key, "cover-image") == 0) {
			if ((s = scalar(doc, v, file, dg)) != NULL)
				k->cover = path_in(doc, dir, s);
		} else if (strcmp(key, "stylesheet") == 0 ||
		    strcmp(key, "css") == 0) {
			if ((s = scalar(doc, v, file, dg)) != NULL)
				k->css = path_in(doc, dir, s);
		} else if (strcmp(key, "chapters") == 0)
			strings(doc, &k->chapters, v, dir, file, dg);
		else if (strcmp(key, "translations") == 0) {
			s = scalar(doc, v, file, dg);
			k->translations = s != NULL && (strcmp(s, "true") ==
			    0 || strcmp(s, "yes") == 0);
		} else
			galley_diag_add(dg, GALLEY_WARNING, file, v->pos.line,
			    v->pos.col, "book.yaml: unknown key \"%s\"; "
			    "ignored", key);
	}
	return 0;
}
