/*
 * The plain-text reader, checked against the model it builds: the
 * Dutch seed exactly as issue 3 asks, then one case per rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "readers/encoding.h"
#include "tap.h"

extern const struct galley_reader galley_text_reader;

static struct galley_diag	*dg;

/* Decode like galley_read() does, then run the text reader. */
static struct galley_doc *
read_bytes(const char *data, size_t len)
{
	struct galley_opts	 opts;
	struct galley_src	 src;
	struct galley_doc	*doc;
	char			*text;
	size_t			 n;

	galley_diag_clear(dg);
	if (enc_decode(&text, &n, "t.txt", data, len, NULL, dg) == -1)
		return NULL;
	galley_opts_init(&opts);
	src.name = "t.txt";
	src.data = text;
	src.len = n;
	doc = galley_doc_new("t.txt");
	galley_doc_meta(doc)->format = "text";
	if (galley_text_reader.read(doc, &src, &opts, dg) == -1) {
		galley_doc_free(doc);
		doc = NULL;
	}
	free(text);
	return doc;
}

static struct galley_doc *
read_str(const char *s)
{
	return read_bytes(s, strlen(s));
}

/*
 * A compact outline of the tree: h2(..) p(..) ul[i(..) ..] ol3.[..],
 * "~" after a loose list, links as [text](url), breaks as hr.
 */
static void
outline_of(struct galley_buf *b, const struct galley_node *n)
{
	const struct galley_node	*c;

	switch (n->type) {
	case GALLEY_NODE_TEXT:
		galley_buf_puts(b, n->literal);
		return;
	case GALLEY_NODE_LINK:
		galley_buf_putc(b, '[');
		for (c = n->first; c != NULL; c = c->next)
			outline_of(b, c);
		galley_buf_printf(b, "](%s)", n->u.link.url);
		return;
	case GALLEY_NODE_PARAGRAPH:
		galley_buf_puts(b, "p(");
		break;
	case GALLEY_NODE_HEADING:
		galley_buf_printf(b, "h%d(", n->u.heading.level);
		break;
	case GALLEY_NODE_LIST:
		if (n->u.list.ordered)
			galley_buf_printf(b, "ol%d%c", n->u.list.start,
			    n->u.list.delim);
		else
			galley_buf_puts(b, "ul");
		galley_buf_puts(b, n->u.list.tight ? "[" : "~[");
		break;
	case GALLEY_NODE_ITEM:
		galley_buf_puts(b, "i(");
		break;
	case GALLEY_NODE_THEMATIC_BREAK:
		galley_buf_puts(b, "hr");
		return;
	case GALLEY_NODE_LINEBREAK:
		galley_buf_puts(b, "<br>");
		return;
	case GALLEY_NODE_DOCUMENT:
		break;
	default:
		galley_buf_printf(b, "?%s(", galley_node_type_name(n->type));
		break;
	}
	for (c = n->first; c != NULL; c = c->next) {
		if (c != n->first && galley_node_is_block(c->type))
			galley_buf_putc(b, ' ');
		outline_of(b, c);
	}
	if (n->type == GALLEY_NODE_LIST)
		galley_buf_putc(b, ']');
	else if (n->type != GALLEY_NODE_DOCUMENT)
		galley_buf_putc(b, ')');
}

/* The outline of s read as text, or "(failed)"; valid until next call. */
static const char *
outline(const char *s)
{
	static char		*out;
	struct galley_buf	 b;
	struct galley_doc	*doc = read_str(s);

	free(out);
	if (doc == NULL)
		return out = NULL, "(failed)";
	galley_buf_init(&b);
	outline_of(&b, galley_doc_root(doc));
	out = galley_buf_detach(&b, NULL);
	galley_doc_free(doc);
	return out ? out : "";
}

/* Every node has a source position. */
static int
all_positioned(const struct galley_node *n)
{
	const struct galley_node	*c;

	if (n->type != GALLEY_NODE_DOCUMENT &&
	    (n->pos.line == 0 || n->pos.col == 0))
		return 0;
	for (c = n->first; c != NULL; c = c->next)
		if (!all_positioned(c))
			return 0;
	return 1;
}

/* Text of the subtree, a space between blocks. */
static void
text_of(struct galley_buf *b, const struct galley_node *n)
{
	const struct galley_node	*c;

	if (n->literal != NULL)
		galley_buf_puts(b, n->literal);
	for (c = n->first; c != NULL; c = c->next) {
		if (galley_node_is_block(c->type))
			galley_buf_putc(b, ' ');
		text_of(b, c);
	}
}

/* s with bullets dropped and white space (NBSP too) folded, in place. */
static char *
fold(char *s)
{
	char	*r = s, *w = s;
	int	 sp = 1;

	while (*r != '\0') {
		if (strncmp(r, "\xe2\x80\xa2", 3) == 0) {
			r += 3;
			continue;
		}
		if (*r == ' ' || *r == '\n' || *r == '\t' ||
		    strncmp(r, "\xc2\xa0", 2) == 0) {
			r += *r == '\xc2' ? 2 : 1;
			if (!sp)
				*w++ = ' ';
			sp = 1;
			continue;
		}
		*w++ = *r++;
		sp = 0;
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
	return s;
}

static char *
slurp(const char *path, size_t *len)
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
	*len = (size_t)n;
	return d;
}

static void
dutch_seed(void)
{
	static const char *const headings[] = { "Wat is backoffice?",
	    "Belangrijkste leerpunten", "Hoe de backoffice werkt",
	    "Voorbeeld van backoffice", "Speciale overwegingen" };
	struct galley_doc	*doc;
	struct galley_meta	*m;
	struct galley_node	*n, *root;
	struct galley_buf	 b;
	char			*data, *model;
	size_t			 len, h = 0, lists = 0, others = 0, items = 0;
	int			 heading_order = 1, list_placed = 0;

	data = slurp("input/004_4a80590e0acbb5b6.txt", &len);
	CHECK(data != NULL, "Dutch seed: file read");
	if (data == NULL)
		return;
	doc = read_bytes(data, len);
	CHECK(doc != NULL, "Dutch seed: reads");
	if (doc == NULL) {
		free(data);
		return;
	}
	m = galley_doc_meta(doc);
	root = galley_doc_root(doc);
	CHECK_STR(m->date, "2021-06-24T07:51", "Dutch seed: date");
	CHECK_STR(m->date_text, "24 juni 2021 7:51", "Dutch seed: date text");
	CHECK_STR(m->title, "Back Office", "Dutch seed: title");
	for (n = root->first; n != NULL; n = n->next) {
		if (n->type == GALLEY_NODE_HEADING) {
			char	*t = galley_node_text(doc, n);

			if (h >= 5 || strcmp(t, headings[h]) != 0 ||
			    n->u.heading.level != 2)
				heading_order = 0;
			h++;
		} else if (n->type == GALLEY_NODE_LIST) {
			struct galley_node	*i;

			lists++;
			for (i = n->first; i != NULL; i = i->next)
				items++;
			if (n->prev != NULL &&
			    n->prev->type == GALLEY_NODE_HEADING &&
			    strcmp(galley_node_text(doc, n->prev),
			    "Belangrijkste leerpunten") == 0 &&
			    !n->u.list.ordered)
				list_placed = 1;
		} else if (n->type != GALLEY_NODE_PARAGRAPH)
			others++;
	}
	CHECK(h == 5 && heading_order, "Dutch seed: the five headings, "
	    "in order, level 2");
	CHECK(lists == 1 && items == 3, "Dutch seed: one list of three");
	CHECK(list_placed, "Dutch seed: bullet list under "
	    "Belangrijkste leerpunten");
	CHECK(others == 0, "Dutch seed: every other block a paragraph");
	/* 18 non-blank lines: date, title, 5 headings, 3 items, 8 paras */
	n = root->first;
	len = 0;
	for (; n != NULL; n = n->next)
		len += n->type == GALLEY_NODE_PARAGRAPH;
	CHECK(len == 8, "Dutch seed: eight paragraphs, one per line");
	CHECK(all_positioned(root), "Dutch seed: every node has line:col");
	galley_buf_init(&b);
	galley_buf_puts(&b, m->date_text);
	galley_buf_putc(&b, ' ');
	galley_buf_puts(&b, m->title);
	text_of(&b, root);
	model = galley_buf_detach(&b, NULL);
	CHECK_STR(fold(model), fold(data), "Dutch seed: no text lost");
	free(model);
	galley_doc_free(doc);
	free(data);
}

static void
meta_cases(void)
{
	static const struct {
		const char	*in, *date, *title, *body, *what;
	} cases[] = {
		{ "June 24, 2021 7:51 AM\n\nTitle\n\nBody.\n",
		    "2021-06-24T07:51", "Title", "p(Body.)", "English date" },
		{ "Donnerstag, 24. Juni 2021 um 07:51 Uhr\nTitel\n\nText.\n",
		    "2021-06-24T07:51", "Titel", "p(Text.)", "German date" },
		{ "24 juin 2021 à 07h51\n\nTitre\n\nTexte.\n",
		    "2021-06-24T07:51", "Titre", "p(Texte.)", "French date" },
		{ "24 de junio de 2021, 7:51\n\nTítulo\n\nTexto.\n",
		    "2021-06-24T07:51", "Título", "p(Texto.)", "Spanish date" },
		{ "24 czerwca 2021 07:51\n\nTytuł\n\nTekst.\n",
		    "2021-06-24T07:51", "Tytuł", "p(Tekst.)", "Polish date" },
		{ "24.6.2021 klo 7.51\n\nOtsikko\n\nTeksti.\n",
		    "2021-06-24T07:51", "Otsikko", "p(Teksti.)",
		    "Finnish date" },
		{ "24. júní 2021\n\nFyrirsögn\n\nTexti.\n", "2021-06-24",
		    "Fyrirsögn", "p(Texti.)", "Icelandic date" },
		{ "6/24/2021 7:51 AM\n\nTitle\n\nBody.\n", "2021-06-24T07:51",
		    "Title", "p(Body.)", "US numeric date" },
		{ "Back Office\n24 juni 2021 7:51\n\nTekst.\n",
		    "2021-06-24T07:51", "Back Office", "p(Tekst.)",
		    "date on the second line" },
		{ "My Title\n\nBody text.\n", NULL, "My Title", "p(Body text.)",
		    "no date line" },
		{ "\n\n  Just a title  \n\n", NULL, "Just a title", "",
		    "title only" },
		{ "24 juni 2021\n\nTitel\n", "2021-06-24", "Titel", "",
		    "date and title only" },
		{ "24 juni 2021\n\nDit is geen titel maar een zin van "
		    "meer dan twaalf woorden, met een punt.\n", "2021-06-24",
		    NULL, "p(Dit is geen titel maar een zin van meer dan twaalf "
		    "woorden, met een punt.)", "a long sentence is no title" },
		{ "24 June 2021 7:51\n\nWe tried the new tram line. Here is "
		    "what we found.\n\nThe city opened its new tram line on "
		    "Monday.\n", "2021-06-24T07:51",
		    "We tried the new tram line. Here is what we found.",
		    "p(The city opened its new tram line on Monday.)",
		    "sentences under the date, text after: the title" },
		{ "The back office is the part of a firm made up\nof "
		    "administration and support staff.\n", NULL, NULL,
		    "p(The back office is the part of a firm made up of "
		    "administration and support staff.)",
		    "a paragraph wrapped by hand is no title" },
		{ "Title\xc2\xa0\n\n   Spaced    out\xc2\xa0\xc2\xa0 words"
		    "\xc2\xa0here.\xc2\xa0  \n", NULL, "Title",
		    "p(Spaced out words\xc2\xa0here.)",
		    "spaces folded, NBSP trimmed, lone NBSP kept" },
		{ "Title\n\n10\xe2\x80\x89" "000 \t euro\xe2\x80\x89\xc2\xa0 "
		    "each.\n", NULL, "Title",
		    "p(10\xe2\x80\x89" "000 euro each.)",
		    "a lone thin space kept, mixed runs fold to one space" },
	};
	struct galley_doc	*doc;
	struct galley_buf	 b;
	char			*o, what[128];
	size_t			 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		doc = read_str(cases[i].in);
		snprintf(what, sizeof(what), "%s: reads", cases[i].what);
		CHECK(doc != NULL, what);
		if (doc == NULL)
			continue;
		snprintf(what, sizeof(what), "%s: date", cases[i].what);
		CHECK_STR(galley_doc_meta(doc)->date, cases[i].date, what);
		snprintf(what, sizeof(what), "%s: title", cases[i].what);
		CHECK_STR(galley_doc_meta(doc)->title, cases[i].title, what);
		galley_buf_init(&b);
		outline_of(&b, galley_doc_root(doc));
		o = galley_buf_detach(&b, NULL);
		snprintf(what, sizeof(what), "%s: body", cases[i].what);
		CHECK_STR(o ? o : "", cases[i].body, what);
		free(o);
		galley_doc_free(doc);
	}
}

static void
structure_cases(void)
{
	static const struct {
		const char	*in, *want, *what;
	} cases[] = {
		{ "T\n\nThis paragraph was\nwrapped by hand at\na short width.\n"
		    "\nNext one.\n",
		    "p(This paragraph was wrapped by hand at a short width.) "
		    "p(Next one.)", "wrapped paragraph joined" },
		{ "T\n\nA word broken at the line's end, Zeilen-\nende, Back -\n"
		    "office, Über-\nübung, E-\nMail, 1990-\n1995, Ein-\nund "
		    "Ausgang, pre-\nand post-war.\n",
		    "p(A word broken at the line's end, Zeilen-ende, Back - "
		    "office, Über-übung, E-Mail, 1990-1995, Ein- und Ausgang, "
		    "pre- and post-war.)", "a hyphen at a line's end" },
		{ "T\n\nWhat is it?\n\nIt is a thing.\n",
		    "h2(What is it?) p(It is a thing.)", "a question heading" },
		{ "T\n\nThis line is a long sentence that goes on for many "
		    "words without stopping at all\n\nBody text.\n",
		    "p(This line is a long sentence that goes on for many words "
		    "without stopping at all) p(Body text.)",
		    "a long sentence is never a heading" },
		{ "T\n\nOne two three four five six seven eight nine ten "
		    "eleven\n\nBody text.\n", "p(One two three four five six "
		    "seven eight nine ten eleven) p(Body text.)",
		    "eleven words: a sentence, no heading" },
		{ "T\n\nAdvantages and Disadvantages of Keeping the Back "
		    "Office in House\n\nBody text.\n", "h2(Advantages and "
		    "Disadvantages of Keeping the Back Office in House) "
		    "p(Body text.)", "ten words may head a section" },
		{ "T\n\nIt ends here.\n\nBody text.\n",
		    "p(It ends here.) p(Body text.)",
		    "sentence-final punctuation: no heading" },
		{ "T\n\nBody text.\n\nClosing words\n",
		    "p(Body text.) p(Closing words)",
		    "a short last line is no heading" },
		{ "T\n\nSome text.\n\nKey points\n\xe2\x80\xa2 one\n"
		    "\xe2\x80\xa2 two\n",
		    "p(Some text.) h2(Key points) ul[i(p(one)) i(p(two))]",
		    "heading right above a list" },
		{ "T\n\n\xe2\x80\xa2 a\n  \xe2\x97\xa6 a1\n  \xe2\x97\xa6 a2\n"
		    "\xe2\x80\xa2 b\n",
		    "ul[i(p(a) ul[i(p(a1)) i(p(a2))]) i(p(b))]",
		    "nested by indentation" },
		{ "T\n\n\xe2\x80\xa2 a\n\xe2\x97\xa6 a1\n\xe2\x80\xa2 b\n",
		    "ul[i(p(a) ul[i(p(a1))]) i(p(b))]",
		    "nested by a sub-level glyph" },
		{ "T\n\n- a\n    - deep\n        - deeper\n- b\n",
		    "ul[i(p(a) ul[i(p(deep) ul[i(p(deeper))])]) i(p(b))]",
		    "three levels" },
		{ "T\n\n24. Juni war ein guter Tag.\n1. Mai auch.\n",
		    "p(24. Juni war ein guter Tag. 1. Mai auch.)",
		    "a date opening a line is no list item" },
		{ "T\n\n3. three\n4. four\n", "ol3.[i(p(three)) i(p(four))]",
		    "numbered list keeps its start" },
		{ "T\n\na) first\nb) second\n",
		    "ol1)[i(p(first)) i(p(second))]", "lettered list" },
		{ "T\n\n1. one\n   a) sub\n2. two\n",
		    "ol1.[i(p(one) ol1)[i(p(sub))]) i(p(two))]",
		    "letters nested in numbers" },
		{ "T\n\n\xe2\x80\x93 en dash\n\xe2\x80\x94 em dash\n* star\n",
		    "ul[i(p(en dash)) i(p(em dash)) i(p(star))]",
		    "dash and star bullets form one list" },
		{ "T\n\n\xe2\x80\xa2 one\n\n\xe2\x80\xa2 two\n\n\xe2\x80\xa2 three\n",
		    "ul~[i(p(one)) i(p(two)) i(p(three))]",
		    "items apart by blank lines: one loose list" },
		{ "T\n\n\xe2\x80\xa2 an item that is\n  wrapped over lines\n"
		    "\xe2\x80\xa2 next\n",
		    "ul[i(p(an item that is wrapped over lines)) i(p(next))]",
		    "wrapped item" },
		{ "T\n\n\xe2\x80\xa2 one\n\xe2\x80\xa2 two\nA paragraph "
		    "right after.\n", "ul[i(p(one)) i(p(two))] "
		    "p(A paragraph right after.)",
		    "a capitalised line after an item ends the list" },
		{ "T\n\n\xe2\x80\xa2 one that goes\non in lower case\n",
		    "ul[i(p(one that goes on in lower case))]",
		    "a lower-case line after an item continues it" },
		{ "T\n\n\xe2\x80\xa2 item\n\n   Indented paragraph.\n\n"
		    " Less indented.\n", "ul~[i(p(item) p(Indented paragraph.))] "
		    "p(Less indented.)",
		    "a paragraph indented under the item's text joins it" },
		{ "T\n\n- item\n\nAfter the list.\n",
		    "ul[i(p(item))] p(After the list.)",
		    "paragraph after a list" },
		{ "T\n\n1. Intro\n\nText\n", "ol1.[i(p(Intro))] p(Text)",
		    "ordered item then text" },
		{ "T\n\nSee https://example.com/a_(b). Or www.example.org/x, "
		    "or http://x.y/?q=1!\n",
		    "p(See [https://example.com/a_(b)](https://example.com/a_(b))"
		    ". Or [www.example.org/x](http://www.example.org/x), or "
		    "[http://x.y/?q=1](http://x.y/?q=1)!)", "bare URLs" },
		{ "T\n\n\xe2\x80\xa2 at https://a.b/c\n",
		    "ul[i(p(at [https://a.b/c](https://a.b/c)))]",
		    "URL in a list item" },
		{ "T\n\nA first paragraph on a single line, long enough not to "
		    "be hard-wrapped by anyone.\nA second paragraph, on the "
		    "next line with no blank line before it at all.\n",
		    "p(A first paragraph on a single line, long enough not to "
		    "be hard-wrapped by anyone.) p(A second paragraph, on the "
		    "next line with no blank line before it at all.)",
		    "long lines are paragraphs of their own" },
		{ "T\n\nPart one.\n\n\xe2\x80\xa2 \xe2\x80\xa2 \xe2\x80\xa2\n\n"
		    "\xe2\x81\x82\n\nPart two.\n",
		    "p(Part one.) hr hr p(Part two.)", "bullets or an asterism "
		    "as a separator" },
		{ "T\n\nPart one\n\n* * *\n\nPart two.\n",
		    "p(Part one) hr p(Part two.)", "a rule is a break" },
		{ "T\n\nChapter\n\nSection\n\nBody text.\n",
		    "p(Chapter) h2(Section) p(Body text.)",
		    "two short lines: the one above body is the heading" },
		{ "T\n\nIn this article\nWhat it is\nHow it works\n"
		    "2 examples\n\nBody text.\n",
		    "p(In this article<br>What it is<br>How it works<br>"
		    "2 examples) p(Body text.)",
		    "short capitalised lines are kept apart" },
		{ "T\n\nBuy milk and eggs for the weekend.\nCall Bob.\n"
		    "The meeting is at 10 in the big room.\n",
		    "p(Buy milk and eggs for the weekend.) p(Call Bob.) "
		    "p(The meeting is at 10 in the big room.)",
		    "lines of a note app: a sentence per paragraph" },
		{ "T\n\nThe back office is the part of a firm made up of\n"
		    "administration and support staff. Its functions are\n"
		    "settlements and clearances. They are rarely seen.\n"
		    "But they matter.\n",
		    "p(The back office is the part of a firm made up of "
		    "administration and support staff. Its functions are "
		    "settlements and clearances. They are rarely seen. But "
		    "they matter.)", "hand-wrapped: sentences at line ends "
		    "stay in the paragraph" },
		{ "T\n\nand so on\n\nBody text.\n",
		    "p(and so on) p(Body text.)",
		    "a lower-case line is no heading" },
		{ "T\n\niPhone tips\n\nBody text.\n",
		    "h2(iPhone tips) p(Body text.)",
		    "iPhone is a capital enough" },
		{ "T\r\n\r\nHead\r\n\r\nBody.\r\n", "h2(Head) p(Body.)",
		    "CRLF line ends" },
		{ "T\r\rHead\r\rBody one\rcontinued.\r",
		    "h2(Head) p(Body one continued.)", "CR line ends" },
	};
	char	 what[160];
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(what, sizeof(what), "structure: %s", cases[i].what);
		CHECK_STR(outline(cases[i].in), cases[i].want, what);
	}
}

static void
encoding_cases(void)
{
	static const char cp1252[] = "24 juni 2021\r\n\r\nCaf\xe9\r\n\r\n"
	    "\x95 na\xefve\r\n\x95 \x93quoted\x94\r\n";
	static const char utf16le[] = "\xff\xfe" "T\0\n\0\n\0H\0\n\0\n\0"
	    "\x22\x20 \0a\0\n\0";
	static const char utf16be[] = "\xfe\xff" "\0T\0\n\0\n\0H\0\n\0\n"
	    "\x20\x22\0 \0a\0\n";
	struct galley_doc	*doc;
	struct galley_buf	 b;
	char			*o;

	doc = read_bytes(cp1252, sizeof(cp1252) - 1);
	CHECK(doc != NULL, "Windows-1252 file reads");
	CHECK(galley_diag_count(dg, GALLEY_WARNING) == 1,
	    "Windows-1252 file: one warning");
	if (doc != NULL) {
		CHECK_STR(galley_doc_meta(doc)->title, "Caf\xc3\xa9",
		    "Windows-1252 file: title transcoded");
		galley_buf_init(&b);
		outline_of(&b, galley_doc_root(doc));
		o = galley_buf_detach(&b, NULL);
		CHECK_STR(o, "ul[i(p(na\xc3\xafve)) i(p(\xe2\x80\x9cquoted"
		    "\xe2\x80\x9d))]", "Windows-1252 file: bullets from 0x95");
		free(o);
		galley_doc_free(doc);
	}
	doc = read_bytes(utf16le, sizeof(utf16le) - 1);
	CHECK(doc != NULL && strcmp(galley_doc_meta(doc)->title, "T") == 0,
	    "UTF-16 LE file reads");
	galley_doc_free(doc);
	doc = read_bytes(utf16be, sizeof(utf16be) - 1);
	CHECK(doc != NULL, "UTF-16 BE file reads");
	if (doc != NULL) {
		galley_buf_init(&b);
		outline_of(&b, galley_doc_root(doc));
		o = galley_buf_detach(&b, NULL);
		CHECK_STR(o, "h2(H) ul[i(p(a))]",
		    "UTF-16 BE file: its list read");
		free(o);
		galley_doc_free(doc);
	}
	CHECK(read_str("") == NULL && galley_diag_count(dg, GALLEY_ERROR) == 1,
	    "empty input is an error");
	CHECK(read_str(" \n\t\n\xc2\xa0\n") == NULL &&
	    galley_diag_count(dg, GALLEY_ERROR) == 1,
	    "white-space-only input is an error");
}

int
main(void)
{
	dg = galley_diag_new();
	dutch_seed();
	meta_cases();
	structure_cases();
	encoding_cases();
	outline("");
	galley_diag_free(dg);
	return TAP_DONE();
}
