/*
 * Readable ASCII slugs for ids and identifiers: ICU transliterates any
 * script to Latin and Latin to ASCII ("Что такое" -> "cto-takoe",
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
	UTransliterator	*trans;	/* the thread's, on the first non-ASCII text */
	int		 failed;	/* ICU has no such transliterator */
	int		 icu_only;	/* skip the Latin table */
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
	free(s);	/* s->trans belongs to the thread */
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
	utrans_close(p);
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
	UTransliterator	*t;

	pthread_once(&trans_once, trans_key_make);
	if ((t = pthread_getspecific(trans_key)) != NULL) {
		utrans_close(t);
		pthread_setspecific(trans_key, NULL);
	}
}

static UTransliterator *
thread_trans(void)
{
	static const char	 rules[] = "Any-Latin; Latin-ASCII";
	UChar			 id[sizeof(rules)];
	UErrorCode		 st = U_ZERO_ERROR;
	UParseError		 pe;
	UTransliterator		*t;

	pthread_once(&trans_once, trans_key_make);
	if ((t = pthread_getspecific(trans_key)) != NULL)
		return t;
	u_charsToUChars(rules, id, (int32_t)sizeof(rules));
	t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
	if (U_FAILURE(st))
		return NULL;
	pthread_setspecific(trans_key, t);
	return t;
}

/* Text transliterated to ASCII, malloc'd; NULL if ICU cannot. */
static char *
to_ascii(struct slugger *s, const char *text)
{
	UChar			*u = NULL;
	UErrorCode		 st = U_ZERO_ERROR;
	int32_t			 ulen = 0, cap, limit;
	char			*out = NULL;
	int32_t			 olen = 0;

	if (s->failed)
		return NULL;
	if (s->trans == NULL && (s->trans = thread_trans()) == NULL) {
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
	utrans_transUChars(s->trans, u, &ulen, cap, 0, &limit, &st);
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
			ascii = to_ascii(s, text);
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
