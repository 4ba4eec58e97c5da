/* byline.c: bylines, dates beside them, relative dates. */
#include <stdio.h>
#include <string.h>

#include "readers/byline.h"
#include "tap.h"

static char	 got[256];

static void
collect(void *arg, const char *s, size_t len)
{
	(void)arg;
	snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%.*s",
	    got[0] ? "|" : "", (int)len, s);
}

static const char *
authors_of(const char *line)
{
	got[0] = '\0';
	return byline_parse(line, strlen(line), collect, NULL) ? got : NULL;
}

static const char *
date_of(const char *line, char iso[32])
{
	got[0] = '\0';
	return byline_date(line, strlen(line), iso, collect, NULL) == 0 ?
	    iso : NULL;
}

int
main(void)
{
	static const char *const relative[] = {
		"Updated 3 hours ago", "2 days ago", "Yesterday at 7:51 PM",
		"5 min read", "vor 2 Tagen", "il y a 3 heures",
		"2 uur geleden", "hace 3 horas", "3 ore fa", "2 dni temu",
		"3h ago", "gestern, 19:51", "8\xe2\x80\x93" "10 minutes", "5 min",
	};
	static const char *const not_relative[] = {
		"Europa vor 1914", "5 facts about 2021", "Today I learned",
		"By the way, 2021 was good", "Back Office", "Il y a un an",
		"24 juni 2021 7:51", "Vor 100 Jahren: Der Vertrag von Versailles",
		"Il y a 100 ans, la guerre", "Hace 100 a\xc3\xb1os: la guerra civil",
		"10 Years Ago Today", "48 Hours", "3 Days",
	};
	char	 iso[32], what[96];
	size_t	 i;

	CHECK_STR(authors_of("By Jane Doe"), "Jane Doe", "By Jane Doe");
	CHECK_STR(authors_of("Von Anna Schmidt und Max Muster"),
	    "Anna Schmidt|Max Muster", "two names, German");
	CHECK_STR(authors_of("Door Jan van der Berg"), "Jan van der Berg",
	    "a particle inside a name");
	CHECK(authors_of("By the way, this is it") == NULL,
	    "not a byline: lower-case words");
	CHECK(authors_of("By 2021 we will know") == NULL,
	    "not a byline: digits");
	CHECK(authors_of("Jane Doe") == NULL, "no 'by': not a byline");
	CHECK_STR(authors_of("By Jane Doe, Reuters"), "Jane Doe",
	    "an agency after a comma is no name");
	CHECK_STR(authors_of("Von Anna Schmidt (dpa)"), "Anna Schmidt",
	    "an agency in brackets is no name");
	CHECK_STR(authors_of("Par Claire Dubois (avec AFP)"), "Claire Dubois",
	    "an agency in brackets, French");
	CHECK_STR(authors_of("Von Anna Schmidt, Berlin"), "Anna Schmidt",
	    "a place after a comma is no name");
	CHECK_STR(authors_of("By Jane Doe, John Roe, AP"), "Jane Doe|John Roe",
	    "two names and an agency");
	CHECK_STR(authors_of("\xd7\x9e\xd7\x90\xd7\xaa: \xd7\x93\xd7\xa0\xd7\x94 \xd7\x9b\xd7\x94\xd7\x9f"),
	    "\xd7\x93\xd7\xa0\xd7\x94 \xd7\x9b\xd7\x94\xd7\x9f", "Hebrew label");
	CHECK_STR(authors_of("Oleh Budi Santoso"), "Budi Santoso",
	    "Indonesian");
	CHECK_STR(date_of("Ver\xc3\xb6" "ffentlicht am 3. M\xc3\xa4rz 2023 von Klaus Becker",
	    iso), "2023-03-03", "a date, then von NAME");
	CHECK_STR(got, "Klaus Becker", "... and its author");
	CHECK_STR(date_of("Publicado el 3 de marzo de 2023 por Juan P\xc3\xa9rez",
	    iso), "2023-03-03", "a date, then por NAME");
	CHECK_STR(got, "Juan P\xc3\xa9rez", "... and its author");
	CHECK_STR(date_of("June 24, 2021 / 7:51 PM EDT / CBS News", iso),
	    "2021-06-24", "parts after ' / ': a time, a newsroom");
	CHECK_STR(authors_of("By Jane Doe, Staff Writer"), "Jane Doe",
	    "a job after the name is no name");
	CHECK(byline_sure("By: Jane Doe", 12) && byline_sure("By JANE DOE",
	    11) && !byline_sure("By Royal Appointment", 20) &&
	    !byline_sure("Por Dentro da Amaz\xc3\xb4nia", 23) &&
	    byline_sure("Di Redazione Online", 19) &&
	    byline_sure("Von Redaktion", 13),
	    "bylines that can be nothing else");
	CHECK(authors_of("By Design") == NULL && authors_of("Door Nederland") ==
	    NULL && authors_of("By Air and Sea") == NULL,
	    "one-word names: titles, not bylines");
	CHECK_STR(date_of("Posted on June 24, 2021 by admin \xc2\xb7 5 min read",
	    iso), "2021-06-24", "a date, a loose byline and a reading time");
	CHECK_STR(got, "admin", "... and its author as written");
	CHECK_STR(date_of("June 24, 2021 | By Jane Doe | 5 min read", iso),
	    "2021-06-24", "a date, a byline, a reading time");
	CHECK_STR(got, "Jane Doe", "... and its author");
	CHECK_STR(date_of("Posted on June 24, 2021 by Jane Doe", iso),
	    "2021-06-24", "a date with a byline");
	CHECK_STR(got, "Jane Doe", "... and its author");
	CHECK_STR(date_of("June 24, 2021 \xc2\xb7 5 min read", iso),
	    "2021-06-24", "a date and a reading time");
	CHECK_STR(date_of("Opinie | 24 juni 2021", iso), "2021-06-24",
	    "a rubric and a date");
	CHECK(date_of("Dinner in Paris \xc2\xb7 March 3, 2020", iso) == NULL,
	    "a title beside a date: no date line");
	CHECK(date_of("Paris by Night", iso) == NULL, "no date: none");
	for (i = 0; i < sizeof(relative) / sizeof(relative[0]); i++) {
		snprintf(what, sizeof(what), "relative: \"%s\"", relative[i]);
		CHECK(byline_relative(relative[i], strlen(relative[i])), what);
	}
	for (i = 0; i < sizeof(not_relative) / sizeof(not_relative[0]); i++) {
		snprintf(what, sizeof(what), "not relative: \"%s\"",
		    not_relative[i]);
		CHECK(!byline_relative(not_relative[i],
		    strlen(not_relative[i])), what);
	}
	return TAP_DONE();
}
