/*
 * libFuzzer harness: the EPUB writer's SVG cleaner.  Whatever it keeps
 * must be well-formed XML with an <svg> root in SVG's namespace, and
 * hold nothing that runs or loads: no element outside SVG's namespace,
 * no script, foreignObject or a; no event attribute; no href but to a
 * fragment (or an image's PNG, JPEG or GIF data); no @import or url()
 * of anything but a fragment, in any case; no DOCTYPE.
 */
#define _GNU_SOURCE	/* strcasestr */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "writers/epub/epub.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_css(const char *s)
{
	const char	*p;

	if (strcasestr(s, "@import") != NULL || strchr(s, '\\') != NULL)
		abort();
	for (p = s; (p = strcasestr(p, "url(")) != NULL; ) {
		p += 4;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == '"' || *p == '\'')
			p++;
		if (*p != '#')
			abort();
	}
}

static void
check(xmlNode *n)
{
	xmlAttr	*a;
	xmlChar	*v;
	xmlNode	*c;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns == NULL || strcmp((const char *)n->ns->href,
		    "http://www.w3.org/2000/svg") != 0 ||
		    strcmp((const char *)n->name, "script") == 0 ||
		    strcmp((const char *)n->name, "foreignObject") == 0 ||
		    strcmp((const char *)n->name, "a") == 0)
			abort();
		for (a = n->properties; a != NULL; a = a->next) {
			v = xmlNodeGetContent((xmlNode *)a);
			if (strncasecmp((const char *)a->name, "on", 2) == 0)
				abort();
			if (strcmp((const char *)a->name, "href") == 0 &&
			    v != NULL && v[0] != '#' &&
			    strncmp((const char *)v, "data:image/png", 14) &&
			    strncmp((const char *)v, "data:image/jpeg", 15) &&
			    strncmp((const char *)v, "data:image/gif", 14))
				abort();
			/* a class is names, never fetched */
			if (v != NULL && strcmp((const char *)a->name,
			    "class") != 0 && (strcmp((const char *)a->name,
			    "style") == 0 || strcasestr((const char *)v,
			    "url(") != NULL))
				check_css((const char *)v);
			xmlFree(v);
		}
		if (strcmp((const char *)n->name, "style") == 0) {
			v = xmlNodeGetContent(n);
			if (v != NULL)
				check_css((const char *)v);
			xmlFree(v);
		}
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE) {
				check(c);
				break;	/* check() walks the siblings */
			}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 why[256];
	size_t		 n;
	char		*out;
	xmlDocPtr	 d;

	out = epub_svg_clean((const char *)data, size, &n, why, sizeof(why));
	if (out == NULL)
		return 0;
	d = xmlReadMemory(out, (int)n, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (d == NULL || xmlGetIntSubset(d) != NULL ||
	    strcmp((const char *)xmlDocGetRootElement(d)->name, "svg") != 0)
		abort();
	check(xmlDocGetRootElement(d));
	xmlFreeDoc(d);
	free(out);
	return 0;
}
