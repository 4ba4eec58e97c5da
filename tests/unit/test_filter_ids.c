/* The ids and sections filters: readable unique ids, nesting by level. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "filters/filters.h"
#include "tap.h"

static struct galley_doc *
convert(const char *s, const char *only1, const char *only2)
{
	struct galley_opts	 opts;
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc = NULL;

	galley_opts_init(&opts);
	opts.format = "markdown";
	opts.no_filters = ~((1UL << galley_filter_find(only1)) |
	    (only2 ? 1UL << galley_filter_find(only2) : 0));
	if (galley_read(&doc, "i.md", s, strlen(s), &opts, dg) == 0)
		galley_filters_run(doc, &opts, dg);
	galley_diag_free(dg);
	return doc;
}

static void
run_again(struct galley_doc *doc, const char *a, const char *b)
{
	struct galley_opts	 opts;
	struct galley_diag	*dg = galley_diag_new();

	galley_opts_init(&opts);
	opts.no_filters = ~((1UL << galley_filter_find(a)) |
	    (1UL << galley_filter_find(b)));
	galley_filters_run(doc, &opts, dg);
	galley_diag_free(dg);
}

/* The ids of headings and notes, in order, joined by spaces. */
static void
ids(const struct galley_node *n, char *out, size_t sz)
{
	const struct galley_node *c;

	if ((n->type == GALLEY_NODE_HEADING ||
	    n->type == GALLEY_NODE_FOOTNOTE_DEF) && n->id != NULL) {
		if (out[0] != '\0')
			strncat(out, " ", sz - strlen(out) - 1);
		strncat(out, n->id, sz - strlen(out) - 1);
	}
	for (c = n->first; c != NULL; c = c->next)
		ids(c, out, sz);
}

/* The tree's shape: "S2(H P) S2(H)": sections with their level. */
static void
shape(const struct galley_node *n, char *out, size_t sz)
{
	const struct galley_node *c;
	char			  tag[16];

	for (c = n->first; c != NULL; c = c->next) {
		if (out[0] != '\0' && out[strlen(out) - 1] != '(')
			strncat(out, " ", sz - strlen(out) - 1);
		if (c->type == GALLEY_NODE_SECTION) {
			snprintf(tag, sizeof(tag), "S%d(", c->u.section.level);
			strncat(out, tag, sz - strlen(out) - 1);
			shape(c, out, sz);
			strncat(out, ")", sz - strlen(out) - 1);
		} else
			strncat(out, c->type == GALLEY_NODE_HEADING ? "H" :
			    c->type == GALLEY_NODE_PARAGRAPH ? "P" : "?",
			    sz - strlen(out) - 1);
	}
}

/* UTF-8 of cp into b; the length. */
static int
utf8(unsigned cp, char *b)
{
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	b[0] = (char)(0xe0 | cp >> 12);
	b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	b[2] = (char)(0x80 | (cp & 0x3f));
	return 3;
}

/*
 * The Latin table (latin_ascii.h) must make the same slugs as ICU's
 * transliterator: every code point it covers, between letters, and
 * whole titles in the seeds' languages.
 */
static void
latin_table_matches_icu(void)
{
	static const unsigned ranges[][2] = {
		{ 0x00a0, 0x024f }, { 0x1e00, 0x1eff }, { 0x2000, 0x206f },
	};
	static const char *const titles[] = {
		"Hvað er bakskrifstofa?", "Høydepunkter – «back office»",
		"Czym jest zaplecze? Łódź, żółć", "Mitä on ”back office”?",
		"Ærø straße Œuvre ŀl Ĳssel ǅ", "don’t … 1½ „quoted“",
	};
	struct slugger		*fast = slugger_new(), *icu = slugger_new();
	struct galley_doc	*doc = galley_doc_new("t");
	size_t			 r, i, bad = 0;
	unsigned		 cp;
	char			 text[32];

	slugger_icu_only(icu);
	for (r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
		for (cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			int	 n = 0;

			text[n++] = 'a';
			n += utf8(cp, text + n);
			text[n++] = 'b';
			text[n] = '\0';
			if (strcmp(slug_make(fast, doc, text, 64),
			    slug_make(icu, doc, text, 64)) != 0) {
				if (bad++ < 5)
					printf("# U+%04X: %s, ICU %s\n", cp,
					    slug_make(fast, doc, text, 64),
					    slug_make(icu, doc, text, 64));
			}
		}
	CHECK(bad == 0, "Latin table: every code point slugs as with ICU");
	bad = 0;
	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (strcmp(slug_make(fast, doc, titles[i], 64),
		    slug_make(icu, doc, titles[i], 64)) != 0) {
			printf("# %s: %s, ICU %s\n", titles[i],
			    slug_make(fast, doc, titles[i], 64),
			    slug_make(icu, doc, titles[i], 64));
			bad++;
		}
	CHECK(bad == 0, "Latin table: titles slug as with ICU");
	galley_doc_free(doc);
	slugger_free(fast);
	slugger_free(icu);
}

int
main(void)
{
	static const char text[] = "Intro.\n\n# Hva er Back Office?\n\n"
	    "Text.[^1]\n\n## Детали и примеры\n\n### 2021 results\n\n"
	    "## Детали и примеры\n\n## 概要\n\n# Δ\n\n## !!!\n\n"
	    "[^1]: A note.\n";
	struct galley_doc	*doc, *doc2;
	const struct galley_node *s;
	char			 a[512] = "", b[512] = "", c[512] = "";

	doc = convert(text, "ids", NULL);
	ids(galley_doc_root(doc), a, sizeof(a));
	CHECK_STR(a, "hva-er-back-office detali-i-primery h-2021-results "
	    "detali-i-primery-1 gai-yao d section fn-1",
	    "readable ids, non-Latin transliterated, unique (-1, as GitHub "
	    "and pandoc number them), NCNames");
	doc2 = convert(text, "ids", NULL);
	ids(galley_doc_root(doc2), b, sizeof(b));
	CHECK_STR(b, a, "the same ids on a second run");
	run_again(doc2, "ids", "sections");
	b[0] = '\0';
	ids(galley_doc_root(doc2), b, sizeof(b));
	CHECK_STR(b, a, "ids unchanged by running the filters again");
	galley_doc_free(doc2);
	galley_doc_free(doc);

	doc = convert(text, "ids", "sections");
	shape(galley_doc_root(doc), c, sizeof(c));
	CHECK_STR(c, "P S1(H P S2(H S3(H)) S2(H) S2(H)) S1(H S2(H)) ?",
	    "sections nest by level; heading first");
	s = galley_doc_root(doc)->first->next;
	CHECK(s->type == GALLEY_NODE_SECTION && s->id != NULL &&
	    strcmp(s->id, "hva-er-back-office") == 0 &&
	    s->u.section.level == 1, "a section takes its heading's id");
	run_again(doc, "ids", "sections");
	b[0] = '\0';
	shape(galley_doc_root(doc), b, sizeof(b));
	CHECK_STR(b, c, "sections do not nest twice");
	galley_doc_free(doc);
	/* ids given ({#...}): kept, made ASCII NCNames, or given way */
	doc = convert("# A {#über}\n\n# B {#1abc}\n\n# Intro\n\n"
	    "# C {#intro}\n", "ids", NULL);
	a[0] = '\0';
	ids(galley_doc_root(doc), a, sizeof(a));
	CHECK_STR(a, "uber h-1abc intro-1 intro",
	    "given ids: made NCNames, kept before made ones");
	galley_doc_free(doc);
	/* Cyrillic languages in their own romanisation (BGN/PCGN), by the
	 * language the front matter gives */
	doc = convert("---\nlang: ru\n---\n\n# \xd0\xa9\xd1\x83\xd0\xba\xd0\xb0 \xd0\xb8 "
	    "\xd1\x91\xd0\xb6\n\n---\n\n# \xd0\xa7\xd1\x82\xd0\xbe\n", "ids", NULL);
	a[0] = '\0';
	ids(galley_doc_root(doc), a, sizeof(a));
	CHECK_STR(a, "shchuka-i-yezh chto", "Russian: shchuka, not suka");
	galley_doc_free(doc);
	doc = convert("---\nlang: bg\n---\n\n# \xd0\x9a\xd1\x8a\xd0\xbc "
	    "\xd0\x91\xd1\x8a\xd0\xbb\xd0\xb3\xd0\xb0\xd1\x80\xd0\xb8\xd1\x8f\n", "ids", NULL);
	a[0] = '\0';
	ids(galley_doc_root(doc), a, sizeof(a));
	CHECK_STR(a, "kum-bulgariya", "Bulgarian: kum-bulgariya, not k-m-b-lgaria");
	galley_doc_free(doc);
	latin_table_matches_icu();
	return TAP_DONE();
}
