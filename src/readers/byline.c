/*
 * The lines around an exported article's title that are not its title:
 * bylines ("By Jane Doe", "Von Anna Schmidt"), dates with a byline or a
 * reading time beside them ("Posted on June 24, 2021 by Jane Doe",
 * "June 24, 2021 · 5 min read") and relative dates ("3 hours ago").
 * For the plain-text reader (plaintext.c).
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "readers/byline.h"
#include "readers/datetext.h"

#define NAME_MAX_WORDS	5	/* "Jan van der Berg" */
#define BYLINE_MAX	80	/* bytes */

/* What introduces an author, in the languages of the seeds and more;
 * lower case, with its space or colon. */
static const char *const by_words[] = {
	"written by ", "posted by ", "by: ", "by ", "von ", "par ", "door ",
	"av ", "af ", "przez ", "di ", "por ", "autor: ", "author: ", "auteur : ",
	"auteur: ", "tekij\xc3\xa4: ", "forfatter: ", "f\xc3\xb6rfattare: ",
	"yazar: ", "szerz\xc5\x91: ",
	/* scripts with case that strncasecmp() does not fold: both */
	"\xd0\x90\xd0\xb2\xd1\x82\xd0\xbe\xd1\x80: ",	/* Автор: */
	"\xd0\xb0\xd0\xb2\xd1\x82\xd0\xbe\xd1\x80: ",	/* автор: */
	"\xce\xa3\xcf\x85\xce\xbd\xcf\x84\xce\xac\xce\xba\xcf\x84\xce\xb7\xcf\x82: ",	/* Συντάκτης: */
	/* 作者： 文： 著者： 記者： (fullwidth colons) */
	"\xe4\xbd\x9c\xe8\x80\x85\xef\xbc\x9a", "\xe6\x96\x87\xef\xbc\x9a",
	"\xe8\x91\x97\xe8\x80\x85\xef\xbc\x9a", "\xe8\xa8\x98\xe8\x80\x85\xef\xbc\x9a",
	"\xe6\x92\xb0\xe6\x96\x87\xef\xbc\x9a",	/* 撰文： */
	"\xe7\xad\x86\xe8\x80\x85\xef\xbc\x9a",	/* 筆者： */
	"\xe6\x96\x87\xef\xbc\x8f", "\xe6\x96\x87\x2f",	/* 文／ 文/ */
	"kirjoittaja: ", "teksti: ", "autorka: ", "napsal: ", "napsala: ",
	"yazan: ", "skrevet af ", "skrevet av ", "penulis: ", "oleh ",
	"t\xc3\xa1" "c gi\xe1\xba\xa3: ",		/* tác giả: */
	"\xd8\xa8\xd9\x82\xd9\x84\xd9\x85: ", "\xd8\xa8\xd9\x82\xd9\x84\xd9\x85 ",	/* بقلم: */
	"\xd9\x83\xd8\xaa\xd8\xa8: ",			/* كتب: */
	"\xd7\x9e\xd7\x90\xd7\xaa: ", "\xd7\x9e\xd7\x90\xd7\xaa ",	/* מאת: */
	"\xd9\x86\xd9\x88\xdb\x8c\xd8\xb3\xd9\x86\xd8\xaf\xd9\x87: ",	/* نویسنده: */
	"\xe0\xa4\xb2\xe0\xa5\x87\xe0\xa4\x96\xe0\xa4\x95: ",	/* लेखक: */
	"\xe0\xb9\x80\xe0\xb8\x82\xe0\xb8\xb5\xe0\xb8\xa2\xe0\xb8\x99\xe0\xb9\x82\xe0\xb8\x94\xe0\xb8\xa2 ",	/* เขียนโดย */
	NULL
};

/* What introduces the author after a date in the same line ("Posted on
 * June 24, 2021 by Jane Doe", "Veröffentlicht am 3. März 2023 von Klaus
 * Becker", "Publié le 3 mars 2023 par ..."); lower case, with spaces. */
static const char *const date_by[] = {
	" by ", " von ", " par ", " da ", " door ", " por ", " av ", " af ",
	" przez ", " oleh ", " tarafından ", NULL
};

/* Words that may stand lower-case inside a name. */
static const char *const particles[] = {
	"van", "von", "der", "den", "de", "da", "di", "du", "le", "la",
	"ter", "ten", "af", "y", "bin", "al", NULL
};

/* Between two names. */
static const char *const joins[] = {
	" and ", " & ", ", ", " und ", " et ", " en ", " och ", " og ",
	" i ", " e ", " y ", " ja ", NULL
};

static size_t
starts_with(const char *s, size_t len, const char *const *words)
{
	size_t	 i, n;

	for (i = 0; words[i] != NULL; i++) {
		n = strlen(words[i]);
		if (len > n && strncasecmp(s, words[i], n) == 0)
			return n;
	}
	return 0;
}

/* 1 if the word starts with a capital, or with a letter of a script
 * that has no case (Arabic, Chinese...). */
static int
capital(const char *w, size_t n)
{
	int32_t	 i = 0;
	UChar32	 c;

	U8_NEXT((const uint8_t *)w, i, (int32_t)n, c);
	return c > 0 && (u_isupper(c) || u_istitle(c) || (u_isalpha(c) &&
	    !u_islower(c)));
}

/* 1 if the word may be part of a name: a capital, or a particle. */
static int
name_word(const char *w, size_t n)
{
	size_t	 i;

	if (n == 0)
		return 0;
	if (capital(w, n))
		return 1;
	for (i = 0; particles[i] != NULL; i++)
		if (strlen(particles[i]) == n &&
		    strncmp(w, particles[i], n) == 0)
			return 1;
	return 0;
}

/* Words of a job or a newsroom beside a name or for one ("Jane Doe,
 * Staff Writer", "Di Redazione Online"), lower case. */
static const char *const jobs[] = {
	"writer", "editor", "correspondent", "reporter", "contributor",
	"columnist", "staff", "redakteur", "korrespondent", "journalist",
	"correspondant", "r\xc3\xa9" "dact", "redact", "redattor", "periodist",
	"dziennikarz", "toimittaja", "photograph", "redaz", "redak",
	"reda\xc3\xa7", "redacc", "newsroom", "editorial", NULL
};

/* 1 if s[0..len) names a job. */
static int
is_job(const char *s, size_t len)
{
	char	 low[80];
	size_t	 i;

	if (len >= sizeof(low))
		return 0;
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[len] = '\0';
	for (i = 0; jobs[i] != NULL; i++)
		if (strstr(low, jobs[i]) != NULL)
			return 1;
	return 0;
}

/* 1 if s[0..len) is a name of two to eight Chinese, Japanese or
 * Korean characters, written without spaces ("王小明", "山田太郎"). */
static int
cjk_name(const char *s, size_t len)
{
	int32_t	 i = 0, n = 0;
	UChar32	 c;

	while (i < (int32_t)len) {
		U8_NEXT((const uint8_t *)s, i, (int32_t)len, c);
		if (!((c >= 0x4e00 && c <= 0x9fff) ||
		    (c >= 0x3400 && c <= 0x4dbf) ||
		    (c >= 0xac00 && c <= 0xd7af) ||
		    (c >= 0x3040 && c <= 0x30ff)) || ++n > 8)
			return 0;
	}
	return n >= 2;
}

/* 1 if s[0..len) is a name: two to NAME_MAX_WORDS name words (a first
 * name and a last: "By Design" and "Door Nederland" are titles) or a
 * newsroom's one ("Redaktion", "Staff"), the first a capital one, no
 * digits or sentence punctuation. */
static int
is_name(const char *s, size_t len)
{
	size_t	 i = 0, j, words = 0;

	if (len == 0 || !capital(s, len))
		return 0;
	while (i < len) {
		for (j = i; j < len && s[j] != ' '; j++)
			if (isdigit((unsigned char)s[j]) || s[j] == '!' ||
			    s[j] == '?' || s[j] == ':' || s[j] == ';' ||
			    s[j] == '(' || s[j] == '"')
				return 0;
		if (!name_word(s + i, j - i) || ++words > NAME_MAX_WORDS)
			return 0;
		for (i = j; i < len && s[i] == ' '; i++)
			;
	}
	return words >= 2 || (words == 1 && (is_job(s, len) ||
	    cjk_name(s, len)));
}

/* The names of "Jane Doe and John Roe" into cb; 1 if all are names (a
 * job after a comma, "Jane Doe, Staff Writer", is passed over). */
static int
names(const char *s, size_t len, void (*cb)(void *, const char *, size_t),
    void *arg, int call)
{
	size_t	 i, k, n;

	while (len > 0 && (s[len - 1] == '.' || s[len - 1] == ' '))
		len--;
	/* an agency in brackets after the names: "(dpa)", "(avec AFP)" */
	if (len > 0 && s[len - 1] == ')') {
		const char	*o = (const char *)memchr(s, '(', len);

		if (o != NULL && o > s && memchr(o + 1, '(',
		    (size_t)(s + len - o - 1)) == NULL &&
		    (size_t)(s + len - o) <= 30) {
			for (len = (size_t)(o - s); len > 0 &&
			    s[len - 1] == ' '; len--)
				;
			return len > 0 && names(s, len, cb, arg, call);
		}
	}
	for (i = 0; i < len; i++)
		for (k = 0; joins[k] != NULL; k++) {
			n = strlen(joins[k]);
			if (i + n <= len && strncmp(s + i, joins[k], n) == 0) {
				/* a job, or a word alone (a place, an
				 * agency: "Reuters", "Berlin", "EFE"),
				 * after a comma is passed over */
				if (joins[k][0] == ',' && (is_job(s + i + n,
				    len - i - n) || (memchr(s + i + n, ' ',
				    len - i - n) == NULL && capital(s + i + n,
				    len - i - n))))
					return names(s, i, cb, arg, call);
				if (!names(s, i, cb, arg, call) ||
				    !names(s + i + n, len - i - n, cb, arg,
				    call))
					return 0;
				return 1;
			}
		}
	if (!is_name(s, len))
		return 0;
	if (call)
		cb(arg, s, len);
	return 1;
}

/* Korean bylines name the reporter first: "김철수 기자", "김철수
 * 특파원" (correspondent), an address after it or not. */
static const char *const ko_jobs[] = {
	" \xea\xb8\xb0\xec\x9e\x90",			/* 기자 */
	" \xed\x8a\xb9\xed\x8c\x8c\xec\x9b\x90",	/* 특파원 */
	NULL
};

/* The commonest Korean family names: 김 이 박 최 정 강 조 윤 장 임 한
 * 오 서 신 권 황 안 송 류 전 홍 고 문 양 손 배 백 허 유 남. */
static const char *const ko_family =
    "\xea\xb9\x80\xec\x9d\xb4\xeb\xb0\x95\xec\xb5\x9c\xec\xa0\x95"
    "\xea\xb0\x95\xec\xa1\xb0\xec\x9c\xa4\xec\x9e\xa5\xec\x9e\x84"
    "\xed\x95\x9c\xec\x98\xa4\xec\x84\x9c\xec\x8b\xa0\xea\xb6\x8c"
    "\xed\x99\xa9\xec\x95\x88\xec\x86\xa1\xeb\xa5\x98\xec\xa0\x84"
    "\xed\x99\x8d\xea\xb3\xa0\xeb\xac\xb8\xec\x96\x91\xec\x86\x90"
    "\xeb\xb0\xb0\xeb\xb0\xb1\xed\x97\x88\xec\x9c\xa0\xeb\x82\xa8";

/* 1 if s[0..len) is a Korean personal name: two to four Hangul
 * syllables, the first a common family name ("여성 기자", a woman
 * reporter, is a title). */
static int
korean_name(const char *s, size_t len)
{
	size_t	 i;

	if (len < 6 || len > 12 || len % 3 != 0 || !cjk_name(s, len) ||
	    (unsigned char)s[0] < 0xea)
		return 0;
	for (i = 0; ko_family[i] != '\0'; i += 3)
		if (memcmp(s, ko_family + i, 3) == 0)
			return 1;
	return 0;
}

static int
korean_byline(const char *s, size_t len,
    void (*author)(void *, const char *, size_t), void *arg)
{
	const char	*sp;
	size_t		 k, n, rest;

	if ((sp = memchr(s, ' ', len)) == NULL || !korean_name(s,
	    (size_t)(sp - s)))
		return 0;
	for (k = 0; ko_jobs[k] != NULL; k++) {
		n = strlen(ko_jobs[k]);
		if ((size_t)(sp - s) + n > len ||
		    strncmp(sp, ko_jobs[k], n) != 0)
			continue;
		rest = len - (size_t)(sp - s) - n;
		/* nothing after, or " name@example.com", " =" */
		if (rest > 0 && !(sp[n] == ' ' && (memchr(sp + n, '@',
		    rest) != NULL || (rest == 2 && sp[n + 1] == '='))))
			continue;
		if (author != NULL)
			author(arg, s, (size_t)(sp - s));
		return 1;
	}
	return 0;
}

int
byline_parse(const char *s, size_t len,
    void (*author)(void *, const char *, size_t), void *arg)
{
	size_t	 n;

	if (len > BYLINE_MAX)
		return 0;
	if ((n = starts_with(s, len, by_words)) == 0)
		return korean_byline(s, len, author, arg);
	s += n;
	len -= n;
	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	if (!names(s, len, author, arg, 0))
		return 0;
	if (author != NULL)
		names(s, len, author, arg, 1);
	return 1;
}

/* Words in s[0..len). */
static size_t
count_words(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			n++;
	return n;
}

/* Authors named after a date in the same line ("... by Jane Doe", "...
 * by the Editorial Board", "... by admin"): anyone, in a few words. */
static int
loose_names(const char *s, size_t len,
    void (*author)(void *, const char *, size_t), void *arg)
{
	size_t	 i;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	if (len == 0 || count_words(s, len) > 6)
		return 0;
	for (i = 0; i < len; i++)
		if (isdigit((unsigned char)s[i]))
			return 0;
	if (author == NULL)
		return 1;
	if (names(s, len, author, arg, 0))
		names(s, len, author, arg, 1);
	else
		author(arg, s, len);	/* no names to split: as written */
	return 1;
}

/*
 * One part of a date line: a date (the first only), a date then " by
 * NAME", a byline, a rubric of a word or two, or a reading time.  What
 * it is, or -1 if it is none: 2 a date, 1 another, 0 an empty part.
 */
static int
date_part(const char *s, size_t len, char iso[32], int dated,
    void (*author)(void *, const char *, size_t), void *arg)
{
	size_t	 i;

	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0)
		return 0;
	if (!dated && datetext_parse(s, len, iso) == 0)
		return 2;
	/* the date, then " by NAME" */
	for (i = 1; !dated && i + 4 < len; i++) {
		size_t	 k, n;

		if (s[i] != ' ')
			continue;
		for (k = 0; date_by[k] != NULL; k++) {
			n = strlen(date_by[k]);
			if (i + n < len && strncasecmp(s + i, date_by[k],
			    n) == 0 && datetext_parse(s, i, iso) == 0 &&
			    loose_names(s + i + n, len - i - n, NULL, NULL)) {
				loose_names(s + i + n, len - i - n, author,
				    arg);
				return 2;
			}
		}
	}
	if (byline_parse(s, len, NULL, NULL)) {
		byline_parse(s, len, author, arg);
		return 1;
	}
	if (byline_relative(s, len) || count_words(s, len) <= 2)
		return 1;	/* "5 min read", "Opinie" */
	/* a time alone after the date: "7:51 PM EDT" */
	if (dated && isdigit((unsigned char)s[0]) && count_words(s, len) <= 3 &&
	    memchr(s, ':', len) != NULL)
		return 1;
	return -1;
}

/* The next separator of a date line's parts at or after i: its
 * offset (len if none), its length in *n (0 if none). */
static size_t
next_sep(const char *s, size_t i, size_t len, size_t *n)
{
	static const char *const seps[] = { " \xc2\xb7 ", " \xe2\x80\xa2 ",
	    " | ", " / ", NULL };
	size_t	 k;

	for (; i < len; i++)
		for (k = 0; seps[k] != NULL; k++) {
			*n = strlen(seps[k]);
			if (len - i >= *n && memcmp(s + i, seps[k], *n) == 0)
				return i;
		}
	*n = 0;
	return len;
}

int
byline_word(const char *s, size_t len)
{
	return starts_with(s, len, by_words) > 0;
}

int
byline_parts(const char *s, size_t len)
{
	size_t	 n;

	return next_sep(s, 0, len, &n) < len;
}

int
byline_sure(const char *s, size_t len)
{
	static const char *const marked[] = { "by: ", "autor: ",
	    "author: ", "auteur : ", "auteur: ", "tekij\xc3\xa4: ",
	    "forfatter: ", "f\xc3\xb6rfattare: ", "written by ", "posted by ",
	    NULL };
	size_t	 n, i, q, k;
	int	 lower = 0;

	if (!byline_line(s, len, NULL, NULL))
		return 0;
	if (starts_with(s, len, marked) > 0)
		return 1;
	n = starts_with(s, len, by_words);
	q = next_sep(s, 0, len, &k);
	/* "Di Redazione Online": a newsroom's byline */
	if (is_job(s + n, q - n))
		return 1;
	/* "By JANE DOE": names in capitals */
	for (i = n; i < q; i++)
		lower |= s[i] >= 'a' && s[i] <= 'z';
	return !lower;
}

int
byline_line(const char *s, size_t len,
    void (*author)(void *, const char *, size_t), void *arg)
{
	size_t	 p, q, n;

	if (len > BYLINE_MAX * 2)
		return 0;
	q = next_sep(s, 0, len, &n);
	if (!byline_parse(s, q, NULL, NULL))
		return 0;
	/* what follows: "Reuters", "5 min read" */
	for (p = q + n; n > 0; p = q + n) {
		q = next_sep(s, p, len, &n);
		if (count_words(s + p, q - p) > 2 &&
		    !byline_relative(s + p, q - p))
			return 0;
	}
	byline_parse(s, next_sep(s, 0, len, &n), author, arg);
	return 1;
}

/*
 * A date line with more on it: "Posted on June 24, 2021 by Jane Doe"
 * (a byline after the date), "June 24, 2021 · 5 min read" or "Opinie |
 * 24 juni 2021" (parts between separators).  The date's ISO form into
 * iso, the authors to author(); 0, or -1 if no part is a date or some
 * part is none of date_part()'s.
 */
int
byline_date(const char *s, size_t len, char iso[32],
    void (*author)(void *, const char *, size_t), void *arg)
{
	size_t	 p, q, n;
	int	 pass, dated, r;

	if (len > 160)
		return -1;
	/* pass 0 checks that each part is one of those and one a date;
	 * pass 1 hands the authors over */
	for (pass = 0; pass < 2; pass++) {
		dated = 0;
		for (p = 0; ; p = q + n) {
			q = next_sep(s, p, len, &n);
			r = date_part(s + p, q - p, iso, dated,
			    pass ? author : NULL, arg);
			if (r == -1)
				return -1;
			dated |= r == 2;
			if (n == 0)
				break;
		}
		if (!dated)
			return -1;
	}
	return 0;
}

/*
 * Relative dates, in the seeds' languages and more: a number, a unit
 * and a word saying "ago" ("3 hours ago", "vor 2 Tagen", "il y a 3
 * heures", "2 uur geleden", "hace 3 horas", "3 ore fa", "2 dni temu",
 * "3 timer siden", "för 2 dagar sedan", "3 tuntia sitten"); a reading
 * time ("5 min read"); or a day word and a time ("Yesterday at 7:51
 * PM", "gestern, 19:51").  Words lower case; a unit of four letters or
 * more matches as a prefix ("hours", "Stunden").
 */
static const char *const ago[] = {	/* the line's last word */
	"ago", "geleden", "fa", "temu", "siden", "sedan", "sitten", "read",
	"lesezeit", "lecture", "leestijd", "lectura", "lettura", "atr\xc3\xa1s",
	"\xd0\xbd\xd0\xb0\xd0\xb7\xd0\xb0\xd0\xb4",		/* назад */
	"\xd1\x82\xd0\xbe\xd0\xbc\xd1\x83",			/* тому */
	NULL
};
/* "ago" that also means "before" ("3 gün önce", but "Seçimden 3 gün
 * önce"; "3일 전", but "수능 100일 전"): only after a number that
 * opens the line */
static const char *const ago_bare[] = {
	"\xc3\xb6nce",					/* önce */
	"\xec\xa0\x84",					/* 전 (ko) */
	NULL
};
/* Units that say "ago" themselves, the line's last word: Hungarian
 * (órája, napja, perce...), and Chinese and Japanese, where number,
 * unit and 前 are one word ("3天前"). */
static const char *const unit_ago[] = {
	"\xc3\xb3r\xc3\xa1ja", "napja", "perce", "hete", "h\xc3\xb3napja",
	"\xc3\xa9ve", "m\xc3\xa1sodperce",
	"\xe7\xa7\x92\xe5\x89\x8d", "\xe5\x88\x86\xe5\x89\x8d",
	"\xe5\x88\x86\xe9\x92\x9f\xe5\x89\x8d",
	"\xe5\x88\x86\xe9\x90\x98\xe5\x89\x8d",
	"\xe5\xb0\x8f\xe6\x97\xb6\xe5\x89\x8d",
	"\xe5\xb0\x8f\xe6\x99\x82\xe5\x89\x8d",
	"\xe6\x99\x82\xe9\x96\x93\xe5\x89\x8d", "\xe5\xa4\xa9\xe5\x89\x8d",
	"\xe6\x97\xa5\xe5\x89\x8d", "\xe5\x91\xa8\xe5\x89\x8d",
	"\xe9\x80\xb1\xe9\x96\x93\xe5\x89\x8d",
	"\xe4\xb8\xaa\xe6\x9c\x88\xe5\x89\x8d",
	"\xe5\x80\x8b\xe6\x9c\x88\xe5\x89\x8d",
	"\xe3\x81\x8b\xe6\x9c\x88\xe5\x89\x8d",
	"\xe3\x83\xb6\xe6\x9c\x88\xe5\x89\x8d", "\xe5\xb9\xb4\xe5\x89\x8d",
	NULL
};
static const char *const ago_before[] = {	/* before the number */
	"vor", "il", "hace", "h\xc3\xa1", "acum", "p\xc5\x99" "ed", "pred",
	"\xcf\x80\xcf\x81\xce\xb9\xce\xbd",			/* πριν */
	NULL
};
static const char *const units[] = {
	"s", "sec", "secs", "m", "min", "mins", "h", "hr", "hrs", "d", "u",
	"day", "days", "wk", "wks", "mo", "mos", "yr", "yrs",
	"t", "an", "ans", "ora", "ore", "dni", "dag", "dagen", "dagar",
	"uur", "mes", "hour", "minut", "second", "week", "month", "year",
	"stund", "tage", "woche", "monat", "jahr", "heure", "jour",
	"semaine", "mois", "maand", "jaar", "hora", "d\xc3\xad" "a", "dias",
	"semana", "meses", "a\xc3\xb1o", "giorn", "settiman", "anni",
	"godzin", "dzie", "tygod", "miesi", "timer", "time", "dager", "uke",
	"m\xc3\xa5ned", "\xc3\xa5r", "timm", "vecka", "veckor", "tunti",
	"p\xc3\xa4iv\xc3\xa4", "viikko", "kuukau", "vuo", "minuter",
	"minutter", "minuutt", "dia", "ano", "anos", "minuto", "m\xc3\xaas",
	"zile", "zi", "lun", "ani", "hodin", "minut", "dny", "dnem",
	"t\xc3\xbd" "dn", "m\xc4\x9bs\xc3\xad" "c", "roky", "lety", "saat",
	"dakika", "saniye", "g\xc3\xbcn", "hafta", "ay", "y\xc4\xb1l",
	/* Cyrillic and Greek stems: час, минут, секунд, дн, день, недел,
	 * месяц, год, лет, годин, хвилин, тижн, місяц, рік, рок; ώρ,
	 * λεπτ, ημέρ, μέρ, εβδομ, μήν, χρόν */
	"\xd1\x87\xd0\xb0\xd1\x81", "\xd0\xbc\xd0\xb8\xd0\xbd\xd1\x83\xd1\x82",
	"\xd1\x81\xd0\xb5\xd0\xba\xd1\x83\xd0\xbd\xd0\xb4", "\xd0\xb4\xd0\xbd",
	"\xd0\xb4\xd0\xb5\xd0\xbd\xd1\x8c", "\xd0\xbd\xd0\xb5\xd0\xb4\xd0\xb5\xd0\xbb",
	"\xd0\xbc\xd0\xb5\xd1\x81\xd1\x8f\xd1\x86", "\xd0\xb3\xd0\xbe\xd0\xb4",
	"\xd0\xbb\xd0\xb5\xd1\x82", "\xd0\xb3\xd0\xbe\xd0\xb4\xd0\xb8\xd0\xbd",
	"\xd1\x85\xd0\xb2\xd0\xb8\xd0\xbb\xd0\xb8\xd0\xbd", "\xd1\x82\xd0\xb8\xd0\xb6\xd0\xbd",
	"\xd0\xbc\xd1\x96\xd1\x81\xd1\x8f\xd1\x86", "\xd1\x80\xd1\x96\xd0\xba",
	"\xd1\x80\xd0\xbe\xd0\xba",
	"\xcf\x8e\xcf\x81", "\xce\xbb\xce\xb5\xcf\x80\xcf\x84",
	"\xce\xb7\xce\xbc\xce\xad\xcf\x81", "\xce\xbc\xce\xad\xcf\x81",
	"\xce\xb5\xce\xb2\xce\xb4\xce\xbf\xce\xbc", "\xce\xbc\xce\xae\xce\xbd",
	"\xcf\x87\xcf\x81\xcf\x8c\xce\xbd",
	/* Korean: 초 분 시간 일 주 개월 달 년 */
	"\xec\xb4\x88", "\xeb\xb6\x84", "\xec\x8b\x9c\xea\xb0\x84",
	"\xec\x9d\xbc", "\xec\xa3\xbc", "\xea\xb0\x9c\xec\x9b\x94",
	"\xeb\x8b\xac", "\xeb\x85\x84",
	NULL
};
static const char *const days[] = {
	"yesterday", "today", "gestern", "heute", "hier", "aujourd'hui",
	"gisteren", "vandaag", "ayer", "hoy", "ieri", "oggi", "wczoraj",
	"dzisiaj", "g\xc3\xa5r", "dag", "ig\xc3\xa5r", "idag", "eilen",
	"t\xc3\xa4n\xc3\xa4\xc3\xa4n",
	"ontem", "hoje", "d\xc3\xbcn", "bug\xc3\xbcn", "v\xc4\x8d" "era", "dnes",
	"tegnap", "azi", "ast\xc4\x83zi",
	"\xd0\xb2\xd1\x87\xd0\xb5\xd1\x80\xd0\xb0",
	"\xd1\x81\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb4\xd0\xbd\xd1\x8f",
	"\xd0\xb2\xd1\x87\xd0\xbe\xd1\x80\xd0\xb0",
	"\xd1\x81\xd1\x8c\xd0\xbe\xd0\xb3\xd0\xbe\xd0\xb4\xd0\xbd\xd1\x96",
	"\xcf\x87\xce\xb8\xce\xb5\xcf\x82",
	"\xcf\x83\xce\xae\xce\xbc\xce\xb5\xcf\x81\xce\xb1",
	"\xe6\x98\xa8\xe5\xa4\xa9", "\xe4\xbb\x8a\xe5\xa4\xa9",
	"\xe6\x98\xa8\xe6\x97\xa5", "\xe4\xbb\x8a\xe6\x97\xa5",
	"\xec\x96\xb4\xec\xa0\x9c", "\xec\x98\xa4\xeb\x8a\x98",
	NULL
};

/* 1 if the word w (n bytes) is in the list: whole, or, for an entry
 * of four bytes or more that is not Chinese, Japanese or Korean, as a
 * prefix ("hours", "часов"). */
static int
in_words(const char *w, size_t n, const char *const *list)
{
	size_t	 i, k;

	for (i = 0; list[i] != NULL; i++) {
		k = strlen(list[i]);
		if (k == n ? strncmp(w, list[i], n) == 0 :
		    k >= 4 && k < n && (unsigned char)list[i][0] < 0xe0 &&
		    strncmp(w, list[i], k) == 0)
			return 1;
	}
	return 0;
}

/* 1 if the word w (n bytes) is in the list, whole. */
static int
in_exact(const char *w, size_t n, const char *const *list)
{
	size_t	 i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && strncmp(w, list[i], n) == 0)
			return 1;
	return 0;
}

int
byline_relative(const char *s, size_t len)
{
	char	 low[96];
	size_t	 i, j, words = 0;
	int	 number = 0, unit = 0, was_ago = 0, day = 0, time = 0;
	int	 first_number = 0;	/* the line opens with a number */

	if (len == 0 || len >= sizeof(low))
		return 0;
	for (i = 0; i < len; i++) {
		low[i] = (char)tolower((unsigned char)s[i]);
		/* "Vor 100 Jahren: Der Vertrag", "Il y a 100 ans, la
		 * guerre": a title that goes on, not a date */
		if ((s[i] == ':' && !(i > 0 && isdigit((unsigned char)
		    s[i - 1]) && i + 1 < len && isdigit((unsigned char)
		    s[i + 1]))) || (s[i] == ',' && i + 2 < len &&
		    isalpha((unsigned char)s[i + 2]) && s[i + 1] == ' '))
			return 0;
	}
	low[len] = '\0';
	for (i = 0; i < len; i = j) {
		if (!isalnum((unsigned char)low[i]) &&
		    (unsigned char)low[i] < 0x80) {
			j = i + 1;
			continue;
		}
		if (isdigit((unsigned char)low[i])) {
			for (j = i; j < len && isdigit((unsigned char)low[j]);
			    j++)
				;
			first_number |= words == 0;
			number = 1;
			if (j + 1 < len && (low[j] == ':' || low[j] == '.') &&
			    isdigit((unsigned char)low[j + 1]))
				time = 1;
			/* "3h", "2d": a unit glued to the number */
			if (j < len && isalpha((unsigned char)low[j])) {
				i = j;
				for (j = i; j < len && (isalnum((unsigned char)
				    low[j]) || (unsigned char)low[j] >= 0x80);
				    j++)
					;
				unit |= in_words(low + i, j - i, units);
			}
			words++;
			continue;
		}
		for (j = i; j < len && (isalnum((unsigned char)low[j]) ||
		    low[j] == '\'' || (unsigned char)low[j] >= 0x80); j++)
			;
		words++;
		unit |= in_words(low + i, j - i, units);
		/* "ago" and its kin end the line ("10 Years Ago Today" is a
		 * title); "vor", "il y a", "hace" come before the number */
		was_ago |= in_words(low + i, j - i, ago) && j + 1 >= len;
		was_ago |= in_exact(low + i, j - i, ago_bare) && j + 1 >= len &&
		    first_number;
		if (in_exact(low + i, j - i, unit_ago) && j + 1 >= len)
			unit = was_ago = 1;
		was_ago |= in_exact(low + i, j - i, ago_before) && !number;
		day |= in_words(low + i, j - i, days);
	}
	if (words > 7)
		return 0;
	/* a reading time alone: "8–10 minutes", "5 min" ("48 Hours"
	 * stays a title) */
	return (number && unit && was_ago) || (day && time) ||
	    (first_number && unit && words <= 3 && !time &&
	    (strstr(low, "min") != NULL || strstr(low,
	    "\xd0\xbc\xd0\xb8\xd0\xbd") != NULL));
}
