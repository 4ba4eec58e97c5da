/* Hosts of absolute URLs: which are none, and IDNA into ASCII. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/url.h"
#include "tap.h"

static const char *
ascii(const char *url, char *buf, size_t sz)
{
	char	*a;
	int	 rc = url_host_ascii(url, &a);

	if (rc == -1)
		snprintf(buf, sz, "(none)");
	else
		snprintf(buf, sz, "%s", a != NULL ? a : url);
	free(a);
	return buf;
}

int
main(void)
{
	static const struct { const char *in, *want, *what; } t[] = {
		{ "https://example.com/a b", "https://example.com/a b",
		    "an ASCII host stays" },
		{ "https://user@example.com:8080/x", "https://user@example.com:8080/x",
		    "userinfo and port" },
		{ "https://bücher.de/seite", "https://xn--bcher-kva.de/seite",
		    "IDNA: a name in another script in ASCII" },
		{ "http://[::1]:80/a", "http://[::1]:80/a", "an IPv6 host" },
		{ "http://[:81]:8080/a", "(none)", "no IPv6 address in brackets" },
		{ "http://[::1]:80e", "(none)", "a port that is no number" },
		{ "https:/example.com/x", "(none)", "http(s) without //" },
		{ "http://www.b]", "(none)", "a bracket is no host" },
		{ "https://xn--in(void)-x", "(none)", "parentheses are no host" },
		{ "http://www.example-", "(none)", "a label ending in '-'" },
		{ "http://a..b/", "(none)", "an empty label" },
		{ "http://?x", "(none)", "an empty host" },
		{ "file:///etc/x", "file:///etc/x", "file: may have none" },
		{ "mailto:a@b.c", "mailto:a@b.c", "no authority: nothing to check" },
		{ "/lease", "/lease", "a path: nothing to check" },
		{ "https://example.com./", "https://example.com./",
		    "a final dot" },
	};
	char	 buf[256];
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK_STR(ascii(t[i].in, buf, sizeof(buf)), t[i].want,
		    t[i].what);
	/* IRIs keep letters of any script, but escape white space and
	 * invisible controls, which EPUBCheck takes for no URI */
	{
		char	*e = url_escape("https://example.com/\xc3\xa9t\xc3\xa9"
		    "\xc2\xa0" "a\xe2\x80\xa8" "b\xe3\x80\x80" "c\xe2\x80\x8b",
		    1);

		CHECK_STR(e, "https://example.com/\xc3\xa9t\xc3\xa9%C2%A0a"
		    "%E2%80%A8" "b%E3%80%80" "c%E2%80%8B",
		    "IRI: letters kept, NBSP, LS, ideographic space, ZWSP "
		    "escaped");
		free(e);
	}
	return TAP_DONE();
}
