/*
 * Dates in the world's languages, for datetext.c: a line such as
 * "3 марта 2022 14:05", "24 Haziran 2021 07:51" or "2021年6月24日 7:51"
 * is rewritten into the words datetext.c knows ("3 march 2022 14:05",
 * "2021-6-24 7:51"), with month and weekday names, AM and PM taken
 * from CLDR through ICU for the languages below, digits of every
 * script made ASCII, and the year markers of Chinese, Japanese and
 * Korean made separators.  The table is built once, on first need.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "readers/datetext.h"

#define KEY_MAX		64	/* bytes of a folded name */
#define SLOTS		16384	/* a power of two, > 2 x the names */
#define V_WEEKDAY	13
#define V_AM		14
#define V_PM		15
#define V_PERSIAN	20	/* + 1..12: a month of the Solar Hijri
				   calendar (Iran, Afghanistan) */
#define V_ISLAMIC	40	/* + 1..12: a month of the Islamic (lunar
				   Hijri) calendar */
#define V_HIJRI		17	/* "هـ", "AH": a year of the Hijra */
#define V_WEAK		16	/* a word of a weekday's name: dropped,
				   unless a month or weekday has it */
#define V_AMBIGUOUS	-1
#define V_MONTH_NUMBER	-2	/* "month" before the month's number */

/* Languages whose names ICU gives; the calendar is forced Gregorian. */
static const char *const locales[] = {
	"ru", "uk", "be", "bg", "sr", "sr_Latn", "mk", "el", "ar", "ar_SY",
	"ar_DZ", "ar_EG", "fa",
	"ur", "he", "yi", "hi", "mr", "ne", "bn", "pa", "gu", "ta", "te",
	"kn", "ml", "si", "th", "lo", "km", "my", "ka", "hy", "am", "ja",
	"zh", "zh_Hant", "ko", "kk", "ky", "mn", "tg", "uz", "az", "tr",
	"hu", "cs", "sk", "sl", "hr", "bs", "ro", "lt", "lv", "et", "sq",
	"ga", "cy", "eu", "gl", "ca", "is", "fo", "mt", "sw", "af", "id",
	"ms", "fil", "vi", "en", "nl", "de", "da", "nb", "nn", "sv", "fr",
	"es", "it", "pt", "pl", "fi", NULL
};

/* Words around dates that carry nothing (year, "at"), folded. */
static const char *const fillers[] = {
	"\xd0\xb3", "\xd0\xb3\xd0\xbe\xd0\xb4", "\xd0\xb3\xd0\xbe\xd0\xb4\xd0\xb0",	/* г год года */
	"\xd1\x80", "\xd1\x80\xd0\xbe\xd0\xba\xd1\x83",			/* р року */
	"\xd0\xb2", "\xd1\x83",						/* в у */
	"\xd0\xbe", "\xd0\xbe\xd0\xb1",					/* о об (uk: at) */
	"\xcf\x83\xcf\x84\xce\xb9\xcf\x83",				/* στις (el: at; folded) */
	"gada", "m", "yil", "yili", "ev", "saat", "godine", "god",
	"\xce\xb5\xcf\x84\xce\xbf\xcf\x85\xcf\x83",				/* έτους (folded: ετουσ) */
	"\xcf\x89\xcf\x81\xce\xb1",						/* ώρα */
	"\xd1\x87",							/* ч (час) */
	"\xd7\x99\xd7\x95\xd7\x9d", "\xd7\x91\xd7\xa9\xd7\xa2\xd7\x94",	/* יום בשעה */
	"ora", "ngay", "nam", "luc", "pukul", "jam", "tanggal", "kello",
	/* Thai (its vowel signs and tone marks kept): พ.ศ. (Buddhist
	 * era) เวลา น. ที่ */
	"\xe0\xb8\x9e.\xe0\xb8\xa8", "\xe0\xb9\x80\xe0\xb8\xa7\xe0\xb8\xa5\xe0\xb8\xb2",
	"\xe0\xb8\x99", "\xe0\xb8\x97\xe0\xb8\xb5\xe0\xb9\x88",
	/* Persian: ساعت (hour); Arabic: الساعة (the hour), المبارك and
	 * Urdu المبارک (the blessed, after Ramadan) */
	"\xd8\xb3\xd8\xa7\xd8\xb9\xd8\xaa",
	"\xd8\xa7\xd9\x84\xd8\xb3\xd8\xa7\xd8\xb9\xd8\xa9",
	"\xd8\xa7\xd9\x84\xd9\x85\xd8\xa8\xd8\xa7\xd8\xb1\xda\xa9",
	"\xd8\xa7\xd9\x84\xd9\x85\xd8\xa8\xd8\xa7\xd8\xb1\xd9\x83",
	/* zone names pass on to datetext.c, which knows their offsets */
	NULL
};

/* Marks of a year of the Hijra, folded: هـ ه AH */
static const char *const hijri_marks[] = {
	"\xd9\x87\xd9\x80", "\xd9\x87", "ah", "h", "hicri",
	"\xda\xbe",					/* ھ (Urdu) */
	"\xdb\x81\xd8\xac\xd8\xb1\xdb\x8c",		/* ہجری */
	"\xd9\x87\xd8\xac\xd8\xb1\xd9\x8a",		/* هجري */
	"\xd9\x87\xd8\xac\xd8\xb1\xd9\x8a\xd8\xa9",	/* هجرية */
	NULL
};

/* Words of Islamic months in Latin letters, lower case, as prefixes:
 * with a year of 1300-1599, a line with one may be a Hijri date. */
static const char *const islamic_ascii[] = {
	"muhar", "safar", "safer", "rabi", "rebi", "jumad", "jamad", "cemaz",
	"rajab", "rejab", "recep", "shaban", "shaaban", "syaban", "syakban",
	"ramad", "ramaz", "ramz", "shaww", "syaw", "sevval", "dhu", "dzul",
	"zulk", "zulh", "zilk", "zilh", "hijri", "hicri", NULL
};

/* Locales whose names of the Islamic calendar's months ICU gives. */
static const char *const islamic_locales[] = {
	"ar", "ur", "fa", "en", "id", "ms", "tr", NULL
};

/* Other spellings of the Islamic months in use: month, name. */
static const struct {
	int		 m;
	const char	*name;
} islamic_more[] = {
	{ 4, "\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xb9 \xd8\xa7\xd9\x84\xd8\xab\xd8\xa7\xd9\x86\xd9\x8a" },	/* ربيع الثاني */
	{ 6, "\xd8\xac\xd9\x85\xd8\xa7\xd8\xaf\xd9\x89 \xd8\xa7\xd9\x84\xd8\xab\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa9" },	/* جمادى الثانية */
	{ 11, "\xd8\xb0\xd9\x8a \xd8\xa7\xd9\x84\xd9\x82\xd8\xb9\xd8\xaf\xd8\xa9" },	/* ذي القعدة */
	{ 12, "\xd8\xb0\xd9\x8a \xd8\xa7\xd9\x84\xd8\xad\xd8\xac\xd8\xa9" },	/* ذي الحجة */
	{ 9, "ramadhan" }, { 9, "ramzan" }, { 1, "muharram" },
	{ 10, "shawwal" }, { 8, "shaban" }, { 8, "shaaban" },
	{ 12, "dhul hijjah" }, { 12, "dhu al-hijjah" }, { 12, "dhul-hijjah" },
	{ 12, "dzulhijjah" }, { 11, "dhul qadah" }, { 11, "dhu al-qadah" },
	{ 11, "dhul qidah" }, { 11, "dhu al-qidah" }, { 11, "dzulqadah" },
	{ 3, "rabi al-awwal" }, { 3, "rabi ul awal" }, { 3, "rabiul awal" },
	{ 4, "rabi al-thani" }, { 4, "rabi al-akhir" }, { 5, "jumada al-awwal" },
	{ 5, "jumada al-ula" }, { 6, "jumada al-thani" },
	{ 6, "jumada al-akhirah" }, { 7, "rajab" },
};

static const char *const month_en[] = { "", "january", "february",
	"march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december" };

struct slot {
	char	*key;
	int	 v;
};

static struct slot	 table[SLOTS];
static pthread_once_t	 once = PTHREAD_ONCE_INIT;

static uint32_t
hash(const char *s, size_t n)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/*
 * The key of a name: case folded, accents and other combining marks
 * off, a final dot off; UTF-8 into key.  0 if it does not fit.
 */
static size_t
fold_key(const UChar *u, int32_t ulen, char *key, size_t cap)
{
	UErrorCode		 st = U_ZERO_ERROR;
	const UNormalizer2	*nfd = unorm2_getNFDInstance(&st);
	UChar			 a[KEY_MAX * 2], b[KEY_MAX * 2];
	int32_t			 n, i, o = 0, klen;
	UChar32			 c;

	if (U_FAILURE(st) || ulen <= 0 || ulen >= KEY_MAX)
		return 0;
	n = u_strFoldCase(a, KEY_MAX * 2, u, ulen, U_FOLD_CASE_DEFAULT, &st);
	n = unorm2_normalize(nfd, a, n, b, KEY_MAX * 2, &st);
	if (U_FAILURE(st))
		return 0;
	for (i = 0; i < n; ) {
		U16_NEXT(b, i, n, c);
		/* accents go; the vowel signs of Indic, Thai, Lao,
		 * Myanmar and Khmer stay: "มี.ค." (March) is not "ม.ค."
		 * (January) */
		if ((u_charType(c) == U_NON_SPACING_MARK && !((c >= 0x0900 &&
		    c <= 0x109f) || (c >= 0x1780 && c <= 0x17ff))) ||
		    c == 0x200c || c == 0x200d)
			continue;
		/* Arabic's yeh, alef maksura and kaf as Persian writes
		 * them (Windows-1256 has no Persian yeh): "تير", "تیر" */
		if (c == 0x064a || c == 0x0649)
			c = 0x06cc;
		else if (c == 0x0643)
			c = 0x06a9;
		U16_APPEND_UNSAFE(a, o, c);
	}
	while (o > 0 && a[o - 1] == '.')
		o--;
	if (o == 0)
		return 0;
	u_strToUTF8(key, (int32_t)cap, &klen, a, o, &st);
	return U_SUCCESS(st) && (size_t)klen < cap ? (size_t)klen : 0;
}

static void
put(const char *key, size_t n, int v)
{
	uint32_t	 i;

	for (i = hash(key, n) & (SLOTS - 1); table[i].key != NULL;
	    i = (i + 1) & (SLOTS - 1))
		if (strlen(table[i].key) == n &&
		    memcmp(table[i].key, key, n) == 0) {
			if (table[i].v == V_WEAK)
				table[i].v = v;
			else if (v != V_WEAK && table[i].v != v)
				table[i].v = V_AMBIGUOUS;
			return;
		}
	if ((table[i].key = malloc(n + 1)) == NULL)
		return;			/* a name less */
	memcpy(table[i].key, key, n);
	table[i].key[n] = '\0';
	table[i].v = v;
}

static int
get(const char *key, size_t n)
{
	uint32_t	 i;

	for (i = hash(key, n) & (SLOTS - 1); table[i].key != NULL;
	    i = (i + 1) & (SLOTS - 1))
		if (strlen(table[i].key) == n &&
		    memcmp(table[i].key, key, n) == 0)
			return table[i].v;
	return 0;
}

/*
 * The words of a name as one key: "ربيع الأول", "Dhuʻl-Hijjah" are
 * looked up as two words joined (see datelocal_rewrite).
 */
static size_t
squeeze(char *key, size_t k)
{
	size_t	 i, o = 0;

	for (i = 0; i < k; i++)
		if (key[i] != ' ' && key[i] != '-' && key[i] != '\'')
			key[o++] = key[i];
	return o;
}

static void
add_symbols(UDateFormat *f, UDateFormatSymbolType type, int first, int v0)
{
	UChar		 u[KEY_MAX];
	char		 key[KEY_MAX * 3];
	int32_t		 i, n = udat_countSymbols(f, type), len;
	size_t		 k;
	UErrorCode	 st;

	for (i = first; i < n; i++) {
		st = U_ZERO_ERROR;
		len = udat_getSymbols(f, type, i, u, KEY_MAX, &st);
		if (U_FAILURE(st) || len <= 0 || len >= KEY_MAX)
			continue;
		if ((k = fold_key(u, len, key, sizeof(key))) == 0)
			continue;
		if (v0 == V_ISLAMIC)
			k = squeeze(key, k);
		put(key, k, v0 == 0 || v0 == V_PERSIAN || v0 == V_ISLAMIC ?
		    v0 + (int)(i - first) + 1 : v0 == V_AM ? V_AM + i : v0);
		/* "Thứ Năm", "יום חמישי": each word of a weekday too */
		if (v0 == V_WEEKDAY && memchr(key, ' ', k) != NULL) {
			char	*w = key, *sp;

			key[k] = '\0';
			while ((sp = strchr(w, ' ')) != NULL) {
				if (sp > w)
					put(w, (size_t)(sp - w), V_WEAK);
				w = sp + 1;
			}
			if (*w != '\0')
				put(w, strlen(w), V_WEAK);
		}
	}
}

static const UDateFormatSymbolType month_types[] = { UDAT_MONTHS,
	UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS,
	UDAT_STANDALONE_SHORT_MONTHS };

/* The month names of a locale (with its calendar) as v0 + 1..12. */
static void
add_months(const char *loc, int v0)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UDateFormat	*f;
	size_t		 k;

	f = udat_open(UDAT_NONE, UDAT_MEDIUM, loc, NULL, 0, NULL, 0, &st);
	if (U_FAILURE(st) || f == NULL)
		return;
	for (k = 0; k < 4; k++)
		add_symbols(f, month_types[k], 0, v0);
	udat_close(f);
}

static void
build(void)
{
	static const UDateFormatSymbolType days[] = { UDAT_WEEKDAYS,
	    UDAT_SHORT_WEEKDAYS, UDAT_STANDALONE_WEEKDAYS,
	    UDAT_STANDALONE_SHORT_WEEKDAYS };
	char		 loc[64];
	UDateFormat	*f;
	UErrorCode	 st;
	size_t		 i, k;

	for (i = 0; locales[i] != NULL; i++) {
		st = U_ZERO_ERROR;
		snprintf(loc, sizeof(loc), "%s@calendar=gregorian",
		    locales[i]);
		add_months(loc, 0);
		f = udat_open(UDAT_NONE, UDAT_MEDIUM, loc, NULL, 0, NULL, 0,
		    &st);
		if (U_FAILURE(st) || f == NULL)
			continue;
		for (k = 0; k < 4; k++)	/* index 0 is empty */
			add_symbols(f, days[k], 1, V_WEEKDAY);
		add_symbols(f, UDAT_AM_PMS, 0, V_AM);
		udat_close(f);
	}
	/* the Persian calendar's months, in Iran's and Afghanistan's names */
	add_months("fa@calendar=persian", V_PERSIAN);
	add_months("fa_AF@calendar=persian", V_PERSIAN);
	/* the Islamic calendar's months */
	for (i = 0; islamic_locales[i] != NULL; i++) {
		snprintf(loc, sizeof(loc), "%s@calendar=islamic",
		    islamic_locales[i]);
		add_months(loc, V_ISLAMIC);
	}
	for (i = 0; i < sizeof(islamic_more) / sizeof(islamic_more[0]); i++) {
		UChar		 u[KEY_MAX];
		char		 key[KEY_MAX * 3];
		int32_t		 ul;
		size_t		 n;

		st = U_ZERO_ERROR;
		u_strFromUTF8(u, KEY_MAX, &ul, islamic_more[i].name, -1, &st);
		if (U_SUCCESS(st) && (n = fold_key(u, ul, key,
		    sizeof(key))) > 0)
			put(key, squeeze(key, n), V_ISLAMIC +
			    islamic_more[i].m);
	}
	for (i = 0; hijri_marks[i] != NULL; i++)
		put(hijri_marks[i], strlen(hijri_marks[i]), V_HIJRI);
	/* Arabic morning and evening: صباحا, مساء */
	put("\xd8\xb5\xd8\xa8\xd8\xa7\xd8\xad\xd8\xa7", 10, V_AM);
	put("\xd9\x85\xd8\xb3\xd8\xa7\xd8\xa1", 8, V_PM);
}

/*
 * A date of the Solar Hijri or the Islamic calendar (DATE_PERSIAN,
 * DATE_ISLAMIC: Umm al-Qura, Saudi Arabia's) into the Gregorian one,
 * by ICU; -1 if it is none.
 */
int
datelocal_convert(int calendar, int *y, int *m, int *d)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UCalendar	*cal;
	UDate		 t;

	if ((cal = ucal_open(NULL, 0, calendar == DATE_PERSIAN ?
	    "fa@calendar=persian" : "ar@calendar=islamic-umalqura",
	    UCAL_DEFAULT, &st)) == NULL || U_FAILURE(st))
		return -1;
	ucal_clear(cal);
	ucal_setDate(cal, *y, *m - 1, *d, &st);
	t = ucal_getMillis(cal, &st);
	ucal_close(cal);
	if (U_FAILURE(st) || (cal = ucal_open(NULL, 0,
	    "en@calendar=gregorian", UCAL_DEFAULT, &st)) == NULL)
		return -1;
	ucal_setMillis(cal, t, &st);
	*y = ucal_get(cal, UCAL_YEAR, &st);
	*m = ucal_get(cal, UCAL_MONTH, &st) + 1;
	*d = ucal_get(cal, UCAL_DATE, &st);
	ucal_close(cal);
	return U_SUCCESS(st) ? 0 : -1;
}

/* 1 if s has a time, H:MM or HH.MM: one or two digits, ':' or '.',
 * two digits, and no digit or ".digit" after (not 24.06.2021). */
static int
has_time(const char *s)
{
	size_t	 i, j;

	for (i = 0; s[i] != '\0'; i = j + 1) {
		for (j = i; s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j == i || j - i > 2 || (i > 0 && (s[i - 1] == '.' ||
		    s[i - 1] == ':')) || (s[j] != ':' && s[j] != '.'))
			continue;
		if (s[j + 1] >= '0' && s[j + 1] <= '9' && s[j + 2] >= '0' &&
		    s[j + 2] <= '9' && !(s[j + 3] >= '0' && s[j + 3] <= '9') &&
		    !(s[j + 3] == '.' && s[j + 4] >= '0' && s[j + 4] <= '9'))
			return 1;
		if (s[j] == '\0')
			break;
	}
	return 0;
}

/* 1 if a word of the line starts as an Islamic month written in Latin
 * letters does ("Ramadhan", "Ramazan", "Dhul"). */
static int
islamic_word(const char *s, size_t len)
{
	size_t	 i, j, k, n;

	for (i = 0; i < len; i = j + 1) {
		for (j = i; j < len && isalpha((unsigned char)s[j]); j++)
			;
		for (k = 0; j > i && islamic_ascii[k] != NULL; k++) {
			n = strlen(islamic_ascii[k]);
			if (j - i >= n && strncasecmp(s + i, islamic_ascii[k],
			    n) == 0)
				return 1;
		}
	}
	return 0;
}

/* 1 if the line has the word "AH" (anno Hegirae), any case. */
static int
ah_mark(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i + 1 < len; i++)
		if ((s[i] == 'a' || s[i] == 'A') && (s[i + 1] == 'h' ||
		    s[i + 1] == 'H') && (i == 0 || !isalpha((unsigned char)
		    s[i - 1])) && (i + 2 == len || !isalpha((unsigned char)
		    s[i + 2])))
			return 1;
	return 0;
}

/* The month that words joined name ("ربيعالأول"), else 0. */
static int
joined_key(const char *joined, size_t len)
{
	char		 key[KEY_MAX * 3];
	UChar		 u[KEY_MAX];
	UErrorCode	 st = U_ZERO_ERROR;
	int32_t		 ul;
	size_t		 k;

	u_strFromUTF8(u, KEY_MAX, &ul, joined, (int32_t)len, &st);
	if (U_FAILURE(st) || (k = fold_key(u, ul, key, sizeof(key))) == 0)
		return 0;
	return get(key, k);
}

/* Letters and marks make words; a dot inside joins (Thai "มิ.ย."). */
static int
wordy(UChar32 c)
{
	/* a zero-width non-joiner inside a word: Persian's "پنج‌شنبه" */
	return u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK ||
	    u_charType(c) == U_COMBINING_SPACING_MARK || c == 0x200c;
}

static int
out_puts(char *out, size_t cap, size_t *o, const char *s)
{
	size_t	 n = strlen(s);

	if (*o + n + 1 >= cap)
		return -1;
	memcpy(out + *o, s, n);
	*o += n;
	return 0;
}

/* The number just written, if the output ends in digits: its value. */
static int
trailing_number(const char *out, size_t o, size_t *start)
{
	size_t	 i = o;
	int	 v = 0, m = 1;

	while (i > 0 && out[i - 1] >= '0' && out[i - 1] <= '9' && o - i < 4)
		i--;
	if (i == o)
		return -1;
	*start = i;
	for (; o > i; o--, m *= 10)
		v += (out[o - 1] - '0') * m;
	return v;
}

/* The year just written, "1445 " or "1445": its value, else -1. */
static int
trailing_year(const char *out, size_t o)
{
	size_t	 start;

	while (o > 0 && out[o - 1] == ' ')
		o--;
	if (o < 4)
		return -1;
	return trailing_number(out, o, &start) >= 0 && o - start == 4 ?
	    trailing_number(out, o, &start) : -1;
}

/*
 * "2021. 24. june 7:51" (Latvian: year, day, month) into "24 june 2021
 * 7:51", an order datetext.c reads.  In place; the new length.
 */
static size_t
year_day_month(char *out, size_t o)
{
	char	 tmp[512];
	size_t	 i = 0, y0, y1, d0, d1, m0, m1;
	int	 k;

	while (i < o && (out[i] == ' ' || out[i] == ','))
		i++;
	for (y0 = i; i < o && out[i] >= '0' && out[i] <= '9'; i++)
		;
	if ((y1 = i) - y0 != 4)
		return o;
	while (i < o && (out[i] == '.' || out[i] == ' ' || out[i] == ','))
		i++;
	for (d0 = i; i < o && out[i] >= '0' && out[i] <= '9'; i++)
		;
	if ((d1 = i) - d0 < 1 || d1 - d0 > 2)
		return o;
	while (i < o && (out[i] == '.' || out[i] == ' '))
		i++;
	for (m0 = i; i < o && out[i] >= 'a' && out[i] <= 'z'; i++)
		;
	m1 = i;
	for (k = 1; k <= 12; k++)
		if (m1 - m0 == strlen(month_en[k]) &&
		    memcmp(out + m0, month_en[k], m1 - m0) == 0)
			break;
	if (k > 12 || o + 4 >= sizeof(tmp))
		return o;
	k = snprintf(tmp, sizeof(tmp), "%.*s %.*s %.*s%.*s",
	    (int)(d1 - d0), out + d0, (int)(m1 - m0), out + m0,
	    (int)(y1 - y0), out + y0, (int)(o - m1), out + m1);
	if (k < 0 || (size_t)k >= sizeof(tmp))
		return o;
	memcpy(out, tmp, (size_t)k + 1);
	return (size_t)k;
}

size_t
datelocal_rewrite(const char *line, size_t len, char *out, size_t cap,
    int *calendar)
{
	const uint8_t	*s = (const uint8_t *)line;
	int32_t		 i = 0, n = (int32_t)len, j, w0;
	UChar32		 c;
	UChar		 u[KEY_MAX];
	char		 key[KEY_MAX * 3];
	size_t		 o = 0, k, start;
	int		 v, ampm = -1, changed = 0, cjk_year, num = 0, digit;
	int		 numbers, year, letters = 0, hijri = 0;
	int		 hijri_year = 0;
	int		 digits = DATE_GREGORIAN;

	*calendar = DATE_GREGORIAN;
	if (len > 512)
		return 0;
	/* a date has a day and a year (1800-2699, Buddhist years too; with
	 * letters of another script, 1300-1499 of the Hijra too): two
	 * numbers at least, one of them four digits; or digits of another
	 * script.  Else no need of the table, whose making costs 20 ms and
	 * ICU's data for 80 languages, some 10 MB */
	for (j = 0, digit = 0, numbers = 0, year = 0; j <= n; ) {
		if (j < n)
			U8_NEXT(s, j, n, c);
		else {
			c = ' ';
			j++;
		}
		if (c >= '0' && c <= '9') {
			digit++;
			if (digit <= 4)	/* a year has four: no more needed */
				num = digit == 1 ? c - '0' : num * 10 + (c - '0');
			continue;
		}
		if (c >= 0x80 && u_isdigit(c))
			year = numbers = 2;
		letters |= c >= 0x80 && u_isalpha(c);
		if (digit > 0) {
			numbers++;
			year |= digit == 4 && num >= 1800 && num < 2700;
			hijri_year |= digit == 4 && num >= 1300 && num < 1500;
		}
		digit = 0;
	}
	/* 1300-1499 with a month of another script, or "AH" */
	if (hijri_year && (letters || ah_mark(line, len) ||
	    islamic_word(line, len)))
		year = 1;
	if (!year || numbers < 2)
		return 0;
	pthread_once(&once, build);
	/* Y年M月D日: the markers separate; else N月 is month N */
	cjk_year = strstr(line, "\xe5\xb9\xb4") != NULL ||	/* 年 */
	    strstr(line, "\xeb\x85\x84") != NULL;		/* 년 */
	while (i < n) {
		w0 = i;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			return 0;
		if (u_isdigit(c) && c >= 0x80) {	/* ٢, ๒, २, ２... */
			char d[2] = { (char)('0' + u_charDigitValue(c)), 0 };

			if (c >= 0x06f0 && c <= 0x06f9)
				digits = DATE_PERSIAN_DIGITS;
			else if (c >= 0x0660 && c <= 0x0669)
				digits = DATE_ARABIC_DIGITS;

			if (out_puts(out, cap, &o, d) == -1)
				return 0;
			changed = 1;
			continue;
		}
		if (c == 0x5e74 || c == 0xb144 || c == 0x6708 ||
		    c == 0xc6d4 || c == 0x65e5 || c == 0xc77c ||
		    c == 0x6642 || c == 0x65f6 || c == 0xc2dc ||
		    c == 0x5206 || c == 0xbd84 || c == 0x79d2 ||
		    c == 0xcd08) {
			/* 年년 月월 日일 時时시 分분 秒초 */
			const char *sep = c == 0x5e74 || c == 0xb144 ? "-" :
			    c == 0x6708 || c == 0xc6d4 ? "-" :
			    c == 0x6642 || c == 0x65f6 || c == 0xc2dc ? ":" :
			    " ";

			changed = 1;
			if ((c == 0x6708 || c == 0xc6d4) && !cjk_year &&
			    (num = trailing_number(out, o, &start)) >= 1 &&
			    num <= 12) {
				o = start;
				sep = month_en[num];
			}
			if (out_puts(out, cap, &o, sep) == -1 ||
			    out_puts(out, cap, &o, " ") == -1)
				return 0;
			continue;
		}
		if (c == 0x060c || c == 0x3001 || c == 0xff0c ||
		    c == 0xff08 || c == 0xff09) {	/* ، 、 ， （ ） */
			if (out_puts(out, cap, &o, ",") == -1)
				return 0;
			changed = 1;
			continue;
		}
		if (!wordy(c)) {
			if (i - w0 > (int32_t)(cap - o - 1))
				return 0;
			memcpy(out + o, s + w0, (size_t)(i - w0));
			o += (size_t)(i - w0);
			continue;
		}
		/* a word: letters, marks, and dots between letters */
		for (j = i; j < n; ) {
			int32_t	 p = j;
			UChar32	 d;

			U8_NEXT(s, j, n, d);
			if (d == '.' && j < n) {
				int32_t	 q = j;
				UChar32	 e;

				U8_NEXT(s, q, n, e);
				if (e >= 0 && wordy(e))
					continue;
			}
			if (d < 0 || !wordy(d)) {
				j = p;
				break;
			}
		}
		i = j;
		{
			UErrorCode	 st = U_ZERO_ERROR;
			int32_t		 ul;

			u_strFromUTF8(u, KEY_MAX, &ul, (const char *)s + w0,
			    j - w0, &st);
			k = U_SUCCESS(st) ? fold_key(u, ul, key,
			    sizeof(key)) : 0;
		}
		v = k > 0 ? get(key, k) : 0;
		if ((k == 1 && key[0] == 'h') || (k == 2 && memcmp(key, "ah",
		    2) == 0))
			v = V_HIJRI;	/* whatever else "h" is in a language */
		/* "ربيع الأول", "Dhu al-Hijjah", "Rabi' al-Awwal": words
		 * of one month, joined */
		if (k > 0 && j < n) {
			int32_t	 q = j, e0, p, words;
			UChar32	 e;
			int	 v2;
			char	 joined[KEY_MAX * 3];
			size_t	 jl = 0;

			if ((size_t)(j - w0) < sizeof(joined)) {
				memcpy(joined, s + w0, (size_t)(j - w0));
				jl = (size_t)(j - w0);
			}
			for (words = 0; jl > 0 && words < 2 && q < n; words++) {
				int	 seps = 0;

				for (;;) {	/* one or two separators */
					p = q;
					U8_NEXT(s, q, n, e);
					if ((e == ' ' || e == 0x200c ||
					    e == '-' || e == '\'' ||
					    e == 0x2019) && seps < 2 && q < n) {
						seps++;
						continue;
					}
					q = p;
					break;
				}
				if (seps == 0)
					break;
				for (e0 = q; q < n; ) {
					p = q;
					U8_NEXT(s, q, n, e);
					if (e < 0 || !wordy(e)) {
						q = p;
						break;
					}
				}
				if (q == e0 || jl + (size_t)(q - e0) >=
				    sizeof(joined))
					break;
				memcpy(joined + jl, s + e0, (size_t)(q - e0));
				jl += (size_t)(q - e0);
				if ((v2 = joined_key(joined, jl)) > V_ISLAMIC) {
					v = v2;
					i = j = q;
				}
			}
		}
		/* Thai: "วันพฤหัสบดีที่", the weekday and ที่ */
		if (v == 0 && k > 9 && memcmp(key + k - 9,
		    "\xe0\xb8\x97\xe0\xb8\xb5\xe0\xb9\x88", 9) == 0)
			v = get(key, k - 9);
		/* Hebrew: "ביוני", in June: a prefix ב or ל */
		if (v == 0 && k > 2 && (memcmp(key, "\xd7\x91", 2) == 0 ||
		    memcmp(key, "\xd7\x9c", 2) == 0))
			v = get(key + 2, k - 2);
		if (v == 0 && k > 0) {
			size_t	 f;

			for (f = 0; fillers[f] != NULL; f++)
				if (strlen(fillers[f]) == k &&
				    memcmp(fillers[f], key, k) == 0)
					v = V_WEEKDAY;	/* dropped alike */
		}
		/* Vietnamese: "tháng 6", month 6 */
		if (k == 5 && memcmp(key, "thang", 5) == 0)
			v = V_MONTH_NUMBER;
		if ((v >= 1 && v <= 12) ||
		    (v > V_PERSIAN && v <= V_PERSIAN + 12) ||
		    (v > V_ISLAMIC && v <= V_ISLAMIC + 12)) {
			if (out_puts(out, cap, &o, month_en[v % V_PERSIAN]) ==
			    -1)
				return 0;
			if (c >= 0x0e00 && c <= 0x0e7f)
				*calendar = DATE_BUDDHIST;
			if (v > V_PERSIAN && v <= V_PERSIAN + 12)
				*calendar = DATE_PERSIAN;
			if (v > V_ISLAMIC)
				*calendar = DATE_ISLAMIC;
			changed = 1;
		} else if (v == V_HIJRI && k <= 2 && key[0] == 'h' &&
		    !((num = trailing_year(out, o)) >= 1300 && num < 1600)) {
			/* "h" is a Hijri year's only after one ("19 h 51") */
			if ((size_t)(j - w0) + 1 >= cap - o)
				return 0;
			memcpy(out + o, s + w0, (size_t)(j - w0));
			o += (size_t)(j - w0);
		} else if (v == V_HIJRI) {
			hijri = 1;
			if (out_puts(out, cap, &o, ",") == -1)
				return 0;
			changed = 1;
		} else if (v == V_WEEKDAY || v == V_WEAK) {
			if (out_puts(out, cap, &o, ",") == -1)
				return 0;
			if (i < n && s[i] == '.')	/* "г.", "ч." */
				i++;
			changed = 1;
		} else if (v == V_AM || v == V_PM) {
			ampm = v;
			if (i < n && s[i] == '.')	/* "μ.μ." */
				i++;
			changed = 1;
		} else if (v == V_MONTH_NUMBER) {
			/* "tháng" then a month's number: that month */
			int32_t	 q = i;
			int	 m = 0;

			while (q < n && s[q] == ' ')
				q++;
			while (q < n && s[q] >= '0' && s[q] <= '9' && m < 100)
				m = m * 10 + (s[q++] - '0');
			if (m < 1 || m > 12)
				return 0;
			if (out_puts(out, cap, &o, month_en[m]) == -1)
				return 0;
			i = q;
			changed = 1;
		} else {
			if ((size_t)(j - w0) + 1 >= cap - o)
				return 0;
			memcpy(out + o, s + w0, (size_t)(j - w0));
			o += (size_t)(j - w0);
		}
	}
	/* AM and PM go last, where datetext.c looks for them; with no
	 * time they are something else (Arabic م, PM, also marks a year
	 * of the common era) */
	out[o] = '\0';
	if (ampm > 0 && has_time(out) && out_puts(out, cap, &o,
	    ampm == V_AM ? " am" : " pm") == -1)
		return 0;
	out[o] = '\0';
	/* no month names: "هـ" says Islamic; else the digits hint */
	if (*calendar == DATE_GREGORIAN)
		*calendar = hijri ? DATE_ISLAMIC : digits;
	return changed ? year_day_month(out, o) : 0;
}
