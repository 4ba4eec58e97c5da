/*
 * The smart filter (off by default, --smart): straight quotes into the
 * document language's quotation marks, taken from CLDR through ICU
 * (Polish „…”, German „…“, French «…», English “…”), apostrophes into ’,
 * "--" and "---" into – and —, " - " into " – ", "..." into ….  Only
 * TEXT nodes change: code and raw HTML never.  Runs after language.
 */
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>

#include "filters/filters.h"
#include "galley/buf.h"

struct smart {
	struct galley_doc	*doc;
	struct galley_diag	*dg;
	char			 q[4][16];	/* open, close, alt open, close */
	uint32_t		 prev;		/* last character of the block */
	int			 alt_open;	/* single quotes open */
	int			 french;	/* « » take a narrow no-break
						   space inside */
	int			 changes;	/* in this block */
};

/* The quotation marks of lang from CLDR; English ones if ICU has none. */
static void
load_quotes(struct smart *s, const char *lang)
{
	static const char *const fallback[4] = { "\xe2\x80\x9c",
	    "\xe2\x80\x9d", "\xe2\x80\x98", "\xe2\x80\x99" };
	static const ULocaleDataDelimiterType types[4] = {
	    ULOCDATA_QUOTATION_START, ULOCDATA_QUOTATION_END,
	    ULOCDATA_ALT_QUOTATION_START, ULOCDATA_ALT_QUOTATION_END };
	ULocaleData	*ld;
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 u[8];
	char		 id[ULOC_FULLNAME_CAPACITY];
	int32_t		 parsed, len, i;

	for (i = 0; i < 4; i++)
		strcpy(s->q[i], fallback[i]);
	if (lang == NULL || strcmp(lang, "und") == 0)
		return;
	uloc_forLanguageTag(lang, id, sizeof(id), &parsed, &st);
	if (U_FAILURE(st))
		return;
	ld = ulocdata_open(id, &st);
	if (U_FAILURE(st))
		return;
	for (i = 0; i < 4; i++) {
		UErrorCode e = U_ZERO_ERROR;

		len = ulocdata_getDelimiter(ld, types[i], u, 8, &e);
		if (U_FAILURE(e) || len <= 0)
			continue;
		u_strToUTF8(s->q[i], sizeof(s->q[i]), NULL, u, len, &e);
		if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
			strcpy(s->q[i], fallback[i]);
	}
	ulocdata_close(ld);
}

/* 1 if a quote after c opens: start, space, opening punctuation, dash. */
static int
opens_after(uint32_t c)
{
	return c == 0 || u_isUWhiteSpace((UChar32)c) || c == 0xA0 ||
	    c == '(' || c == '[' || c == '{' || c == '-' || c == 0x2013 ||
	    c == 0x2014 || u_charType((UChar32)c) == U_START_PUNCTUATION ||
	    u_charType((UChar32)c) == U_INITIAL_PUNCTUATION;
}

static void
smarten(struct smart *s, struct galley_node *n)
{
	const char		*p = n->literal, *end;
	struct galley_buf	 out;
	uint32_t		 c, next;
	size_t			 k, nk;
	int			 changed = 0;

	end = p + strlen(p);
	galley_buf_init(&out);
	while (p < end) {
		k = utf8_next(p, (size_t)(end - p), &c);
		nk = utf8_next(p + k, (size_t)(end - p - k), &next);
		if (nk == 0)
			next = 0;
		if (c == '"') {
			int	 open = opens_after(s->prev);

			/* French: « U+202F text U+202F » */
			if (s->french && !open && !u_isUWhiteSpace(
			    (UChar32)s->prev))
				galley_buf_puts(&out, "\xe2\x80\xaf");
			galley_buf_puts(&out, s->q[open ? 0 : 1]);
			if (s->french && open && next != 0 &&
			    !u_isUWhiteSpace((UChar32)next))
				galley_buf_puts(&out, "\xe2\x80\xaf");
			changed++;
		} else if (c == '\'') {
			if (u_isalnum((UChar32)s->prev) && u_isalpha((UChar32)next))
				galley_buf_puts(&out, "\xe2\x80\x99");
			else if (opens_after(s->prev) && next != 0 &&
			    !u_isUWhiteSpace((UChar32)next)) {
				galley_buf_puts(&out, s->q[2]);
				s->alt_open++;
			} else if (s->alt_open > 0) {
				galley_buf_puts(&out, s->q[3]);
				s->alt_open--;
			} else
				galley_buf_puts(&out, "\xe2\x80\x99");
			changed++;
		} else if (c == '.' && end - p >= 3 && strncmp(p, "...", 3) == 0) {
			galley_buf_puts(&out, "\xe2\x80\xa6");
			k = 3;
			changed++;
		} else if (c == '-' && end - p >= 3 && strncmp(p, "---", 3) == 0) {
			galley_buf_puts(&out, "\xe2\x80\x94");
			k = 3;
			changed++;
		} else if (c == '-' && next == '-') {
			galley_buf_puts(&out, "\xe2\x80\x93");
			k = 2;
			changed++;
		} else if (c == '-' && next == ' ' && s->prev == ' ') {
			galley_buf_puts(&out, "\xe2\x80\x93");
			changed++;
		} else
			galley_buf_put(&out, p, k);
		s->prev = c == '"' || c == '\'' ? (c == '"' ? 0x201D : 0x2019)
		    : c;
		if (k > 1 && c == '-')
			s->prev = 0x2013;
		p += k;
	}
	if (changed) {
		n->literal = galley_doc_strndup(s->doc, out.len ? out.data : "",
		    out.len);
		s->changes += changed;
	}
	galley_buf_release(&out);
}

static enum galley_walk
visit(struct galley_node *n, int entering, void *arg)
{
	struct smart	*s = arg;

	switch (n->type) {
	case GALLEY_NODE_CODE_BLOCK:
	case GALLEY_NODE_HTML_BLOCK:
		return GALLEY_WALK_SKIP;
	case GALLEY_NODE_CODE:
	case GALLEY_NODE_HTML_INLINE:
		s->prev = 'x';	/* a word, as far as quotes go */
		return GALLEY_WALK_SKIP;
	case GALLEY_NODE_TEXT:
		if (entering && n->literal != NULL)
			smarten(s, n);
		return GALLEY_WALK_NEXT;
	case GALLEY_NODE_SOFTBREAK:
	case GALLEY_NODE_LINEBREAK:
		s->prev = ' ';
		return GALLEY_WALK_NEXT;
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_HEADING:
	case GALLEY_NODE_TABLE_CELL:
		if (entering) {
			s->prev = 0;
			s->alt_open = 0;
			s->changes = 0;
		} else if (s->changes > 0)
			filter_report(s->dg, s->doc, GALLEY_NOTE, n,
			    "smart: %d quotes, dashes or ellipses made "
			    "typographic", s->changes);
		return GALLEY_WALK_NEXT;
	case GALLEY_NODE_DOCUMENT:
	case GALLEY_NODE_SECTION:
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_LIST:
	case GALLEY_NODE_ITEM:
	case GALLEY_NODE_THEMATIC_BREAK:
	case GALLEY_NODE_TABLE:
	case GALLEY_NODE_TABLE_ROW:
	case GALLEY_NODE_FOOTNOTE_DEF:
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_STRIKE:
	case GALLEY_NODE_MARK:
	case GALLEY_NODE_LINK:
	case GALLEY_NODE_IMAGE:
	case GALLEY_NODE_FOOTNOTE_REF:
	case GALLEY_NODE__MAX:
		break;
	}
	return GALLEY_WALK_NEXT;
}

static int
smart_run(struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	struct smart	 s;

	memset(&s, 0, sizeof(s));
	s.doc = doc;
	s.dg = dg;
	load_quotes(&s, galley_doc_meta(doc)->language);
	s.french = strncmp(s.q[0], "\xc2\xab", 2) == 0 &&
	    galley_doc_meta(doc)->language != NULL &&
	    strncmp(galley_doc_meta(doc)->language, "fr", 2) == 0 &&
	    (galley_doc_meta(doc)->language[2] == '\0' ||
	    galley_doc_meta(doc)->language[2] == '-');
	galley_walk(galley_doc_root(doc), visit, &s);
	return 0;
}

const struct galley_filter filter_smart = {
	"smart",
	"typographic quotes per language (CLDR), dashes, ellipses",
	0,
	smart_run
};
