/* The links filter and the link index of a run of several articles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "galley/links.h"
#include "tap.h"

static struct galley_doc *
convert(const char *name, const char *s, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	struct galley_doc	*doc = NULL;

	if (galley_read(&doc, name, s, strlen(s), opts, dg) == 0)
		galley_filters_run(doc, opts, dg);
	return doc;
}

/* The n-th link of the document, in order. */
static struct galley_node *
link_at(struct galley_node *n, int *k)
{
	struct galley_node	*c, *f;

	if (n->type == GALLEY_NODE_LINK && (*k)-- == 0)
		return n;
	for (c = n->first; c != NULL; c = c->next)
		if ((f = link_at(c, k)) != NULL)
			return f;
	return NULL;
}

static struct galley_node *
nth(struct galley_doc *doc, int k)
{
	return link_at(galley_doc_root(doc), &k);
}

/* Warnings about links (a short text also draws the language's). */
static size_t
warnings(struct galley_diag *dg)
{
	size_t	 i, n = 0;

	for (i = 0; i < galley_diag_size(dg); i++)
		if (galley_diag_get(dg, i)->severity == GALLEY_WARNING &&
		    strstr(galley_diag_get(dg, i)->text, "link") != NULL)
			n++;
	return n;
}

int
main(void)
{
	static const char a_md[] = "---\ntitle: Back office\n---\n\n"
	    "See [lease](/lease), [old](../old-name.html#risk), "
	    "[cpa](/cpa), [web](https://example.org/x), [mail](mailto:a@b.c)"
	    ", [here](#top) and [f](Lease.md).\n\n## Top\n";
	static const char b_md[] = "---\ntitle: Lease\nslug: lease\n"
	    "aliases: [/old-name/, legacy]\n---\n\nText.\n";
	struct galley_opts	 opts, chain;
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*a, *b;
	struct galley_linkindex	*idx;
	struct galley_node	*n;
	char			 buf[256];
	int			 i;

	galley_opts_init(&opts);
	opts.format = "markdown";

	/* one document, no index: every relative link unresolved */
	a = convert("dir/a.md", a_md, &opts, dg);
	n = nth(a, 0);
	CHECK(n != NULL && n->u.link.kind == GALLEY_LINK_UNRESOLVED &&
	    strcmp(n->u.link.url, "/lease") == 0,
	    "alone: /lease unresolved, its target kept");
	CHECK(nth(a, 3)->u.link.kind == GALLEY_LINK_EXTERNAL &&
	    nth(a, 4)->u.link.kind == GALLEY_LINK_EXTERNAL &&
	    nth(a, 5)->u.link.kind == GALLEY_LINK_EXTERNAL,
	    "absolute, mailto: and #fragment links stay external");
	CHECK(warnings(dg) == 4, "a warning per unresolved link");
	for (i = 0; strstr(galley_diag_get(dg, i)->text, "link") == NULL; i++)
		;
	galley_msg_format(galley_diag_get(dg, i), buf, sizeof(buf));
	CHECK(strncmp(buf, "dir/a.md:5:5: warning: ", 23) == 0,
	    "the warning names file:line:col");
	galley_doc_free(a);

	/* --link-base: absolute URLs instead */
	galley_diag_clear(dg);
	opts.link_base = "https://example.com/kb/";
	a = convert("dir/a.md", a_md, &opts, dg);
	CHECK(nth(a, 0)->u.link.kind == GALLEY_LINK_EXTERNAL &&
	    strcmp(nth(a, 0)->u.link.url, "https://example.com/kb/lease") == 0,
	    "--link-base makes /lease absolute");
	CHECK(warnings(dg) == 0, "--link-base: no warnings");
	galley_doc_free(a);
	opts.link_base = NULL;

	/* a run of two: index first, then resolve */
	galley_diag_clear(dg);
	chain = opts;
	chain.no_filters = 1UL << galley_filter_find("links");
	a = convert("dir/a.md", a_md, &chain, dg);
	b = convert("dir/b.md", b_md, &chain, dg);
	CHECK(warnings(dg) == 0, "the chain without links: no warnings");
	idx = galley_linkindex_new();
	galley_linkindex_add(idx, a);
	galley_linkindex_add(idx, b);
	CHECK(galley_links_resolve(a, idx, &opts, dg) == 0, "resolve runs");
	n = nth(a, 0);
	CHECK(n->u.link.kind == GALLEY_LINK_INTERNAL &&
	    strcmp(n->u.link.target, "lease") == 0 && n->u.link.fragment ==
	    NULL, "/lease resolves by slug to the article's id");
	n = nth(a, 1);
	CHECK(n->u.link.kind == GALLEY_LINK_INTERNAL &&
	    strcmp(n->u.link.target, "lease") == 0 && n->u.link.fragment &&
	    strcmp(n->u.link.fragment, "risk") == 0,
	    "../old-name.html#risk resolves by alias, with its fragment");
	CHECK(nth(a, 6)->u.link.kind == GALLEY_LINK_INTERNAL,
	    "Lease.md resolves by file name");
	CHECK(nth(a, 2)->u.link.kind == GALLEY_LINK_UNRESOLVED,
	    "/cpa names no article: unresolved");
	CHECK(galley_linkindex_unresolved(idx) == 1 && warnings(dg) == 1,
	    "one unresolved link counted and reported");
	galley_links_resolve(a, idx, &opts, dg);
	CHECK(nth(a, 0)->u.link.kind == GALLEY_LINK_INTERNAL &&
	    strcmp(nth(a, 0)->u.link.target, "lease") == 0,
	    "resolving again changes nothing");
	galley_filters_run(a, &opts, dg);
	CHECK(nth(a, 0)->u.link.kind == GALLEY_LINK_INTERNAL,
	    "the chain's links step keeps internal links");
	galley_linkindex_free(idx);
	galley_doc_free(a);
	galley_doc_free(b);

	/* links to a fragment of the same article */
	galley_diag_clear(dg);
	a = convert("f.md", "[a](#key-points) [b](#Key%20Points) "
	    "[c](#nowhere)\n\n## Key points\n", &opts, dg);
	CHECK(nth(a, 0)->u.link.kind == GALLEY_LINK_EXTERNAL &&
	    strcmp(nth(a, 1)->u.link.url, "#key-points") == 0 &&
	    nth(a, 1)->u.link.kind == GALLEY_LINK_EXTERNAL,
	    "#fragment: an id of the article, or the heading it slugs to");
	CHECK(nth(a, 2)->u.link.kind == GALLEY_LINK_UNRESOLVED &&
	    warnings(dg) == 1, "#nowhere: unresolved, with a warning");
	galley_doc_free(a);

	/* many articles: the index grows */
	idx = galley_linkindex_new();
	for (i = 0; i < 300; i++) {
		char name[32];

		snprintf(name, sizeof(name), "p/art-%d.md", i);
		b = convert(name, "Text.\n", &chain, dg);
		galley_linkindex_add(idx, b);
		galley_doc_free(b);
	}
	galley_diag_clear(dg);
	a = convert("q.md", "[x](/art-299) [y](art-7.md) [z](/art-300)\n",
	    &chain, dg);
	galley_links_resolve(a, idx, &opts, dg);
	CHECK(strcmp(nth(a, 0)->u.link.target, "art-299") == 0 &&
	    strcmp(nth(a, 1)->u.link.target, "art-7") == 0 &&
	    nth(a, 2)->u.link.kind == GALLEY_LINK_UNRESOLVED,
	    "300 articles: each found, a missing one not");
	galley_doc_free(a);
	galley_linkindex_free(idx);
	galley_linkindex_free(NULL);

	/* post.md in two folders, a slug that is another's file name:
	 * sealed, the index tells them apart; links to a file name go to
	 * that file (added in reverse order: the order given decides) */
	{
		static const char *const names[] = { "one/post.md",
		    "two/post.md", "a.md", "x.md" };
		static const char *const texts[] = { "One.\n", "Two.\n",
		    "---\nslug: x\n---\n\nA.\n", "X.\n" };
		size_t		 keeper = 99;
		int		 k;

		idx = galley_linkindex_new();
		for (k = 3; k >= 0; k--) {
			b = convert(names[k], texts[k], &chain, dg);
			galley_linkindex_add_file(idx, b, (size_t)k, names[k]);
			galley_doc_free(b);
		}
		CHECK(galley_linkindex_id(idx, 0, NULL) == NULL,
		    "before the seal, no id by order");
		galley_linkindex_seal(idx);
		CHECK(strcmp(galley_linkindex_id(idx, 0, NULL), "post") == 0 &&
		    strcmp(galley_linkindex_id(idx, 1, &keeper), "post-2") ==
		    0 && keeper == 0 &&
		    strcmp(galley_linkindex_id(idx, 2, NULL), "x") == 0 &&
		    strcmp(galley_linkindex_id(idx, 3, &keeper), "x-2") == 0 &&
		    keeper == 2 && galley_linkindex_id(idx, 4, NULL) == NULL,
		    "shared ids: the first keeps it, the next is -2");
		galley_diag_clear(dg);
		a = convert("c.md", "[1](one/post.md) [2](/two/post.md) "
		    "[3](post.md) [4](x.md) [5](/x) [6](a.md) [7](post-2) "
		    "[8](../two/post)\n", &chain, dg);
		galley_links_resolve(a, idx, &opts, dg);
		CHECK(strcmp(nth(a, 0)->u.link.target, "post") == 0 &&
		    strcmp(nth(a, 1)->u.link.target, "post-2") == 0 &&
		    strcmp(nth(a, 2)->u.link.target, "post") == 0 &&
		    strcmp(nth(a, 3)->u.link.target, "x-2") == 0 &&
		    strcmp(nth(a, 4)->u.link.target, "x") == 0 &&
		    strcmp(nth(a, 5)->u.link.target, "x") == 0 &&
		    strcmp(nth(a, 6)->u.link.target, "post-2") == 0 &&
		    strcmp(nth(a, 7)->u.link.target, "post-2") == 0,
		    "links to folders' files, to a file a slug shadows, to "
		    "the new id");
		galley_doc_free(a);
		galley_linkindex_free(idx);
	}

	/* one id in several languages is a translation, not a clash: by
	 * the languages given, or by folders named for languages */
	{
		static const char *const names[] = { "en/posts/lease.md",
		    "nb/posts/lease.md", "pt-br/posts/lease.md",
		    "a/doc.md", "b/doc.md", "one.md", "two.md", "three.md",
		    "api/ref.md", "doc/ref.md" };
		static const char *const texts[] = { "En.\n", "Nb.\n",
		    "Pt.\n", "---\nlang: en\n---\n\nA.\n",
		    "---\nlang: de\n---\n\nB.\n",
		    "---\nslug: same\nlang: en\n---\n\n1.\n",
		    "---\nslug: same\nlang: EN\n---\n\n2.\n",
		    "---\nslug: same\nlang: nb\n---\n\n3.\n",
		    "R.\n", "R.\n" };
		static const char *const want[] = { "lease", "lease", "lease",
		    "doc", "doc", "same", "same-2", "same", "ref", "ref-2" };
		int	 k, ok = 1;

		idx = galley_linkindex_new();
		for (k = 0; k < 10; k++) {
			b = convert(names[k], texts[k], &chain, dg);
			galley_linkindex_add_file(idx, b, (size_t)k, names[k]);
			galley_doc_free(b);
		}
		galley_linkindex_seal(idx);
		for (k = 0; k < 10; k++)
			if (strcmp(galley_linkindex_id(idx, (size_t)k, NULL),
			    want[k]) != 0) {
				printf("# %s: %s\n", names[k],
				    galley_linkindex_id(idx, (size_t)k, NULL));
				ok = 0;
			}
		CHECK(ok, "translations keep one id (en/, nb/, pt-br/ folders; "
		    "lang en and de); en and EN, api/ and doc/ do not");
		galley_linkindex_free(idx);
	}

	/* "/frontoffice" in a language folder: that folder's article
	 * first, separators aside; another folder's only if it has none;
	 * a Cyrillic link finds its file whatever its case */
	{
		static const char *const names[] = { "de/front-office.md",
		    "nb/frontoffice.md", "ru/\xd0\xb0\xd1\x80\xd0\xb5\xd0\xbd\xd0\xb4\xd0\xb0.md",
		    "de/backoffice.md", "ru/office.md" };
		int	 k;

		idx = galley_linkindex_new();
		for (k = 0; k < 5; k++) {
			b = convert(names[k], "Text.\n", &chain, dg);
			galley_linkindex_add_file(idx, b, (size_t)k, names[k]);
			galley_doc_free(b);
		}
		galley_linkindex_seal(idx);
		a = convert(names[3], "[1](/frontoffice)\n", &chain, dg);
		galley_links_resolve_at(a, idx, 3, &opts, dg);
		CHECK(strcmp(nth(a, 0)->u.link.target, "front-office") == 0,
		    "/frontoffice in de/: de/front-office.md, not nb/");
		galley_doc_free(a);
		a = convert(names[4], "[1](/frontoffice) "
		    "[2](/\xd0\x90\xd1\x80\xd0\xb5\xd0\xbd\xd0\xb4\xd0\xb0)\n",
		    &chain, dg);
		galley_links_resolve_at(a, idx, 4, &opts, dg);
		CHECK(strcmp(nth(a, 0)->u.link.target, "frontoffice") == 0 &&
		    nth(a, 1)->u.link.target != NULL,
		    "/frontoffice in ru/ (none there): nb/'s; /\xd0\x90\xd1\x80\xd0\xb5\xd0\xbd\xd0\xb4\xd0\xb0 finds "
		    "\xd0\xb0\xd1\x80\xd0\xb5\xd0\xbd\xd0\xb4\xd0\xb0.md");
		galley_doc_free(a);
		galley_linkindex_free(idx);
	}

	/* an exact spelling elsewhere beats a loose one in the folder */
	{
		static const char *const names[] = { "login.md",
		    "it/log-in.md", "it/vpn.md" };
		int	 k;

		idx = galley_linkindex_new();
		for (k = 0; k < 3; k++) {
			b = convert(names[k], "Text.\n", &chain, dg);
			galley_linkindex_add_file(idx, b, (size_t)k, names[k]);
			galley_doc_free(b);
		}
		galley_linkindex_seal(idx);
		a = convert(names[2], "[1](/login)\n", &chain, dg);
		galley_links_resolve_at(a, idx, 2, &opts, dg);
		CHECK(strcmp(nth(a, 0)->u.link.target, "login") == 0,
		    "/login in it/: the top's login.md, not it/log-in.md");
		galley_doc_free(a);
		galley_linkindex_free(idx);
	}

	galley_diag_free(dg);
	return TAP_DONE();
}
