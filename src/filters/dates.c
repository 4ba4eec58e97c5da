/*
 * Dates of the front matter into ISO 8601, for the meta filter: ISO 8601
 * (kept to the precision given), "YYYY-MM-DD HH:MM", RFC 2822 and Unix
 * seconds (as UTC).  Localised dates in running text are the plain-text
 * reader's business.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "filters/filters.h"

static int
days_in(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) ||
	    year % 400 == 0))
		return 29;
	return days[month - 1];
}

/* n digits at *s into *v; advances *s.  -1 if not n digits. */
static int
digits(const char **s, int n, int *v)
{
	int	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return 0;
}

static int
valid(int y, int mo, int d, int h, int mi, int sec)
{
	return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 &&
	    d <= days_in(y, mo) && h >= 0 && h <= 23 && mi >= 0 &&
	    mi <= 59 && sec >= 0 && sec <= 60;
}

/* ISO 8601 and "YYYY-MM-DD HH:MM[:SS]". */
static int
iso(const char *s, char *out, size_t sz)
{
	const char	*frac = NULL;
	int		 y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, zh, zm;
	int		 has_time = 0, has_sec = 0, nfrac = 0;
	char		 zone[16] = "";

	if (digits(&s, 4, &y) == -1)
		return -1;
	if (*s == '\0') {
		snprintf(out, sz, "%04d", y);
		return y >= 1 ? 0 : -1;
	}
	if (*s++ != '-' || digits(&s, 2, &mo) == -1)
		return -1;
	if (*s == '\0') {
		if (!valid(y, mo, 1, 0, 0, 0))
			return -1;
		snprintf(out, sz, "%04d-%02d", y, mo);
		return 0;
	}
	if (*s++ != '-' || digits(&s, 2, &d) == -1)
		return -1;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		has_time = 1;
		if (digits(&s, 2, &h) == -1 || *s++ != ':' ||
		    digits(&s, 2, &mi) == -1)
			return -1;
		if (*s == ':') {
			s++;
			if (digits(&s, 2, &sec) == -1)
				return -1;
			has_sec = 1;
			if (*s == '.' || *s == ',') {
				frac = ++s;
				while (isdigit((unsigned char)*s))
					s++;
				nfrac = (int)(s - frac);
				if (nfrac == 0 || nfrac > 9)
					return -1;
			}
		}
		while (*s == ' ')
			s++;
		if (*s == 'Z' || *s == 'z') {
			s++;
			snprintf(zone, sizeof(zone), "Z");
		} else if (*s == '+' || *s == '-') {
			char sign = *s++;

			if (digits(&s, 2, &zh) == -1)
				return -1;
			if (*s == ':')
				s++;
			if (digits(&s, 2, &zm) == -1)
				zm = 0;
			if (zh > 14 || zm > 59)
				return -1;
			snprintf(zone, sizeof(zone), "%c%02d:%02d", sign, zh, zm);
		}
	}
	if (*s != '\0' || !valid(y, mo, d, h, mi, sec))
		return -1;
	if (!has_time)
		snprintf(out, sz, "%04d-%02d-%02d", y, mo, d);
	else if (!has_sec)
		snprintf(out, sz, "%04d-%02d-%02dT%02d:%02d%s", y, mo, d, h,
		    mi, zone);
	else
		snprintf(out, sz, "%04d-%02d-%02dT%02d:%02d:%02d%s%.*s%s", y,
		    mo, d, h, mi, sec, frac ? "." : "", nfrac,
		    frac ? frac : "", zone);
	return 0;
}

/* RFC 2822: "[Thu, ]24 Jun 2021[ 07:51[:00] +0200]". */
static int
rfc2822(const char *s, char *out, size_t sz)
{
	static const char *const months[] = { "jan", "feb", "mar", "apr",
	    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	static const struct {
		const char *name;
		int	 minutes;
	} zones[] = {
		{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
		{ "EST", -300 }, { "EDT", -240 }, { "CST", -360 },
		{ "CDT", -300 }, { "MST", -420 }, { "MDT", -360 },
		{ "PST", -480 }, { "PDT", -420 }, { NULL, 0 }
	};
	int	 d, mo, y, h = 0, mi = 0, sec = 0, off = 0, i, n, has_time = 0;
	int	 has_zone = 0;
	char	 mon[4];

	while (*s == ' ')
		s++;
	if (isalpha((unsigned char)s[0])) {	/* day of week */
		while (isalpha((unsigned char)*s))
			s++;
		if (*s++ != ',')
			return -1;
		while (*s == ' ')
			s++;
	}
	n = 0;
	if (sscanf(s, "%2d %3s %4d%n", &d, mon, &y, &n) != 3 || n == 0)
		return -1;
	s += n;
	for (mo = 0; mo < 12; mo++)
		if (strcasecmp(mon, months[mo]) == 0)
			break;
	if (mo == 12)
		return -1;
	mo++;
	while (*s == ' ')
		s++;
	if (*s != '\0') {
		n = 0;
		if (sscanf(s, "%2d:%2d%n", &h, &mi, &n) != 2 || n == 0)
			return -1;
		s += n;
		has_time = 1;
		if (*s == ':') {
			n = 0;
			if (sscanf(s, ":%2d%n", &sec, &n) != 1 || n == 0)
				return -1;
			s += n;
		}
		while (*s == ' ')
			s++;
		if (*s == '+' || *s == '-') {
			int sign = *s == '-' ? -1 : 1, hhmm;

			s++;
			if (digits(&s, 4, &hhmm) == -1)
				return -1;
			off = sign * ((hhmm / 100) * 60 + hhmm % 100);
			has_zone = 1;
		} else if (*s != '\0') {
			for (i = 0; zones[i].name != NULL; i++)
				if (strcasecmp(s, zones[i].name) == 0)
					break;
			if (zones[i].name == NULL)
				return -1;
			off = zones[i].minutes;
			s += strlen(s);
			has_zone = 1;
		}
	}
	if (*s != '\0' || !valid(y, mo, d, h, mi, sec))
		return -1;
	if (!has_time)
		snprintf(out, sz, "%04d-%02d-%02d", y, mo, d);
	else if (!has_zone)
		snprintf(out, sz, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h,
		    mi, sec);
	else if (off == 0)
		snprintf(out, sz, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d,
		    h, mi, sec);
	else
		snprintf(out, sz, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		    y, mo, d, h, mi, sec, off < 0 ? '-' : '+', abs(off) / 60,
		    abs(off) % 60);
	return 0;
}

/* Unix seconds (5 digits or more, so that "2021" stays a year). */
static int
unix_seconds(const char *s, char *out, size_t sz)
{
	const char	*p = s;
	long long	 v;
	time_t		 t;
	struct tm	 tm;
	char		*end;

	if (*p == '-')
		p++;
	if (strlen(p) < 5 || strlen(p) > 12 || strspn(p, "0123456789") !=
	    strlen(p))
		return -1;
	v = strtoll(s, &end, 10);
	t = (time_t)v;
	if (gmtime_r(&t, &tm) == NULL)
		return -1;
	strftime(out, sz, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

int
date_to_iso(const char *s, char *out, size_t sz)
{
	char	 buf[64];
	size_t	 len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (unix_seconds(buf, out, sz) == 0)
		return 0;
	if (iso(buf, out, sz) == 0)
		return 0;
	return rfc2822(buf, out, sz);
}
