/*
 * A tiny test harness: each check prints "ok N - what" or
 * "not ok N - what (file:line)"; tests/run.sh counts the lines.
 */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define CHECK(cond, what) do {						\
	tap_n++;							\
	if (cond)							\
		printf("ok %d - %s\n", tap_n, (what));			\
	else {								\
		tap_failed++;						\
		printf("not ok %d - %s (%s:%d)\n", tap_n, (what),	\
		    __FILE__, __LINE__);				\
	}								\
} while (0)

#define CHECK_STR(got, want, what) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;	\
	CHECK(same_, what);						\
	if (!same_)							\
		printf("#   got  \"%s\"\n#   want \"%s\"\n",		\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)

#define TAP_DONE() (tap_failed ? 1 : 0)

#endif
