/*
 * The TEI P5 writer: one <TEI> document per article (NAME.tei.xml),
 * built as a libxml2 tree and written indented, UTF-8.  tei_article()
 * makes the <TEI> element that tei_corpus.c also puts in a teiCorpus.
 */
#include <stdlib.h>
#include <string.h>

#include "writers/tei.h"

/* Fill tei, a <TEI> element with its xml:id, with the article. */
void
tei_article(struct tei_ctx *ctx, xmlNodePtr tei, const struct tei_article *a)
{
	xmlNodePtr	 n;

	tei_lang(tei, a->lang);
	tei_header(ctx, tei, a);
	ctx->crefs = 0;
	tei_body(ctx, tei, a);
	if (!ctx->crefs)
		return;
	/* links to articles outside: say what their @cRef means */
	for (n = tei->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, BAD_CAST "teiHeader") == 0)
			break;
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, BAD_CAST "encodingDesc") == 0)
			break;
	if (n != NULL)
		tei_el_text(ctx, tei_el(ctx, n, "refsDecl"), "p", "A link to "
		    "another article converted with this one names it in "
		    "@cRef by its galley id (meta.id in galley's JSON), "
		    "followed by \"#\" and the id of a heading in it when the "
		    "link goes to one: \"lease#risk\". In a teiCorpus of "
		    "those articles, the article is the TEI element whose "
		    "xml:id is its id, and its heading the div whose xml:id "
		    "is the two joined by a full stop: \"lease.risk\".");
}

static int
tei_write(const struct galley_doc *doc, struct galley_sink *out,
    const struct galley_opts *opts, struct galley_diag *dg)
{
	const struct galley_meta *m = galley_doc_meta(doc);
	struct tei_ctx		 ctx;
	struct tei_article	 a;
	struct tei_ncr		 ncr;
	xmlNodePtr		 tei;
	char			 lang[64], *id;
	int			 rc;

	tei_ctx_init(&ctx, opts, dg);
	memset(&a, 0, sizeof(a));
	a.doc = doc;
	id = tei_doc_id(m);
	a.xmlid = id;
	a.lang = tei_lang_tag(m->language, lang, sizeof(lang));
	if (a.lang == NULL)
		a.lang = "und";
	tei = tei_root(&ctx, "TEI");
	tei_id(&ctx, tei, a.xmlid);
	tei_article(&ctx, tei, &a);
	tei_fix_run(&ctx);
	tei_ncr_begin(&ncr, out);
	rc = tei_save(&ctx, &ncr.sink);
	if (tei_ncr_end(&ncr) == -1)
		rc = -1;
	free(id);
	tei_ctx_release(&ctx);
	return rc;
}

const struct galley_writer galley_tei_writer = {
	"tei", ".tei.xml", tei_write
};
