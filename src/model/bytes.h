/*
 * Text eight bytes at a time: tests on a 64-bit word, for the scans that
 * skip the bulk of plain ASCII.  Each returns nonzero when some byte of
 * the word passes (the known word trick: a byte x is zero exactly when
 * the high bit of (x - 1) & ~x is set, borrows aside); callers then look
 * at the bytes one by one, so a false alarm costs time, never a miss.
 */
#ifndef BYTES_H
#define BYTES_H

#include <stdint.h>
#include <string.h>

#define BYTES_ONES	0x0101010101010101ULL
#define BYTES_HIGHS	0x8080808080808080ULL

/* The eight bytes at p, unaligned. */
static inline uint64_t
bytes_load(const void *p)
{
	uint64_t	 w;

	memcpy(&w, p, 8);
	return w;
}

/* Some byte of w is c. */
static inline uint64_t
bytes_eq(uint64_t w, unsigned char c)
{
	uint64_t	 x = w ^ (BYTES_ONES * c);

	return (x - BYTES_ONES) & ~x & BYTES_HIGHS;
}

/* Some byte of w is below n (n at most 0x80). */
static inline uint64_t
bytes_below(uint64_t w, unsigned char n)
{
	return (w - BYTES_ONES * n) & ~w & BYTES_HIGHS;
}

/* Some byte of w is not ASCII. */
static inline uint64_t
bytes_high(uint64_t w)
{
	return w & BYTES_HIGHS;
}

#endif
