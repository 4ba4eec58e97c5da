/*
 * The language filter: --lang wins, then the front matter's lang (the
 * meta filter has folded language/locale into it), normalised to BCP 47;
 * otherwise CLD2 detects it from the title, description and body text.
 * Runs after meta.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "filters/cld2_shim.h"
#include "filters/filters.h"
#include "galley/buf.h"

#define LANG_SAMPLE	1024	/* bytes of text shown to CLD2 */
#define LANG_GATHER	(8 * LANG_SAMPLE) /* gathered, for pieces of it */
#define LANG_PIECES	4	/* ... when the first kilobyte is unsure */
#define LANG_MIN_LETTERS 24		/* fewer: too little text */
#define LANG_UNSURE_PERCENT 70	/* an unreliable verdict taken if its */
#define LANG_UNSURE_LETTERS 200	/* language has this much of this */

/* CLD2's codes that BCP 47 spells otherwise. */
static const struct {
	const char	*cld, *bcp;
} renames[] = {
	{ "iw", "he" }, { "in", "id" }, { "ji", "yi" }, { "jw", "jv" },
	{ "no", "nb" },	/* CLD2's Norwegian is Bokmål; Nynorsk is "nn" */
	{ NULL, NULL }
};

/*
 * The last tags this thread normalised: a run sees the same few
 * languages again and again, and ICU's parser costs more than the
 * lookup.
 */
#define LANG_CACHE	4
static _Thread_local struct {
	char	 in[16], out[16];
	int	 rc;
} lang_cache[LANG_CACHE];
static _Thread_local unsigned lang_cache_next;

static int lang_normalise_icu(const char *, char *, size_t);

int
lang_normalise(const char *tag, char *out, size_t sz)
{
	size_t	 i, k;
	int	 rc;

	for (i = 0; i < LANG_CACHE; i++)
		if (lang_cache[i].in[0] != '\0' &&
		    strcmp(lang_cache[i].in, tag) == 0 &&
		    strlen(lang_cache[i].out) < sz) {
			memcpy(out, lang_cache[i].out,
			    strlen(lang_cache[i].out) + 1);
			return lang_cache[i].rc;
		}
	rc = lang_normalise_icu(tag, out, sz);
	if (strlen(tag) < sizeof(lang_cache[0].in) &&
	    (rc == -1 || strlen(out) < sizeof(lang_cache[0].out))) {
		k = lang_cache_next++ % LANG_CACHE;
		memcpy(lang_cache[k].in, tag, strlen(tag) + 1);
		if (rc == 0)
			memcpy(lang_cache[k].out, out, strlen(out) + 1);
		else
			lang_cache[k].out[0] = '\0';
		lang_cache[k].rc = rc;
	}
	return rc;
}

static int
lang_normalise_icu(const char *tag, char *out, size_t sz)
{
	char		 in[ULOC_FULLNAME_CAPACITY], id[ULOC_FULLNAME_CAPACITY];
	UErrorCode	 st = U_ZERO_ERROR;
	int32_t		 parsed = 0;
	size_t		 i, len;

	len = strlen(tag);
	while (len > 0 && (tag[len - 1] == ' ' || tag[len - 1] == '\t'))
		len--;
	while (len > 0 && (*tag == ' ' || *tag == '\t')) {
		tag++;
		len--;
	}
	if (len == 0 || len >= sizeof(in))
		return -1;
	for (i = 0; i < len; i++)
		in[i] = tag[i] == '_' ? '-' : tag[i];
	in[len] = '\0';
	/* "nb-NO.UTF-8" as in a POSIX locale */
	if (strchr(in, '.') != NULL)
		*strchr(in, '.') = '\0';
	len = strlen(in);
	uloc_forLanguageTag(in, id, sizeof(id), &parsed, &st);
	if (U_FAILURE(st) || parsed <= 0 || (size_t)parsed != len)
		return -1;
	st = U_ZERO_ERROR;
	uloc_toLanguageTag(id, out, (int32_t)sz, 1, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return -1;
	/* a primary subtag of 2-3 letters: "english" is a name, not a tag */
	len = strcspn(out, "-");
	if (len < 2 || len > 3 || strcmp(out, "und") == 0)
		return -1;
	return 0;
}

/*
 * A language written by name ("English", "Deutsch", "norsk bokmål") into
 * its code, from ICU's display names in English and in the language
 * itself.  -1 if no language has that name.
 */
static int
lang_from_name(const char *name, char *out, size_t sz)
{
	const char *const	*codes = uloc_getISOLanguages();
	UChar			 want[64], have[128];
	UErrorCode		 st = U_ZERO_ERROR;
	int32_t			 wlen, hlen;
	size_t			 i;
	int			 k;

	u_strFromUTF8(want, 64, &wlen, name, -1, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING ||
	    wlen < 4)
		return -1;
	for (i = 0; codes[i] != NULL; i++)
		for (k = 0; k < 2; k++) {
			st = U_ZERO_ERROR;
			hlen = uloc_getDisplayLanguage(codes[i], k ? codes[i] :
			    "en", have, 128, &st);
			if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING ||
			    hlen != wlen)
				continue;
			st = U_ZERO_ERROR;
			if (u_strCaseCompare(want, wlen, have, hlen,
			    U_FOLD_CASE_DEFAULT, &st) == 0 && U_SUCCESS(st))
				return lang_normalise(codes[i], out, sz);
		}
	return -1;
}

struct gather {
	struct galley_buf	*buf;
	size_t			 limit;	/* bytes enough */
	int			 skip;	/* inside code: depth */
	int			 more;	/* stopped at the limit */
};

static enum galley_walk
gather_text(struct galley_node *n, int entering, void *arg)
{
	struct gather	*g = arg;

	if (g->buf->len > g->limit) {	/* enough */
		g->more = 1;
		return GALLEY_WALK_STOP;
	}
	switch (n->type) {
	case GALLEY_NODE_CODE_BLOCK:
	case GALLEY_NODE_HTML_BLOCK:
	case GALLEY_NODE_CODE:
	case GALLEY_NODE_HTML_INLINE:
		return GALLEY_WALK_SKIP;
	case GALLEY_NODE_TEXT:
		/* a URL written out is no language's words */
		if (n->literal != NULL && !(n->parent != NULL &&
		    n->parent->type == GALLEY_NODE_LINK && (strncmp(n->literal,
		    "http://", 7) == 0 || strncmp(n->literal, "https://", 8) ==
		    0 || strncmp(n->literal, "www.", 4) == 0)))
			galley_buf_puts(g->buf, n->literal);
		break;
	case GALLEY_NODE_SOFTBREAK:
	case GALLEY_NODE_LINEBREAK:
		galley_buf_putc(g->buf, ' ');
		break;
	case GALLEY_NODE_DOCUMENT:
	case GALLEY_NODE_SECTION:
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_HEADING:
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_LIST:
	case GALLEY_NODE_ITEM:
	case GALLEY_NODE_THEMATIC_BREAK:
	case GALLEY_NODE_TABLE:
	case GALLEY_NODE_TABLE_ROW:
	case GALLEY_NODE_TABLE_CELL:
	case GALLEY_NODE_FOOTNOTE_DEF:
		if (!entering)
			galley_buf_puts(g->buf, "\n");
		break;
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

/*
 * The sample composed (NFC) when it has combining accents (U+0300 to
 * U+036F): CLD2 knows Vietnamese, French... by their composed letters,
 * and a file saved decomposed (macOS) reads as no language.
 */
static void
compose(struct galley_buf *b)
{
	UErrorCode		 st = U_ZERO_ERROR;
	const UNormalizer2	*nfc;
	UChar			*u = NULL, *c = NULL;
	int32_t			 ulen, clen, olen;
	size_t			 i;
	char			*o = NULL;

	for (i = 0; i + 1 < b->len; i++)
		if (((unsigned char)b->data[i] == 0xcc) ||
		    ((unsigned char)b->data[i] == 0xcd &&
		    (unsigned char)b->data[i + 1] <= 0xaf))
			break;
	if (i + 1 >= b->len || b->len > INT32_MAX / 4)
		return;
	nfc = unorm2_getNFCInstance(&st);
	u = malloc(((size_t)b->len + 1) * sizeof(*u));
	c = malloc(((size_t)b->len + 1) * sizeof(*c));
	o = malloc((size_t)b->len * 3 + 1);
	if (U_FAILURE(st) || u == NULL || c == NULL || o == NULL)
		goto out;
	u_strFromUTF8(u, (int32_t)b->len + 1, &ulen, b->data,
	    (int32_t)b->len, &st);
	clen = unorm2_normalize(nfc, u, ulen, c, (int32_t)b->len + 1, &st);
	u_strToUTF8(o, (int32_t)b->len * 3 + 1, &olen, c, clen, &st);
	if (U_SUCCESS(st)) {
		b->len = 0;
		galley_buf_put(b, o, (size_t)olen);
	}
out:
	free(u);
	free(c);
	free(o);
}

/*
 * LANG_PIECES pieces of LANG_SAMPLE bytes in all from the text, spread
 * evenly over it, each starting and ending at a character, into d.
 */
static void
spread(const char *s, size_t len, struct galley_buf *d)
{
	size_t	 piece = LANG_SAMPLE / LANG_PIECES, k, from, to, last = 0;

	for (k = 0; k < LANG_PIECES; k++) {
		from = (len - piece) * k / (LANG_PIECES - 1);
		while (from > last && (s[from] & 0xc0) == 0x80)
			from--;
		to = from + piece < len ? from + piece : len;
		while (to > from && to < len && (s[to] & 0xc0) == 0x80)
			to--;
		galley_buf_put(d, s + from, to - from);
		galley_buf_putc(d, '\n');
		last = to;
	}
}

/*
 * CLD2's verdict on text (cut to LANG_SAMPLE bytes at a character) into
 * out, a language tag, and the confidence 0..1 into *conf; 0, or -1 and
 * "und" if too little text or CLD2 is unsure.
 */
static int
verdict(const char *text, size_t len, const char *hint, char *out,
    size_t sz, double *conf, int *letters)
{
	char	 code[32];
	int	 percent, reliable, i;

	cld2_detect(text, len, LANG_SAMPLE, hint, code, sizeof(code),
	    &percent, &reliable, letters);
	/* a hint that leaves CLD2 unsure ("it/" over English: an IT
	 * folder) is no hint */
	if (hint != NULL && ((!reliable && percent < LANG_UNSURE_PERCENT) ||
	    strcmp(code, "un") == 0))
		cld2_detect(text, len, LANG_SAMPLE, NULL, code, sizeof(code),
		    &percent, &reliable, letters);
	snprintf(out, sz, "und");
	*conf = 0;
	/* CLD2 calls a verdict unreliable when a second language is close
	 * behind (English terms in a Romanian text): one that holds most
	 * of a long enough text is taken all the same, at half confidence */
	if ((!reliable && (percent < LANG_UNSURE_PERCENT ||
	    *letters < LANG_UNSURE_LETTERS)) || *letters < LANG_MIN_LETTERS ||
	    strcmp(code, "un") == 0 || strncmp(code, "xx", 2) == 0)
		return -1;
	for (i = 0; renames[i].cld != NULL; i++)
		if (strcmp(code, renames[i].cld) == 0) {
			snprintf(code, sizeof(code), "%s", renames[i].bcp);
			break;
		}
	if (lang_normalise(code, out, sz) == -1) {
		snprintf(out, sz, "und");
		return -1;
	}
	*conf = percent / (reliable ? 100.0 : 200.0);
	return 0;
}

static enum galley_walk
heading_visit(struct galley_node *n, int entering, void *arg)
{
	const struct galley_node	**h = arg;

	if (entering && n->type == GALLEY_NODE_HEADING) {
		*h = n;
		return GALLEY_WALK_STOP;
	}
	return GALLEY_WALK_NEXT;
}

/* Whether the title is the first heading's text too (taken from it, or
 * written twice): counted once, "# mint-navbar" is too little text. */
static int
title_in_body(struct galley_doc *doc, const char *title)
{
	const struct galley_node	*h = NULL;
	const char			*t;

	galley_walk(galley_doc_root(doc), heading_visit, &h);
	if (h == NULL)
		return 0;
	t = galley_node_text(doc, h);
	return t != NULL && strstr(t, title) != NULL;
}

/*
 * The language of the folder src is in, the nearest named for one
 * ("id/lease.md", "docs/pt-br/x.md"), as CLD2 takes a hint: into hint,
 * or NULL.
 */
static const char *
folder_hint(const char *src, char *hint, size_t sz)
{
	const char	*seg, *end, *found = NULL;
	size_t		 n, fn = 0, i;

	for (seg = src; seg != NULL && *seg != '\0'; seg = end + 1) {
		if ((end = strchr(seg, '/')) == NULL)
			break;
		n = (size_t)(end - seg);
		if (n < 2 || n > 8 || !islower((unsigned char)seg[0]) ||
		    !islower((unsigned char)seg[1]) || (n > 2 &&
		    seg[2] != '-' && seg[2] != '_' &&
		    !(n == 3 && islower((unsigned char)seg[2]))))
			continue;
		for (i = 0; i < n && (isalnum((unsigned char)seg[i]) ||
		    seg[i] == '-' || seg[i] == '_'); i++)
			;
		if (i == n) {
			found = seg;
			fn = n;
		}
	}
	if (found == NULL || fn >= sz)
		return NULL;
	memcpy(hint, found, fn);
	hint[fn] = '\0';
	for (i = 0; i < fn; i++)
		if (hint[i] == '_')
			hint[i] = '-';
	return hint;
}

/*
 * Detect the language of doc's text into out ("und" if too little text
 * or CLD2 is unsure); the confidence 0..1 into *conf.  CLD2 is as sure
 * after a kilobyte as after a whole article: it sees the first one.  If
 * that leaves it unsure, it sees pieces from the start to the end of the
 * text (an English quote above a Chinese article, a table of numbers
 * above the text).
 */
static void
detect(struct galley_doc *doc, char *out, size_t sz, double *conf,
    int *letters)
{
	struct galley_meta	*m = galley_doc_meta(doc);
	struct galley_buf	 buf, pieces;
	struct gather		 g;
	char			 tag[ULOC_FULLNAME_CAPACITY], hbuf[16];
	const char		*hint = m->source != NULL ?
				    folder_hint(m->source, hbuf, sizeof(hbuf)) :
				    NULL;
	double			 c2;
	int			 l2;

	galley_buf_init(&buf);
	memset(&g, 0, sizeof(g));
	g.buf = &buf;
	for (g.limit = LANG_SAMPLE; ; g.limit = LANG_GATHER) {
		buf.len = 0;
		if (m->title != NULL && !title_in_body(doc, m->title)) {
			galley_buf_puts(&buf, m->title);
			galley_buf_puts(&buf, ".\n");
		}
		if (m->description != NULL) {
			galley_buf_puts(&buf, m->description);
			galley_buf_puts(&buf, "\n");
		}
		g.skip = g.more = 0;
		galley_walk(galley_doc_root(doc), gather_text, &g);
		compose(&buf);
		if (g.limit == LANG_GATHER)
			break;
		if (verdict(buf.len ? buf.data : "", buf.len, hint, out, sz,
		    conf, letters) == 0 || (!g.more && buf.len <= LANG_SAMPLE))
			break;
	}
	if (g.limit == LANG_GATHER) {	/* the first kilobyte was unsure */
		galley_buf_init(&pieces);
		spread(buf.data, buf.len, &pieces);
		if (verdict(pieces.data, pieces.len, hint, tag, sizeof(tag),
		    &c2, &l2) == 0) {
			snprintf(out, sz, "%s", tag);
			*conf = c2;
			*letters = l2;
		}
		galley_buf_release(&pieces);
	}
	galley_buf_release(&buf);
}

/*
 * A country's code given as a language ("lang: jp"), where it is no
 * language's code: the language meant ("ja"); NULL for any other.
 * ("kr" is Kanuri's, "se" Northern Sami's, "si" Sinhala's and "ee"
 * Ewe's: they stay.)
 */
static const char *
country_code(const char *tag)
{
	static const char *const map[][2] = {
		{ "jp", "ja" }, { "cn", "zh" }, { "gr", "el" }, { "cz", "cs" },
		{ "ua", "uk" }, { "dk", "da" }, { "vn", "vi" }, { "rs", "sr" },
		{ "gb", "en" }, { "us", "en" }
	};
	char	 low[3];
	size_t	 i;

	if (strlen(tag) != 2)
		return NULL;
	low[0] = (char)tolower((unsigned char)tag[0]);
	low[1] = (char)tolower((unsigned char)tag[1]);
	low[2] = '\0';
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(low, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* The language as written into extra (as "lang"), so nothing is lost. */
static void
keep_given(struct galley_doc *doc, struct galley_meta *m)
{
	struct galley_value	*v;

	if (m->extra == NULL)
		m->extra = galley_value_new(doc, GALLEY_VALUE_MAP);
	if (galley_value_get(m->extra, "lang") != NULL)
		return;
	v = galley_value_new(doc, GALLEY_VALUE_STRING);
	v->key = "lang";
	v->str = m->language;
	galley_value_append(m->extra, v);
}

/* The first node, in reading order, with a place in the input. */
static const struct galley_node *
first_placed(const struct galley_node *n)
{
	const struct galley_node	*c, *f;

	for (c = n != NULL ? n->first : NULL; c != NULL; c = c->next) {
		if (c->pos.line > 0)
			return c;
		if ((f = first_placed(c)) != NULL)
			return f;
	}
	return NULL;
}

static int
language_run(struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	struct galley_meta	*m = galley_doc_meta(doc);
	char			 tag[ULOC_FULLNAME_CAPACITY];
	double			 conf;
	int			 letters;

	if (opts->lang != NULL) {
		if (lang_normalise(opts->lang, tag, sizeof(tag)) == -1 &&
		    lang_from_name(opts->lang, tag, sizeof(tag)) == -1) {
			galley_diag_add(dg, GALLEY_ERROR, NULL, 0, 0,
			    "--lang %s: not a BCP 47 language tag",
			    opts->lang);
			return -1;
		}
		m->language = galley_doc_strdup(doc, tag);
		m->language_confidence = 1.0;
		return 0;
	}
	/* galley JSON's "und" is a detection made already: detecting again
	 * on the finished tree could say otherwise, and a round trip must
	 * give the same document */
	if (m->language != NULL && strcmp(m->language, "und") == 0 &&
	    galley_doc_reader(doc) != NULL &&
	    strcmp(galley_doc_reader(doc), "json") == 0)
		return 0;
	if (m->language != NULL && m->language[0] != '\0' &&
	    strcmp(m->language, "und") != 0) {
		const char	*fixed = country_code(m->language);

		if (fixed != NULL) {
			galley_diag_add(dg, GALLEY_WARNING, m->source,
			    m->language_pos.line, m->language_pos.col,
			    "language \"%s\" is a country's code, no "
			    "language's; read as \"%s\"", m->language, fixed);
			keep_given(doc, m);
			m->language = fixed;
		}
		if (lang_normalise(m->language, tag, sizeof(tag)) == 0 ||
		    lang_from_name(m->language, tag, sizeof(tag)) == 0) {
			if (strcmp(tag, m->language) != 0)
				m->language = galley_doc_strdup(doc, tag);
			if (m->language_confidence <= 0)
				m->language_confidence = 1.0;
			return 0;
		}
		galley_diag_add(dg, GALLEY_WARNING, m->source,
		    m->language_pos.line, m->language_pos.col,
		    "language \"%s\" is neither a BCP 47 tag nor a "
		    "language's name; detecting it from the text",
		    m->language);
		keep_given(doc, m);
	}
	detect(doc, tag, sizeof(tag), &conf, &letters);
	m->language = galley_doc_strdup(doc, tag);
	m->language_confidence = conf;
	m->language_detected = 1;
	if (strcmp(tag, "und") == 0)	/* said where the text begins */
		filter_report(dg, doc, GALLEY_WARNING,
		    first_placed(galley_doc_root(doc)),
		    "cannot tell the language from %d letters of text; "
		    "language is \"und\" (set lang in the front matter or "
		    "use --lang)", letters);
	return 0;
}

const struct galley_filter filter_language = {
	"language",
	"language from --lang, the front matter, or detected (CLD2)",
	1,
	language_run
};

int
galley_lang_tag(const char *in, char *out, size_t sz)
{
	if (in == NULL || galley_blank(in))
		return -1;
	return lang_normalise(in, out, sz) == 0 ||
	    lang_from_name(in, out, sz) == 0 ? 0 : -1;
}
