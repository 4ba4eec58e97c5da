/* The meta filter: front matter folded into the slots, dates, ids. */
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "tap.h"

static struct galley_doc *
convert(const char *name, const char *s, struct galley_diag *dg)
{
	struct galley_opts	 opts;
	struct galley_doc	*doc = NULL;

	galley_opts_init(&opts);
	opts.format = "markdown";
	opts.no_filters = 1UL << galley_filter_find("links");
	if (galley_read(&doc, name, s, strlen(s), &opts, dg) == -1)
		return NULL;
	if (galley_filters_run(doc, &opts, dg) == -1) {
		galley_doc_free(doc);
		return NULL;
	}
	return doc;
}

static int
has_msg(struct galley_diag *dg, enum galley_severity sev, const char *part)
{
	size_t	 i;

	for (i = 0; i < galley_diag_size(dg); i++)
		if (galley_diag_get(dg, i)->severity == sev &&
		    strstr(galley_diag_get(dg, i)->text, part) != NULL)
			return 1;
	return 0;
}

/* The ISO form of a front-matter date, or NULL when it is refused. */
static const char *
date_of(const char *given, char *out, size_t sz)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc;
	char			 src[256];
	const char		*d;

	snprintf(src, sizeof(src), "---\ntitle: T\ndate: \"%s\"\n---\n\n"
	    "Some text to read.\n", given);
	doc = convert("d.md", src, dg);
	d = doc != NULL ? galley_doc_meta(doc)->date : NULL;
	if (d != NULL)
		snprintf(out, sz, "%s", d);
	galley_doc_free(doc);
	galley_diag_free(dg);
	return d != NULL ? out : NULL;
}

int
main(void)
{
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc;
	struct galley_meta	*m;
	struct galley_value	*v;
	char			 buf[64], uuid1[40];

	doc = convert("dir/a.md", "---\ntitle: Hello\n"
	    "keywords: \" a , b,c, B ,a\"\ntags: [x, c, y]\ncategories: z\n"
	    "summary: Sum\nabstract: Abs\nauthors: [Ann, Bob, Ann]\n"
	    "author: Cy\nlanguage: nb_NO\nweird: 1\n---\n\nText.\n", dg);
	CHECK(doc != NULL, "document converts");
	m = galley_doc_meta(doc);
	CHECK(m->keywords.n == 6, "keywords: split, trimmed, de-duplicated, "
	    "tags and categories folded in");
	CHECK(m->keywords.n == 6 && strcmp(m->keywords.v[0], "a") == 0 &&
	    strcmp(m->keywords.v[1], "b") == 0 &&
	    strcmp(m->keywords.v[3], "x") == 0 &&
	    strcmp(m->keywords.v[5], "z") == 0, "keywords in order");
	galley_doc_free(doc);
	doc = convert("dir/fa.md", "---\ntitle: T\nkeywords: "
	    "\"\xd8\xa7\xd9\x84\xd9\x81 \xd8\x8c \xd8\xa8\xd8\xa7\xd8\xa1"
	    "\xe3\x80\x81\xe6\x97\xa5\xe6\x9c\xac\xef\xbc\x8c c; d\xd8\x9b e\"\n---\n\nText.\n",
	    dg);
	m = galley_doc_meta(doc);
	CHECK(m->keywords.n == 6 && strcmp(m->keywords.v[0],
	    "\xd8\xa7\xd9\x84\xd9\x81") == 0 && strcmp(m->keywords.v[5], "e") == 0,
	    "keywords: Arabic, ideographic, full-width commas, ; and \xd8\x9b split too");
	galley_doc_free(doc);
	doc = convert("dir/a.md", "---\ntitle: Hello\n"
	    "keywords: \" a , b,c, B ,a\"\ntags: [x, c, y]\ncategories: z\n"
	    "summary: Sum\nabstract: Abs\nauthors: [Ann, Bob, Ann]\n"
	    "author: Cy\nlanguage: nb_NO\nweird: 1\n---\n\nText.\n", dg);
	m = galley_doc_meta(doc);
	CHECK(galley_value_get(m->extra, "tags") == NULL &&
	    galley_value_get(m->extra, "categories") == NULL,
	    "tags and categories leave extra");
	CHECK_STR(m->description, "Sum", "summary becomes the description");
	CHECK(galley_value_get(m->extra, "abstract") != NULL,
	    "a second, different abstract stays in extra");
	CHECK(m->authors.n == 3 && strcmp(m->authors.v[0], "Ann") == 0 &&
	    strcmp(m->authors.v[2], "Cy") == 0, "author and authors folded");
	CHECK(galley_value_get(m->extra, "authors") == NULL,
	    "authors leave extra");
	CHECK_STR(m->language, "nb-NO", "language key folded, BCP 47");
	CHECK(m->language_confidence == 1.0, "given language: confidence 1");
	CHECK(galley_value_get(m->extra, "weird") != NULL,
	    "unknown key kept");
	CHECK_STR(m->slug, "a", "slug: the file stem");
	CHECK_STR(m->id, "a", "id: the slug");
	CHECK(m->uuid != NULL && strlen(m->uuid) == 36 && m->uuid[14] == '5',
	    "a UUIDv5 is made");
	snprintf(uuid1, sizeof(uuid1), "%s", m->uuid ? m->uuid : "");
	galley_doc_free(doc);

	/* the same UUID on every run; python3 uuid.uuid5(NAMESPACE_URL,
	 * "a.md\nHello") */
	doc = convert("./a.md", "---\ntitle: Hello\n---\n\nText.\n", dg);
	CHECK_STR(galley_doc_meta(doc)->uuid,
	    "daa6af39-44c4-54d0-8c2f-ead2a6b69b40",
	    "UUIDv5 of source path and title");
	galley_doc_free(doc);
	doc = convert("dir/a.md", "---\ntitle: Hello\n---\n\nOther.\n", dg);
	CHECK_STR(galley_doc_meta(doc)->uuid, uuid1,
	    "UUID stable for the same path and title");
	galley_doc_free(doc);

	doc = convert("x/2021-post.md", "---\ntitle: T\nslug: my-post\n"
	    "id: post-7\nuuid: 6BA7B811-9DAD-11D1-80B4-00C04FD430C8\n---\n\n"
	    "Text.\n", dg);
	m = galley_doc_meta(doc);
	CHECK_STR(m->slug, "my-post", "front-matter slug respected");
	CHECK_STR(m->id, "post-7", "front-matter id respected");
	CHECK_STR(m->uuid, "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
	    "front-matter uuid respected, lower case");
	CHECK(galley_value_get(m->extra, "slug") == NULL &&
	    galley_value_get(m->extra, "id") == NULL &&
	    galley_value_get(m->extra, "uuid") == NULL,
	    "id, slug and uuid leave extra");
	galley_doc_free(doc);

	doc = convert("x/2021 notes.md", "---\ntitle: T\nid: 12 ab\n---\n\n"
	    "Text.\n", dg);
	m = galley_doc_meta(doc);
	CHECK_STR(m->id, "a-12-ab", "an id that is no NCName is made one");
	CHECK(galley_value_get(m->extra, "id") != NULL,
	    "and the id as written stays in extra");
	galley_doc_free(doc);
	doc = convert("x/2021 notes.md", "---\ntitle: T\n---\n\nText.\n", dg);
	CHECK_STR(galley_doc_meta(doc)->id, "a-2021-notes",
	    "id from a file stem with a digit and a space");
	galley_doc_free(doc);

	CHECK_STR(date_of("2021-06-24", buf, sizeof(buf)), "2021-06-24",
	    "ISO date");
	CHECK_STR(date_of("2021-06-24T07:51:00+02:00", buf, sizeof(buf)),
	    "2021-06-24T07:51:00+02:00", "ISO date and time");
	CHECK_STR(date_of("2021-06-24 07:51", buf, sizeof(buf)),
	    "2021-06-24T07:51", "YYYY-MM-DD HH:MM");
	CHECK_STR(date_of("Thu, 24 Jun 2021 07:51:00 +0200", buf,
	    sizeof(buf)), "2021-06-24T07:51:00+02:00", "RFC 2822");
	CHECK_STR(date_of("24 Jun 2021 07:51 GMT", buf, sizeof(buf)),
	    "2021-06-24T07:51:00Z", "RFC 2822, no weekday, GMT");
	CHECK_STR(date_of("1624513860", buf, sizeof(buf)),
	    "2021-06-24T05:51:00Z", "Unix seconds");
	CHECK_STR(date_of("24 juni 2021 7:51", buf, sizeof(buf)),
	    "2021-06-24T07:51", "a written Dutch date");
	CHECK(date_of("2021-02-30", buf, sizeof(buf)) == NULL,
	    "no 30 February");
	doc = convert("f.md", "---\ntitle: >\n  A folded\n  title\ndescription: |\n"
	    "  Line one\n  line two\nlang: \" nb \"\n---\n\nText.\n", dg);
	m = galley_doc_meta(doc);
	CHECK_STR(m->title, "A folded title", "a folded title: no newline");
	CHECK_STR(m->description, "Line one\nline two",
	    "a literal description: its last newline off");
	CHECK_STR(m->language, "nb", "lang trimmed");
	galley_doc_free(doc);
	doc = convert("b.md", "---\ntitle: \" \\u3000 \"\nsummary: \"  \"\n---\n\n"
	    "Text.\n", dg);
	m = galley_doc_meta(doc);
	CHECK(m->title == NULL && m->description == NULL,
	    "a blank title and summary: none");
	galley_doc_free(doc);
	doc = convert("h.md", "---\ntitle: T\nauthor: {name: Jane Doe, email: "
	    "j@x.org}\npubDate: \"Jul 08 2022\"\ntags: jekyll liquid\n---\n\n"
	    "Text.\n", dg);
	m = galley_doc_meta(doc);
	CHECK(m->authors.n == 1 && strcmp(m->authors.v[0], "Jane Doe") == 0 &&
	    galley_value_get(m->extra, "author") != NULL,
	    "an author map: its name, and the map kept in extra");
	CHECK_STR(m->date, "2022-07-08", "pubDate is the date");
	CHECK(galley_value_get(m->extra, "pubDate") == NULL,
	    "pubDate read leaves extra");
	CHECK(m->keywords.n == 2 && strcmp(m->keywords.v[1], "liquid") == 0,
	    "Jekyll's tags split at spaces");
	galley_doc_free(doc);
	doc = convert("i.md", "---\ntitle: T\nauthors:\n  - name: Max\n  - name: "
	    "Erika\nkeywords: back office\n---\n\nText.\n", dg);
	m = galley_doc_meta(doc);
	CHECK(m->authors.n == 2 && strcmp(m->authors.v[1], "Erika") == 0 &&
	    galley_value_get(m->extra, "authors") == NULL,
	    "a list of author maps with names only: the names");
	CHECK(m->keywords.n == 1, "keywords are not split at spaces");
	galley_doc_free(doc);
	CHECK(galley_blank(NULL) && galley_blank("") && galley_blank(
	    " \t\n\xc2\xa0\xe3\x80\x80\xe2\x80\x8b") && !galley_blank(" x "),
	    "galley_blank");
	CHECK(date_of("1400/04/03", buf, sizeof(buf)) == NULL,
	    "1400/04/03 in an article of no language: which calendar?");
	doc = convert("fa.md", "---\ntitle: T\nlang: fa\ndate: 1400/04/03\n"
	    "---\n\nText.\n", dg);
	CHECK_STR(galley_doc_meta(doc)->date, "2021-06-24",
	    "1400/04/03 in a Persian article: Solar Hijri");
	galley_doc_free(doc);
	doc = convert("ar.md", "---\ntitle: T\nlang: ar\ndate: 1445/09/15\n"
	    "---\n\nText.\n", dg);
	CHECK_STR(galley_doc_meta(doc)->date, "2024-03-25",
	    "1445/09/15 in an Arabic article: Hijri");
	galley_doc_free(doc);
	galley_diag_clear(dg);
	doc = convert("u.md", "---\ntitle: T\ndate: next Tuesday\n---\n\n"
	    "Text.\n", dg);
	m = galley_doc_meta(doc);
	CHECK(m->date == NULL, "unparseable date: no date");
	v = galley_value_get(m->extra, "date");
	CHECK(v != NULL && v->str != NULL && strcmp(v->str, "next Tuesday")
	    == 0, "unparseable date kept in extra");
	CHECK(has_msg(dg, GALLEY_WARNING, "next Tuesday"),
	    "unparseable date: a warning");
	galley_doc_free(doc);

	galley_diag_free(dg);
	return TAP_DONE();
}
