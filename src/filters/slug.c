/*
 * Readable ASCII slugs for ids and identifiers: ICU transliterates any
 * script to Latin and Latin to ASCII ("Что такое" -> "chto-takoye" in
 * Russian's own romanisation,
 * "Høydepunkter" -> "hoydepunkter").  Used by the ids and meta filters.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "filters/filters.h"
#include "filters/latin_ascii.h"
#include "model/oom.h"

struct slugger {
	int		 failed;	/* ICU has no such transliterator */
	int		 icu_only;	/* skip the Latin table */
};

/*
 * Languages written in Cyrillic whose own romanisation (BGN/PCGN, as
 * ICU has it) reads better than ISO 9's through ASCII: "Щука" is
 * "shchuka", not "suka"; "Към" "kum", not "k-m".  The marks BGN puts
 * for the hard and soft signs go.
 */
static const struct {
	const char	*lang;
	const char	*rules;
} by_lang[] = {
	{ "ru", "Russian-Latin/BGN" }, { "uk", "Ukrainian-Latin/BGN" },
	{ "bg", "Bulgarian-Latin/BGN" }, { "be", "Belarusian-Latin/BGN" },
	{ "mk", "Macedonian-Latin/BGN" }, { "sr", "Serbian-Latin/BGN" },
	{ "kk", "Kazakh-Latin/BGN" }, { "ky", "Kirghiz-Latin/BGN" }
};
#define NLANG	(sizeof(by_lang) / sizeof(by_lang[0]))

/* A thread's transliterators: any script's, and those by language. */
struct trans_cache {
	UTransliterator	*any;
	UTransliterator	*lang[NLANG];
	int		 failed[NLANG];
};

struct slugger *
slugger_new(void)
{
	struct slugger	*s;

	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		galley_oom();
	}
	return s;
}

void
slugger_free(struct slugger *s)
{
	if (s == NULL)
		return;
	free(s);	/* the transliterators belong to the thread */
}

void
slugger_icu_only(struct slugger *s)
{
	s->icu_only = 1;
}

/*
 * Opening a transliterator costs millions of instructions, so each
 * thread opens one and keeps it for every document it converts; it is
 * closed when the thread ends.
 */
static pthread_key_t	 trans_key;
static pthread_once_t	 trans_once = PTHREAD_ONCE_INIT;

static void
trans_close(void *p)
{
	struct trans_cache	*c = p;
	size_t			 i;

	if (c == NULL)
		return;
	if (c->any != NULL)
		utrans_close(c->any);
	for (i = 0; i < NLANG; i++)
		if (c->lang[i] != NULL)
			utrans_close(c->lang[i]);
	free(c);
}

static void
trans_key_make(void)
{
	pthread_key_create(&trans_key, trans_close);
}

/* This thread's transliterator closed now: galley_thread_release(). */
void
slug_thread_release(void)
{
	struct trans_cache	*c;

	pthread_once(&trans_once, trans_key_make);
	if ((c = pthread_getspecific(trans_key)) != NULL) {
		trans_close(c);
		pthread_setspecific(trans_key, NULL);
	}
}

static UTransliterator *
trans_open(const char *rules)
{
	UChar		 id[160];
	UErrorCode	 st = U_ZERO_ERROR;
	UParseError	 pe;
	UTransliterator	*t;

	u_strFromUTF8(id, (int32_t)(sizeof(id) / sizeof(id[0])), NULL, rules,
	    -1, &st);
	if (U_FAILURE(st))
		return NULL;
	t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
	return U_FAILURE(st) ? NULL : t;
}

/* This thread's transliterator for text in lang (NULL: unknown), opened
 * on first use; NULL if ICU has none. */
static UTransliterator *
thread_trans(const char *lang)
{
	struct trans_cache	*c;
	char			 rules[128];
	size_t			 i, n;

	pthread_once(&trans_once, trans_key_make);
	if ((c = pthread_getspecific(trans_key)) == NULL) {
		if ((c = calloc(1, sizeof(*c))) == NULL)
			galley_oom();
		pthread_setspecific(trans_key, c);
	}
	for (i = 0; lang != NULL && i < NLANG; i++) {
		n = strlen(by_lang[i].lang);
		if (strncmp(lang, by_lang[i].lang, n) != 0 ||
		    (lang[n] != '\0' && lang[n] != '-'))
			continue;
		if (c->lang[i] == NULL && !c->failed[i]) {
			snprintf(rules, sizeof(rules), "%s; "
			    "[\\u00B7\\u02B9\\u02BA] Remove; Any-Latin; "
			    "Latin-ASCII", by_lang[i].rules);
			if ((c->lang[i] = trans_open(rules)) == NULL)
				c->failed[i] = 1;
		}
		if (c->lang[i] != NULL)
			return c->lang[i];
		break;
	}
	if (c->any == NULL)
		c->any = trans_open("Any-Latin; Latin-ASCII");
	return c->any;
}

/* Text transliterated to ASCII, malloc'd; NULL if ICU cannot. */
static char *
to_ascii(struct slugger *s, const char *text, const char *lang)
{
	UChar			*u = NULL;
	UErrorCode		 st = U_ZERO_ERROR;
	int32_t			 ulen = 0, cap, limit;
	char			*out = NULL;
	int32_t			 olen = 0;
	UTransliterator		*trans;

	if (s->failed)
		return NULL;
	if ((trans = thread_trans(lang)) == NULL) {
		s->failed = 1;
		return NULL;
	}
	u_strFromUTF8Lenient(NULL, 0, &ulen, text, -1, &st);
	st = U_ZERO_ERROR;
	cap = ulen * 4 + 64;
	u = malloc(sizeof(UChar) * (size_t)cap);
	out = NULL;
	if (u == NULL)
		goto out;
	u_strFromUTF8Lenient(u, cap, &ulen, text, -1, &st);
	if (U_FAILURE(st))
		goto out;
	limit = ulen;
	utrans_transUChars(trans, u, &ulen, cap, 0, &limit, &st);
	if (U_FAILURE(st))
		goto out;
	u_strToUTF8(NULL, 0, &olen, u, ulen, &st);
	st = U_ZERO_ERROR;
	out = malloc((size_t)olen + 1);
	if (out == NULL)
		goto out;
	u_strToUTF8(out, olen + 1, &olen, u, ulen, &st);
	if (U_FAILURE(st)) {
		free(out);
		out = NULL;
	}
out:
	free(u);
	return out;
}

/*
 * Latin-script text through the table ICU made (latin_ascii.h), with no
 * transliterator: malloc'd, or NULL when some character is outside the
 * table (other scripts, combining marks) and ICU must decide.
 */
static const char *
latin_one(uint32_t cp)
{
	if (cp >= 0x00a0 && cp <= 0x024f)
		return latin_ascii_00a0[cp - 0x00a0];
	if (cp >= 0x1e00 && cp <= 0x1eff)
		return latin_ascii_1e00[cp - 0x1e00];
	if (cp >= 0x2000 && cp <= 0x206f)
		return latin_ascii_2000[cp - 0x2000];
	return NULL;
}

static char *
latin_to_ascii(const char *text)
{
	size_t		 len = strlen(text), i = 0, k, n = 0;
	char		*out = malloc(len * 4 + 1);
	const char	*a;
	uint32_t	 cp;

	if (out == NULL)
		return NULL;
	while (i < len) {
		k = utf8_next(text + i, len - i, &cp);
		if (cp < 0x80)
			out[n++] = (char)cp;
		else if ((a = latin_one(cp)) == NULL) {
			free(out);
			return NULL;
		} else
			while (*a != '\0')	/* at most 4 bytes for 2 read */
				out[n++] = *a++;
		i += k;
	}
	out[n] = '\0';
	return out;
}

char *
slug_make(struct slugger *s, struct galley_doc *doc, const char *text,
    size_t max)
{
	const char	*p, *src = text;
	char		*ascii = NULL, *out;
	size_t		 n = 0, cut;
	int		 dash = 0;

	for (p = text; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			break;
	if (*p != '\0') {
		if (s->icu_only || (ascii = latin_to_ascii(text)) == NULL)
			ascii = to_ascii(s, text,
			    galley_doc_meta(doc)->language);
		if (ascii != NULL)
			src = ascii;
	}
	out = galley_doc_alloc(doc, max + 1);
	for (p = src; *p != '\0' && n < max; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0 && n + 1 < max)
				out[n++] = '-';
			dash = 0;
			out[n++] = (char)c;
		} else if (c >= 'A' && c <= 'Z') {
			if (dash && n > 0 && n + 1 < max)
				out[n++] = '-';
			dash = 0;
			out[n++] = (char)(c - 'A' + 'a');
		} else if (c != '\'' && c < 0x80) {
			dash = 1;	/* "don't" -> "dont", "a b" -> "a-b" */
		}
	}
	/* cut a long slug at a word boundary */
	if (*p != '\0' && n == max) {
		cut = n;
		while (cut > max / 2 && out[cut - 1] != '-')
			cut--;
		if (cut > max / 2)
			n = cut - 1;
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	free(ascii);
	return out;
}

int
slug_is_ncname(const char *s)
{
	const char	*p;

	if (s == NULL || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' &&
	    *s <= 'Z') || *s == '_'))
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		    *p == '.'))
			return 0;
	return 1;
}

/*
 * The anchor GitHub gives a heading of text (as github-slugger makes
 * it): lower case, letters, digits, marks, '-' and '_' kept, each space
 * a '-', everything else gone ("fetch(url[, options])" ->
 * "fetchurl-options", "0.快速使用" -> "0快速使用").  In doc's arena.
 */
char *
slug_github_dup(const char *text)
{
	size_t		 len = strlen(text), i = 0, n = 0;
	char		*out = malloc(len * 2 + 1);
	UChar32		 c;

	if (out == NULL)
		return NULL;
	while (i < len) {
		U8_NEXT(text, i, (int32_t)len, c);
		if (c < 0)
			continue;
		if (c == ' ')
			c = '-';
		else if (c != '-' && c != '_' && !u_isalnum(c) &&
		    !(U_GET_GC_MASK(c) & U_GC_M_MASK))
			continue;
		c = u_tolower(c);
		U8_APPEND_UNSAFE(out, n, c);
	}
	out[n] = '\0';
	return out;
}

char *
slug_github(struct galley_doc *doc, const char *text)
{
	char	*s = slug_github_dup(text), *d;

	if (s == NULL) {
		galley_oom();
	}
	d = galley_doc_strdup(doc, s);
	free(s);
	return d;
}
