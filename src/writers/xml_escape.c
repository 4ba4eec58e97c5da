/*
 * XML escaping for the markup writers: the five specials, and the
 * characters XML 1.0 cannot hold replaced by U+FFFD.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "model/bytes.h"
#include "writers/xml_escape.h"

#define REPLACEMENT "\xef\xbf\xbd"

/*
 * Length of the valid, XML-allowed UTF-8 sequence at s, or 0 if the
 * character is not allowed in XML 1.0 (or not valid UTF-8).
 */
static size_t
xml_char_len(const unsigned char *s)
{
	unsigned	 c = s[0];

	if (c < 0x80)
		return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ?
		    1 : 0;
	if (c >= 0xc2 && c <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && s[1] < 0xa0)
			return 0;		/* overlong */
		if (c == 0xed && s[1] >= 0xa0)
			return 0;		/* surrogate */
		if (c == 0xef && s[1] == 0xbf && (s[2] == 0xbe ||
		    s[2] == 0xbf))
			return 0;		/* U+FFFE, U+FFFF */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

void
xml_escape(struct galley_buf *b, const char *str, int attr)
{
	const unsigned char	*s = (const unsigned char *)str;
	const unsigned char	*run = s;
	size_t			 n;

	while (*s != '\0') {
		const char	*rep = NULL;

		if (*s >= 0x20 && *s < 0x80 && *s != '&' && *s != '<' &&
		    *s != '>' && *s != '"') {
			s++;		/* the bulk: plain ASCII */
			continue;
		}
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		default: break;
		}
		if (rep != NULL) {
			galley_buf_put(b, run, (size_t)(s - run));
			galley_buf_puts(b, rep);
			run = ++s;
			continue;
		}
		if ((n = xml_char_len(s)) == 0) {
			galley_buf_put(b, run, (size_t)(s - run));
			galley_buf_puts(b, REPLACEMENT);
			s++;
			while ((*s & 0xc0) == 0x80)	/* rest of a bad seq */
				s++;
			run = s;
			continue;
		}
		s += n;
	}
	galley_buf_put(b, run, (size_t)(s - run));
}

/* The length of the prefix of s (which ends at end) that XML can hold
 * as it is. */
static size_t
clean_prefix(const unsigned char *s, const unsigned char *end)
{
	const unsigned char	*p = s;
	size_t			 n;
	uint64_t		 w;

	for (;;) {
		while (end - p >= 8) {
			w = bytes_load(p);
			if (bytes_below(w, 0x20) | bytes_high(w))
				break;
			p += 8;
		}
		while (*p >= 0x20 && *p < 0x80)
			p++;
		if (*p == '\0' || (n = xml_char_len(p)) == 0)
			return (size_t)(p - s);
		p += n;
	}
}

int
xml_is_clean(const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;

	return str[clean_prefix(s, s + strlen(str))] == '\0';
}

char *
xml_clean(const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	const unsigned char	*end = s + strlen(str);
	struct galley_buf	 b;
	size_t			 n;

	galley_buf_init(&b);
	while (*s != '\0') {
		n = clean_prefix(s, end);
		galley_buf_put(&b, s, n);
		s += n;
		if (*s == '\0')
			break;
		/* a page break or Word's line break is white space */
		galley_buf_puts(&b, *s == '\f' || *s == '\v' ? " " :
		    REPLACEMENT);
		s++;
		while ((*s & 0xc0) == 0x80)
			s++;
	}
	if (b.len == 0)
		return strdup("");
	return galley_buf_detach(&b, NULL);
}

static pthread_once_t	 xml_once = PTHREAD_ONCE_INIT;

/* No document galley reads loads a file or URL it names (an external
 * entity, a DTD): the loader refuses them all. */
static xmlParserInputPtr
no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void
xml_init_once(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(no_loader);
}

/*
 * libxml2 initialises itself lazily, and two threads doing so at once
 * deadlock in its mutexes: every writer that uses libxml2 calls this
 * first, and the first call does the work.
 */
void
xml_init(void)
{
	pthread_once(&xml_once, xml_init_once);
}
