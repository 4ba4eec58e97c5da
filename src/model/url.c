/*
 * Hosts of absolute URLs: checked, and written in ASCII (see url.h).
 * A host is a DNS name (letters, digits, "-._~"), an IPv4 address or
 * [IPv6]; a name in another script must pass IDNA with the STD3 rules.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uidna.h>

#include "galley/buf.h"
#include "model/url.h"

/* Where the host of url starts and its length; 0 if url has none. */
static int
host_of(const char *url, size_t *start, size_t *len)
{
	const char	*p = url, *a, *end, *at, *h;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	if (strncmp(p, "://", 3) != 0) {
		/* web schemes need their "//host" */
		size_t	 n = (size_t)(p - url);

		if (*p == ':' && ((n == 4 && strncasecmp(url, "http", 4) == 0) ||
		    (n == 5 && strncasecmp(url, "https", 5) == 0) ||
		    (n == 3 && strncasecmp(url, "ftp", 3) == 0)))
			return -1;
		return 0;
	}
	a = p + 3;
	end = a + strcspn(a, "/?#");
	at = NULL;
	for (h = a; h < end; h++)	/* userinfo@ */
		if (*h == '@')
			at = h;
	h = at != NULL ? at + 1 : a;
	if (*h == '[') {		/* [IPv6], then :port or nothing */
		const char *close = memchr(h, ']', (size_t)(end - h));
		const char *c;

		if (close == NULL)
			return -1;
		c = close + 1;
		if (c < end && *c++ != ':')
			return -1;
		while (c < end)
			if (!isdigit((unsigned char)*c++))
				return -1;
		end = close + 1;
	} else {			/* drop :port */
		const char *c = end;

		while (c > h && isdigit((unsigned char)c[-1]))
			c--;
		if (c > h && c[-1] == ':')
			end = c - 1;
	}
	*start = (size_t)(h - url);
	*len = (size_t)(end - h);
	return 1;
}

/* Every label of an ASCII name: 1 to 63 characters, no '-' at either
 * end (a final dot is allowed). */
static int
labels_ok(const char *h, size_t len)
{
	size_t	 i = 0, n;

	while (i < len) {
		for (n = 0; i + n < len && h[i + n] != '.'; n++)
			;
		if (n == 0 ? i + n < len || i == 0 : n > 63 || h[i] == '-' ||
		    h[i + n - 1] == '-')
			return 0;
		i += n + 1;
	}
	return 1;
}

int
url_host_ascii(const char *url, char **ascii)
{
	size_t		 start, len, i;
	int		 nonascii = 0, rc;
	UErrorCode	 st = U_ZERO_ERROR;
	UIDNAInfo	 info = UIDNA_INFO_INITIALIZER;
	UIDNA		*idna;
	char		 out[256];
	int32_t		 n;

	*ascii = NULL;
	if ((rc = host_of(url, &start, &len)) <= 0)
		return rc;
	if (len > 0 && url[start] == '[') {
		struct in6_addr	 a6;

		if (len - 2 >= sizeof(out))
			return -1;
		memcpy(out, url + start + 1, len - 2);
		out[len - 2] = '\0';
		return inet_pton(AF_INET6, out, &a6) == 1 ? 0 : -1;
	}
	if (len == 0)		/* "file:///x" only */
		return strncasecmp(url, "file:", 5) == 0 ? 0 : -1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)url[start + i];

		if (c >= 0x80)
			nonascii = 1;
		else if (!isalnum(c) && strchr("-._", c) == NULL)
			return -1;	/* not in a DNS name ('~' neither) */
	}
	if (!nonascii)
		return labels_ok(url + start, len) ? 0 : -1;
	idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII |
	    UIDNA_USE_STD3_RULES, &st);
	if (U_FAILURE(st))
		return -1;
	n = uidna_nameToASCII_UTF8(idna, url + start, (int32_t)len, out,
	    (int32_t)sizeof(out), &info, &st);
	uidna_close(idna);
	if (U_FAILURE(st) || info.errors != 0 || n <= 0 ||
	    (size_t)n >= sizeof(out))
		return -1;
	if ((*ascii = malloc(strlen(url) - len + (size_t)n + 1)) == NULL)
		return -1;
	memcpy(*ascii, url, start);
	memcpy(*ascii + start, out, (size_t)n);
	strcpy(*ascii + start + (size_t)n, url + start + len);
	return 0;
}

/*
 * Bytes of the UTF-8 character at p an IRI may hold as they are (RFC
 * 3987 ucschar: not the C1 controls, private use or noncharacters), or
 * 0 to escape them.
 */
static size_t
iri_char(const unsigned char *p)
{
	unsigned	 cp;
	size_t		 n, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < 0xa0 || (cp >= 0xd800 && cp <= 0xf8ff) ||
	    (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe ||
	    cp >= 0xe0000)
		return 0;
	/* white space, invisible formatting and bidi controls: no reader
	 * (nor EPUBCheck) takes them unescaped */
	if (cp == 0xa0 || cp == 0x1680 || cp == 0x180e ||
	    (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
	    (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000 || cp == 0xfeff)
		return 0;
	return n;
}

char *
url_escape(const char *s, int iri)
{
	static const char	 keep[] = "-._~:/?#[]@!$&'()*+,;=";
	static const char	 scheme[] = "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-";
	struct galley_buf	 b;
	char			*ascii = NULL, *out;
	const unsigned char	*p, *v6 = NULL, *v6_end = NULL;
	const char		*sep;
	size_t			 seg = strcspn(s, "/?#"), n = strspn(s, scheme);
	int			 hash = 0, colons;
	size_t			 k;

	/* a ':' in the first segment makes a scheme: when what comes before
	 * is none ("dat%C3:x", ":x"), or nothing comes after ("x:"), the
	 * colons are escaped */
	colons = memchr(s, ':', seg) != NULL && !(n > 0 && n < seg &&
	    s[n] == ':' && isalpha((unsigned char)s[0]) && s[n + 1] != '\0');
	/* a host in another script in ASCII (IDNA) */
	if (url_host_ascii(s, &ascii) == 0 && ascii != NULL)
		s = ascii;
	/* the brackets of an IPv6 host stay */
	if ((sep = strstr(s, "://")) != NULL && sep > s &&
	    strspn(s, scheme) == (size_t)(sep - s)) {
		v6 = (const unsigned char *)sep + 3;
		v6_end = *v6 == '[' ? (const unsigned char *)strchr(
		    (const char *)v6, ']') : NULL;
		if (v6_end == NULL || (size_t)(v6_end - v6) > strcspn(
		    (const char *)v6, "/?#"))
			v6 = v6_end = NULL;
	}
	galley_buf_init(&b);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '#' && hash++)
			galley_buf_puts(&b, "%23");
		else if (*p == ':' && colons &&
		    (size_t)(p - (const unsigned char *)s) < seg)
			galley_buf_puts(&b, "%3A");
		else if ((*p == '[' || *p == ']') && p != v6 && p != v6_end)
			galley_buf_printf(&b, "%%%02X", *p);
		else if (*p >= 0x80 && iri && (k = iri_char(p)) > 0) {
			galley_buf_put(&b, p, k);	/* a character, whole */
			p += k - 1;
		} else if (*p < 0x80 && (isalnum(*p) ||
		    strchr(keep, *p) != NULL))
			galley_buf_putc(&b, (char)*p);
		else if (*p == '%' && isxdigit(p[1]) && isxdigit(p[2]))
			galley_buf_putc(&b, '%');
		else
			galley_buf_printf(&b, "%%%02X", *p);
	}
	galley_buf_putc(&b, '\0');
	out = galley_buf_detach(&b, NULL);
	free(ascii);
	return out;
}

static int
hex_digit(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *
url_decode(const char *s)
{
	char	*d = malloc(strlen(s) + 1);
	size_t	 n = 0;

	if (d == NULL)
		return NULL;
	for (; *s != '\0'; s++)
		if (*s == '%' && hex_digit(s[1]) >= 0 && hex_digit(s[2]) >= 0 &&
		    (hex_digit(s[1]) | hex_digit(s[2])) != 0) {
			d[n++] = (char)(hex_digit(s[1]) * 16 + hex_digit(s[2]));
			s += 2;
		} else
			d[n++] = *s;
	d[n] = '\0';
	return d;
}

char *
url_under_base(const char *base, const char *url)
{
	size_t	 blen = strlen(base);
	char	*out;

	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	while (url[0] == '/' || strncmp(url, "./", 2) == 0)
		url += url[0] == '/' ? 1 : 2;
	if ((out = malloc(blen + strlen(url) + 2)) == NULL)
		return NULL;
	memcpy(out, base, blen);
	out[blen] = '/';
	strcpy(out + blen + 1, url);
	return out;
}
