/* datetext_parse(): date lines in many languages and forms. */
#include <string.h>

#include "readers/datetext.h"
#include "tap.h"

static const char *
parse(const char *line, char iso[32])
{
	if (datetext_parse(line, strlen(line), iso) == -1)
		return NULL;
	return iso;
}

int
main(void)
{
	static const struct {
		const char	*line, *iso;
	} cases[] = {
		/* nl */
		{ "24 juni 2021 7:51", "2021-06-24T07:51" },
		/* other languages: CLDR names through ICU (datelocal.c) */
		{ "\xe0\xb8\xa7\xe0\xb8\xb1\xe0\xb8\x99\xe0\xb8\x9e\xe0\xb8\xa4\xe0\xb8\xab\xe0\xb8\xb1\xe0\xb8\xaa\xe0\xb8\x9a\xe0\xb8\x94\xe0\xb8\xb5\xe0\xb8\x97\xe0\xb8\xb5\xe0\xb9\x88 24 \xe0\xb8\xa1\xe0\xb8\xb4\xe0\xb8\x96\xe0\xb8\xb8\xe0\xb8\x99\xe0\xb8\xb2\xe0\xb8\xa2\xe0\xb8\x99 \xe0\xb8\x9e.\xe0\xb8\xa8. 2564 \xe0\xb9\x80\xe0\xb8\xa7\xe0\xb8\xa5\xe0\xb8\xb2 19:51 \xe0\xb8\x99.", "2021-06-24T19:51" },
		{ "\xd8\xaf\xd9\x88\xd8\xb4\xd9\x86\xd8\xa8\xd9\x87 \xdb\xb3 \xd8\xae\xd8\xb1\xd8\xaf\xd8\xa7\xd8\xaf \xdb\xb1\xdb\xb4\xdb\xb0\xdb\xb0 \xd8\xb3\xd8\xa7\xd8\xb9\xd8\xaa \xdb\xb7:\xdb\xb5\xdb\xb1", "2021-05-24T07:51" },
		{ "\xdb\xb3 \xd8\xae\xd8\xb1\xd8\xaf\xd8\xa7\xd8\xaf \xdb\xb1\xdb\xb4\xdb\xb0\xdb\xb0", "2021-05-24" },
		{ "24 \xd1\x8e\xd0\xbd\xd0\xb8 2021 \xd0\xb3., 7:51 \xd1\x87.", "2021-06-24T07:51" },
		{ "\xce\xa0\xce\xad\xce\xbc\xcf\x80\xcf\x84\xce\xb7, 24 \xce\x99\xce\xbf\xcf\x85\xce\xbd\xce\xaf\xce\xbf\xcf\x85 2021 - 7:51 \xce\xbc.\xce\xbc.", "2021-06-24T19:51" },
		{ "\xd7\x99\xd7\x95\xd7\x9d \xd7\x97\xd7\x9e\xd7\x99\xd7\xa9\xd7\x99, 24 \xd7\x91\xd7\x99\xd7\x95\xd7\xa0\xd7\x99 2021 \xd7\x91\xd7\xa9\xd7\xa2\xd7\x94 19:51", "2021-06-24T19:51" },
		{ "Kamis, 24 Juni 2021 19:51 WIB", "2021-06-24T19:51+07:00" },
		/* labels sites print, with no colon; a note of an update */
		{ "\xd0\x9e\xd0\xb1\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbb\xd0\xb5\xd0\xbd\xd0\xbe 3 \xd0\xbc\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0 2023 \xd0\xb2 10:15", "2023-03-03T10:15" },
		{ "Diposting pada 3 Maret 2023", "2023-03-03" },
		{ "Udgivet 3. marts 2023", "2023-03-03" },
		{ "\xec\x9e\x85\xeb\xa0\xa5 2023.03.03. \xec\x98\xa4\xec\xa0\x84 10:15", "2023-03-03T10:15" },
		{ "Publi\xc3\xa9 le 24 juin 2021 \xc3\xa0 07h51, mis \xc3\xa0 jour \xc3\xa0 10h02", "2021-06-24T07:51" },
		{ "March 3, 2023, updated March 5, 2023", "2023-03-03" },
		/* Japanese eras; Levantine and Maghrebi Arabic months */
		{ "\xe4\xbb\xa4\xe5\x92\x8c" "3\xe5\xb9\xb4" "6\xe6\x9c\x88" "24\xe6\x97\xa5 7:51", "2021-06-24T07:51" },
		{ "\xe5\xb9\xb3\xe6\x88\x90\xe5\x85\x83\xe5\xb9\xb4" "1\xe6\x9c\x88" "8\xe6\x97\xa5", "1989-01-08" },
		{ "24 \xd8\xad\xd8\xb2\xd9\x8a\xd8\xb1\xd8\xa7\xd9\x86 2021 7:51", "2021-06-24T07:51" },
		{ "24 \xd8\xac\xd9\x88\xd8\xa7\xd9\x86 2021", "2021-06-24" },
		/* Thai's short months differ by a vowel sign: มี.ค. ม.ค. */
		{ "3 \xe0\xb8\xa1\xe0\xb8\xb5.\xe0\xb8\x84. 2566 10:15 \xe0\xb8\x99.", "2023-03-03T10:15" },
		{ "3 \xe0\xb8\xa1.\xe0\xb8\x84. 2566", "2023-01-03" },
		{ "June 24, 2021 7:51 AM EDT", "2021-06-24T07:51-04:00" },
		{ "2021-06-24 07:51:00 CEST", "2021-06-24T07:51:00+02:00" },
		{ "24 June 2021 7:51 ACST", "2021-06-24T07:51+09:30" },
		{ "June 24, 2021 7:51 IST", "2021-06-24T07:51" },	/* which? */
		{ "24 June 2021 19:51 AST", "2021-06-24T19:51" },
		{ "quinta-feira, 24 de junho de 2021", "2021-06-24" },
		{ "15 Ramadhan 1445 H", "2024-03-25" },
		{ "15 Ramazan 1445", "2024-03-25" },
		{ "10 Dhu al-Hijjah 1445 AH", "2024-06-16" },
		{ "12 Rabi' al-Awwal 1446 AH", "2024-09-15" },
		{ "15 \xd8\xb1\xd9\x85\xd8\xb6\xd8\xa7\xd9\x86 \xd8\xa7\xd9\x84\xd9\x85\xd8\xa8\xd8\xa7\xd8\xb1\xda\xa9 1445\xda\xbe", "2024-03-25" },
		{ "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xad\xd8\xaf 15 \xd8\xb1\xd9\x85\xd8\xb6\xd8\xa7\xd9\x86 1445 \xd9\x87\xd9\x80 \xd8\xa7\xd9\x84\xd8\xb3\xd8\xa7\xd8\xb9\xd8\xa9 10:30 \xd8\xb5\xd8\xa8\xd8\xa7\xd8\xad\xd8\xa7", "2024-03-25T10:30" },
		{ "24 juin 2021 19 h 51", "2021-06-24T19:51" },
		{ "24 June 2021 19:51 UTC+2", "2021-06-24T19:51+02:00" },
		{ "24 June 2021 19:51 GMT-05:30", "2021-06-24T19:51-05:30" },
		{ "24.06.2021 \xd9\x85", "2021-06-24" },	/* م: no PM */
		{ "ceturtdiena, 2021. gada 24. j\xc5\xabnijs 19:51", "2021-06-24T19:51" },
		{ "joi, 24 iunie 2021, ora 19:51", "2021-06-24T19:51" },
		{ "Th\xe1\xbb\xa9 N\xc4\x83m, ng\xc3\xa0y 24 th\xc3\xa1ng 6 n\xc4\x83m 2021 7:51 CH", "2021-06-24T19:51" },
		{ "2021. gada 24. j\xc5\xabnijs 7:51", "2021-06-24T07:51" },
		{ "3 \xd0\xbc\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0 2022 14:05", "2022-03-03T14:05" },
		{ "24 Haziran 2021 07:51", "2021-06-24T07:51" },
		{ "24 \xd1\x87\xd0\xb5\xd1\x80\xd0\xb2\xd0\xbd\xd1\x8f 2021 \xd1\x80. \xd0\xbe 07:51", "2021-06-24T07:51" },	/* uk: р. о */
		{ "24 \xd1\x87\xd0\xb5\xd1\x80\xd0\xb2\xd0\xbd\xd1\x8f 2021 \xd1\x80. \xd0\xbe\xd0\xb1 11:00", "2021-06-24T11:00" },	/* uk: об */
		{ "24 \xce\x99\xce\xbf\xcf\x85\xce\xbd\xce\xaf\xce\xbf\xcf\x85 2021 \xcf\x83\xcf\x84\xce\xb9\xcf\x82 7:51", "2021-06-24T07:51" },	/* el: στις */
		{ "24 \xce\x99\xce\xbf\xcf\x85\xce\xbd\xce\xaf\xce\xbf\xcf\x85 2021 \xce\xad\xcf\x84\xce\xbf\xcf\x85\xcf\x82 7:51", "2021-06-24T07:51" },	/* el: έτους */
		{ "24. lipnja 2021 u 7:51", "2021-06-24T07:51" },	/* hr: u */
		{ "2021\xe5\xb9\xb4" "6\xe6\x9c\x88" "24\xe6\x97\xa5 7:51", "2021-06-24T07:51" },
		{ "2021\xeb\x85\x84 6\xec\x9b\x94 24\xec\x9d\xbc \xec\x98\xa4\xed\x9b\x84 7:51", "2021-06-24T19:51" },
		{ "24 \xce\x99\xce\xbf\xcf\x85\xce\xbd\xce\xaf\xce\xbf\xcf\x85 2021 7:51", "2021-06-24T07:51" },
		{ "24 \xe0\xb8\xa1\xe0\xb8\xb4\xe0\xb8\x96\xe0\xb8\xb8\xe0\xb8\x99\xe0\xb8\xb2\xe0\xb8\xa2\xe0\xb8\x99 2564 7:51", "2021-06-24T07:51" },
		{ "24. juuni 2021 7:51", "2021-06-24T07:51" },
		{ "24 th\xc3\xa1ng 6, 2021 7:51", "2021-06-24T07:51" },
		{ "24 \xd7\x91\xd7\x99\xd7\x95\xd7\xa0\xd7\x99 2021 7:51", "2021-06-24T07:51" },
		{ "\xd9\xa2\xd9\xa4 \xd9\x8a\xd9\x88\xd9\x86\xd9\x8a\xd9\x88 \xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa1", "2021-06-24" },
		{ "24 6\xe6\x9c\x88 2021 7:51", "2021-06-24T07:51" },
		{ "donderdag 24 juni 2021 om 07:51", "2021-06-24T07:51" },
		{ "24 mrt. 2021", "2021-03-24" },
		/* en */
		{ "June 24, 2021 7:51 AM", "2021-06-24T07:51" },
		{ "Thursday, June 24, 2021 at 7:51 p.m.", "2021-06-24T19:51" },
		{ "24th June 2021, 07:51", "2021-06-24T07:51" },
		{ "Jun 24, 2021 12:05 AM", "2021-06-24T00:05" },
		/* de */
		{ "24. Juni 2021 07:51", "2021-06-24T07:51" },
		{ "Donnerstag, 24. Juni 2021 um 07:51 Uhr", "2021-06-24T07:51" },
		{ "am 3. März 2021", "2021-03-03" },
		/* fr */
		{ "24 juin 2021 à 07h51", "2021-06-24T07:51" },
		{ "mar. 22 juin 2021", "2021-06-22" },
		{ "1er août 2021", "2021-08-01" },
		{ "jeudi 24 févr. 2022 07:51", "2022-02-24T07:51" },
		/* es */
		{ "24 de junio de 2021 7:51", "2021-06-24T07:51" },
		{ "martes, 22 de junio de 2021, 10:00 h", "2021-06-22T10:00" },
		/* it */
		{ "24 giugno 2021 07:51", "2021-06-24T07:51" },
		{ "giovedì 24 giugno 2021 alle ore 7:51", "2021-06-24T07:51" },
		/* pt */
		{ "24 de junho de 2021 às 07:51", "2021-06-24T07:51" },
		{ "24 de jun. de 2021", "2021-06-24" },
		/* pl: genitive and nominative */
		{ "24 czerwca 2021 07:51", "2021-06-24T07:51" },
		{ "czwartek, 24 czerwca 2021 r., godz. 07:51",
		    "2021-06-24T07:51" },
		{ "1 października 2021", "2021-10-01" },
		{ "3 września 2021 r.", "2021-09-03" },
		{ "24 czerwiec 2021", "2021-06-24" },
		/* da */
		{ "24. juni 2021 kl. 07.51", "2021-06-24T07:51" },
		{ "torsdag den 24. juni 2021", "2021-06-24" },
		/* nb, nn */
		{ "24. juni 2021 kl. 07:51", "2021-06-24T07:51" },
		{ "laurdag 3. desember 2022", "2022-12-03" },
		/* sv */
		{ "24 juni 2021 kl. 07.51", "2021-06-24T07:51" },
		{ "lördag 6 augusti 2022", "2022-08-06" },
		/* fi */
		{ "24.6.2021 klo 7.51", "2021-06-24T07:51" },
		{ "24. kesäkuuta 2021 klo 7.51", "2021-06-24T07:51" },
		{ "torstaina 24. kesäkuuta 2021", "2021-06-24" },
		{ "24. toukokuuta 2021 klo 13.05", "2021-05-24T13:05" },
		/* is */
		{ "24. júní 2021", "2021-06-24" },
		{ "fimmtudaginn 24. júní 2021 kl. 07:51", "2021-06-24T07:51" },
		{ "3. ágúst 2021", "2021-08-03" },
		{ "12. október 2021 kl. 10:00", "2021-10-12T10:00" },
		/* numeric */
		{ "24-06-2021 07:51", "2021-06-24T07:51" },
		{ "2021-06-24 07:51", "2021-06-24T07:51" },
		{ "6/24/2021 7:51 AM", "2021-06-24T07:51" },
		{ "24/06/2021 07:51", "2021-06-24T07:51" },
		{ "24.06.2021", "2021-06-24" },
		{ "24-Jun-2021 07:51", "2021-06-24T07:51" },
		{ "24.06.21", "2021-06-24" },
		{ "6/24/2021, 7:51\xe2\x80\xaf" "AM", "2021-06-24T07:51" },
		{ "24 juni 2021 \xe2\x80\x93 07:51", "2021-06-24T07:51" },
		{ "2021-06-24T07:51:30Z", "2021-06-24T07:51:30Z" },
		{ "2021-06-24 07:51:00 +02:00", "2021-06-24T07:51:00+02:00" },
		{ "  24 juni 2021 7:51 \xc2\xa0", "2021-06-24T07:51" },
		{ "29 februari 2024", "2024-02-29" },
		{ "Published: 24/06/2021", "2021-06-24" },
		{ "Updated on June 24, 2021", "2021-06-24" },
		{ "Gepubliceerd op 24 juni 2021 om 07:51", "2021-06-24T07:51" },
		{ "Zuletzt aktualisiert am 24. Juni 2021", "2021-06-24" },
		{ "Pubblicato il 24 giugno 2021", "2021-06-24" },
		{ "Publicado em 24 de junho de 2021", "2021-06-24" },
		{ "Opublikowano dnia 24 czerwca 2021", "2021-06-24" },
		{ "Publisert 24. juni 2021 kl. 07:51", "2021-06-24T07:51" },
		{ "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xad\xd8\xaf 15 \xd8\xb1\xd9\x85\xd8\xb6\xd8\xa7\xd9\x86 1445 \xd9\x87\xd9\x80 - 24 \xd9\x85\xd8\xa7\xd8\xb1\xd8\xb3 2024 \xd9\x85", "2024-03-24" },	/* Hijri and Gregorian: the Gregorian */
		{ "15 \xd8\xb1\xd9\x85\xd8\xb6\xd8\xa7\xd9\x86 1445 \xd9\x87\xd9\x80", "2024-03-25" },	/* Islamic month: Umm al-Qura */
		{ "15 Ramadan 1445 AH", "2024-03-25" },
		{ "\xd9\xa1\xd9\xa4\xd9\xa4\xd9\xa5/\xd9\xa0\xd9\xa9/\xd9\xa1\xd9\xa5 \xd9\x87\xd9\x80", "2024-03-25" },	/* Arabic-Indic digits, AH */
		{ "\xdb\xb1\xdb\xb4\xdb\xb0\xdb\xb3/\xdb\xb0\xdb\xb1/\xdb\xb1\xdb\xb5", "2024-04-03" },	/* Persian digits: Solar Hijri */
		{ "\xdb\xb1 \xd8\xb1\xd8\xa8\xdb\x8c\xd8\xb9\xe2\x80\x8c\xd8\xa7\xd9\x84\xd8\xa7\xd9\x88\xd9\x84 \xdb\xb1\xdb\xb4\xdb\xb4\xdb\xb6", "2024-09-04" },	/* two words joined by ZWNJ */
		{ "1 \xd8\xb1\xd8\xa8\xd9\x8a\xd8\xb9 \xd8\xa7\xd9\x84\xd8\xa3\xd9\x88\xd9\x84 1446", "2024-09-04" },	/* two words */
		{ "2024-03-24 / 1403-01-05", "2024-03-24" },	/* a date of a calendar we cannot tell beside */
		{ "24/06/2564", "2021-06-24" },	/* a Buddhist year */
		{ "24 \xd9\x85\xd8\xa7\xd8\xb1\xd8\xb3 2024 \xd9\x85", "2024-03-24" },	/* م: of the common era, not PM */
	};
	static const char *const not_dates[] = {
		"1400/04/03",	/* Solar Hijri, without its names */
		"Ramadan 1445",	/* no day */
		"Top 10 castles built before 1450",
		"Paris - 24 June 2021",	/* not every part a date */
		"\xd0\xa7\xd1\x82\xd0\xbe \xd1\x82\xd0\xb0\xd0\xba\xd0\xbe\xd0\xb5 \xd0\xb1\xd1\x8d\xd0\xba-\xd0\xbe\xd1\x84\xd0\xb8\xd1\x81?",
		"\xe3\x83\x90\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xaa\xe3\x83\x95\xe3\x82\xa3\xe3\x82\xb9",
		"6\xe6\x9c\x88\xe3\x81\xab\xe4\xbc\x9a\xe3\x81\x84\xe3\x81\xbe\xe3\x81\x97\xe3\x82\x87\xe3\x81\x86",
		"Haziran ay\xc4\xb1nda g\xc3\xb6r\xc3\xbc\xc5\x9f\xc3\xbcr\xc3\xbcz",
		"Back Office",
		"Wat is backoffice?",
		"24 juni",
		"juni 2021",
		"2021",
		"7:51",
		"The meeting on June 24, 2021 was long",
		"24 juni 2021 was een mooie dag",
		"29 februari 2021",
		"31/31/2021",
		"24 juni 2021 25:00",
		"1. Introduction",
		"",
	};
	char	 iso[32], what[160];
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(what, sizeof(what), "date \"%s\"", cases[i].line);
		CHECK_STR(parse(cases[i].line, iso), cases[i].iso, what);
	}
	CHECK(datetext_month("juni", 4) == 6 &&
	    datetext_month("Czerwca", 7) == 6 &&
	    datetext_month("kes\xc3\xa4kuuta", 10) == 6 &&
	    datetext_month("Jun", 3) == 6, "month names: June four ways");
	CHECK(datetext_month("Juniper", 7) == 0 &&
	    datetext_month("jun1", 4) == 0 && datetext_month("", 0) == 0,
	    "not month names");
	for (i = 0; i < sizeof(not_dates) / sizeof(not_dates[0]); i++) {
		snprintf(what, sizeof(what), "not a date: \"%s\"",
		    not_dates[i]);
		CHECK(parse(not_dates[i], iso) == NULL, what);
	}
	return TAP_DONE();
}
