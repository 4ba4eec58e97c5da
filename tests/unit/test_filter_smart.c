/* The smart filter: quotation marks per language from CLDR, never code. */
#include <stdio.h>
#include <string.h>

#include "galley/galley.h"
#include "tap.h"

/* The text of the first paragraph after --smart with lang forced. */
static const char *
smart(const char *lang, const char *md, char *out, size_t sz)
{
	struct galley_opts	 opts;
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc = NULL;

	galley_opts_init(&opts);
	opts.format = "markdown";
	opts.lang = lang;
	opts.smart = 1;
	opts.no_filters = ~((1UL << galley_filter_find("language")) |
	    (1UL << galley_filter_find("smart")));
	galley_read(&doc, "s.md", md, strlen(md), &opts, dg);
	galley_filters_run(doc, &opts, dg);
	snprintf(out, sz, "%s", galley_node_text(doc,
	    galley_doc_root(doc)->first));
	galley_doc_free(doc);
	galley_diag_free(dg);
	return out;
}

int
main(void)
{
	struct galley_opts	 opts;
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc = NULL;
	char			 b[256];
	static const char	 md[] = "He said \"it's 'fine'\"... -- yes --- "
	    "no - maybe.\n";

	CHECK_STR(smart("en", md, b, sizeof(b)),
	    "He said “it’s ‘fine’”… – yes — no – maybe.", "English");
	CHECK_STR(smart("pl", "Termin \"biuro\" to...\n", b, sizeof(b)),
	    "Termin „biuro” to…", "Polish „…”");
	CHECK_STR(smart("de", "Er sagte \"ja\".\n", b, sizeof(b)),
	    "Er sagte „ja“.", "German „…“");
	CHECK_STR(smart("fr", "Il a dit \"oui\".\n", b, sizeof(b)),
	    "Il a dit «\xe2\x80\xafoui\xe2\x80\xaf».",
	    "French « … » with narrow no-break spaces inside");
	CHECK_STR(smart("fr-CA", "Il a dit \"oui\".\n", b, sizeof(b)),
	    "Il a dit «\xe2\x80\xafoui\xe2\x80\xaf».", "fr-CA too");
	CHECK_STR(smart("nb", "Han sa \"ja\" og *\"nei\"*.\n", b, sizeof(b)),
	    "Han sa «ja» og «nei».", "Norwegian «…», across emphasis");
	CHECK_STR(smart("en", "Use `\"x\" -- y` and \"z\".\n", b, sizeof(b)),
	    "Use \"x\" -- y and “z”.", "inline code untouched");
	CHECK_STR(smart("en", "Don't stop -- ever.\n", b, sizeof(b)),
	    "Don’t stop – ever.", "apostrophe and dash");

	galley_opts_init(&opts);
	opts.format = "markdown";
	galley_read(&doc, "s.md", md, strlen(md), &opts, dg);
	galley_filters_run(doc, &opts, dg);
	CHECK(strstr(galley_node_text(doc, galley_doc_root(doc)->first),
	    "\"it's") != NULL, "off by default");
	opts.smart = 1;
	galley_filters_run(doc, &opts, dg);
	snprintf(b, sizeof(b), "%s", galley_node_text(doc,
	    galley_doc_root(doc)->first));
	galley_filters_run(doc, &opts, dg);
	CHECK_STR(galley_node_text(doc, galley_doc_root(doc)->first), b,
	    "idempotent");
	galley_doc_free(doc);
	galley_diag_free(dg);
	return TAP_DONE();
}
