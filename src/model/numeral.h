/*
 * Roman numerals, for lists numbered "i)", "ii)", "iii)": read by the
 * plain-text reader, written by the TEI writer as an item's n.
 */
#ifndef GALLEY_NUMERAL_H
#define GALLEY_NUMERAL_H

#include <stddef.h>

/* The value of s[n], a Roman numeral of one case in its usual spelling
 * ("iv", "XII"), 1..3999; 0 if it is none ("iiii", "ivi", "ab"). */
int	numeral_roman_value(const char *s, size_t n);
/* v (1..3999) as a Roman numeral into out, in capitals if upper; out
 * gets v in digits if it has none. */
void	numeral_roman(char *out, size_t sz, int v, int upper);

#endif
