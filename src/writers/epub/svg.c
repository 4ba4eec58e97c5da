/*
 * SVG images for the EPUB: parsed with libxml2 and written again with
 * only what draws a picture.  SVG is a core media type of EPUB 3, but a
 * file as editors save it may script (script, event attributes), load
 * other files (use, image, style sheets, fonts), embed HTML
 * (foreignObject), carry editors' own markup (Inkscape, Illustrator,
 * Sketch) or a DOCTYPE: all of that goes, so the picture passes
 * EPUBCheck and draws the same everywhere.  Entities are expanded
 * (Illustrator names its namespaces so); external ones load nothing.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "writers/epub/epub.h"
#include "writers/xml_escape.h"

#define NS_SVG		"http://www.w3.org/2000/svg"
#define NS_XLINK	"http://www.w3.org/1999/xlink"
#define NS_XML		"http://www.w3.org/XML/1998/namespace"

/* SVG 1.1's elements that draw, or hold what draws; sorted. */
static const char *const keep[] = {
	"a", "circle", "clipPath", "defs", "desc", "ellipse", "feBlend",
	"feColorMatrix", "feComponentTransfer", "feComposite",
	"feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap",
	"feDistantLight", "feFlood", "feFuncA", "feFuncB", "feFuncG",
	"feFuncR", "feGaussianBlur", "feMerge", "feMergeNode",
	"feMorphology", "feOffset", "fePointLight", "feSpecularLighting",
	"feSpotLight", "feTile", "feTurbulence", "filter", "g", "line",
	"image", "linearGradient", "marker", "mask", "path", "pattern",
	"polygon",
	"polyline", "radialGradient", "rect", "stop", "style", "svg",
	"switch", "symbol", "text", "textPath", "title", "tspan", "use",
	"view"
};

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
kept_element(const xmlNode *n)
{
	const char	*name = (const char *)n->name;

	if (n->ns == NULL || strcmp((const char *)n->ns->href, NS_SVG) != 0)
		return 0;
	return bsearch(&name, keep, sizeof(keep) / sizeof(keep[0]),
	    sizeof(keep[0]), cmp_name) != NULL;
}

/* CSS that names no file: url() of a fragment only, no @import. */
static int
css_local(const char *s)
{
	const char	*p;

	if (strstr(s, "@import") != NULL || strstr(s, "expression(") != NULL)
		return 0;
	for (p = s; (p = strstr(p, "url(")) != NULL; ) {
		p += 4;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '"' ||
		    *p == '\'')
			p++;
		if (*p != '#')
			return 0;
	}
	return 1;
}

/*
 * SVG 1.1's presentation attributes, by the groups its schema allows on
 * each element (EPUBCheck's, strict: "font-family" on a path fails).  A
 * browser takes them anywhere, as SVG 2 does; one not allowed where it
 * is goes into the style attribute, where the schema takes any.
 */
enum {
	P_COLOR = 1, P_FILLSTROKE = 2, P_GRAPHICS = 4, P_MARKERS = 8,
	P_FONT = 16, P_TEXTCONTENT = 32, P_TEXT = 64, P_VIEWPORTS = 128,
	P_GRADIENTS = 256, P_IMAGES = 512, P_OTHER = 1024,
	P_ALL = 2047
};

static const struct presentation {
	const char	*name;
	int		 group;
} presentation[] = {	/* sorted */
	{ "alignment-baseline", P_TEXTCONTENT },
	{ "baseline-shift", P_TEXTCONTENT }, { "clip", P_VIEWPORTS },
	{ "clip-path", P_GRAPHICS }, { "clip-rule", P_GRAPHICS },
	{ "color", P_COLOR }, { "color-interpolation", P_COLOR },
	{ "color-interpolation-filters", P_OTHER },
	{ "color-profile", P_IMAGES }, { "color-rendering", P_COLOR },
	{ "cursor", P_GRAPHICS }, { "direction", P_TEXTCONTENT },
	{ "display", P_GRAPHICS }, { "dominant-baseline", P_TEXTCONTENT },
	{ "enable-background", P_OTHER }, { "fill", P_FILLSTROKE },
	{ "fill-opacity", P_FILLSTROKE }, { "fill-rule", P_FILLSTROKE },
	{ "filter", P_GRAPHICS }, { "flood-color", P_OTHER },
	{ "flood-opacity", P_OTHER }, { "font-family", P_FONT },
	{ "font-size", P_FONT }, { "font-size-adjust", P_FONT },
	{ "font-stretch", P_FONT }, { "font-style", P_FONT },
	{ "font-variant", P_FONT }, { "font-weight", P_FONT },
	{ "glyph-orientation-horizontal", P_TEXTCONTENT },
	{ "glyph-orientation-vertical", P_TEXTCONTENT },
	{ "image-rendering", P_GRAPHICS }, { "kerning", P_TEXTCONTENT },
	{ "letter-spacing", P_TEXTCONTENT }, { "lighting-color", P_OTHER },
	{ "marker-end", P_MARKERS }, { "marker-mid", P_MARKERS },
	{ "marker-start", P_MARKERS }, { "mask", P_GRAPHICS },
	{ "opacity", P_GRAPHICS }, { "overflow", P_VIEWPORTS },
	{ "pointer-events", P_GRAPHICS },
	{ "shape-rendering", P_GRAPHICS }, { "stop-color", P_GRADIENTS },
	{ "stop-opacity", P_GRADIENTS }, { "stroke", P_FILLSTROKE },
	{ "stroke-dasharray", P_FILLSTROKE },
	{ "stroke-dashoffset", P_FILLSTROKE },
	{ "stroke-linecap", P_FILLSTROKE },
	{ "stroke-linejoin", P_FILLSTROKE },
	{ "stroke-miterlimit", P_FILLSTROKE },
	{ "stroke-opacity", P_FILLSTROKE },
	{ "stroke-width", P_FILLSTROKE }, { "text-anchor", P_TEXT },
	{ "text-decoration", P_TEXTCONTENT },
	{ "text-rendering", P_GRAPHICS },
	{ "unicode-bidi", P_TEXTCONTENT }, { "visibility", P_GRAPHICS },
	{ "word-spacing", P_TEXTCONTENT }, { "writing-mode", P_TEXT }
};

/* The groups an element takes; the rest go into its style. */
static int
groups_of(const char *el)
{
	static const char *const all[] = { "a", "clipPath", "defs", "g",
	    "marker", "mask", "pattern", "svg", "switch", "symbol", "use",
	    NULL };
	size_t	 i;

	for (i = 0; all[i] != NULL; i++)
		if (strcmp(el, all[i]) == 0)
			return P_ALL;
	if (strcmp(el, "path") == 0 || strcmp(el, "line") == 0 ||
	    strcmp(el, "polyline") == 0 || strcmp(el, "polygon") == 0)
		return P_COLOR | P_FILLSTROKE | P_GRAPHICS | P_MARKERS;
	if (strcmp(el, "rect") == 0 || strcmp(el, "circle") == 0 ||
	    strcmp(el, "ellipse") == 0)
		return P_COLOR | P_FILLSTROKE | P_GRAPHICS;
	if (strcmp(el, "text") == 0)
		return P_COLOR | P_FILLSTROKE | P_GRAPHICS | P_FONT |
		    P_TEXTCONTENT | P_TEXT;
	if (strcmp(el, "tspan") == 0 || strcmp(el, "textPath") == 0)
		return P_COLOR | P_FILLSTROKE | P_GRAPHICS | P_FONT |
		    P_TEXTCONTENT;
	if (strcmp(el, "linearGradient") == 0 ||
	    strcmp(el, "radialGradient") == 0 || strcmp(el, "stop") == 0)
		return P_COLOR | P_GRADIENTS;
	if (strcmp(el, "image") == 0)
		return P_COLOR | P_GRAPHICS | P_IMAGES | P_VIEWPORTS;
	return 0;	/* filters, title, style ...: all into style */
}

static int
cmp_presentation(const void *k, const void *e)
{
	return strcmp(k, ((const struct presentation *)e)->name);
}

/* 1 if the attribute is a presentation attribute that element n does
 * not take. */
static int
misplaced(const xmlNode *n, const xmlAttr *a)
{
	const struct presentation *p;

	if (a->ns != NULL)
		return 0;
	p = bsearch(a->name, presentation, sizeof(presentation) /
	    sizeof(presentation[0]), sizeof(presentation[0]),
	    cmp_presentation);
	return p != NULL && (groups_of((const char *)n->name) &
	    p->group) == 0;
}

/* An attribute that stays: SVG's own (no namespace), xml:space and
 * xml:lang, and references to a fragment of the picture itself. */
static int
kept_attribute(const xmlAttr *a)
{
	const char	*name = (const char *)a->name;
	xmlChar		*v;
	int		 ok = 1;

	if (a->ns != NULL && strcmp((const char *)a->ns->href, NS_XML) == 0)
		return strcmp(name, "space") == 0 || strcmp(name, "lang") == 0;
	if (a->ns != NULL && strcmp((const char *)a->ns->href, NS_XLINK) != 0)
		return 0;			/* inkscape:, sodipodi:, ... */
	if (a->ns != NULL && strcmp(name, "href") != 0)
		return strcmp(name, "title") == 0;	/* xlink:title */
	if (strncmp(name, "on", 2) == 0)
		return 0;			/* onclick, onload ... */
	v = xmlNodeGetContent((const xmlNode *)a);
	if (v == NULL)
		return 0;
	if (strcmp(name, "href") == 0)
		ok = v[0] == '#' || (a->parent != NULL &&
		    strcmp((const char *)a->parent->name, "image") == 0 &&
		    (strncmp((const char *)v, "data:image/png", 14) == 0 ||
		    strncmp((const char *)v, "data:image/jpeg", 15) == 0 ||
		    strncmp((const char *)v, "data:image/gif", 14) == 0));
	else if (strcmp(name, "style") == 0 ||
	    strstr((const char *)v, "url(") != NULL)
		ok = css_local((const char *)v);
	xmlFree(v);
	return ok;
}

/* A child that goes, whole: an element that does not draw, an editor's
 * processing instruction or comment. */
static int
dropped(const xmlNode *c)
{
	switch (c->type) {
	case XML_ELEMENT_NODE:
		return !kept_element(c);
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		return 0;
	default:
		return 1;
	}
}

/* Attribute a of n into n's style ("font-family:Arial;" before what
 * the style says: the style wins, as it did), and removed. */
static void
to_style(xmlNode *n, xmlAttr *a)
{
	xmlChar	*v = xmlNodeGetContent((const xmlNode *)a);
	xmlChar	*old = xmlGetNoNsProp(n, (const xmlChar *)"style");
	size_t	 len;
	char	*s;

	if (v != NULL && strchr((const char *)v, ';') == NULL &&
	    strchr((const char *)v, '}') == NULL) {
		len = strlen((const char *)a->name) + strlen((const char *)v) +
		    (old != NULL ? strlen((const char *)old) : 0) + 3;
		if ((s = malloc(len)) == NULL)
			epub_oom();
		snprintf(s, len, "%s:%s;%s", (const char *)a->name,
		    (const char *)v, old != NULL ? (const char *)old : "");
		xmlSetProp(n, (const xmlChar *)"style", (const xmlChar *)s);
		free(s);
	}
	xmlFree(v);
	xmlFree(old);
	xmlRemoveProp(a);
}

static void
clean_element(xmlNode *n, void *arg)
{
	xmlNode	*c, *cn;
	xmlAttr	*a, *an;
	xmlChar	*css;

	(void)arg;
	if (strcmp((const char *)n->name, "a") == 0) {
		/* a link in a picture shown by <img> goes nowhere: a group
		 * (EPUBCheck asks links for a title, ACC-011) */
		xmlNodeSetName(n, (const xmlChar *)"g");
		for (a = n->properties; a != NULL; a = an) {
			an = a->next;
			if (strcmp((const char *)a->name, "href") == 0 ||
			    strcmp((const char *)a->name, "target") == 0 ||
			    strcmp((const char *)a->name, "title") == 0)
				xmlRemoveProp(a);
		}
	}
	for (a = n->properties; a != NULL; a = an) {
		an = a->next;
		if (!kept_attribute(a))
			xmlRemoveProp(a);
	}
	for (a = n->properties; a != NULL; a = an) {
		an = a->next;
		if (misplaced(n, a))
			to_style(n, a);
	}
	for (c = n->children; c != NULL; c = cn) {
		cn = c->next;
		if (dropped(c)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	if (strcmp((const char *)n->name, "style") == 0) {
		css = xmlNodeGetContent(n);
		if (css != NULL && !css_local((const char *)css))
			xmlNodeSetContent(n, NULL);
		xmlFree(css);
	}
}

/* Declarations of the namespaces dropped: only SVG's and XLink's stay
 * (once nothing uses the others). */
static void
clean_namespaces(xmlNode *n, void *arg)
{
	xmlNs	**p = &n->nsDef, *ns;

	(void)arg;
	while ((ns = *p) != NULL) {
		if (ns->href != NULL && (strcmp((const char *)ns->href,
		    NS_SVG) == 0 || strcmp((const char *)ns->href,
		    NS_XLINK) == 0))
			p = &ns->next;
		else {
			*p = ns->next;
			ns->next = NULL;
			xmlFreeNs(ns);
		}
	}
}

/* The ids of the picture, to drop references to none. */
struct ids {
	char	**v;
	size_t	  n, cap;
};

static void
collect_id(xmlNode *n, void *arg)
{
	struct ids	*ids = arg;
	xmlChar		*id = xmlGetNoNsProp(n, (const xmlChar *)"id");

	if (id == NULL)
		return;
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 64;
		if ((ids->v = realloc(ids->v, ids->cap *
		    sizeof(*ids->v))) == NULL)
			epub_oom();
	}
	ids->v[ids->n++] = (char *)id;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* href="#x" where no element has id x (its element was dropped, or
 * never was): EPUBCheck's RSC-012. */
static void
drop_dangling(xmlNode *n, void *arg)
{
	struct ids	*ids = arg;
	xmlAttr		*a, *an;
	xmlChar		*v;
	const char	*key;

	for (a = n->properties; a != NULL; a = an) {
		an = a->next;
		if (strcmp((const char *)a->name, "href") != 0 ||
		    (v = xmlNodeGetContent((const xmlNode *)a)) == NULL)
			continue;
		key = (const char *)v + 1;
		if (v[0] == '#' && (ids->n == 0 || bsearch(&key, ids->v,
		    ids->n, sizeof(*ids->v), cmp_str) == NULL))
			xmlRemoveProp(a);
		xmlFree(v);
	}
}

/* Each element below root, root first, without recursion (any depth). */
static void
walk(xmlNode *root, void (*fn)(xmlNode *, void *), void *arg)
{
	xmlNode	*n = root;

	fn(root, arg);
	for (;;) {
		if (n->type == XML_ELEMENT_NODE && n->children != NULL)
			n = n->children;
		else {
			while (n != root && n->next == NULL)
				n = n->parent;
			if (n == root)
				return;
			n = n->next;
		}
		if (n->type == XML_ELEMENT_NODE)
			fn(n, arg);
	}
}

/* Is this the start of an XML document (or of an svg element)? */
static int
looks_xml(const unsigned char *d, size_t len)
{
	size_t	 i = 0;

	if (len >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' ||
	    d[i] == '\n'))
		i++;
	return i + 4 < len && d[i] == '<' && (d[i + 1] == '?' ||
	    d[i + 1] == '!' || memcmp(d + i + 1, "svg", 3) == 0);
}

char *
epub_svg_clean(const char *data, size_t len, size_t *outlen, char *why,
    size_t whysz)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr	 doc;
	xmlNode		*root;
	xmlDtdPtr	 dtd;
	xmlChar		*mem = NULL;
	char		*out = NULL, *p;
	struct ids	 ids = { NULL, 0, 0 };
	size_t		 i;
	int		 size = 0;

	*outlen = 0;
	if (whysz > 0)
		why[0] = '\0';
	if (!looks_xml((const unsigned char *)data, len) || len > INT_MAX)
		return NULL;
	xml_init();	/* and no external entity loads anything */
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		epub_oom();
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, "image.svg", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (doc == NULL || !ctxt->wellFormed) {
		const xmlError	*err = &ctxt->lastError;

		snprintf(why, whysz, "line %d: %s", err->line,
		    err->message != NULL ? err->message : "not well-formed");
		why[strcspn(why, "\n")] = '\0';
		if ((p = strstr(why, " use XML_PARSE_HUGE")) != NULL)
			*p = '\0';	/* libxml2's advice, not the user's */
		xmlFreeParserCtxt(ctxt);
		if (doc != NULL)
			xmlFreeDoc(doc);
		return NULL;
	}
	xmlFreeParserCtxt(ctxt);
	root = xmlDocGetRootElement(doc);
	if (root == NULL || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, NS_SVG) != 0 ||
	    strcmp((const char *)root->name, "svg") != 0) {
		snprintf(why, whysz, "its root is not <svg xmlns=\"%s\">",
		    NS_SVG);
		goto done;
	}
	if ((dtd = xmlGetIntSubset(doc)) != NULL) {
		xmlUnlinkNode((xmlNode *)dtd);
		xmlFreeDtd(dtd);
	}
	/* comments and instructions beside the root go too */
	while (doc->children != root) {
		xmlNode	*c = doc->children;

		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	while (root->next != NULL) {
		xmlNode	*c = root->next;

		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	walk(root, clean_element, NULL);
	walk(root, clean_namespaces, NULL);
	walk(root, collect_id, &ids);
	if (ids.n > 0)
		qsort(ids.v, ids.n, sizeof(*ids.v), cmp_str);
	walk(root, drop_dangling, &ids);
	for (i = 0; i < ids.n; i++)
		xmlFree(ids.v[i]);
	free(ids.v);
	xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
	if (mem != NULL && size > 0) {
		if ((out = malloc((size_t)size)) == NULL)
			epub_oom();
		memcpy(out, mem, (size_t)size);
		*outlen = (size_t)size;
	}
	xmlFree(mem);
done:
	xmlFreeDoc(doc);
	return out;
}
