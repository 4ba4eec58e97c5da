/*
 * Roman numerals (see numeral.h).
 */
#include <stdio.h>
#include <string.h>

#include "model/numeral.h"

static const struct {
	const char	*sym;
	int		 val;
} numerals[] = {
	{ "m", 1000 }, { "cm", 900 }, { "d", 500 }, { "cd", 400 },
	{ "c", 100 }, { "xc", 90 }, { "l", 50 }, { "xl", 40 },
	{ "x", 10 }, { "ix", 9 }, { "v", 5 }, { "iv", 4 }, { "i", 1 }
};

void
numeral_roman(char *out, size_t sz, int v, int upper)
{
	char	 s[32];
	size_t	 i, n = 0, k;

	if (v < 1 || v > 3999) {
		snprintf(out, sz, "%d", v);
		return;
	}
	for (i = 0; i < sizeof(numerals) / sizeof(numerals[0]); i++)
		for (; v >= numerals[i].val; v -= numerals[i].val)
			for (k = 0; numerals[i].sym[k] != '\0'; k++)
				s[n++] = (char)(upper ? numerals[i].sym[k] -
				    'a' + 'A' : numerals[i].sym[k]);
	s[n] = '\0';
	snprintf(out, sz, "%s", s);
}

int
numeral_roman_value(const char *s, size_t n)
{
	char	 low[16], back[32];
	size_t	 i, k = 0, sl;
	int	 val = 0;

	if (n == 0 || n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++) {
		if (((s[i] | 0x20) < 'a' || (s[i] | 0x20) > 'z') ||
		    ((s[i] >= 'a') != (s[0] >= 'a')))
			return 0;	/* a letter, all in one case */
		low[i] = (char)(s[i] | 0x20);
	}
	low[n] = '\0';
	for (i = 0; i < sizeof(numerals) / sizeof(numerals[0]); i++) {
		sl = strlen(numerals[i].sym);
		while (k + sl <= n && memcmp(low + k, numerals[i].sym,
		    sl) == 0 && val < 4000) {
			val += numerals[i].val;
			k += sl;
		}
	}
	if (k != n || val < 1 || val > 3999)
		return 0;
	/* only the usual spelling reads back the same */
	numeral_roman(back, sizeof(back), val, 0);
	return strcmp(back, low) == 0 ? val : 0;
}
