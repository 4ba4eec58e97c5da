/*
 * Raw HTML through html_clean(): what is unsafe goes, what is kept is
 * well-formed and fits where it stands.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "galley/galley.h"
#include "writers/epub/epub.h"
#include "tap.h"

static struct epub	 e;
static struct map	 ids, emitted;

static char *
clean(const char *html, int phrasing)
{
	struct galley_buf	 b;
	struct html_ctx		 c;

	memset(&c, 0, sizeof(c));
	c.e = &e;
	c.basedir = "tests/epub";
	c.file = "test.md";
	c.line = 3;
	c.col = 1;
	c.ids = &ids;
	c.emitted = &emitted;
	galley_buf_init(&b);
	html_clean(&b, html, strlen(html), phrasing, &c);
	galley_buf_putc(&b, '\0');
	return galley_buf_detach(&b, NULL);
}

static int
well_formed(const char *frag)
{
	size_t		 n = strlen(frag) + 200;
	char		*doc = malloc(n);
	xmlDocPtr	 d;

	snprintf(doc, n, "<div xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:epub=\"http://www.idpf.org/2007/ops\">%s</div>", frag);
	d = xmlReadMemory(doc, (int)strlen(doc), NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(doc);
	xmlFreeDoc(d);
	return d != NULL;
}

static void
is(const char *html, int phrasing, const char *want, const char *what)
{
	char	*got = clean(html, phrasing);

	CHECK_STR(got, want, what);
	CHECK(well_formed(got), what);
	free(got);
}

int
main(void)
{
	memset(&e, 0, sizeof(e));
	map_init(&e.packed);
	map_init(&e.images);
	e.dg = galley_diag_new();
	map_init(&ids);
	map_init(&emitted);
	map_put(&ids, "known", 0);

	is("<script>alert(1)</script><p onclick=\"x()\">hi</p>", 0,
	    "<p>hi</p>", "html: script and event attribute dropped");
	is("<a href=\"javascript:alert(1)\">x</a>", 1, "x",
	    "html: javascript: link keeps its text only");
	is("<a href=\"JavaScript:alert(1)\" onmouseover=\"y\">x</a>", 1, "x",
	    "html: javaScript: in any case");
	is("<iframe src=\"https://example.com/\"></iframe>text", 1,
	    "<a href=\"https://example.com/\">https://example.com/</a> text",
	    "html: iframe dropped, a link to its address in its place");
	is("<iframe src=\"a.html\"></iframe>text", 1, "text",
	    "html: iframe dropped");
	is("<object data=\"a.swf\"><embed src=\"b\"></object><form><input>"
	    "<button>Go</button></form> after", 0, "Go after",
	    "html: object, embed, form, input dropped, the words in them kept");
	is("<div>block</div> and <span>inline</span>", 1,
	    "block and <span>inline</span>",
	    "html: block content in a phrasing context is unwrapped");
	is("<b>x</b><div>cell</div>y", 1, "<b>x</b> cell y",
	    "html: an unwrapped block's words stay apart");
	is("<ul>stray<li>a</li></ul>", 0, "<ul><li>stray</li><li>a</li></ul>",
	    "html: text in a list gets an item");
	is("<img src=\"http://x.example/y.png\" alt=\"Y\">", 1,
	    "<a class=\"remote-image\" href=\"http://x.example/y.png\">Y</a>",
	    "html: remote image: alt text with a link");
	is("<a href=\"https://a.example/\"><img src=\"https://x.example/i.png\""
	    " alt=\"I\"></a>", 1, "<a href=\"https://a.example/\">I</a>",
	    "html: remote image inside a link: no nested link");
	is("<p id=\"known\">a</p><p id=\"known\">b</p><p id=\"evil\">c</p>",
	    0, "<p id=\"known\">a</p><p>b</p><p>c</p>",
	    "html: ids only when known and once");
	is("<a href=\"#known\">in</a> <a href=\"#unknown\">out</a>", 1,
	    "<a href=\"#known\">in</a> out",
	    "html: fragment links only to ids of the chapter");
	is("<b>bold <i>both</b> italic", 1, "<b>bold <i>both</i></b> italic",
	    "html: misnested tags made well-formed");
	is("<table><td onclick=\"x\">c</td></table>", 0,
	    "<table><tr><td>c</td></tr></table>",
	    "html: a cell outside a row gets one");
	is("<p style=\"color:red\" lang=\"fr\" class=\"k\">t &amp; &lt;</p>", 0,
	    "<p lang=\"fr\" xml:lang=\"fr\" class=\"k\">t &amp; &lt;</p>",
	    "html: style dropped, lang doubled as xml:lang, entities kept");
	CHECK(galley_diag_count(e.dg, GALLEY_WARNING) == 3,
	    "html: the dropped iframe, object and embed are warned");
	galley_diag_clear(e.dg);
	is("<img src=\"img/missing.png\" alt=\"Gone\">", 1,
	    "<span class=\"missing-image\">Gone</span>",
	    "html: a missing local image is its alt text");
	CHECK(galley_diag_count(e.dg, GALLEY_WARNING) == 1,
	    "html: and a warning");
	is("<svg><script>x</script></svg><math>m</math><style>p{}</style>", 0,
	    "", "html: svg, math and style dropped");

	map_release(&ids);
	map_release(&emitted);
	map_release(&e.packed);
	map_release(&e.images);
	galley_diag_free(e.dg);
	return TAP_DONE();
}
