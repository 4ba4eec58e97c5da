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

#endif
