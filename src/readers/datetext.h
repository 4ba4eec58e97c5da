/* Dates as people write them, in many languages, into ISO 8601. */
#ifndef DATETEXT_H
#define DATETEXT_H

#include <stddef.h>

/*
 * If the line (trimmed) is a date with an optional time, in any of the
 * languages and forms we know (month names and orders of Dutch,
 * English, German, French, Spanish, Italian, Portuguese, Polish,
 * Danish, Norwegian, Swedish, Finnish, Icelandic; numeric forms such
 * as 24-06-2021, 2021-06-24, 6/24/2021 7:51 AM), write ISO 8601 into
 * iso ("2021-06-24T07:51" or "2021-06-24") and return 0; else -1.
 * A pure function: no state, no allocation.
 */
int	datetext_parse(const char *line, size_t len, char iso[32]);

/* 1..12 if the word (letters only) names a month in a language we
 * know ("juni", "czerwca", "kesäkuuta", "Jun"), else 0. */
int	datetext_month(const char *word, size_t len);

/*
 * The same, where the article's language names the calendar of a year
 * written without month names (hint DATE_PERSIAN for Persian and
 * Pashto, DATE_ISLAMIC for Arabic): "1400/04/03" in a Persian article.
 */
int	datetext_parse_in(const char *line, size_t len, int hint,
	    char iso[32]);

/* The calendar a date was written in. */
enum { DATE_GREGORIAN, DATE_BUDDHIST, DATE_PERSIAN, DATE_ISLAMIC,
	DATE_PERSIAN_DIGITS,	/* no month names, Persian digits */
	DATE_ARABIC_DIGITS	/* no month names, Arabic-Indic digits */
};

/*
 * datelocal.c: the line with the month and weekday names, AM and PM of
 * other languages (CLDR, through ICU) in English, digits of every
 * script in ASCII and CJK date markers as separators, into out; its
 * length, or 0 if nothing changed.  *calendar says which calendar its
 * month names are of: a Thai month's year may be of the Buddhist era,
 * a Persian month's is of the Solar Hijri calendar, an Islamic month's
 * (or a year marked "هـ", "AH") of the lunar Hijri one; without month
 * names, the digits hint at one.
 */
size_t	datelocal_rewrite(const char *line, size_t len, char *out,
	    size_t cap, int *calendar);
/* A date of that calendar (DATE_PERSIAN, DATE_ISLAMIC) into the
 * Gregorian one; -1 if none. */
int	datelocal_convert(int calendar, int *y, int *m, int *d);

#endif
