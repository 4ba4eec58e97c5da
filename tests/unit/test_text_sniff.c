/* sniff_format(): the reader an input wants, by content alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "readers/sniff.h"
#include "tap.h"

static const char *
sniff(const char *s)
{
	struct galley_src	 src;

	src.name = "x";
	src.data = s;
	src.len = strlen(s);
	return sniff_format(&src);
}

/* The seed files of input/, read whole. */
static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*d;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	d = calloc(1, (size_t)n + 1);
	if (d != NULL && fread(d, 1, (size_t)n, f) != (size_t)n) {
		free(d);
		d = NULL;
	}
	fclose(f);
	return d;
}

int
main(void)
{
	static const char *const seeds_md[] = {
		"input/000_5413cba6d7dd22c5.txt",
		"input/001_eb685c18aea0661e.txt",
		"input/002_1b145a7ea59f55d5.txt",
		"input/003_1b98ebf3e98aebf6.txt",
	};
	char	*s, what[128];
	size_t	 i;

	CHECK_STR(sniff("---\ntitle: A\n---\n\nText.\n"), "markdown",
	    "front matter is Markdown");
	CHECK_STR(sniff("---\ntitle: A\n...\n\n24 juni 2021\n\nText.\n"),
	    "markdown", "front matter closed by ... is Markdown");
	CHECK_STR(sniff("{\"galley\": 1, \"meta\": {}, \"body\": []}"),
	    "json", "galley JSON");
	CHECK_STR(sniff("  {\n  \"meta\": {\"galley\": 2},\n  \"galley\" : 1}"),
	    "json", "galley key after a nested one");
	CHECK_STR(sniff("{\"meta\": {\"galley\": 1}}"), "json",
	    "other JSON goes to the JSON reader, which says what is wrong");
	CHECK_STR(sniff(" [ {\"a\": 1} ]\n"), "json", "a JSON array too");
	CHECK(strcmp(sniff("[a link] and text [b]\n"), "json") != 0,
	    "brackets around words are not JSON");
	CHECK_STR(sniff("[[1, 2], [true]]\n"), "json", "nested arrays are JSON");
	CHECK_STR(sniff("2020-12-23  Simon Sobisch <s@gnu.org>\n\n"
	    "\t* configure.ac: version 3.1.2\n\n"
	    "2020-12-15  Simon Sobisch <s@gnu.org>\n\n"
	    "\t* configure.ac: fixed use of MPIR_LIBS\n\n"
	    "2019-04-14  Ron Norman <r@x.com>\n\n"
	    "\t* configure.ac [__xlc__]: suppress a warning\n"), "text",
	    "a GNU ChangeLog's tab-indented entries are no Markdown list");
	CHECK_STR(sniff("[[Note A]]\n[[Note B]]\n"), "markdown",
	    "a note of wiki links is Markdown, not JSON");
	CHECK_STR(sniff("Some title\n\nSee [[Other note]] for more.\n"),
	    "markdown", "a wiki link makes Markdown");
	CHECK_STR(sniff("# Title\n\nSome *emphasis* and a [link](http://x).\n"
	    "\n- one\n- two\n"), "markdown",
	    "Markdown without front matter");
	CHECK_STR(sniff("Intro\n\n```c\nint x;\n```\n\nMore text here.\n"),
	    "markdown", "fenced code is Markdown");
	CHECK_STR(sniff("Title\n=====\n\nBody with `code`.\n"), "markdown",
	    "setext heading is Markdown");
	CHECK_STR(sniff("| a | b |\n|---|---|\n| 1 | 2 |\n"), "markdown",
	    "pipe table is Markdown");
	CHECK_STR(sniff("Notes\n\nSee **this** and [that][1].\n\n"
	    "[1]: http://example.com\n"), "markdown",
	    "reference links are Markdown");
	CHECK_STR(sniff("24 juni 2021 7:51\n\nBack Office\n\nWat is het?\n\n"
	    "Tekst van het artikel.\n"), "text", "date line on top is text");
	CHECK_STR(sniff("Key points\n\n\xe2\x80\xa2 one\n\xe2\x80\xa2 two\n\n"
	    "Body text follows here.\n"), "text", "bullet glyphs are text");
	CHECK_STR(sniff("Shopping list\n\n- eggs\n- milk\n\nHow to cook\n\n"
	    "Mix 5 * 3 eggs with file_name_here and #hashtag.\n"), "text",
	    "dash lists, bare lines, stray * and _ and #: text");
	CHECK_STR(sniff("Just some words on a line.\n"), "text",
	    "no signs at all: text");
	CHECK_STR(sniff("## Only a heading\n\nAnd a paragraph.\n"),
	    "markdown", "an ATX heading is enough");
	CHECK_STR(sniff("# Title\n\n24 June 2021\n\nText.\n"), "markdown",
	    "an ATX heading outweighs a date line");
	CHECK_STR(sniff("June 24, 2021\n\n# Title\n\nSee [x](y).\n"),
	    "markdown", "Markdown under a date line");
	CHECK_STR(sniff("Title\n\n24 June 2021\n\nText with a * star.\n"),
	    "text", "date on the second line is text");
	s = slurp("input/004_4a80590e0acbb5b6.txt");
	CHECK(s != NULL && strcmp(sniff(s), "text") == 0,
	    "Dutch seed is a plain-text export");
	free(s);
	for (i = 0; i < sizeof(seeds_md) / sizeof(seeds_md[0]); i++) {
		s = slurp(seeds_md[i]);
		snprintf(what, sizeof(what), "%s is Markdown", seeds_md[i]);
		CHECK(s != NULL && strcmp(sniff(s), "markdown") == 0, what);
		/* and still without its front matter */
		if (s != NULL) {
			char	*body = strstr(s + 3, "\n---\n");

			snprintf(what, sizeof(what),
			    "%s without front matter is Markdown",
			    seeds_md[i]);
			CHECK(body != NULL && strcmp(sniff(body + 5),
			    "markdown") == 0, what);
		}
		free(s);
	}
	return TAP_DONE();
}
