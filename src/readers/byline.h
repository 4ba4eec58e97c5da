/* Bylines and relative dates of exported articles (byline.c). */
#ifndef BYLINE_H
#define BYLINE_H

#include <stddef.h>

/*
 * 1 if the line is a byline, "By Jane Doe" or "Von Anna Schmidt und
 * Max Muster": each name goes to author(arg, name, len) unless author
 * is NULL.  Else 0, and author is not called.
 */
int	byline_parse(const char *s, size_t len,
	    void (*author)(void *, const char *, size_t), void *arg);
/* 1 if the line is a byline that can be nothing else: "By: Jane Doe",
 * "Written by ...", "By JANE DOE" (above a title, "By Royal
 * Appointment" may be the title itself). */
int	byline_sure(const char *s, size_t len);
/* 1 if the line starts as a byline does ("Por ", "By "), names or
 * not; 1 if it has parts after " | ", " · " or " • ". */
int	byline_word(const char *s, size_t len);
int	byline_parts(const char *s, size_t len);
/* The same, with parts after it: "By Jane Doe | Reuters". */
int	byline_line(const char *s, size_t len,
	    void (*author)(void *, const char *, size_t), void *arg);
/*
 * A date with a byline or a reading time beside it: "Posted on June 24,
 * 2021 by Jane Doe", "June 24, 2021 · 5 min read".  0 with the date in
 * iso and the names given to author (which may be NULL), or -1.
 */
int	byline_date(const char *s, size_t len, char iso[32],
	    void (*author)(void *, const char *, size_t), void *arg);
/* 1 if the line is a relative date or a reading time ("3 hours ago",
 * "Yesterday at 7:51 PM", "5 min read"): no date, and not a title. */
int	byline_relative(const char *s, size_t len);

#endif
