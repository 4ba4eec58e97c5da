/*
 * The package document: Dublin Core metadata, accessibility metadata
 * that is true of this book, the manifest and the spine.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "writers/epub/epub.h"
#include "writers/xml_escape.h"

static void
el(struct galley_buf *b, const char *open, const char *text,
    const char *close)
{
	galley_buf_puts(b, open);
	xml_escape(b, text, 0);
	galley_buf_puts(b, close);
}

static void
meta(struct galley_buf *b, const char *property, const char *value)
{
	galley_buf_printf(b, "    <meta property=\"%s\">", property);
	xml_escape(b, value, 0);
	galley_buf_puts(b, "</meta>\n");
}

/* The W3C date at the start of s (YYYY, YYYY-MM or YYYY-MM-DD), or 0. */
static size_t
w3c_date(const char *s)
{
	size_t	 i;

	if (s == NULL)
		return 0;
	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (s[4] != '-' || !isdigit((unsigned char)s[5]) ||
	    !isdigit((unsigned char)s[6]))
		return 4;
	if (s[7] != '-' || !isdigit((unsigned char)s[8]) ||
	    !isdigit((unsigned char)s[9]))
		return 7;
	return 10;
}

static void
item(struct galley_buf *b, const char *id, const char *href,
    const char *type, const char *props)
{
	galley_buf_puts(b, "    <item id=\"");
	xml_escape(b, id, 1);
	galley_buf_puts(b, "\" href=\"");
	xml_escape(b, href, 1);
	galley_buf_puts(b, "\" media-type=\"");
	xml_escape(b, type, 1);
	if (props != NULL) {
		galley_buf_puts(b, "\" properties=\"");
		xml_escape(b, props, 1);
	}
	galley_buf_puts(b, "\"/>\n");
}

void
opf_write(struct galley_buf *b, const struct epub *e)
{
	const struct galley_book	*k = &e->book;
	size_t				 i, n;
	int				 visual = e->nimages > 0 ||
					     e->cover_href != NULL;
	char				 id[32];

	galley_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	    "unique-identifier=\"uid\" xml:lang=\"");
	xml_escape(b, e->lang, 1);
	galley_buf_puts(b, "\">\n  <metadata "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
	el(b, "    <dc:identifier id=\"uid\">", e->identifier,
	    "</dc:identifier>\n");
	el(b, "    <dc:title id=\"title\">", k->title, "</dc:title>\n");
	if (k->subtitle != NULL) {
		galley_buf_puts(b, "    <meta refines=\"#title\" "
		    "property=\"title-type\">main</meta>\n");
		el(b, "    <dc:title id=\"subtitle\">", k->subtitle,
		    "</dc:title>\n");
		galley_buf_puts(b, "    <meta refines=\"#subtitle\" "
		    "property=\"title-type\">subtitle</meta>\n");
	}
	for (i = 0; i < e->nlang; i++)
		el(b, "    <dc:language>", e->langv[i], "</dc:language>\n");
	if (e->nlang == 0)
		el(b, "    <dc:language>", e->lang, "</dc:language>\n");
	for (i = 0; i < e->ncreator; i++) {
		galley_buf_printf(b, "    <dc:creator id=\"creator%zu\">",
		    i + 1);
		xml_escape(b, e->creatorv[i], 0);
		galley_buf_printf(b, "</dc:creator>\n    <meta "
		    "refines=\"#creator%zu\" property=\"role\" "
		    "scheme=\"marc:relators\">aut</meta>\n", i + 1);
	}
	if (k->publisher != NULL)
		el(b, "    <dc:publisher>", k->publisher, "</dc:publisher>\n");
	if (k->rights != NULL)
		el(b, "    <dc:rights>", k->rights, "</dc:rights>\n");
	if ((n = w3c_date(k->date)) > 0) {
		galley_buf_puts(b, "    <dc:date>");
		galley_buf_put(b, k->date, n);
		galley_buf_puts(b, "</dc:date>\n");
	}
	if (!galley_blank(k->description))
		el(b, "    <dc:description>", k->description,
		    "</dc:description>\n");
	for (i = 0; i < e->nsubject; i++)
		el(b, "    <dc:subject>", e->subjectv[i], "</dc:subject>\n");
	if (e->source != NULL)
		el(b, "    <dc:source>", e->source, "</dc:source>\n");
	meta(b, "dcterms:modified", e->modified_str);

	meta(b, "schema:accessMode", "textual");
	if (visual)
		meta(b, "schema:accessMode", "visual");
	if (!visual || e->nimages_noalt == 0)
		meta(b, "schema:accessModeSufficient", "textual");
	if (visual)
		meta(b, "schema:accessModeSufficient", "textual,visual");
	meta(b, "schema:accessibilityFeature", "structuralNavigation");
	meta(b, "schema:accessibilityFeature", "tableOfContents");
	meta(b, "schema:accessibilityFeature", "readingOrder");
	if (k->css == NULL)
		meta(b, "schema:accessibilityFeature",
		    "displayTransformability");
	if (visual && e->nimages_noalt == 0)
		meta(b, "schema:accessibilityFeature", "alternativeText");
	meta(b, "schema:accessibilityHazard", "none");
	/* in English, which the package's language may not be */
	galley_buf_printf(b, "    <meta property="
	    "\"schema:accessibilitySummary\"%s>", e->lang != NULL &&
	    strncmp(e->lang, "en", 2) == 0 && (e->lang[2] == '\0' ||
	    e->lang[2] == '-') ? "" : " xml:lang=\"en\" dir=\"ltr\"");
	galley_buf_puts(b, "A table of contents and structured headings lead through the "
	    "text; every chapter states its language");
	if (visual && e->nimages_noalt == 0)
		galley_buf_puts(b, "; every image has a text alternative");
	else if (visual)
		galley_buf_puts(b, "; some images have no text alternative");
	if (e->notes > 0)
		galley_buf_puts(b, "; footnotes link back to their references");
	galley_buf_puts(b, ". The text has no flashing, motion or sound."
	    "</meta>\n");
	if (e->cover_href != NULL)
		galley_buf_puts(b, "    <meta name=\"cover\" "
		    "content=\"cover-image\"/>\n");
	galley_buf_puts(b, "  </metadata>\n  <manifest>\n");

	item(b, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	item(b, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	item(b, "css", "css/galley.css", "text/css", NULL);
	if (e->cover_href != NULL)
		item(b, "cover", "text/cover.xhtml", "application/xhtml+xml",
		    NULL);
	item(b, "title-page", "text/title.xhtml", "application/xhtml+xml",
	    NULL);
	for (i = 0; i < e->nitems; i++)
		item(b, e->items[i].id, e->items[i].href, e->items[i].type,
		    e->items[i].props);
	for (i = 0; i < e->nch; i++) {
		char href[64];

		snprintf(id, sizeof(id), "ch%zu", i + 1);
		snprintf(href, sizeof(href), "text/%s", e->ch[i].file);
		item(b, id, href, "application/xhtml+xml", NULL);
	}
	galley_buf_puts(b, epub_lang_rtl(e->lang) ? "  </manifest>\n  <spine "
	    "toc=\"ncx\" page-progression-direction=\"rtl\">\n" :
	    "  </manifest>\n  <spine toc=\"ncx\">\n");
	if (e->cover_href != NULL)
		galley_buf_puts(b, "    <itemref idref=\"cover\"/>\n");
	galley_buf_puts(b, "    <itemref idref=\"title-page\"/>\n"
	    "    <itemref idref=\"nav\"/>\n");
	for (i = 0; i < e->nch; i++)
		galley_buf_printf(b, "    <itemref idref=\"ch%zu\"/>\n", i + 1);
	galley_buf_puts(b, "  </spine>\n</package>\n");
}
