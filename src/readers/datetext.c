/*
 * Dates as people write them at the top of an exported article
 * ("24 juni 2021 7:51", "June 24, 2021 at 7:51 AM", "24.6.2021 klo
 * 7.51") into ISO 8601.  The line is folded to lower-case ASCII,
 * cut into tokens, stripped of words that carry no date (weekdays,
 * "de", "kl.", "um"...) and matched against a few orders.  Any word
 * we do not know makes the line not a date: a sentence is never taken.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "readers/datetext.h"

#define LINE_MAX_BYTES	160	/* a date line is short */
#define DATE_YEAR_MIN	1800	/* the years an article's date may have */
#define DATE_YEAR_MAX	2200
#define FOLD_MAX	(LINE_MAX_BYTES * 3 + 8)
#define TOKENS_MAX	48

enum tok_type {
	T_NUM,		/* digits: v, nd */
	T_PUNCT,	/* c */
	T_MONTH,	/* v: 1..12 */
	T_AMPM,		/* v: 0 am, 1 pm */
	T_H,		/* "h" between hours and minutes */
	T_TZ		/* a zone name; v 1 if UTC, 2 if off is known */
};

struct tok {
	enum tok_type	 type;
	int		 v;
	int		 nd;		/* digits of a number */
	char		 c;		/* punctuation */
	int		 sp;		/* white space before it */
	int		 weekday;	/* a month name that is a weekday too */
	int		 listopad;	/* November in Polish and Czech,
					   October in Croatian */
	int		 off;		/* T_TZ: minutes east of UTC */
};

struct month_name {
	const char	*name;
	int		 month;
};

/* Month names and abbreviations, folded to ASCII without accents. */
static const struct month_name months[] = {
	/* en */
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 },
	{ "december", 12 },
	{ "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "jun", 6 },
	{ "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "sept", 9 }, { "oct", 10 },
	{ "nov", 11 }, { "dec", 12 },
	/* nl */
	{ "januari", 1 }, { "februari", 2 }, { "maart", 3 }, { "mei", 5 },
	{ "juni", 6 }, { "juli", 7 }, { "augustus", 8 }, { "oktober", 10 },
	{ "mrt", 3 }, { "okt", 10 },
	/* de, da, no, is */
	{ "januar", 1 }, { "janner", 1 }, { "februar", 2 }, { "marz", 3 },
	{ "mrz", 3 }, { "mai", 5 }, { "dezember", 12 }, { "dez", 12 },
	{ "mars", 3 }, { "marts", 3 }, { "maj", 5 }, { "desember", 12 },
	{ "des", 12 }, { "agust", 8 },
	/* sv */
	{ "augusti", 8 },
	/* fr */
	{ "janvier", 1 }, { "janv", 1 }, { "fevrier", 2 }, { "fevr", 2 },
	{ "fev", 2 }, { "avril", 4 }, { "avr", 4 }, { "juin", 6 },
	{ "juillet", 7 }, { "juil", 7 }, { "aout", 8 }, { "septembre", 9 },
	{ "octobre", 10 }, { "novembre", 11 }, { "decembre", 12 },
	/* es */
	{ "enero", 1 }, { "ene", 1 }, { "febrero", 2 }, { "marzo", 3 },
	{ "abril", 4 }, { "abr", 4 }, { "mayo", 5 }, { "junio", 6 },
	{ "julio", 7 }, { "agosto", 8 }, { "ago", 8 }, { "septiembre", 9 },
	{ "setiembre", 9 }, { "octubre", 10 }, { "noviembre", 11 },
	{ "diciembre", 12 }, { "dic", 12 },
	/* it */
	{ "gennaio", 1 }, { "gen", 1 }, { "febbraio", 2 }, { "aprile", 4 },
	{ "maggio", 5 }, { "mag", 5 }, { "giugno", 6 }, { "giu", 6 },
	{ "luglio", 7 }, { "lug", 7 }, { "settembre", 9 }, { "set", 9 },
	{ "ottobre", 10 }, { "ott", 10 }, { "dicembre", 12 },
	/* pt */
	{ "janeiro", 1 }, { "fevereiro", 2 }, { "marco", 3 }, { "maio", 5 },
	{ "junho", 6 }, { "julho", 7 }, { "setembro", 9 }, { "outubro", 10 },
	{ "out", 10 }, { "novembro", 11 }, { "dezembro", 12 },
	/* pl: nominative and genitive */
	{ "styczen", 1 }, { "stycznia", 1 }, { "sty", 1 },
	{ "luty", 2 }, { "lutego", 2 }, { "lut", 2 },
	{ "marzec", 3 }, { "marca", 3 },
	{ "kwiecien", 4 }, { "kwietnia", 4 }, { "kwi", 4 },
	{ "maja", 5 },
	{ "czerwiec", 6 }, { "czerwca", 6 }, { "cze", 6 },
	{ "lipiec", 7 }, { "lipca", 7 }, { "lip", 7 },
	{ "sierpien", 8 }, { "sierpnia", 8 }, { "sie", 8 },
	{ "wrzesien", 9 }, { "wrzesnia", 9 }, { "wrz", 9 },
	{ "pazdziernik", 10 }, { "pazdziernika", 10 }, { "paz", 10 },
	{ "listopad", 11 }, { "listopada", 11 }, { "lis", 11 },
	{ "grudzien", 12 }, { "grudnia", 12 }, { "gru", 12 },
	/* sl: the genitive after a day ("24. junija 2021"), which CLDR
	 * does not give */
	{ "januarja", 1 }, { "februarja", 2 }, { "aprila", 4 },
	{ "junija", 6 }, { "julija", 7 }, { "avgusta", 8 },
	{ "septembra", 9 }, { "oktobra", 10 }, { "novembra", 11 },
	{ "decembra", 12 },
	{ NULL, 0 }
};

/* Finnish month stems: "kesä" + kuu, kuuta, kuun, k. */
static const char *const fi_stems[] = {
	"tammi", "helmi", "maalis", "huhti", "touko", "kesa", "heina", "elo",
	"syys", "loka", "marras", "joulu", NULL
};

/* Weekdays, their abbreviations and case forms; dropped. */
static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
	"sat", "sun",
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
	"zondag", "ma", "di", "wo", "do", "vr", "za", "zo",
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
	"sonnabend", "sonntag", "mo", "mi", "fr", "sa", "so",
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
	"dimanche", "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
	"lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
	"domingo", "mie", "jue", "vie", "sab", "dom",
	"lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "domenica",
	"gio",
	"segunda", "terca", "quarta", "quinta", "sexta", "feira", "seg",
	"ter", "qua", "qui", "sex",
	"poniedzialek", "wtorek", "sroda", "czwartek", "piatek", "sobota",
	"niedziela", "pon", "wt", "sr", "czw", "pt", "sob", "niedz", "nd",
	"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lordag",
	"sondag", "tisdag", "tysdag", "laurdag", "sundag", "man", "tir",
	"ons", "tor", "fre", "lor", "son", "tis",
	"maanantai", "tiistai", "keskiviikko", "torstai", "perjantai",
	"lauantai", "sunnuntai", "maanantaina", "tiistaina",
	"keskiviikkona", "torstaina", "perjantaina", "lauantaina",
	"sunnuntaina", "ti", "ke", "to", "pe", "la", "su",
	"manudagur", "thridjudagur", "midvikudagur", "fimmtudagur",
	"fostudagur", "laugardagur", "sunnudagur", "manudaginn",
	"thridjudaginn", "midvikudaginn", "fimmtudaginn", "fostudaginn",
	"laugardaginn", "sunnudaginn",
	NULL
};

/* Words around a date that say nothing about it; dropped. */
static const char *const fillers[] = {
	"de", "del", "di", "d", "da", "do", "dos", "the", "of", "on", "at",
	"om", "um", "am", "a", "as", "las", "la", "le", "el", "alle", "ore",
	"kl", "klo", "kello", "o", "godz", "godzina", "r", "rok", "roku",
	"den", "van", "uur", "uhr", "hrs", "hr", "horas", "hora", "t", "i",
	"w", "u", "en", "et", "op", "il", "em", "dnia", "pa", "thann", "ob",
	"last",
	"laatst", "zuletzt", "stand", "sist", "senest", "senast",
	"atualizado", "aktualizacja", "modified",
	"published", "posted", "updated", "gepubliceerd", "geplaatst",
	"bijgewerkt", "veroffentlicht", "aktualisiert", "publie", "mis",
	"jour", "publicado", "actualizado", "pubblicato", "aggiornato",
	"opublikowano", "zaktualizowano", "publisert", "oppdatert",
	"publiceret", "opdateret", "publicerad", "uppdaterad", "julkaistu",
	"paivitetty",
	NULL
};

/* Endings of ordinal numbers: 24th, 1er, 1º (folded to "o"). */
static const char *const ordinals[] = {
	"st", "nd", "rd", "th", "er", "e", "o", "a", NULL
};

/* Zone names and their offsets from UTC in minutes; NO_OFFSET for the
 * names that mean several (CST: Chicago or China; IST: India, Ireland
 * or Israel; ET: EST or EDT), which leave the time local. */
#define NO_OFFSET	10000
static const struct {
	const char	*name;
	int		 off;
} zones[] = {
	{ "cet", 60 }, { "cest", 120 }, { "mez", 60 }, { "mesz", 120 },
	{ "eet", 120 }, { "eest", 180 }, { "wet", 0 }, { "west", 60 },
	{ "est", -300 }, { "edt", -240 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 }, { "jst", 540 },
	{ "kst", 540 }, { "msk", 180 }, { "hkt", 480 }, { "sgt", 480 },
	{ "aest", 600 }, { "aedt", 660 }, { "acst", 570 }, { "acdt", 630 },
	{ "awst", 480 }, { "nzst", 720 }, { "nzdt", 780 }, { "wib", 420 },
	{ "wita", 480 }, { "wit", 540 }, { "pht", 480 }, { "ict", 420 },
	{ "pkt", 300 }, { "brt", -180 }, { "art", -180 }, { "trt", 180 },
	{ "eat", 180 }, { "cat", 120 }, { "wat", 60 }, { "sast", 120 },
	{ "cst", NO_OFFSET }, { "ist", NO_OFFSET }, { "ast", NO_OFFSET },
	{ "bst", 60 }, { "et", NO_OFFSET },
	{ "ct", NO_OFFSET }, { "mt", NO_OFFSET }, { "pt", NO_OFFSET },
	{ NULL, 0 }
};

/* The offset of a zone name, NO_OFFSET, or -1 if w names none. */
static int
zone_of(const char *w, int *off)
{
	size_t	 i;

	for (i = 0; zones[i].name != NULL; i++)
		if (strcmp(w, zones[i].name) == 0) {
			*off = zones[i].off;
			return 0;
		}
	return -1;
}

static int
in_list(const char *const *list, const char *w)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, w) == 0)
			return 1;
	return 0;
}

static int
month_of(const char *w)
{
	const struct month_name	*m;
	size_t			 i, n, k;
	static const char *const fi_ends[] = { "kuuta", "kuun", "kuu", "k",
	    NULL };

	for (m = months; m->name != NULL; m++)
		if (strcmp(m->name, w) == 0)
			return m->month;
	n = strlen(w);
	for (i = 0; fi_stems[i] != NULL; i++) {
		size_t	 sl = strlen(fi_stems[i]);

		if (n < sl || strncmp(w, fi_stems[i], sl) != 0)
			continue;
		for (k = 0; fi_ends[k] != NULL; k++)
			if (strcmp(w + sl, fi_ends[k]) == 0)
				return (int)i + 1;
	}
	return 0;
}

/* Latin-1 letters U+00C0..U+00FF without accents; '*' two letters. */
static const char latin1[] =
    "aaaaaa*ceeeeiiiidnooooo?ouuuuy**aaaaaa*ceeeeiiiidnooooo?ouuuuy*y";
/* Latin Extended-A U+0100..U+017F. */
static const char latin_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkk"
    "llllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuu"
    "wwyyyzzzzzzs";
_Static_assert(sizeof(latin1) == 65, "latin1: U+00C0..U+00FF");
_Static_assert(sizeof(latin_a) == 129, "latin_a: U+0100..U+017F");

/* Decode one UTF-8 sequence; its length in *n, or 0 if bad. */
static unsigned
utf8_get(const unsigned char *s, size_t len, size_t *n)
{
	unsigned	 c = s[0];

	if (c < 0x80) {
		*n = 1;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf && len >= 2 && (s[1] & 0xc0) == 0x80) {
		*n = 2;
		return ((c & 0x1f) << 6) | (s[1] & 0x3f);
	}
	if (c >= 0xe0 && c <= 0xef && len >= 3 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		*n = 3;
		return ((c & 0x0f) << 12) | ((s[1] & 0x3f) << 6) |
		    (s[2] & 0x3f);
	}
	if (c >= 0xf0 && c <= 0xf4 && len >= 4) {
		*n = 4;
		return 0xfffd;
	}
	*n = 0;
	return 0;
}

/*
 * Fold the line to lower-case ASCII: letters lose their accents,
 * spaces of every kind become ' ', dashes '-', bullets ','.  Anything
 * else outside ASCII becomes '~', which no rule accepts.
 */
static size_t
fold(char *out, const char *line, size_t len)
{
	const unsigned char	*s = (const unsigned char *)line;
	size_t			 i = 0, o = 0, n;
	unsigned		 cp;
	char			 c;

	while (i < len && o + 3 < FOLD_MAX) {
		cp = utf8_get(s + i, len - i, &n);
		if (n == 0)
			return 0;
		i += n;
		if (cp < 0x80) {
			c = (char)cp;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			else if (c == '\t' || c == '\r' || c == '\n')
				c = ' ';
			else if (c == '|' || c == '@' || c == '(' ||
			    c == ')' || c == ';')
				c = ',';
			out[o++] = c;
		} else if (cp >= 0xc0 && cp <= 0xff) {
			c = latin1[cp - 0xc0];
			if (c != '*')
				out[o++] = c == '?' ? '~' : c;
			else if (cp == 0xc6 || cp == 0xe6) {
				out[o++] = 'a';
				out[o++] = 'e';
			} else if (cp == 0xde || cp == 0xfe) {
				out[o++] = 't';
				out[o++] = 'h';
			} else {
				out[o++] = 's';
				out[o++] = 's';
			}
		} else if (cp >= 0x100 && cp <= 0x17f)
			out[o++] = latin_a[cp - 0x100];
		else if (cp == 0xba)
			out[o++] = 'o';
		else if (cp == 0xaa)
			out[o++] = 'a';
		else if (cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200b) ||
		    cp == 0x202f || cp == 0x205f || cp == 0x3000 ||
		    cp == 0xfeff)
			out[o++] = ' ';
		else if (cp == 0x061c || (cp >= 0x200c && cp <= 0x200f) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			;	/* direction marks, copied from RTL pages */
		else if (cp >= 0x2010 && cp <= 0x2015)
			out[o++] = '-';
		else if (cp == 0xb7 || cp == 0x2022 || cp == 0x2219)
			out[o++] = ',';
		else
			out[o++] = '~';
	}
	if (i < len)
		return 0;
	out[o] = '\0';
	return o;
}

static int
is_alpha(char c)
{
	return c >= 'a' && c <= 'z';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Cut the folded line into tokens, dropping what carries no date.
 * Returns the number of tokens, or -1 if a word is unknown.
 */
static int
tokenize(struct tok *t, const char *s)
{
	int		 n = 0, sp = 1, drop_dot = 0;
	size_t		 i = 0, j;
	char		 w[32];

	while (s[i] != '\0') {
		if (n >= TOKENS_MAX)
			return -1;
		if (s[i] == ' ') {
			sp = 1;
			i++;
			continue;
		}
		memset(&t[n], 0, sizeof(t[n]));
		t[n].sp = sp;
		sp = 0;
		if (is_digit(s[i])) {
			long	 v = 0;

			for (j = i; is_digit(s[j]); j++)
				if (v < 100000)
					v = v * 10 + (s[j] - '0');
			t[n].type = T_NUM;
			t[n].v = (int)v;
			t[n].nd = (int)(j - i);
			i = j;
			/* Ordinals: 24th, 1st, 1er, 1o (from 1º). */
			for (j = i; is_alpha(s[j]); j++)
				;
			if (j > i && j - i <= 2) {
				memcpy(w, s + i, j - i);
				w[j - i] = '\0';
				if (in_list(ordinals, w))
					i = j;
			}
			n++;
			drop_dot = 0;
			continue;
		}
		if (is_alpha(s[i])) {
			for (j = i; is_alpha(s[j]); j++)
				;
			if (j - i >= sizeof(w))
				return -1;
			memcpy(w, s + i, j - i);
			w[j - i] = '\0';
			/* a.m. and p.m. */
			if ((w[0] == 'a' || w[0] == 'p') && w[1] == '\0' &&
			    s[j] == '.' && s[j + 1] == 'm' &&
			    !is_alpha(s[j + 2])) {
				j += 2;
				if (s[j] == '.')
					j++;
				w[1] = 'm';
				w[2] = '\0';
			}
			i = j;
			drop_dot = 0;
			if ((t[n].v = month_of(w)) != 0) {
				t[n].type = T_MONTH;
				t[n].weekday = in_list(weekdays, w);
				/* Czech's is "listopadu" */
				t[n].listopad = strcmp(w, "listopada") == 0;
			} else if (strcmp(w, "am") == 0 ||
			    strcmp(w, "pm") == 0) {
				t[n].type = T_AMPM;
				t[n].v = w[0] == 'p';
			} else if (strcmp(w, "h") == 0)
				t[n].type = T_H;
			else if (strcmp(w, "z") == 0 || strcmp(w, "utc") == 0 ||
			    strcmp(w, "gmt") == 0) {
				t[n].type = T_TZ;
				t[n].v = 1;
			} else if (zone_of(w, &t[n].off) == 0) {
				t[n].type = T_TZ;
				t[n].v = t[n].off == NO_OFFSET ? 0 : 2;
			}
			else if (in_list(weekdays, w) || in_list(fillers, w)) {
				drop_dot = 1;
				continue;
			} else
				return -1;
			n++;
			continue;
		}
		if ((s[i] == '.' || s[i] == ':') && drop_dot) {
			drop_dot = 0;
			i++;
			continue;
		}
		drop_dot = 0;
		if (s[i] == ',') {
			i++;
			continue;
		}
		/* A dash standing alone separates; it is not a date's; nor
		 * is one inside a word ("quinta-feira") */
		if (s[i] == '-' && ((t[n].sp && (s[i + 1] == ' ' ||
		    s[i + 1] == '\0')) || (i > 0 && is_alpha(s[i - 1]) &&
		    is_alpha(s[i + 1])))) {
			i++;
			sp = 1;
			continue;
		}
		if (strchr(".:/-+", s[i]) == NULL)
			return -1;
		t[n].type = T_PUNCT;
		t[n].c = s[i++];
		n++;
	}
	return n;
}

/* Drop a tok at index k. */
static void
drop(struct tok *t, int *n, int k)
{
	memmove(t + k, t + k + 1, (size_t)(*n - k - 1) * sizeof(*t));
	(*n)--;
}

/*
 * "mar" is March and a French or Spanish Tuesday; "am" is a time of
 * day and German "on the".  Settle both once the line is cut.
 */
static void
settle(struct tok *t, int *n)
{
	int	 k, months_n = 0;

	for (k = 0; k < *n; k++)
		if (t[k].type == T_MONTH)
			months_n++;
	for (k = 0; k < *n && months_n > 1; k++)
		if (t[k].type == T_MONTH && t[k].weekday) {
			drop(t, n, k);
			if (k < *n && t[k].type == T_PUNCT && t[k].c == '.')
				drop(t, n, k);
			months_n--;
			k--;
		}
	for (k = 0; k < *n; k++)
		if (t[k].type == T_AMPM && (k == 0 ||
		    t[k - 1].type != T_NUM)) {
			drop(t, n, k);
			k--;
		}
}

struct when {
	int	 y, m, d;
	int	 h, mi, s;	/* h -1: no time */
	int	 tz;		/* 0 none, 1 UTC, 2 offset */
	int	 off_sign, off_h, off_m;
};

static int
is_punct(const struct tok *t, int n, int i, char c)
{
	return i < n && t[i].type == T_PUNCT && t[i].c == c;
}

static int
is_num(const struct tok *t, int n, int i, int min_nd, int max_nd)
{
	return i < n && t[i].type == T_NUM && t[i].nd >= min_nd &&
	    t[i].nd <= max_nd;
}

static int
days_in(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int
valid_date(const struct when *w)
{
	return w->y >= 1000 && w->y <= 2999 && w->m >= 1 && w->m <= 12 &&
	    w->d >= 1 && w->d <= days_in(w->y, w->m);
}

static int
skip_dot(const struct tok *t, int n, int i)
{
	return is_punct(t, n, i, '.') ? i + 1 : i;
}

/* A year may end in a dot ("2021.") if nothing is glued to it. */
static int
after_year(const struct tok *t, int n, int i)
{
	if (is_punct(t, n, i, '.') && (i + 1 == n || t[i + 1].sp))
		return i + 1;
	return i;
}

/* Parse a date at *i; 0 and *i past it, or -1. */
static int
parse_date(struct when *w, const struct tok *t, int n, int *i, int us)
{
	int	 k = *i, j;
	char	 sep;

	/* 2021-06-24, 2021/06/24, 2021.06.24 */
	if (is_num(t, n, k, 4, 4) && k + 4 < n && t[k + 1].type == T_PUNCT &&
	    strchr("-/.", t[k + 1].c) != NULL && is_num(t, n, k + 2, 1, 2) &&
	    is_punct(t, n, k + 3, t[k + 1].c) && is_num(t, n, k + 4, 1, 2)) {
		w->y = t[k].v;
		w->m = t[k + 2].v;
		w->d = t[k + 4].v;
		if (valid_date(w)) {
			*i = skip_dot(t, n, k + 5);
			if (t[k + 1].c == '-')
				*i = k + 5;
			return 0;
		}
	}
	/* 24-06-2021, 24.6.2021, 6/24/2021, 24/06/21 */
	if (is_num(t, n, k, 1, 2) && k + 4 < n && t[k + 1].type == T_PUNCT &&
	    strchr("-/.", t[k + 1].c) != NULL && is_num(t, n, k + 2, 1, 2) &&
	    is_punct(t, n, k + 3, t[k + 1].c) &&
	    (is_num(t, n, k + 4, 4, 4) || is_num(t, n, k + 4, 2, 2)) &&
	    !is_punct(t, n, k + 5, ':')) {
		int	 a = t[k].v, b = t[k + 2].v;

		sep = t[k + 1].c;
		w->y = t[k + 4].v;
		if (t[k + 4].nd == 2)
			w->y += w->y < 70 ? 2000 : 1900;
		if (b > 12 || (sep == '/' && us && a <= 12)) {
			w->m = a;
			w->d = b;
		} else {
			w->d = a;
			w->m = b;
		}
		if (valid_date(w)) {
			*i = after_year(t, n, k + 5);
			return 0;
		}
	}
	/* 24 juni 2021, 24. juni 2021, 24 de junio de 2021, 24-Jun-2021 */
	if (is_num(t, n, k, 1, 2)) {
		j = skip_dot(t, n, k + 1);
		if (j == k + 1 && (is_punct(t, n, j, '-') ||
		    is_punct(t, n, j, '/')))
			j++;
		if (j < n && t[j].type == T_MONTH) {
			w->d = t[k].v;
			w->m = t[j].v;
			/* "24. listopada 2021.": Croatian writes the day
			 * with a dot, Polish without ("24 listopada") */
			if (t[j].listopad && j == k + 2 &&
			    is_punct(t, n, k + 1, '.'))
				w->m = 10;
			j = skip_dot(t, n, j + 1);
			if (is_punct(t, n, j, '-') || is_punct(t, n, j, '/'))
				j++;
			if (is_num(t, n, j, 4, 4)) {
				w->y = t[j].v;
				if (valid_date(w)) {
					*i = after_year(t, n, j + 1);
					return 0;
				}
			}
		}
	}
	/* June 24, 2021 */
	if (k < n && t[k].type == T_MONTH) {
		w->m = t[k].v;
		j = skip_dot(t, n, k + 1);
		if (is_num(t, n, j, 1, 2)) {
			w->d = t[j].v;
			j = skip_dot(t, n, j + 1);
			if (is_num(t, n, j, 4, 4)) {
				w->y = t[j].v;
				if (valid_date(w)) {
					*i = after_year(t, n, j + 1);
					return 0;
				}
			}
		}
	}
	/* 2021 June 24, 2021. június 24. */
	if (is_num(t, n, k, 4, 4)) {
		j = skip_dot(t, n, k + 1);
		if (j < n && t[j].type == T_MONTH) {
			w->y = t[k].v;
			w->m = t[j].v;
			j = skip_dot(t, n, j + 1);
			if (is_num(t, n, j, 1, 2)) {
				w->d = t[j].v;
				if (valid_date(w)) {
					*i = after_year(t, n, j + 1);
					return 0;
				}
			}
		}
	}
	return -1;
}

/* A zone after a time: Z, UTC, +02:00, +0200.  Returns the index past. */
static int
parse_zone(struct when *w, const struct tok *t, int n, int k)
{
	/* "UTC+2", "GMT+8", "UTC+02:00": the offset after the name */
	if (k < n && t[k].type == T_TZ && t[k].v == 1 &&
	    (is_punct(t, n, k + 1, '+') || is_punct(t, n, k + 1, '-')) &&
	    is_num(t, n, k + 2, 1, 4)) {
		if (t[k + 2].nd <= 2 && !is_punct(t, n, k + 3, ':')) {
			w->off_sign = t[k + 1].c == '-' ? -1 : 1;
			w->off_h = t[k + 2].v;
			w->off_m = 0;
			if (w->off_h <= 14)
				w->tz = 2;
			return k + 3;
		}
		return parse_zone(w, t, n, k + 1);
	}
	if (k < n && t[k].type == T_TZ) {
		w->tz = t[k].v;
		if (t[k].v == 2) {
			w->off_sign = t[k].off < 0 ? -1 : 1;
			w->off_h = (t[k].off < 0 ? -t[k].off : t[k].off) / 60;
			w->off_m = (t[k].off < 0 ? -t[k].off : t[k].off) % 60;
		}
		return k + 1;
	}
	if ((is_punct(t, n, k, '+') || is_punct(t, n, k, '-')) &&
	    is_num(t, n, k + 1, 2, 4)) {
		w->off_sign = t[k].c == '-' ? -1 : 1;
		if (t[k + 1].nd == 4) {
			w->off_h = t[k + 1].v / 100;
			w->off_m = t[k + 1].v % 100;
			k += 2;
		} else if (t[k + 1].nd == 2 && is_punct(t, n, k + 2, ':') &&
		    is_num(t, n, k + 3, 2, 2)) {
			w->off_h = t[k + 1].v;
			w->off_m = t[k + 3].v;
			k += 4;
		} else if (t[k + 1].nd == 2) {
			w->off_h = t[k + 1].v;
			w->off_m = 0;
			k += 2;
		} else
			return k;
		if (w->off_h <= 14 && w->off_m <= 59)
			w->tz = 2;
	}
	return k;
}

/* Parse a time at *i: 7:51, 07.51, 07h51, 7:51:30, 7:51 AM, 7 AM. */
static int
parse_time(struct when *w, const struct tok *t, int n, int *i)
{
	int	 k = *i, h, mi = 0, s = -1;
	char	 sep;

	if (!is_num(t, n, k, 1, 2))
		return -1;
	h = t[k].v;
	k++;
	if (k < n && t[k].type == T_AMPM) {
		/* 7 AM */
	} else {
		if (k < n && t[k].type == T_PUNCT && (t[k].c == ':' ||
		    t[k].c == '.'))
			sep = t[k].c;
		else if (k < n && t[k].type == T_H)
			sep = 'h';
		else
			return -1;
		if (!is_num(t, n, k + 1, 2, 2))
			return -1;
		mi = t[k + 1].v;
		k += 2;
		if (sep != 'h' && is_punct(t, n, k, sep) &&
		    is_num(t, n, k + 1, 2, 2)) {
			s = t[k + 1].v;
			k += 2;
			/* fractions of a second */
			if (sep == ':' && is_punct(t, n, k, '.') &&
			    is_num(t, n, k + 1, 1, 9))
				k += 2;
		}
		if (k < n && t[k].type == T_H && sep != 'h')
			k++;
	}
	if (k < n && t[k].type == T_AMPM) {
		if (h < 1 || h > 12)
			return -1;
		if (t[k].v == 1 && h < 12)
			h += 12;
		else if (t[k].v == 0 && h == 12)
			h = 0;
		k++;
	}
	if (h > 23 || mi > 59 || s > 59)
		return -1;
	w->h = h;
	w->mi = mi;
	w->s = s;
	*i = parse_zone(w, t, n, k);
	return 0;
}

/* The line's date and time into w; -1 if it is not one. */
static int
parse_line(struct when *w, const char *line, size_t len)
{
	char		 folded[FOLD_MAX];
	struct tok	 t[TOKENS_MAX];
	int		 n, i = 0, k, us = 0;

	if (len > LINE_MAX_BYTES || fold(folded, line, len) == 0)
		return -1;
	if ((n = tokenize(t, folded)) <= 0)
		return -1;
	settle(t, &n);
	for (k = 0; k < n; k++)
		if (t[k].type == T_AMPM)
			us = 1;
	memset(w, 0, sizeof(*w));
	w->h = -1;
	if (parse_date(w, t, n, &i, us) == 0) {
		if (i < n && parse_time(w, t, n, &i) == -1)
			return -1;
	} else if (parse_time(w, t, n, &i) == 0) {
		if (parse_date(w, t, n, &i, us) == -1)
			return -1;
	} else
		return -1;
	return i == n ? 0 : -1;
}

/*
 * The line's date into w: as it is, else rewritten from the names of
 * other languages (datelocal.c), in the Gregorian calendar.  *converted
 * says whether it was of another one.  -1 if it is no date, -2 if it is
 * one of a calendar we cannot tell.
 */
static int
parse_any(struct when *w, const char *line, size_t len, int hint,
    int *converted)
{
	char		 local[FOLD_MAX];
	size_t		 n;
	int		 calendar = DATE_GREGORIAN;

	*converted = 0;
	if (parse_line(w, line, len) == -1 &&
	    (len > LINE_MAX_BYTES || (n = datelocal_rewrite(line, len,
	    local, sizeof(local), &calendar)) == 0 ||
	    parse_line(w, local, n) == -1))
		return -1;
	/* Digits alone hint at a calendar only where the year is not a
	 * Gregorian one: "۱۴۰۳/۰۱/۱۵" Solar Hijri, "١٤٤٥/٠٩/١٥" Hijri */
	if ((calendar == DATE_PERSIAN_DIGITS ||
	    calendar == DATE_ARABIC_DIGITS) && w->y >= DATE_YEAR_MIN)
		calendar = DATE_GREGORIAN;
	/* ... and so does the article's language (hint) */
	if ((calendar == DATE_GREGORIAN || calendar == DATE_PERSIAN_DIGITS ||
	    calendar == DATE_ARABIC_DIGITS) && w->y >= 1200 && w->y < 1600 &&
	    (hint == DATE_PERSIAN || hint == DATE_ISLAMIC))
		calendar = hint;
	if (calendar == DATE_PERSIAN_DIGITS)
		calendar = DATE_PERSIAN;
	if (calendar == DATE_ARABIC_DIGITS)
		calendar = DATE_ISLAMIC;
	/* A year of the Buddhist era, Thai month or not: 2343-2743 is
	 * 1800-2200, and no article of ours is dated later */
	if ((calendar == DATE_BUDDHIST || calendar == DATE_GREGORIAN) &&
	    w->y >= DATE_YEAR_MIN + 543 && w->y <= DATE_YEAR_MAX + 543) {
		w->y -= 543;
		*converted = 1;
	}
	if (calendar == DATE_PERSIAN || calendar == DATE_ISLAMIC) {
		if (datelocal_convert(calendar, &w->y, &w->m, &w->d) == -1)
			return -1;
		*converted = 1;
	}
	/* An article's date: a year like 1400 written without the names
	 * of its calendar is ambiguous (Solar or lunar Hijri), and taking
	 * it as Gregorian would be wrong. */
	if (w->y < DATE_YEAR_MIN || w->y > DATE_YEAR_MAX)
		return -2;
	return 0;
}

/* The first sep in s[0..len), or NULL. */
static const char *
find(const char *s, size_t len, const char *sep, size_t sl)
{
	size_t	 i;

	for (i = 0; i + sl <= len; i++)
		if (memcmp(s + i, sep, sl) == 0)
			return s + i;
	return NULL;
}

/*
 * Two dates for one day, "الأحد 15 رمضان 1445 هـ - 24 مارس 2024 م" or
 * "2024-03-24 / 1403-01-05": every part between " - ", " – ", " — ",
 * " | " or " / " a date; the first in the Gregorian calendar wins,
 * else the first we can convert.
 */
static int
parse_parts(struct when *w, const char *line, size_t len, int hint)
{
	static const char *const seps[] = { " - ", " \xe2\x80\x93 ",
	    " \xe2\x80\x94 ", " | ", " / ", NULL };
	struct when	 part;
	const char	*p, *end = line + len, *q, *next;
	size_t		 k, sl = 0;
	int		 found = 0, conv, best_conv = 1, parts = 0, rc, last;

	for (k = 0; seps[k] != NULL; k++)
		if (find(line, len, seps[k], strlen(seps[k])) != NULL)
			break;
	if (seps[k] == NULL)
		return -1;
	sl = strlen(seps[k]);
	for (p = line, last = 0; !last; p = next) {
		q = find(p, (size_t)(end - p), seps[k], sl);
		last = q == NULL;
		if (q == NULL)
			q = end;
		next = q + (last ? 0 : sl);
		if ((rc = parse_any(&part, p, (size_t)(q - p), hint,
		    &conv)) == -1)
			return -1;
		parts++;
		if (rc == -2)
			continue;	/* "1403-01-05": a date, not ours */
		if (!found || (best_conv && !conv)) {
			*w = part;
			best_conv = conv;
			found = 1;
		}
	}
	return parts >= 2 && found ? 0 : -1;
}

/*
 * A label before a colon ("Опубликовано:", "发布时间：", "نشر في:"): one
 * to four words and no digit before the first colon (ASCII or
 * fullwidth).  The offset of what follows it, or 0; *known is set when
 * the label is one of the words sites print there.
 */
static const char *const labels[] = {
	"опубликовано", "обновлено", "дата публикации", "опубліковано",
	"оновлено", "публикувано", "yayınlanma", "yayın tarihi",
	"güncelleme", "güncellenme", "publikováno", "aktualizováno",
	"publikované", "aktualizované", "közzétéve", "frissítve",
	"δημοσίευση", "ενημέρωση", "publicat", "actualizat", "פורסם",
	"עודכן", "نشر في", "نشر", "آخر تحديث", "تاريخ النشر",
	"تاریخ انتشار", "cập nhật", "đăng ngày", "ngày đăng",
	"diterbitkan", "diperbarui", "dipublikasikan", "发布时间", "發布時間",
	"发表时间", "發表時間", "更新时间", "更新時間", "发布日期", "公開日",
	"更新日", "投稿日", "配信日", "입력", "수정", "등록", "objavljeno",
	"ažurirano", "objavljeno dne", "paskelbta", "atnaujinta",
	"publicēts", "atjaunināts", "avaldatud", "uuendatud",
	"δημοσιεύτηκε", "ενημερώθηκε", "أخر تحديث", "अपडेटेड", "प्रकाशित",
	"udgivet", "güncellendi", "yayınlandı", "diposting pada",
	"dipublikasikan pada", "diterbitkan pada", "diperbarui pada",
	"기사입력", "최종수정", "vydáno", "objavljeno", NULL
};

/* 1 if the n bytes of s are the label, its case aside (ICU's simple
 * case folding, letter by letter). */
static int
label_same(const char *s, const char *label, size_t n)
{
	int32_t	 i = 0, j = 0;
	UChar32	 a, b;

	while (i < (int32_t)n && j < (int32_t)n) {
		U8_NEXT((const uint8_t *)s, i, (int32_t)n, a);
		U8_NEXT((const uint8_t *)label, j, (int32_t)n, b);
		if (a < 0 || u_foldCase(a, U_FOLD_CASE_DEFAULT) !=
		    u_foldCase(b, U_FOLD_CASE_DEFAULT))
			return 0;
	}
	return i == (int32_t)n && j == (int32_t)n;
}

static int
after_label(const char *line, size_t len, int *known)
{
	size_t	 i, k, n, words = 1, cut = 0, end = 0;

	*known = 0;
	if (len > LINE_MAX_BYTES)
		return 0;
	/* a label sites print there, without a colon: "Обновлено 3
	 * марта 2023", "Diposting pada 3 Maret 2023" */
	for (k = 0; labels[k] != NULL; k++) {
		n = strlen(labels[k]);
		if (n + 1 < len && line[n] == ' ' &&
		    label_same(line, labels[k], n)) {
			*known = 1;
			return (int)n + 1;
		}
	}
	for (i = 0; i < len && i < 80 && cut == 0; i++) {
		if (line[i] >= '0' && line[i] <= '9')
			return 0;
		if (line[i] == ' ' && i > 0 && line[i - 1] != ' ' &&
		    ++words > 4)
			return 0;
		if (line[i] == ':' && i > 0)
			end = i, cut = i + 1;
		else if (i + 3 <= len && i > 0 &&
		    memcmp(line + i, "\xef\xbc\x9a", 3) == 0)
			end = i, cut = i + 3;
	}
	if (cut == 0)
		return 0;
	while (end > 0 && line[end - 1] == ' ')
		end--;
	for (k = 0; labels[k] != NULL; k++) {
		n = strlen(labels[k]);
		if (n == end && label_same(line, labels[k], n))
			*known = 1;
	}
	return (int)cut;
}

int
datetext_parse(const char *line, size_t len, char iso[32])
{
	return datetext_parse_in(line, len, DATE_GREGORIAN, iso);
}

/* What starts a note of an update after the date, past a comma
 * ("Publié le 24 juin 2021 à 07h51, mis à jour à 10h02"). */
static const char *const update_notes[] = {
	", mis à jour", ", updated", ", update", ", last updated",
	", aktualisiert", ", actualizado", ", atualizado", ", aggiornato",
	", bijgewerkt", ", oppdatert", ", opdateret", ", uppdaterad",
	", päivitetty", ", zaktualizowano", ", обновлено", ", оновлено",
	NULL
};

/*
 * A Japanese era's year as the Gregorian one: "令和3年" (Reiwa 3) is
 * "2021年", "平成元年" 1989.  The rewritten line into out; its length,
 * or 0 if the line names no era.
 */
static size_t
era_rewrite(const char *line, size_t len, char *out, size_t cap)
{
	static const struct { const char *name; int base; } eras[] = {
		{ "令和", 2018 }, { "平成", 1988 }, { "昭和", 1925 }
	};
	const char	*p;
	size_t		 e, n, o, k;
	int		 y;

	for (e = 0; e < sizeof(eras) / sizeof(eras[0]); e++) {
		n = strlen(eras[e].name);
		for (p = line; p + n <= line + len; p++)
			if (memcmp(p, eras[e].name, n) == 0)
				break;
		if (p + n > line + len)
			continue;
		k = (size_t)(p - line) + n;
		if (k + 3 <= len && memcmp(line + k, "元", 3) == 0) {
			y = 1;
			k += 3;
		} else {
			for (y = 0; k < len && line[k] >= '0' &&
			    line[k] <= '9' && y < 100; k++)
				y = y * 10 + (line[k] - '0');
		}
		if (y < 1 || y > 99 || k + 3 > len ||
		    memcmp(line + k, "年", 3) != 0 || len + 8 >= cap)
			return 0;
		o = (size_t)(p - line);
		memcpy(out, line, o);
		o += (size_t)snprintf(out + o, cap - o, "%d", eras[e].base + y);
		memcpy(out + o, line + k, len - k);
		o += len - k;
		out[o] = '\0';
		return o;
	}
	return 0;
}

int
datetext_parse_in(const char *line, size_t len, int hint, char iso[32])
{
	struct when	 w;
	int		 k = 0, sign, conv, known;
	size_t		 i, n;
	char		 era[LINE_MAX_BYTES + 16];

	if (len < LINE_MAX_BYTES && (n = era_rewrite(line, len, era,
	    sizeof(era))) > 0)
		return datetext_parse_in(era, n, hint, iso);

	/* the date, then a note of its update: the date */
	for (i = 1; i < len; i++) {
		if (line[i] != ',')
			continue;
		for (k = 0; update_notes[k] != NULL; k++) {
			n = strlen(update_notes[k]);
			if (i + n <= len && label_same(line + i,
			    update_notes[k], n))
				return datetext_parse_in(line, i, hint, iso);
		}
	}
	k = 0;

	if (parse_any(&w, line, len, hint, &conv) != 0 &&
	    (len > LINE_MAX_BYTES || parse_parts(&w, line, len, hint) == -1) &&
	    (k = after_label(line, len, &known)) == 0)
		return -1;
	/* "Опубликовано: 24 июня 2021": the date after a label sites
	 * print there; after another ("Remembering: 11 September 2001",
	 * a title), only a date with its time */
	if (k > 0 && (datetext_parse_in(line + k, len - (size_t)k, hint,
	    iso) == -1 || (!known && strchr(iso, 'T') == NULL)))
		return -1;
	if (k > 0)
		return 0;
	k = snprintf(iso, 32, "%04d-%02d-%02d", w.y, w.m, w.d);
	if (w.h >= 0) {
		k += snprintf(iso + k, 32 - (size_t)k, "T%02d:%02d", w.h, w.mi);
		if (w.s >= 0)
			k += snprintf(iso + k, 32 - (size_t)k, ":%02d", w.s);
		if (w.tz == 1)
			snprintf(iso + k, 32 - (size_t)k, "Z");
		else if (w.tz == 2) {
			sign = w.off_sign < 0 ? '-' : '+';
			snprintf(iso + k, 32 - (size_t)k, "%c%02d:%02d", sign,
			    w.off_h, w.off_m);
		}
	}
	return 0;
}

int
datetext_month(const char *word, size_t len)
{
	char	 folded[FOLD_MAX], line[64], iso[32];
	size_t	 n, i;
	int	 m, calendar;

	if (len == 0 || len > 40)
		return 0;
	if ((n = fold(folded, word, len)) > 0) {
		for (i = 0; i < n && is_alpha(folded[i]); i++)
			;
		if (i == n && (m = month_of(folded)) != 0)
			return m;
	}
	/* the other languages' names */
	if ((n = datelocal_rewrite(word, len, folded, sizeof(folded),
	    &calendar)) != 0) {
		for (i = 0; i < n && is_alpha(folded[i]); i++)
			;
		if (i == n && (m = month_of(folded)) != 0)
			return m;
	}
	/* names CLDR knows only in a date ("června", Czech June's
	 * genitive): in one */
	for (i = 0; i < len; i++)
		if (word[i] == ' ' || (word[i] >= '0' && word[i] <= '9'))
			return 0;
	snprintf(line, sizeof(line), "2. %.*s 2000", (int)len, word);
	if (datetext_parse(line, strlen(line), iso) == 0 && iso[8] == '0' &&
	    iso[9] == '2')
		return (iso[5] - '0') * 10 + (iso[6] - '0');
	return 0;
}
