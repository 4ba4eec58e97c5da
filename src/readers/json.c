/*
 * JSON reader: galley JSON (as the JSON writer writes it) back into the
 * model.  jansson parses; this file checks the shape, node by node, and
 * names each problem by file:line:col and JSON path, e.g.
 * "a.json:12:5: error: body[3].children[0]: unknown node type "foo"".
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "galley/galley.h"
#include "model/oom.h"
#include "readers/frontmatter.h"

/* Attributes a node may carry; "type", "pos", "id", "children" are
 * common to all. */
enum attr {
	A_LEVEL, A_ORDERED, A_START, A_TIGHT, A_DELIM, A_TASK, A_CHECKED,
	A_INFO, A_FENCED, A_TEXT, A_HEADER, A_ALIGN, A_URL, A_TITLE, A_LINK,
	A_TARGET, A_FRAGMENT, A_TARGET_LANG, A_LABEL, A_INDEX, A_NUMBERING,
	A_CALLOUT, A__MAX
};

static const char *const attr_names[] = {
	"level", "ordered", "start", "tight", "delim", "task", "checked",
	"info", "fenced", "text", "header", "align", "url", "title", "link",
	"target", "fragment", "target_lang", "label", "index", "numbering",
	"callout"
};
_Static_assert(sizeof(attr_names) / sizeof(attr_names[0]) == A__MAX,
    "an attribute without a name");

#define B(a)	(1u << (a))
#define LINKS	(B(A_URL) | B(A_TITLE) | B(A_LINK) | B(A_TARGET) | \
		 B(A_FRAGMENT) | B(A_TARGET_LANG))
#define NOTES	(B(A_LABEL) | B(A_INDEX))

/* The attributes each node type takes, and those it must have. */
static const struct {
	unsigned	 allowed, required;
} type_attrs[] = {
	{ 0, 0 },					/* document */
	{ B(A_LEVEL), B(A_LEVEL) },			/* section */
	{ 0, 0 },					/* paragraph */
	{ B(A_LEVEL), B(A_LEVEL) },			/* heading */
	{ B(A_CALLOUT) | B(A_TITLE), 0 },		/* quote */
	{ B(A_ORDERED) | B(A_START) | B(A_TIGHT) | B(A_DELIM) |
	    B(A_NUMBERING), 0 },			/* list */
	{ B(A_TASK) | B(A_CHECKED), 0 },		/* item */
	{ B(A_INFO) | B(A_FENCED) | B(A_TEXT), B(A_TEXT) }, /* code_block */
	{ B(A_TEXT), B(A_TEXT) },			/* html_block */
	{ 0, 0 },					/* thematic_break */
	{ 0, 0 },					/* table */
	{ B(A_HEADER), 0 },				/* table_row */
	{ B(A_ALIGN), 0 },				/* table_cell */
	{ NOTES, B(A_LABEL) },				/* footnote_definition */
	{ B(A_TEXT), B(A_TEXT) },			/* text */
	{ 0, 0 },					/* softbreak */
	{ 0, 0 },					/* linebreak */
	{ B(A_TEXT), B(A_TEXT) },			/* code */
	{ B(A_TEXT), B(A_TEXT) },			/* html_inline */
	{ 0, 0 },					/* emph */
	{ 0, 0 },					/* strong */
	{ 0, 0 },					/* strikethrough */
	{ LINKS, B(A_URL) },				/* link */
	{ LINKS, B(A_URL) },				/* image */
	{ NOTES, B(A_LABEL) },				/* footnote_reference */
	{ 0, 0 },					/* mark */
};
_Static_assert(sizeof(type_attrs) / sizeof(type_attrs[0]) ==
    GALLEY_NODE__MAX, "type_attrs misses a node type");

#define PATH_SHOWN	16	/* steps of a path in a message */

/* One step of a JSON path: a member key, or an index when key is NULL. */
struct step {
	const char	*key;
	size_t		 index;
};

struct jr {
	struct galley_doc	*doc;
	struct galley_diag	*dg;
	int			 id_warned;	/* ids EPUB and TEI drop */
	const char		*name;	/* file name for messages */
	const char		*data;	/* the JSON text, for positions */
	size_t			 len;
	struct step		*path;	/* where we are */
	size_t			 depth, cap;
	int			 nodes, max_nodes; /* node nesting */
};

static void
push_key(struct jr *r, const char *key)
{
	if (r->depth == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->path = realloc(r->path, r->cap * sizeof(*r->path));
		if (r->path == NULL) {
			galley_oom();
		}
	}
	r->path[r->depth].key = key;
	r->path[r->depth].index = 0;
	r->depth++;
}

static void
push_index(struct jr *r, size_t i)
{
	push_key(r, NULL);
	r->path[r->depth - 1].index = i;
}

static void
pop(struct jr *r)
{
	r->depth--;
}

/*
 * Locating a path in the text.  jansson keeps no positions of values,
 * so on an error the path is followed again through the raw text,
 * which jansson has already found to be valid JSON.
 */
static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return p;
}

static const char *
skip_string(const char *p, const char *end)
{
	for (p++; p < end && *p != '"'; p++)
		if (*p == '\\')
			p++;
	return p < end ? p + 1 : end;
}

static const char *
skip_value(const char *p, const char *end)
{
	int	 depth = 0;

	do {
		if (p >= end)
			return end;
		if (*p == '"') {
			p = skip_string(p, end);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		else if (depth == 0) {
			while (p < end && strchr(",]} \t\r\n", *p) == NULL)
				p++;
			return p;
		}
		p++;
	} while (depth > 0);
	return p;
}

static unsigned
hex4(const char *p)
{
	unsigned	 v = 0;
	int		 i;

	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			v |= (unsigned)(p[i] - '0');
		else
			v |= (unsigned)(tolower((unsigned char)p[i]) - 'a' + 10);
	}
	return v;
}

/* Whether the JSON string at p (valid JSON) decodes to key. */
static int
key_is(const char *p, const char *end, const char *key)
{
	const unsigned char	*k = (const unsigned char *)key;
	unsigned		 c, lo;
	unsigned char		 u[4];
	int			 n, i;

	for (p++; p < end && *p != '"'; p++) {
		if (*p != '\\') {
			if (*k++ != (unsigned char)*p)
				return 0;
			continue;
		}
		p++;
		switch (*p) {
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'u':
			c = hex4(p + 1);
			p += 4;
			if (c >= 0xd800 && c < 0xdc00 && p + 6 < end &&
			    p[1] == '\\' && p[2] == 'u') {
				lo = hex4(p + 3);
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
				p += 6;
			}
			break;
		default: c = (unsigned char)*p; break;
		}
		if (c < 0x80) {
			u[0] = (unsigned char)c;
			n = 1;
		} else if (c < 0x800) {
			u[0] = (unsigned char)(0xc0 | c >> 6);
			u[1] = (unsigned char)(0x80 | (c & 0x3f));
			n = 2;
		} else if (c < 0x10000) {
			u[0] = (unsigned char)(0xe0 | c >> 12);
			u[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
			u[2] = (unsigned char)(0x80 | (c & 0x3f));
			n = 3;
		} else {
			u[0] = (unsigned char)(0xf0 | c >> 18);
			u[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
			u[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
			u[3] = (unsigned char)(0x80 | (c & 0x3f));
			n = 4;
		}
		for (i = 0; i < n; i++)
			if (*k++ != u[i])
				return 0;
	}
	return *k == '\0';
}

/*
 * The text offset of the current path: of its value, or with at_key
 * of the key when the last step is a key.  As far as it gets if the
 * text and the path disagree.
 */
static size_t
locate(const struct jr *r, int at_key)
{
	const char	*p = r->data, *end = r->data + r->len, *found;
	size_t		 d, i;

	p = skip_ws(p, end);
	for (d = 0; d < r->depth; d++) {
		found = NULL;
		if (r->path[d].key != NULL && p < end && *p == '{') {
			for (p = skip_ws(p + 1, end); p < end && *p == '"';) {
				if (key_is(p, end, r->path[d].key))
					found = p;
				p = skip_ws(skip_string(p, end), end);
				p = skip_ws(p + 1, end);	/* ':' */
				if (found != NULL)
					break;
				p = skip_ws(skip_value(p, end), end);
				if (p < end && *p == ',')
					p = skip_ws(p + 1, end);
				else
					break;
			}
			if (found != NULL && at_key && d + 1 == r->depth)
				p = found;
		} else if (r->path[d].key == NULL && p < end && *p == '[') {
			p = skip_ws(p + 1, end);
			for (i = 0; p < end && *p != ']'; i++) {
				if (i == r->path[d].index) {
					found = p;
					break;
				}
				p = skip_ws(skip_value(p, end), end);
				if (p < end && *p == ',')
					p = skip_ws(p + 1, end);
				else
					break;
			}
		}
		if (found == NULL)
			break;
	}
	return (size_t)(p - r->data);
}

static int
is_name(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	for (s++; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

/*
 * Record an error at the current path, pointing at its value, or at
 * its key with at_key; always returns -1.
 */
static int
say_at(struct jr *r, enum galley_severity level, int at_key, const char *fmt,
    va_list ap)
{
	struct galley_buf	 path;
	size_t			 off, i;
	unsigned		 line = 1, col = 1;
	va_list			 ap2;
	char			*text;
	int			 len;

	off = locate(r, at_key);
	for (i = 0; i < off; i++) {
		if (r->data[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)r->data[i] & 0xc0) != 0x80)
			col++;
	}
	galley_buf_init(&path);
	for (i = 0; i < r->depth; i++) {
		if (r->depth > PATH_SHOWN + 4 && i == PATH_SHOWN / 2) {
			/* a deep path: its head and tail are enough */
			galley_buf_printf(&path, "...(%zu steps)...",
			    r->depth - PATH_SHOWN);
			i = r->depth - PATH_SHOWN / 2 - 1;
			continue;
		}
		if (r->path[i].key == NULL)
			galley_buf_printf(&path, "[%zu]", r->path[i].index);
		else if (is_name(r->path[i].key))
			galley_buf_printf(&path, "%s%s", i ? "." : "",
			    r->path[i].key);
		else
			galley_buf_printf(&path, "[\"%s\"]", r->path[i].key);
	}
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	text = malloc((size_t)len + 1);
	if (text == NULL) {
		galley_oom();
	}
	vsnprintf(text, (size_t)len + 1, fmt, ap);
	galley_diag_add(r->dg, level, r->name, line, col, "%s%s%s",
	    path.len ? path.data : "", path.len ? ": " : "", text);
	free(text);
	galley_buf_release(&path);
	return -1;
}

static int
fail_at(struct jr *r, int at_key, const char *fmt, va_list ap)
{
	return say_at(r, GALLEY_ERROR, at_key, fmt, ap);
}

/* A warning about the value at the current path. */
static void
warn(struct jr *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warn(struct jr *r, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	say_at(r, GALLEY_WARNING, 0, fmt, ap);
	va_end(ap);
}

static int
fail(struct jr *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int
fail_key(struct jr *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
fail(struct jr *r, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = fail_at(r, 0, fmt, ap);
	va_end(ap);
	return rc;
}

/* An error about the key itself (unknown, duplicate). */
static int
fail_key(struct jr *r, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = fail_at(r, 1, fmt, ap);
	va_end(ap);
	return rc;
}

static const char *
json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "a value";
}

/* A string member into the arena, or -1 if it is not a string. */
static int
get_string(struct jr *r, const char **out, json_t *v)
{
	if (!json_is_string(v))
		return fail(r, "expected a string, not %s",
		    json_type_name(v));
	*out = galley_doc_strndup(r->doc, json_string_value(v),
	    json_string_length(v));
	return 0;
}

static int
get_bool(struct jr *r, int *out, json_t *v)
{
	if (!json_is_boolean(v))
		return fail(r, "expected true or false, not %s",
		    json_type_name(v));
	*out = json_is_true(v);
	return 0;
}

static int
get_int(struct jr *r, int *out, json_t *v, long min, long max)
{
	json_int_t	 i;

	if (!json_is_integer(v))
		return fail(r, "expected an integer, not %s",
		    json_type_name(v));
	i = json_integer_value(v);
	if (i < min || i > max)
		return fail(r, "%lld is out of range (%ld to %ld)",
		    (long long)i, min, max);
	*out = (int)i;
	return 0;
}

/*
 * "pos": [line, col]; 0 means unknown (cmark-gfm leaves the column of
 * some nodes unset).
 */
static int
get_pos(struct jr *r, struct galley_pos *out, json_t *v)
{
	json_t	*line, *col;

	if (!json_is_array(v) || json_array_size(v) != 2)
		return fail(r, "expected [line, column]");
	line = json_array_get(v, 0);
	col = json_array_get(v, 1);
	if (!json_is_integer(line) || !json_is_integer(col) ||
	    json_integer_value(line) < 0 || json_integer_value(col) < 0 ||
	    json_integer_value(line) > 0x7fffffff ||
	    json_integer_value(col) > 0x7fffffff)
		return fail(r, "expected [line, column], integers from 0");
	out->line = (unsigned)json_integer_value(line);
	out->col = (unsigned)json_integer_value(col);
	return 0;
}

static int
get_enum(struct jr *r, int *out, json_t *v, const char *const *names)
{
	int	 i;

	if (!json_is_string(v))
		return fail(r, "expected a string, not %s",
		    json_type_name(v));
	for (i = 0; names[i] != NULL; i++)
		if (*names[i] != '\0' &&
		    strcmp(names[i], json_string_value(v)) == 0) {
			*out = i;
			return 0;
		}
	return fail(r, "unknown value \"%s\"", json_string_value(v));
}

static const char *const align_names[] = {
	"", "left", "center", "right", NULL
};
static const char *const link_names[] = {
	"external", "internal", "unresolved", NULL
};

/* One attribute of n from its JSON value. */
/* A callout's kind: a letter, then small letters, digits and '-'. */
static int
callout_kind(const char *s)
{
	size_t	 i;

	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-') || i >= 32)
			return 0;
	return 1;
}

static int
set_attr(struct jr *r, struct galley_node *n, enum attr a, json_t *v)
{
	const char	*s;
	int		 level = 0, k = 0, rc = 0;

	switch (a) {
	case A_LEVEL:
		rc = get_int(r, &level, v, 1, 6);
		if (n->type == GALLEY_NODE_HEADING)
			n->u.heading.level = level;
		else
			n->u.section.level = level;
		break;
	case A_ORDERED:
		rc = get_bool(r, &n->u.list.ordered, v);
		break;
	case A_START:
		rc = get_int(r, &n->u.list.start, v, 0, 999999999);
		break;
	case A_TIGHT:
		rc = get_bool(r, &n->u.list.tight, v);
		break;
	case A_DELIM:
		if (get_string(r, &s, v) == -1)
			return -1;
		if (strcmp(s, ".") != 0 && strcmp(s, ")") != 0)
			return fail(r, "expected \".\" or \")\"");
		n->u.list.delim = *s;
		break;
	case A_NUMBERING:
		if (get_string(r, &s, v) == -1)
			return -1;
		if (strcmp(s, "1") != 0 && strcmp(s, "a") != 0 &&
		    strcmp(s, "A") != 0 && strcmp(s, "i") != 0 &&
		    strcmp(s, "I") != 0)
			return fail(r, "expected \"1\", \"a\", \"A\", "
			    "\"i\" or \"I\"");
		n->u.list.numbering = *s == '1' ? '\0' : *s;
		break;
	case A_TASK:
		rc = get_bool(r, &n->u.item.task, v);
		break;
	case A_CHECKED:
		rc = get_bool(r, &n->u.item.checked, v);
		break;
	case A_INFO:
		rc = get_string(r, &n->u.code_block.info, v);
		break;
	case A_FENCED:
		rc = get_bool(r, &n->u.code_block.fenced, v);
		break;
	case A_TEXT:
		rc = get_string(r, &n->literal, v);
		break;
	case A_HEADER:
		rc = get_bool(r, &n->u.row.header, v);
		break;
	case A_ALIGN:
		rc = get_enum(r, &k, v, align_names);
		n->u.cell.align = (enum galley_align)k;
		break;
	case A_URL:
		rc = get_string(r, &n->u.link.url, v);
		break;
	case A_TITLE:
		rc = get_string(r, n->type == GALLEY_NODE_QUOTE ?
		    &n->u.quote.title : &n->u.link.title, v);
		break;
	case A_CALLOUT:
		if (get_string(r, &s, v) == -1)
			return -1;
		if (!callout_kind(s))
			return fail(r, "expected a callout's kind: a letter, "
			    "then small letters, digits and '-', 32 at most "
			    "(\"note\", \"warning\")");
		n->u.quote.callout = s;
		break;
	case A_LINK:
		rc = get_enum(r, &k, v, link_names);
		n->u.link.kind = (enum galley_link_kind)k;
		break;
	case A_TARGET:
		rc = get_string(r, &n->u.link.target, v);
		break;
	case A_FRAGMENT:
		rc = get_string(r, &n->u.link.fragment, v);
		break;
	case A_TARGET_LANG:
		rc = get_string(r, &n->u.link.target_lang, v);
		break;
	case A_LABEL:
		rc = get_string(r, &n->u.note.label, v);
		break;
	case A_INDEX:
		rc = get_int(r, &n->u.note.index, v, 0, 999999999);
		break;
	case A__MAX:
		break;
	}
	return rc;
}

/* A UUID as the schema has it: lower case, 8-4-4-4-12. */
static int
uuid_form(const char *s)
{
	size_t	 i;

	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' :
		    !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return 1;
}

static int	read_nodes(struct jr *, struct galley_node *, json_t *);

/*
 * One node object under parent.  The parent must be allowed to hold
 * it (galley_node_append); children are read in turn, nested at most
 * --max-depth nodes deep (and jansson's parser stops at
 * JSON_PARSER_MAX_DEPTH arrays and objects, about 1020 nodes).
 */
static int
read_node(struct jr *r, struct galley_node *parent, json_t *o)
{
	struct galley_node	*n;
	struct galley_pos	 pos = { 0, 0 };
	json_t			*v, *children = NULL;
	const char		*key;
	unsigned		 seen = 0, missing;
	int			 type, a;

	if (!json_is_object(o))
		return fail(r, "expected a node object, not %s",
		    json_type_name(o));
	v = json_object_get(o, "type");
	push_key(r, "type");
	if (v == NULL) {
		pop(r);
		return fail(r, "node without \"type\"");
	}
	if (!json_is_string(v)) {
		return fail(r, "expected a node type name, not %s",
		    json_type_name(v));
	}
	type = galley_node_type_from_name(json_string_value(v));
	if (type < 0 || type == GALLEY_NODE_DOCUMENT)
		return fail(r, "unknown node type \"%s\"",
		    json_string_value(v));
	pop(r);
	if ((v = json_object_get(o, "pos")) != NULL) {
		push_key(r, "pos");
		if (get_pos(r, &pos, v) == -1)
			return -1;
		pop(r);
	}
	n = galley_node_new(r->doc, (enum galley_node_type)type, pos);
	if (galley_node_append(parent, n) == -1)
		return fail(r, "a %s cannot hold %s %s",
		    parent->type == GALLEY_NODE_DOCUMENT ? "body" :
		    galley_node_type_name(parent->type),
		    strchr("aeiou", galley_node_type_name(n->type)[0]) !=
		    NULL ? "an" : "a", galley_node_type_name(n->type));
	if (type == GALLEY_NODE_CODE_BLOCK)
		n->u.code_block.info = "";
	if (type == GALLEY_NODE_LINK || type == GALLEY_NODE_IMAGE)
		n->u.link.title = "";
	json_object_foreach(o, key, v) {
		push_key(r, key);
		if (strcmp(key, "type") == 0 || strcmp(key, "pos") == 0) {
			pop(r);
			continue;
		}
		if (strcmp(key, "id") == 0) {
			if (get_string(r, &n->id, v) == -1)
				return -1;
			/* the writers give ids to these only */
			/* the first only: placing a value walks the text
			 * from its start, once per message */
			if (n->id[0] != '\0' && type != GALLEY_NODE_HEADING &&
			    type != GALLEY_NODE_SECTION &&
			    type != GALLEY_NODE_FOOTNOTE_DEF &&
			    !r->id_warned++)
				warn(r, "id \"%s\" of %s %s (and any other "
				    "such id) is kept in JSON only: EPUB and "
				    "TEI keep the ids of headings, sections "
				    "and notes, and a link to it is text "
				    "there", n->id,
				    strchr("aeiou", galley_node_type_name(
				    n->type)[0]) != NULL ? "an" : "a",
				    galley_node_type_name(n->type));
			pop(r);
			continue;
		}
		if (strcmp(key, "children") == 0) {
			children = v;
			pop(r);
			continue;
		}
		for (a = 0; a < A__MAX; a++)
			if (strcmp(key, attr_names[a]) == 0)
				break;
		if (a == A__MAX || !(type_attrs[type].allowed & B(a)))
			return fail_key(r, "unknown key \"%s\" for a %s", key,
			    galley_node_type_name(n->type));
		if (set_attr(r, n, (enum attr)a, v) == -1)
			return -1;
		seen |= B(a);
		pop(r);
	}
	missing = type_attrs[type].required & ~seen;
	if (missing != 0) {
		for (a = 0; !(missing & B(a)); a++)
			continue;
		return fail(r, "a %s needs \"%s\"",
		    galley_node_type_name(n->type), attr_names[a]);
	}
	if (type == GALLEY_NODE_QUOTE && n->u.quote.title != NULL &&
	    n->u.quote.callout == NULL)
		return fail(r, "\"title\" on a quote that is no callout "
		    "(no \"callout\")");
	if (type == GALLEY_NODE_LIST && n->u.list.numbering != '\0' &&
	    !n->u.list.ordered)
		return fail(r, "\"numbering\" \"%c\" on a bullet list "
		    "(\"ordered\" is not true)", n->u.list.numbering);
	if (children != NULL) {
		push_key(r, "children");
		if (++r->nodes > r->max_nodes)
			return fail(r, "nested deeper than %d levels "
			    "(--max-depth)", r->max_nodes);
		if (read_nodes(r, n, children) == -1)
			return -1;
		r->nodes--;
		pop(r);
	}
	return 0;
}

/* An array of nodes under parent. */
static int
read_nodes(struct jr *r, struct galley_node *parent, json_t *a)
{
	size_t	 i;

	if (!json_is_array(a))
		return fail(r, "expected an array of nodes, not %s",
		    json_type_name(a));
	for (i = 0; i < json_array_size(a); i++) {
		push_index(r, i);
		if (read_node(r, parent, json_array_get(a, i)) == -1)
			return -1;
		pop(r);
	}
	return 0;
}

/*
 * A generic value (frontmatter.h).  Numbers and booleans, which galley
 * never writes there, are taken as the plain scalars YAML would have
 * read.
 */
struct galley_value *
fm_json_value(struct galley_doc *doc, json_t *v)
{
	struct galley_value	*val;
	const char		*key;
	json_t			*m;
	size_t			 i;
	char			*s;

	switch (json_typeof(v)) {
	case JSON_NULL:
		val = galley_value_new(doc, GALLEY_VALUE_NULL);
		break;
	case JSON_STRING:
		val = galley_value_new(doc, GALLEY_VALUE_STRING);
		val->str = galley_doc_strndup(doc, json_string_value(v),
		    json_string_length(v));
		break;
	case JSON_INTEGER:
	case JSON_REAL:
	case JSON_TRUE:
	case JSON_FALSE:
		val = galley_value_new(doc, GALLEY_VALUE_STRING);
		if ((s = json_dumps(v, JSON_ENCODE_ANY)) == NULL)
			galley_oom();
		val->str = galley_doc_strdup(doc, s);
		val->plain = 1;
		free(s);
		break;
	case JSON_ARRAY:
		val = galley_value_new(doc, GALLEY_VALUE_LIST);
		json_array_foreach(v, i, m)
			galley_value_append(val, fm_json_value(doc, m));
		break;
	case JSON_OBJECT:
	default:
		val = galley_value_new(doc, GALLEY_VALUE_MAP);
		json_object_foreach(v, key, m) {
			struct galley_value *c = fm_json_value(doc, m);

			c->key = galley_doc_strdup(doc, key);
			galley_value_append(val, c);
		}
		break;
	}
	return val;
}

/* The value a JSON Pointer names under root, or NULL. */
static struct galley_value *
pointer_get(struct galley_value *root, const char *ptr)
{
	struct galley_value	*v = root, *c;
	struct galley_buf	 tok;
	const char		*p = ptr;
	char			*end;
	unsigned long		 i;

	galley_buf_init(&tok);
	while (v != NULL && *p == '/') {
		tok.len = 0;
		for (p++; *p != '\0' && *p != '/'; p++) {
			if (p[0] == '~' && p[1] == '0') {
				galley_buf_putc(&tok, '~');
				p++;
			} else if (p[0] == '~' && p[1] == '1') {
				galley_buf_putc(&tok, '/');
				p++;
			} else
				galley_buf_putc(&tok, *p);
		}
		galley_buf_putc(&tok, '\0');
		if (v->kind == GALLEY_VALUE_MAP) {
			v = galley_value_get(v, tok.data);
			continue;
		}
		if (v->kind != GALLEY_VALUE_LIST ||
		    !isdigit((unsigned char)tok.data[0]) ||
		    (tok.data[0] == '0' && tok.data[1] != '\0')) {
			v = NULL;
			break;
		}
		i = strtoul(tok.data, &end, 10);
		if (*end != '\0') {
			v = NULL;
			break;
		}
		for (c = v->first; c != NULL && i > 0; c = c->next)
			i--;
		v = c;
	}
	galley_buf_release(&tok);
	return *p == '\0' ? v : NULL;
}

/* "extra_plain": strings of extra that were unquoted YAML scalars. */
static int
read_plain(struct jr *r, struct galley_value *extra, json_t *a)
{
	struct galley_value	*v;
	json_t			*m;
	size_t			 i;

	if (!json_is_array(a))
		return fail(r, "expected an array of JSON Pointers, not %s",
		    json_type_name(a));
	json_array_foreach(a, i, m) {
		push_index(r, i);
		if (!json_is_string(m))
			return fail(r, "expected a JSON Pointer string, "
			    "not %s", json_type_name(m));
		v = extra ? pointer_get(extra, json_string_value(m)) : NULL;
		if (v == NULL || v->kind != GALLEY_VALUE_STRING)
			return fail(r, "\"%s\" names no string in extra",
			    json_string_value(m));
		v->plain = 1;
		pop(r);
	}
	return 0;
}

static int
read_strlist(struct jr *r, struct galley_strlist *l, json_t *a)
{
	const char	*s;
	json_t		*m;
	size_t		 i;

	if (!json_is_array(a))
		return fail(r, "expected an array of strings, not %s",
		    json_type_name(a));
	json_array_foreach(a, i, m) {
		push_index(r, i);
		if (get_string(r, &s, m) == -1)
			return -1;
		galley_strlist_add(r->doc, l, s);
		pop(r);
	}
	return 0;
}

static int
read_meta(struct jr *r, struct galley_meta *m, json_t *o)
{
	const char	*key;
	json_t		*v, *plain = NULL;
	const char	**slot;
	double		 d;

	if (!json_is_object(o))
		return fail(r, "expected an object, not %s",
		    json_type_name(o));
	json_object_foreach(o, key, v) {
		push_key(r, key);
		slot = NULL;
		if (strcmp(key, "title") == 0)
			slot = &m->title;
		else if (strcmp(key, "description") == 0)
			slot = &m->description;
		else if (strcmp(key, "language") == 0)
			slot = &m->language;
		else if (strcmp(key, "date") == 0)
			slot = &m->date;
		else if (strcmp(key, "date_text") == 0)
			slot = &m->date_text;
		else if (strcmp(key, "source") == 0)
			slot = &m->source;
		else if (strcmp(key, "id") == 0)
			slot = &m->id;
		else if (strcmp(key, "uuid") == 0)
			slot = &m->uuid;
		else if (strcmp(key, "slug") == 0)
			slot = &m->slug;
		else if (strcmp(key, "format") == 0)
			slot = &m->format;
		if (slot != NULL) {
			if (get_string(r, slot, v) == -1)
				return -1;
			if (slot == &m->uuid && !uuid_form(m->uuid))
				return fail(r, "expected a lower-case UUID "
				    "(8-4-4-4-12 hexadecimal digits)");
		} else if (strcmp(key, "keywords") == 0) {
			m->keywords.n = 0;
			if (read_strlist(r, &m->keywords, v) == -1)
				return -1;
		} else if (strcmp(key, "authors") == 0) {
			m->authors.n = 0;
			if (read_strlist(r, &m->authors, v) == -1)
				return -1;
		} else if (strcmp(key, "language_confidence") == 0) {
			if (!json_is_number(v))
				return fail(r, "expected a number, not %s",
				    json_type_name(v));
			d = json_number_value(v);
			if (!(d >= 0 && d <= 1))
				return fail(r, "%g is not between 0 and 1",
				    d);
			m->language_confidence = d;
		} else if (strcmp(key, "extra") == 0) {
			if (!json_is_object(v))
				return fail(r, "expected an object, not %s",
				    json_type_name(v));
			m->extra = fm_json_value(r->doc, v);
		} else if (strcmp(key, "extra_plain") == 0)
			plain = v;
		else
			return fail_key(r, "unknown metadata key \"%s\"", key);
		pop(r);
	}
	if (plain != NULL) {
		push_key(r, "extra_plain");
		if (read_plain(r, m->extra, plain) == -1)
			return -1;
		pop(r);
	}
	return 0;
}

static int
read_top(struct jr *r, json_t *top)
{
	const char	*key;
	json_t		*v, *body = NULL, *meta = NULL;

	if (!json_is_object(top))
		return fail(r, "expected a galley JSON object, not %s",
		    json_type_name(top));
	if (json_object_get(top, "galley") == NULL)
		return fail(r, "JSON but not galley JSON: no \"galley\" "
		    "version key (see galley.schema.json)");
	json_object_foreach(top, key, v) {
		push_key(r, key);
		if (strcmp(key, "galley") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) < 1)
				return fail(r, "expected the format version, "
				    "a positive integer");
			if (json_integer_value(v) > GALLEY_JSON_VERSION)
				return fail(r, "galley JSON version %lld is "
				    "newer than this galley reads (%d)",
				    (long long)json_integer_value(v),
				    GALLEY_JSON_VERSION);
		} else if (strcmp(key, "meta") == 0)
			meta = v;
		else if (strcmp(key, "body") == 0)
			body = v;
		else
			return fail_key(r, "unknown key \"%s\"", key);
		pop(r);
	}
	if (body == NULL)
		return fail(r, "no \"body\"");
	if (meta != NULL) {
		push_key(r, "meta");
		if (read_meta(r, galley_doc_meta(r->doc), meta) == -1)
			return -1;
		pop(r);
	}
	push_key(r, "body");
	if (read_nodes(r, galley_doc_root(r->doc), body) == -1)
		return -1;
	pop(r);
	return 0;
}

static int
json_read(struct galley_doc *doc, const struct galley_src *src,
    const struct galley_opts *opts, struct galley_diag *dg)
{
	struct jr	 r;
	json_error_t	 err;
	json_t		*top;
	int		 rc;

	top = json_loadb(src->data, src->len, JSON_REJECT_DUPLICATES, &err);
	if (top == NULL) {
		galley_diag_add(dg, GALLEY_ERROR, src->name,
		    err.line > 0 ? (unsigned)err.line : 0,
		    err.column > 0 ? (unsigned)err.column : 0,
		    "JSON: %s%s", strstr(err.text, "JSON_ALLOW_NUL") != NULL ?
		    "\\u0000 is not allowed in a string" : err.text,
		    strstr(err.text, "depth") != NULL ? " (the JSON reader "
		    "takes objects and arrays about 2,000 deep: nodes some "
		    "1,000 deep, whatever --max-depth says)" : "");
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.doc = doc;
	r.dg = dg;
	r.name = src->name;
	r.data = src->data;
	r.len = src->len;
	r.max_nodes = opts && opts->max_depth > 0 ? opts->max_depth :
	    GALLEY_MAX_DEPTH;
	rc = read_top(&r, top);
	free(r.path);
	json_decref(top);
	return rc;
}

/* Galley JSON opens with '{' and names its "galley" version early. */
static int
json_sniff(const struct galley_src *src)
{
	const char	*p = src->data, *end = src->data + src->len, *q;
	size_t		 n;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	if (p == end || *p != '{')
		return 0;
	for (q = p; q + 8 <= end && q < p + 256; q++)
		if (memcmp(q, "\"galley\"", 8) == 0)
			return 100;
	n = src->name ? strlen(src->name) : 0;
	if (n > 5 && strcmp(src->name + n - 5, ".json") == 0)
		return 90;
	return 20;
}

const struct galley_reader galley_json_reader = {
	"json", json_sniff, json_read
};
