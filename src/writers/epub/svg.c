/*
 * SVG images for the EPUB: parsed with libxml2 and written again with
 * only what draws a picture.  SVG is a core media type of EPUB 3, but a
 * file as editors save it may script (script, event attributes), load
 * other files (use, image, style sheets, fonts), embed HTML
 * (foreignObject), carry editors' own markup (Inkscape, Illustrator,
 * Sketch) or a DOCTYPE, and use attributes and values that EPUBCheck's
 * SVG 1.1 schema refuses where they stand: all of that goes or moves
 * (presentation attributes into style), so the picture passes EPUBCheck
 * and draws the same everywhere.  Entities are expanded (Illustrator
 * names its namespaces so); external ones load nothing.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "galley/buf.h"
#include "writers/epub/epub.h"
#include "writers/xml_escape.h"
#include "model/oom.h"

#define NS_SVG		"http://www.w3.org/2000/svg"
#define NS_XLINK	"http://www.w3.org/1999/xlink"
#define NS_XML		"http://www.w3.org/XML/1998/namespace"

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * CSS that names no file: url() of a fragment only; no @import,
 * image-set(), expression() or escapes (which could spell them), in
 * any case.
 */
static int
css_local(const char *s)
{
	char	*low, *p;
	size_t	 i;
	int	 ok = 1;

	if (strchr(s, '\\') != NULL)
		return 0;
	if ((low = strdup(s)) == NULL)
		galley_oom();
	for (i = 0; low[i] != '\0'; i++)
		if (low[i] >= 'A' && low[i] <= 'Z')
			low[i] = (char)(low[i] - 'A' + 'a');
	if (strstr(low, "@import") != NULL ||
	    strstr(low, "expression(") != NULL ||
	    strstr(low, "image-set(") != NULL ||
	    strstr(low, "image(") != NULL)
		ok = 0;
	for (p = low; ok && (p = strstr(p, "url(")) != NULL; ) {
		p += 4;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == '"' || *p == '\'')
			p++;
		if (*p != '#')
			ok = 0;
	}
	free(low);
	return ok;
}

/*
 * SVG 1.1's presentation attributes (and SVG 2's, as CSS properties).
 * EPUBCheck's schema takes each on some elements only and with SVG
 * 1.1's values only ("font-family" on a path, stroke-linejoin="arcs"
 * fail); a browser takes them anywhere, as properties.  So they all go
 * into the style attribute, where the schema checks neither.  (A rule
 * of the picture's own style sheet for the same property of the same
 * element now loses to them: rare in editors' files.)
 */
static const char *const presentation[] = {	/* sorted */
	"alignment-baseline", "baseline-shift", "clip", "clip-path",
	"clip-rule", "color", "color-interpolation",
	"color-interpolation-filters", "color-profile", "color-rendering",
	"cursor", "direction", "display", "dominant-baseline",
	"enable-background", "fill", "fill-opacity", "fill-rule", "filter",
	"flood-color", "flood-opacity", "font", "font-family", "font-size",
	"font-size-adjust", "font-stretch", "font-style", "font-variant",
	"font-weight", "glyph-orientation-horizontal",
	"glyph-orientation-vertical", "image-rendering", "isolation",
	"kerning", "letter-spacing", "lighting-color", "marker",
	"marker-end", "marker-mid", "marker-start", "mask", "mask-type",
	"mix-blend-mode", "opacity", "overflow", "paint-order",
	"pointer-events", "shape-rendering", "solid-color", "solid-opacity",
	"stop-color", "stop-opacity", "stroke", "stroke-dasharray",
	"stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
	"stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor",
	"text-decoration", "text-rendering", "transform-box",
	"transform-origin", "unicode-bidi", "vector-effect", "visibility",
	"white-space", "word-spacing", "writing-mode"
};

static int
is_presentation(const char *name)
{
	return bsearch(&name, presentation, sizeof(presentation) /
	    sizeof(presentation[0]), sizeof(presentation[0]),
	    cmp_name) != NULL;
}

#define COND	" requiredFeatures requiredExtensions systemLanguage "
#define FE	" x y width height result "

/*
 * The attributes each element takes in SVG 1.1, besides id, xml:lang,
 * xml:space, lang, role, aria-*, class and style (the last two not on
 * the elements marked 0) and the presentation attributes (in style);
 * "href" is XLink's, or SVG 2's without a namespace.  Sorted by name.
 */
static const struct svg_elem {
	const char	*name;
	int		 style;
	const char	*attrs;
} elems[] = {
	{ "circle", 1, COND "cx cy r transform " },
	{ "clipPath", 1, COND "clipPathUnits transform " },
	{ "defs", 1, COND "transform " },
	{ "desc", 1, " " },
	{ "ellipse", 1, COND "cx cy rx ry transform " },
	{ "feBlend", 1, FE "in in2 mode " },
	{ "feColorMatrix", 1, FE "in type values " },
	{ "feComponentTransfer", 1, FE "in " },
	{ "feComposite", 1, FE "in in2 operator k1 k2 k3 k4 " },
	{ "feConvolveMatrix", 1, FE "in order kernelMatrix divisor bias "
	    "targetX targetY edgeMode kernelUnitLength preserveAlpha " },
	{ "feDiffuseLighting", 1, FE "in surfaceScale diffuseConstant "
	    "kernelUnitLength " },
	{ "feDisplacementMap", 1, FE "in in2 scale xChannelSelector "
	    "yChannelSelector " },
	{ "feDistantLight", 0, " azimuth elevation " },
	{ "feFlood", 1, FE },
	{ "feFuncA", 0, " type tableValues slope intercept amplitude "
	    "exponent offset " },
	{ "feFuncB", 0, " type tableValues slope intercept amplitude "
	    "exponent offset " },
	{ "feFuncG", 0, " type tableValues slope intercept amplitude "
	    "exponent offset " },
	{ "feFuncR", 0, " type tableValues slope intercept amplitude "
	    "exponent offset " },
	{ "feGaussianBlur", 1, FE "in stdDeviation " },
	{ "feMerge", 1, FE },
	{ "feMergeNode", 0, " in " },
	{ "feMorphology", 1, FE "in operator radius " },
	{ "feOffset", 1, FE "in dx dy " },
	{ "fePointLight", 0, " x y z " },
	{ "feSpecularLighting", 1, FE "in surfaceScale specularConstant "
	    "specularExponent kernelUnitLength " },
	{ "feSpotLight", 0, " x y z pointsAtX pointsAtY pointsAtZ "
	    "specularExponent limitingConeAngle " },
	{ "feTile", 1, FE "in " },
	{ "feTurbulence", 1, FE "baseFrequency numOctaves seed stitchTiles "
	    "type " },
	{ "filter", 1, " x y width height filterRes filterUnits "
	    "primitiveUnits href " },
	{ "g", 1, COND "transform " },
	{ "image", 1, COND "x y width height transform preserveAspectRatio "
	    "href " },
	{ "line", 1, COND "x1 y1 x2 y2 transform " },
	{ "linearGradient", 1, " x1 y1 x2 y2 gradientUnits gradientTransform "
	    "spreadMethod href " },
	{ "marker", 1, " viewBox preserveAspectRatio refX refY markerUnits "
	    "markerWidth markerHeight orient " },
	{ "mask", 1, COND "x y width height maskUnits maskContentUnits " },
	{ "path", 1, COND "d pathLength transform " },
	{ "pattern", 1, COND "viewBox preserveAspectRatio x y width height "
	    "patternUnits patternContentUnits patternTransform href " },
	{ "polygon", 1, COND "points transform " },
	{ "polyline", 1, COND "points transform " },
	{ "radialGradient", 1, " cx cy r fx fy gradientUnits "
	    "gradientTransform spreadMethod href " },
	{ "rect", 1, COND "x y width height rx ry transform " },
	{ "stop", 1, " offset " },
	{ "style", 0, " type media title " },
	{ "svg", 1, COND "x y width height viewBox preserveAspectRatio "
	    "version baseProfile " },
	{ "switch", 1, COND "transform " },
	{ "symbol", 1, " viewBox preserveAspectRatio " },
	{ "text", 1, COND "x y dx dy rotate textLength lengthAdjust "
	    "transform " },
	{ "textPath", 1, COND "href startOffset method spacing " },
	{ "title", 1, " " },
	{ "tspan", 1, COND "x y dx dy rotate textLength lengthAdjust " },
	{ "use", 1, COND "x y width height transform href " },
	{ "view", 0, " viewBox preserveAspectRatio zoomAndPan viewTarget " },
};

static int
cmp_elem(const void *k, const void *e)
{
	return strcmp(k, ((const struct svg_elem *)e)->name);
}

static const struct svg_elem *
elem_of(const xmlNode *n)
{
	return bsearch(n->name, elems, sizeof(elems) / sizeof(elems[0]),
	    sizeof(elems[0]), cmp_elem);
}

/* name is a word of the list " a b c ". */
static int
listed(const char *list, const char *name)
{
	size_t		 n = strlen(name);
	const char	*p;

	for (p = list; (p = strstr(p, name)) != NULL; p += n)
		if (p > list && p[-1] == ' ' && p[n] == ' ')
			return 1;
	return 0;
}

static int
kept_element(const xmlNode *n)
{
	const char	*name = (const char *)n->name;

	if (n->ns == NULL || strcmp((const char *)n->ns->href, NS_SVG) != 0)
		return 0;
	return strcmp(name, "a") == 0 || elem_of(n) != NULL;
}

/* Where an element may stand: its parent's name, or NULL for where
 * any container has it. */
static int
well_placed(const xmlNode *c, const xmlNode *parent)
{
	const char	*n = (const char *)c->name;
	const char	*p = (const char *)parent->name;

	if (strcmp(n, "stop") == 0)
		return strcmp(p, "linearGradient") == 0 ||
		    strcmp(p, "radialGradient") == 0;
	if (strncmp(n, "feFunc", 6) == 0)
		return strcmp(p, "feComponentTransfer") == 0;
	if (strcmp(n, "feMergeNode") == 0)
		return strcmp(p, "feMerge") == 0;
	if (strcmp(n, "feDistantLight") == 0 ||
	    strcmp(n, "fePointLight") == 0 || strcmp(n, "feSpotLight") == 0)
		return strcmp(p, "feDiffuseLighting") == 0 ||
		    strcmp(p, "feSpecularLighting") == 0;
	if (strncmp(n, "fe", 2) == 0)
		return strcmp(p, "filter") == 0;
	if (strcmp(n, "tspan") == 0 || strcmp(n, "textPath") == 0)
		return strcmp(p, "text") == 0 || strcmp(p, "tspan") == 0 ||
		    strcmp(p, "textPath") == 0 || strcmp(p, "a") == 0;
	/* text content goes in text only, and nothing in these */
	if (strcmp(p, "title") == 0 || strcmp(p, "desc") == 0 ||
	    strcmp(p, "style") == 0 || strcmp(p, "stop") == 0)
		return 0;
	return 1;
}

/* Shapes without what makes them (a rect with no width) draw nothing in
 * SVG 1.1, and its schema wants it. */
static int
complete(const xmlNode *c)
{
	static const char *const need[][3] = {
		{ "rect", "width", "height" }, { "circle", "r", NULL },
		{ "ellipse", "rx", "ry" }, { "path", "d", NULL },
		{ "polygon", "points", NULL }, { "polyline", "points", NULL },
	};
	size_t	 i, k;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (strcmp((const char *)c->name, need[i][0]) == 0)
			for (k = 1; k < 3 && need[i][k] != NULL; k++)
				if (!xmlHasNsProp(c, (const xmlChar *)
				    need[i][k], NULL))
					return 0;
	return 1;
}

/* Text where only text elements, titles and style sheets have it. */
static int
text_here(const xmlNode *parent)
{
	const char	*p = (const char *)parent->name;

	return strcmp(p, "text") == 0 || strcmp(p, "tspan") == 0 ||
	    strcmp(p, "textPath") == 0 || strcmp(p, "title") == 0 ||
	    strcmp(p, "desc") == 0 || strcmp(p, "style") == 0 ||
	    strcmp(p, "a") == 0;
}

static int
blank(const xmlChar *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* A child that goes, whole: an element that does not draw or not
 * there, an editor's processing instruction or comment, text outside
 * text. */
static int
dropped(const xmlNode *c, const xmlNode *parent)
{
	switch (c->type) {
	case XML_ELEMENT_NODE:
		return !kept_element(c) || !well_placed(c, parent) ||
		    !complete(c);
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		return !text_here(parent) && !blank(c->content);
	default:
		return 1;
	}
}

/* An attribute that stays on element n (presentation ones go into
 * style first): SVG 1.1's for n, and references to a fragment of the
 * picture itself (or an image's PNG, JPEG or GIF data). */
static int
kept_attribute(const xmlNode *n, const xmlAttr *a)
{
	const struct svg_elem	*e = elem_of(n);
	const char		*name = (const char *)a->name;
	xmlChar			*v;
	int			 ok;

	if (e == NULL)
		return 0;
	if (a->ns != NULL && strcmp((const char *)a->ns->href, NS_XML) == 0) {
		if (a->ns->prefix == NULL || strcmp((const char *)a->ns->prefix,
		    "xml") != 0 || (v = xmlNodeGetContent((const xmlNode *)
		    a)) == NULL)
			return 0;
		/* xml:space="default" or "preserve"; xml:lang a tag */
		ok = strcmp(name, "space") == 0 ? strcmp((const char *)v,
		    "default") == 0 || strcmp((const char *)v,
		    "preserve") == 0 : strcmp(name, "lang") == 0 &&
		    strspn((const char *)v, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
		    strlen((const char *)v);
		xmlFree(v);
		return ok;
	}
	if (a->ns != NULL && (strcmp((const char *)a->ns->href,
	    NS_XLINK) != 0 || strcmp(name, "href") != 0))
		return 0;		/* inkscape:, sodipodi:, xlink:title */
	if (a->ns == NULL && strchr(name, ':') != NULL)
		return 0;		/* a prefix never declared */
	if (strcmp(name, "id") == 0 || strcmp(name, "role") == 0 ||
	    strncmp(name, "aria-", 5) == 0)
		return 1;
	if (strcmp(name, "lang") == 0) {
		if ((v = xmlNodeGetContent((const xmlNode *)a)) == NULL)
			return 0;
		ok = strspn((const char *)v, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
		    strlen((const char *)v);
		xmlFree(v);
		return ok;
	}
	if (strcmp(name, "class") == 0 || strcmp(name, "style") == 0) {
		if (!e->style)
			return 0;
		if (strcmp(name, "class") == 0)
			return 1;
	} else if (!listed(e->attrs, name))
		return 0;		/* onclick, x on g, title, ... */
	if ((v = xmlNodeGetContent((const xmlNode *)a)) == NULL)
		return 0;
	if (strcmp(name, "href") == 0)
		ok = v[0] == '#' || (strcmp(e->name, "image") == 0 &&
		    (strncmp((const char *)v, "data:image/png", 14) == 0 ||
		    strncmp((const char *)v, "data:image/jpeg", 15) == 0 ||
		    strncmp((const char *)v, "data:image/gif", 14) == 0));
	else if (strcmp(name, "version") == 0)
		ok = strcmp((const char *)v, "1.1") == 0 ||
		    strcmp((const char *)v, "1.0") == 0;
	else
		ok = css_local((const char *)v);
	xmlFree(v);
	return ok;
}

/* "12", "-1.5", "3e2": a number and nothing else (spaces aside). */
static int
plain_number(const char *s)
{
	char	*end;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return 0;
	(void)strtod(s, &end);
	while (*end == ' ')
		end++;
	return end != s && *end == '\0';
}

/* Presentation attribute a of n into n's style ("fill:red;" before
 * what the style says: the style wins, as it did), and removed; only
 * removed where n takes no style or the value could break out. */
static void
to_style(xmlNode *n, xmlAttr *a)
{
	const struct svg_elem	*e = elem_of(n);
	xmlChar			*v = xmlNodeGetContent((const xmlNode *)a);
	xmlChar			*old = xmlGetNoNsProp(n,
				    (const xmlChar *)"style");
	size_t			 len;
	char			*s;

	if (e != NULL && e->style && v != NULL &&
	    strpbrk((const char *)v, ";{}\\") == NULL &&
	    css_local((const char *)v)) {
		/* an attribute's plain number is in user units, which CSS
		 * writes px for the properties it shares with HTML */
		const char *unit = (strcmp((const char *)a->name,
		    "font-size") == 0 || strcmp((const char *)a->name,
		    "letter-spacing") == 0 || strcmp((const char *)a->name,
		    "word-spacing") == 0) && plain_number((const char *)v) ?
		    "px" : "";

		len = strlen((const char *)a->name) + strlen((const char *)v) +
		    (old != NULL ? strlen((const char *)old) : 0) + 5;
		if ((s = malloc(len)) == NULL)
			galley_oom();
		snprintf(s, len, "%s:%s%s;%s", (const char *)a->name,
		    (const char *)v, unit, old != NULL ? (const char *)old :
		    "");
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
		/* a link in a picture shown by <img> goes nowhere: a group,
		 * or in text a span (EPUBCheck asks links for a title) */
		xmlNodeSetName(n, (const xmlChar *)(n->parent != NULL &&
		    n->parent->type == XML_ELEMENT_NODE &&
		    text_here(n->parent) ? "tspan" : "g"));
	}
	for (a = n->properties; a != NULL; a = an) {
		an = a->next;
		if (a->ns == NULL && is_presentation((const char *)a->name))
			to_style(n, a);
	}
	for (a = n->properties; a != NULL; a = an) {
		an = a->next;
		if (!kept_attribute(n, a))
			xmlRemoveProp(a);
	}
	for (c = n->children; c != NULL; c = cn) {
		cn = c->next;
		if (dropped(c, n)) {
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
struct id {
	char	*id;
	xmlAttr	*attr;
	size_t	 order;
};

struct ids {
	struct id	*v;
	size_t		 n, cap;
};

/* An XML name without a colon (EPUBCheck wants ids so): "0-circle",
 * "a b", "a:b" are not. */
static int
ncname(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (!(*p >= 0x80 || *p == '_' || (*p >= 'a' && *p <= 'z') ||
	    (*p >= 'A' && *p <= 'Z')))
		return 0;
	for (p++; *p != '\0'; p++)
		if (!(*p >= 0x80 || *p == '_' || *p == '-' || *p == '.' ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

static void
collect_id(xmlNode *n, void *arg)
{
	struct ids	*ids = arg;
	xmlAttr		*a = xmlHasNsProp(n, (const xmlChar *)"id", NULL);
	xmlChar		*id;

	if (a == NULL || (id = xmlNodeGetContent((xmlNode *)a)) == NULL)
		return;
	if (!ncname((const char *)id)) {
		xmlFree(id);
		xmlRemoveProp(a);	/* and references to it go after */
		return;
	}
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 64;
		if ((ids->v = realloc(ids->v, ids->cap *
		    sizeof(*ids->v))) == NULL)
			galley_oom();
	}
	ids->v[ids->n].id = (char *)id;
	ids->v[ids->n].attr = a;
	ids->v[ids->n].order = ids->n;
	ids->n++;
}

static int
cmp_id(const void *a, const void *b)
{
	const struct id	*x = a, *y = b;
	int		 c = strcmp(x->id, y->id);

	return c != 0 ? c : x->order < y->order ? -1 : x->order > y->order;
}

/* Sorted, and each id once: the first element keeps it, later ones
 * lose it (EPUBCheck: duplicate ids). */
static void
settle_ids(struct ids *ids)
{
	size_t	 i, k = 0;

	if (ids->n == 0)
		return;
	qsort(ids->v, ids->n, sizeof(*ids->v), cmp_id);
	for (i = 0; i < ids->n; i++) {
		if (k > 0 && strcmp(ids->v[k - 1].id, ids->v[i].id) == 0) {
			xmlRemoveProp(ids->v[i].attr);
			xmlFree(ids->v[i].id);
			continue;
		}
		ids->v[k++] = ids->v[i];
	}
	ids->n = k;
}

static int
known_id(const struct ids *ids, const char *id, size_t len)
{
	size_t	 lo = 0, hi = ids->n, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strncmp(ids->v[mid].id, id, len);
		if (c == 0 && ids->v[mid].id[len] != '\0')
			c = 1;
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The next "url(" in s, in any case, or NULL. */
static const char *
find_url(const char *s)
{
	for (; *s != '\0'; s++)
		if ((s[0] == 'u' || s[0] == 'U') && (s[1] == 'r' ||
		    s[1] == 'R') && (s[2] == 'l' || s[2] == 'L') && s[3] == '(')
			return s;
	return NULL;
}

/* CSS with url(#x) for an id no element has made "none" (a paint, clip
 * or filter that is not there: nothing, as browsers draw it);
 * malloc'd, or NULL when all are known. */
static char *
css_known(const struct ids *ids, const char *css)
{
	struct galley_buf	 b;
	const char		*p = css, *q, *u, *id;
	size_t			 len;
	int			 changed = 0;

	galley_buf_init(&b);
	while ((u = find_url(p)) != NULL) {
		id = u + 4;
		while (*id == ' ' || *id == '"' || *id == '\'')
			id++;
		if (*id != '#' || (q = strchr(id, ')')) == NULL)
			break;
		id++;
		len = strcspn(id, "\"') \t");
		if (known_id(ids, id, len)) {
			galley_buf_put(&b, p, (size_t)(q + 1 - p));
		} else {
			galley_buf_put(&b, p, (size_t)(u - p));
			galley_buf_puts(&b, "none");
			changed = 1;
		}
		p = q + 1;
	}
	if (!changed) {
		galley_buf_release(&b);
		return NULL;
	}
	galley_buf_puts(&b, p);
	galley_buf_putc(&b, '\0');
	return galley_buf_detach(&b, NULL);
}

/* href="#x" where no element has id x (its element was dropped, or
 * never was), and url(#x) in style: EPUBCheck's RSC-012. */
static void
drop_dangling(xmlNode *n, void *arg)
{
	struct ids	*ids = arg;
	xmlAttr		*a, *an;
	xmlChar		*v;
	char		*fixed;

	for (a = n->properties; a != NULL; a = an) {
		an = a->next;
		if ((strcmp((const char *)a->name, "href") != 0 &&
		    strcmp((const char *)a->name, "style") != 0) ||
		    (v = xmlNodeGetContent((const xmlNode *)a)) == NULL)
			continue;
		if (strcmp((const char *)a->name, "href") == 0) {
			if (v[0] == '#' && !known_id(ids, (const char *)v + 1,
			    strlen((const char *)v + 1)))
				xmlRemoveProp(a);
		} else if ((fixed = css_known(ids, (const char *)v)) !=
		    NULL) {
			xmlSetProp(n, a->name, (const xmlChar *)fixed);
			free(fixed);
		}
		xmlFree(v);
	}
	if (strcmp((const char *)n->name, "style") == 0 &&
	    (v = xmlNodeGetContent(n)) != NULL) {
		if ((fixed = css_known(ids, (const char *)v)) != NULL) {
			xmlNodeSetContent(n, NULL);
			xmlNodeAddContent(n, (const xmlChar *)fixed);
			free(fixed);
		}
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
		galley_oom();
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
	settle_ids(&ids);
	walk(root, drop_dangling, &ids);
	for (i = 0; i < ids.n; i++)
		xmlFree(ids.v[i].id);
	free(ids.v);
	xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
	if (mem != NULL && size > 0) {
		if ((out = malloc((size_t)size)) == NULL)
			galley_oom();
		memcpy(out, mem, (size_t)size);
		*outlen = (size_t)size;
	}
	xmlFree(mem);
done:
	xmlFreeDoc(doc);
	return out;
}
