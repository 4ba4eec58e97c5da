/*
 * Hosts of absolute URLs ("scheme://host/..."), for the links filter and
 * the writers: a host must be a DNS name, an IPv4 or a bracketed IPv6
 * address; a name in another script is written in ASCII (IDNA, through
 * ICU: "bücher.de" -> "xn--bcher-kva.de").
 */
#ifndef GALLEY_URL_H
#define GALLEY_URL_H

/*
 * 0 if url has no host or a good one: then *ascii is NULL if url can be
 * written as it is, else url with its host in ASCII (malloc'd).  -1 if
 * the host can be no host ("www.b]", "¦¦¦"); *ascii is NULL.
 */
int	url_host_ascii(const char *url, char **ascii);

/*
 * url as a URI reference TEI's anyURI and EPUB readers accept, malloc'd:
 * the host in ASCII (IDNA); spaces, controls, '"<>\\^`{|}', a '%' that
 * starts no escape, a second '#', brackets but those around an IPv6
 * host, and a first segment's colons that make no scheme percent-
 * encoded; bytes beyond ASCII too unless iri (an IRI keeps them).
 */
char	*url_escape(const char *url, int iri);

/* s with its %xx escapes decoded ("Key%20Points": "Key Points"; a %00
 * is kept as it is), malloc'd; NULL if out of memory. */
char	*url_decode(const char *s);

/* A site path under --link-base: base without its trailing '/', then
 * url without its leading '/' or "./" ("https://ex.com/blog/",
 * "/lease" -> "https://ex.com/blog/lease"), malloc'd; NULL if out of
 * memory. */
char	*url_under_base(const char *base, const char *url);

#endif
