/*
 * The navigation documents: nav.xhtml (table of contents with the
 * headings of each chapter down to level 3, and landmarks), the EPUB 2
 * NCX for older readers, the title page and the cover page.
 */
#include <stdio.h>
#include <string.h>

#include "writers/epub/epub.h"
#include "writers/xml_escape.h"

struct words {
	const char	*lang;
	const char	*w[13];
};

/* Contents, landmarks, title page, cover, start, done, to do, back;
 * GitHub's alerts: note, tip, important, warning, caution. */
static const struct words words[] = {
	{ "da", { "Indhold", "Orientering", "Titelblad", "Omslag",
	    "Begynd", "udført", "ikke udført", "tilbage",
	    "Bemærk", "Tip", "Vigtigt", "Advarsel", "Forsigtig" } },
	{ "de", { "Inhalt", "Orientierung", "Titelseite", "Umschlag",
	    "Anfang", "erledigt", "offen", "zurück",
	    "Hinweis", "Tipp", "Wichtig", "Warnung", "Achtung" } },
	{ "en", { "Contents", "Landmarks", "Title page", "Cover",
	    "Start", "done", "not done", "back",
	    "Note", "Tip", "Important", "Warning", "Caution" } },
	{ "es", { "Índice", "Puntos de referencia", "Portadilla",
	    "Cubierta", "Inicio", "hecho", "pendiente", "volver",
	    "Nota", "Consejo", "Importante", "Advertencia", "Precaución" } },
	{ "fi", { "Sisällys", "Maamerkit", "Nimiölehti", "Kansi",
	    "Alku", "tehty", "tekemättä", "takaisin",
	    "Huomautus", "Vinkki", "Tärkeää", "Varoitus", "Huomio" } },
	{ "fr", { "Table des matières", "Repères", "Page de titre",
	    "Couverture", "Début", "fait", "à faire", "retour",
	    "Remarque", "Astuce", "Important", "Avertissement", "Attention" } },
	{ "is", { "Efnisyfirlit", "Kennileiti", "Titilsíða", "Kápa",
	    "Upphaf", "lokið", "ólokið", "til baka",
	    "Athugið", "Ábending", "Mikilvægt", "Viðvörun", "Varúð" } },
	{ "it", { "Indice", "Punti di riferimento", "Frontespizio",
	    "Copertina", "Inizio", "fatto", "da fare", "indietro",
	    "Nota", "Suggerimento", "Importante", "Avviso", "Attenzione" } },
	{ "nb", { "Innhold", "Landemerker", "Tittelside", "Omslag",
	    "Start", "utført", "ikke utført", "tilbake",
	    "Merk", "Tips", "Viktig", "Advarsel", "Forsiktig" } },
	{ "nl", { "Inhoud", "Oriëntatiepunten", "Titelpagina", "Omslag",
	    "Begin", "gedaan", "te doen", "terug",
	    "Opmerking", "Tip", "Belangrijk", "Waarschuwing", "Let op" } },
	{ "nn", { "Innhald", "Landemerke", "Tittelside", "Omslag",
	    "Start", "utført", "ikkje utført", "tilbake",
	    "Merk", "Tips", "Viktig", "Åtvaring", "Forsiktig" } },
	{ "no", { "Innhold", "Landemerker", "Tittelside", "Omslag",
	    "Start", "utført", "ikke utført", "tilbake",
	    "Merk", "Tips", "Viktig", "Advarsel", "Forsiktig" } },
	{ "pl", { "Spis treści", "Punkty orientacyjne", "Strona tytułowa",
	    "Okładka", "Początek", "zrobione", "do zrobienia", "powrót",
	    "Uwaga", "Wskazówka", "Ważne", "Ostrzeżenie", "Przestroga" } },
	{ "pt", { "Índice", "Pontos de referência", "Folha de rosto",
	    "Capa", "Início", "feito", "por fazer", "voltar",
	    "Nota", "Dica", "Importante", "Aviso", "Cuidado" } },
	{ "sv", { "Innehåll", "Landmärken", "Titelsida", "Omslag",
	    "Början", "klart", "inte klart", "tillbaka",
	    "Obs", "Tips", "Viktigt", "Varning", "Försiktighet" } },
};

const char *
nav_word(const char *lang, int which)
{
	size_t	 i, n;

	for (i = 0; lang != NULL && i < sizeof(words) / sizeof(words[0]);
	    i++) {
		n = strlen(words[i].lang);
		if (strncmp(lang, words[i].lang, n) == 0 &&
		    (lang[n] == '\0' || lang[n] == '-'))
			return words[i].w[which];
	}
	return words[2].w[which];	/* en */
}

/* A GitHub alert's title ("note" to "Hinweis") in lang, in English
 * where we have none in lang (nav_word_lang says which); NULL for
 * another kind. */
const char *
nav_callout(const char *lang, const char *kind)
{
	static const char *const kinds[] = { "note", "tip", "important",
	    "warning", "caution" };
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i]) == 0)
			return nav_word(lang, WORD_NOTE + (int)i);
	return NULL;
}

/* The words are in the book's language only if we know it. */
const char *
nav_word_lang(const char *lang)
{
	return strcmp(nav_word(lang, WORD_CONTENTS), "Contents") == 0 &&
	    strncmp(lang, "en", 2) != 0 ? "en" : lang;
}

static void
puts_esc(struct galley_buf *b, const char *s, int attr)
{
	xml_escape(b, s != NULL ? s : "", attr);
}

/* lang and xml:lang (and dir) when a part differs from its document. */
static void
put_lang(struct galley_buf *b, const char *lang, const char *doc_lang)
{
	if (lang == NULL || strcmp(lang, doc_lang) == 0)
		return;
	galley_buf_puts(b, " lang=\"");
	puts_esc(b, lang, 1);
	galley_buf_puts(b, "\" xml:lang=\"");
	puts_esc(b, lang, 1);
	galley_buf_puts(b, "\"");
	/* and the direction, when it turns */
	if (epub_lang_rtl(lang) != epub_lang_rtl(doc_lang))
		galley_buf_puts(b, epub_lang_rtl(lang) ? " dir=\"rtl\"" :
		    " dir=\"ltr\"");
}

void
nav_write(struct galley_buf *b, const struct epub *e)
{
	const char	*L = e->lang, *wl = nav_word_lang(e->lang);
	size_t		 i, j;

	xhtml_head(b, L, nav_word(L, WORD_CONTENTS), "css/galley.css", NULL);
	galley_buf_puts(b, "<nav epub:type=\"toc\" role=\"doc-toc\" "
	    "id=\"toc\"");
	put_lang(b, wl, L);
	galley_buf_puts(b, ">\n<h1>");
	puts_esc(b, nav_word(L, WORD_CONTENTS), 0);
	galley_buf_puts(b, "</h1>\n<ol>\n");
	for (i = 0; i < e->nch; i++) {
		const struct epub_chapter	*c = &e->ch[i];
		int				 dep = 0;

		galley_buf_puts(b, "<li");
		put_lang(b, c->lang, wl);
		galley_buf_puts(b, "><a href=\"text/");
		puts_esc(b, c->file, 1);
		galley_buf_puts(b, "\">");
		puts_esc(b, c->title, 0);
		galley_buf_puts(b, "</a>");
		for (j = 0; j < c->nh; j++) {
			const struct epub_heading *h = &c->h[j];
			int d = h->level - 1;

			if (h->level < 2 || h->level > 3 || h->text == NULL)
				continue;
			if (dep == 0) {
				galley_buf_puts(b, "\n<ol>\n");
				dep = 1;
			} else if (d > dep) {
				galley_buf_puts(b, "\n<ol>\n");
				dep++;
			} else {
				galley_buf_puts(b, "</li>\n");
				while (dep > d && dep > 1) {
					galley_buf_puts(b, "</ol></li>\n");
					dep--;
				}
			}
			galley_buf_puts(b, "<li><a href=\"text/");
			puts_esc(b, c->file, 1);
			galley_buf_puts(b, "#");
			puts_esc(b, h->id, 1);
			galley_buf_puts(b, "\">");
			puts_esc(b, h->text, 0);
			galley_buf_puts(b, "</a>");
		}
		if (dep > 0) {
			galley_buf_puts(b, "</li>\n");
			while (dep > 0) {
				galley_buf_puts(b, "</ol>\n");
				if (--dep > 0)
					galley_buf_puts(b, "</li>\n");
			}
		}
		galley_buf_puts(b, "</li>\n");
	}
	galley_buf_puts(b, "</ol>\n</nav>\n");

	galley_buf_puts(b, "<nav epub:type=\"landmarks\" id=\"landmarks\" "
	    "hidden=\"hidden\"");
	put_lang(b, wl, L);
	galley_buf_puts(b, ">\n<h2>");
	puts_esc(b, nav_word(L, WORD_LANDMARKS), 0);
	galley_buf_puts(b, "</h2>\n<ol>\n");
	if (e->cover_href != NULL) {
		galley_buf_puts(b, "<li><a epub:type=\"cover\" "
		    "href=\"text/cover.xhtml\">");
		puts_esc(b, nav_word(L, WORD_COVER), 0);
		galley_buf_puts(b, "</a></li>\n");
	}
	galley_buf_puts(b, "<li><a epub:type=\"titlepage\" "
	    "href=\"text/title.xhtml\">");
	puts_esc(b, nav_word(L, WORD_TITLEPAGE), 0);
	galley_buf_puts(b, "</a></li>\n<li><a epub:type=\"toc\" "
	    "href=\"nav.xhtml#toc\">");
	puts_esc(b, nav_word(L, WORD_CONTENTS), 0);
	galley_buf_puts(b, "</a></li>\n");
	if (e->nch > 0) {
		galley_buf_puts(b, "<li><a epub:type=\"bodymatter\" "
		    "href=\"text/");
		puts_esc(b, e->ch[0].file, 1);
		galley_buf_puts(b, "\">");
		puts_esc(b, nav_word(L, WORD_START), 0);
		galley_buf_puts(b, "</a></li>\n");
	}
	galley_buf_puts(b, "</ol>\n</nav>\n");
	xhtml_foot(b);
}

/* A point; its label's language and direction when not the book's. */
static void
ncx_point(struct galley_buf *b, unsigned *order, const char *label,
    const char *file, const char *id, const char *lang,
    const char *book_lang)
{
	galley_buf_printf(b, "<navPoint id=\"np%u\" playOrder=\"%u\">"
	    "<navLabel", *order, *order);
	if (lang != NULL && strcmp(lang, book_lang) != 0) {
		galley_buf_puts(b, " xml:lang=\"");
		puts_esc(b, lang, 1);
		galley_buf_puts(b, "\"");
		if (epub_lang_rtl(lang) != epub_lang_rtl(book_lang))
			galley_buf_puts(b, epub_lang_rtl(lang) ?
			    " dir=\"rtl\"" : " dir=\"ltr\"");
	}
	galley_buf_puts(b, "><text>");
	puts_esc(b, label, 0);
	galley_buf_puts(b, "</text></navLabel><content src=\"");
	puts_esc(b, file, 1);
	if (id != NULL) {
		galley_buf_puts(b, "#");
		puts_esc(b, id, 1);
	}
	galley_buf_puts(b, "\"/>");
	(*order)++;
}

void
ncx_write(struct galley_buf *b, const struct epub *e)
{
	unsigned	 order = 1;
	size_t		 i, j;
	int		 depth = 1;
	char		 file[64];

	for (i = 0; i < e->nch; i++)
		for (j = 0; j < e->ch[i].nh; j++)
			if (e->ch[i].h[j].text != NULL &&
			    e->ch[i].h[j].level >= 2 &&
			    e->ch[i].h[j].level <= 3 &&
			    e->ch[i].h[j].level > depth)
				depth = e->ch[i].h[j].level;
	galley_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" "
	    "version=\"2005-1\" xml:lang=\"");
	puts_esc(b, e->lang, 1);
	galley_buf_puts(b, "\">\n<head>\n<meta name=\"dtb:uid\" content=\"");
	puts_esc(b, e->identifier, 1);
	galley_buf_printf(b, "\"/>\n<meta name=\"dtb:depth\" content=\"%d\"/>\n"
	    "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
	    "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n"
	    "<docTitle><text>", depth);
	puts_esc(b, e->book.title, 0);
	galley_buf_puts(b, "</text></docTitle>\n<navMap>\n");
	for (i = 0; i < e->nch; i++) {
		const struct epub_chapter	*c = &e->ch[i];
		int				 open2 = 0;

		snprintf(file, sizeof(file), "text/%s", c->file);
		ncx_point(b, &order, c->title, file, NULL, c->lang, e->lang);
		for (j = 0; j < c->nh; j++) {
			const struct epub_heading *h = &c->h[j];

			if (h->text == NULL || h->level < 2 || h->level > 3)
				continue;
			if (h->level == 2) {
				if (open2)
					galley_buf_puts(b, "</navPoint>");
				ncx_point(b, &order, h->text, file, h->id,
				    c->lang, e->lang);
				open2 = 1;
			} else {	/* under the open h2, if any */
				ncx_point(b, &order, h->text, file, h->id,
				    c->lang, e->lang);
				galley_buf_puts(b, "</navPoint>");
			}
		}
		if (open2)
			galley_buf_puts(b, "</navPoint>");
		galley_buf_puts(b, "</navPoint>\n");
	}
	galley_buf_puts(b, "</navMap>\n</ncx>\n");
}

void
titlepage_write(struct galley_buf *b, const struct epub *e)
{
	const struct galley_book	*k = &e->book;
	size_t				 i;

	xhtml_head(b, e->lang, k->title, "../css/galley.css", NULL);
	galley_buf_puts(b, "<section epub:type=\"titlepage\" "
	    "class=\"titlepage\">\n<h1>");
	puts_esc(b, k->title, 0);
	galley_buf_puts(b, "</h1>\n");
	if (k->subtitle != NULL) {
		galley_buf_puts(b, "<p class=\"subtitle\">");
		puts_esc(b, k->subtitle, 0);
		galley_buf_puts(b, "</p>\n");
	}
	for (i = 0; i < e->ncreator; i++) {
		galley_buf_puts(b, "<p class=\"author\">");
		puts_esc(b, e->creatorv[i], 0);
		galley_buf_puts(b, "</p>\n");
	}
	if (k->publisher != NULL) {
		galley_buf_puts(b, "<p class=\"publisher\">");
		puts_esc(b, k->publisher, 0);
		galley_buf_puts(b, "</p>\n");
	}
	if (k->date != NULL) {
		galley_buf_puts(b, "<p class=\"date\">");
		puts_esc(b, k->date, 0);
		galley_buf_puts(b, "</p>\n");
	}
	if (k->rights != NULL) {
		galley_buf_puts(b, "<p class=\"rights\">");
		puts_esc(b, k->rights, 0);
		galley_buf_puts(b, "</p>\n");
	}
	galley_buf_puts(b, "</section>\n");
	xhtml_foot(b);
}

void
coverpage_write(struct galley_buf *b, const struct epub *e)
{
	xhtml_head(b, e->lang, nav_word(e->lang, WORD_COVER),
	    "../css/galley.css", NULL);
	galley_buf_puts(b, "<section epub:type=\"cover\" class=\"cover\">\n"
	    "<img role=\"doc-cover\" src=\"../");
	puts_esc(b, e->cover_href, 1);
	galley_buf_puts(b, "\" alt=\"");
	puts_esc(b, e->book.title, 1);
	galley_buf_puts(b, "\"/>\n</section>\n");
	xhtml_foot(b);
}
