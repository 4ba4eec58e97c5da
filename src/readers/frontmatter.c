/*
 * Front matter: the YAML between a first "---" line and a closing
 * "---" or "..." line, parsed with libyaml, or the TOML between "+++"
 * lines, parsed with toml++ (toml_shim.cc), into galley's generic value
 * tree.  The only file that includes yaml.h.
 */
#include <ctype.h>
#include <string.h>

#include <yaml.h>

#include "readers/frontmatter.h"
#include "readers/toml_shim.h"

#define YAML_MAX_DEPTH	64
#define YAML_MAX_KEYS	10000	/* in one mapping */

/* Whether the line at p (length n, no newline) is marker (+ blanks). */
static int
is_marker(const char *p, size_t n, const char *marker)
{
	if (n < 3 || memcmp(p, marker, 3) != 0)
		return 0;
	for (p += 3, n -= 3; n > 0; p++, n--)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

/* Whether the second line of text is "key = ..." (TOML). */
static int
toml_key_line(const char *text, size_t len)
{
	const char	*p = memchr(text, '\n', len), *end = text + len;
	const char	*k;

	if (p == NULL)
		return 0;
	for (k = ++p; p < end && (isalnum((unsigned char)*p) || *p == '_' ||
	    *p == '-' || *p == '.' || *p == '"'); p++)
		;
	if (p == k)
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p < end && *p == '=';
}

int
fm_split(const char *text, size_t len, const char **yaml, size_t *yaml_len,
    int *toml, const char **body, unsigned *body_line, const char *name,
    struct galley_diag *dg)
{
	const char	*p = text, *end = text + len, *nl;
	unsigned	 line = 1;

	*yaml = NULL;
	*yaml_len = 0;
	*body = text;
	*body_line = 1;
	nl = memchr(p, '\n', len);
	if (nl == NULL)
		return 0;
	*toml = is_marker(p, (size_t)(nl - p), "+++");
	if (!*toml && !is_marker(p, (size_t)(nl - p), "---"))
		return 0;
	p = nl + 1;
	while (p < end) {
		line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (*toml ? is_marker(p, (size_t)(nl - p), "+++") :
		    (is_marker(p, (size_t)(nl - p), "---") ||
		    is_marker(p, (size_t)(nl - p), "..."))) {
			*yaml = text + 4;
			*yaml_len = (size_t)(p - (text + 4));
			*body = nl < end ? nl + 1 : end;
			*body_line = line + 1;
			return 1;
		}
		p = nl + 1;
	}
	/* "+++" alone is a paragraph in CommonMark: front matter never
	 * closed only when a "key = value" line follows it */
	if (*toml && !toml_key_line(text, len)) {
		*toml = 0;
		return 0;
	}
	galley_diag_add(dg, GALLEY_ERROR, name, 1, 1, *toml ?
	    "front matter: no closing '+++' line" :
	    "front matter: no closing '---' or '...' line");
	return -1;
}

struct conv {
	struct galley_doc	*doc;
	yaml_document_t		*ydoc;
	const char		*name;
	unsigned		 first_line;
	size_t			 budget, max;
	size_t			 bytes, max_bytes; /* text, aliases expanded */
	struct galley_diag	*dg;
};

/*
 * YAML's merge key, "<<: *defaults" (or a list of such): the keys of
 * the mapping(s) that v does not have yet, in order; an earlier mapping
 * of a list wins.  Keys written in v win over merged ones, before or
 * after the "<<".
 */
static void
merge(struct galley_value *v, struct galley_value *from)
{
	struct galley_value	*m, *k, *next;

	for (m = from->kind == GALLEY_VALUE_LIST ? from->first : from;
	    m != NULL; m = from->kind == GALLEY_VALUE_LIST ? m->next : NULL) {
		if (m->kind != GALLEY_VALUE_MAP)
			continue;
		for (k = m->first; k != NULL; k = next) {
			next = k->next;
			if (k->key != NULL && galley_value_get(v, k->key) ==
			    NULL) {
				k->next = NULL;
				galley_value_append(v, k);
			}
		}
	}
}

/* Convert one YAML node (recursively, depth-capped). */
static struct galley_value *
convert(struct conv *c, yaml_node_t *yn, int depth)
{
	struct galley_value	*v, *merged[8];
	yaml_node_item_t	*item;
	yaml_node_pair_t	*pair;
	struct galley_pos	 pos;
	const char		*key;
	int			 nkeys = 0, nmerged = 0, i;

	pos.line = (unsigned)yn->start_mark.line + c->first_line;
	pos.col = (unsigned)yn->start_mark.column + 1;
	if (c->budget == 0) {
		galley_diag_add(c->dg, GALLEY_ERROR, c->name, pos.line,
		    pos.col, "front matter: too many values (aliases "
		    "expanded); the limit is %zu", c->max);
		return NULL;
	}
	c->budget--;
	if (depth > YAML_MAX_DEPTH) {
		galley_diag_add(c->dg, GALLEY_ERROR, c->name, pos.line,
		    pos.col, "front matter: nested deeper than %d levels",
		    YAML_MAX_DEPTH);
		return NULL;
	}
	switch (yn->type) {
	case YAML_SCALAR_NODE:
		/* a few values repeated by aliases can still make megabytes
		 * of text: that is a "billion laughs" too */
		if ((c->bytes += yn->data.scalar.length) > c->max_bytes) {
			galley_diag_add(c->dg, GALLEY_ERROR, c->name, pos.line,
			    pos.col, "front matter: its values (aliases "
			    "expanded) hold more than %zu bytes of text",
			    c->max_bytes);
			return NULL;
		}
		v = galley_value_new(c->doc, GALLEY_VALUE_STRING);
		v->str = galley_doc_strndup(c->doc,
		    (const char *)yn->data.scalar.value,
		    yn->data.scalar.length);
		v->plain = yn->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (v->plain && (yn->data.scalar.length == 0 ||
		    strcmp(v->str, "~") == 0 || strcmp(v->str, "null") == 0 ||
		    strcmp(v->str, "Null") == 0 || strcmp(v->str, "NULL") == 0))
			v->kind = GALLEY_VALUE_NULL;
		break;
	case YAML_SEQUENCE_NODE:
		v = galley_value_new(c->doc, GALLEY_VALUE_LIST);
		for (item = yn->data.sequence.items.start;
		    item < yn->data.sequence.items.top; item++) {
			struct galley_value *child = convert(c,
			    yaml_document_get_node(c->ydoc, *item), depth + 1);
			if (child == NULL)
				return NULL;
			galley_value_append(v, child);
		}
		break;
	case YAML_MAPPING_NODE:
		v = galley_value_new(c->doc, GALLEY_VALUE_MAP);
		for (pair = yn->data.mapping.pairs.start;
		    pair < yn->data.mapping.pairs.top; pair++) {
			yaml_node_t *k = yaml_document_get_node(c->ydoc,
			    pair->key);
			struct galley_value *child;

			if (k == NULL || k->type != YAML_SCALAR_NODE) {
				galley_diag_add(c->dg, GALLEY_ERROR, c->name,
				    pos.line, pos.col, "front matter: a key "
				    "must be a plain value");
				return NULL;
			}
			if (++nkeys > YAML_MAX_KEYS) {
				galley_diag_add(c->dg, GALLEY_ERROR, c->name,
				    pos.line, pos.col, "front matter: more "
				    "than %d keys in one mapping",
				    YAML_MAX_KEYS);
				return NULL;
			}
			key = galley_doc_strndup(c->doc,
			    (const char *)k->data.scalar.value,
			    k->data.scalar.length);
			if (strcmp(key, "<<") == 0 && k->data.scalar.style ==
			    YAML_PLAIN_SCALAR_STYLE && nmerged < 8) {
				merged[nmerged] = convert(c,
				    yaml_document_get_node(c->ydoc,
				    pair->value), depth + 1);
				if (merged[nmerged++] == NULL)
					return NULL;
				continue;
			}
			if (galley_value_get(v, key) != NULL) {
				galley_diag_add(c->dg, GALLEY_ERROR, c->name,
				    (unsigned)k->start_mark.line +
				    c->first_line,
				    (unsigned)k->start_mark.column + 1,
				    "front matter: duplicate key '%s'", key);
				return NULL;
			}
			child = convert(c, yaml_document_get_node(c->ydoc,
			    pair->value), depth + 1);
			if (child == NULL)
				return NULL;
			child->key = key;
			galley_value_append(v, child);
		}
		for (i = 0; i < nmerged; i++)
			merge(v, merged[i]);
		break;
	default:
		v = galley_value_new(c->doc, GALLEY_VALUE_NULL);
		break;
	}
	v->pos = pos;
	return v;
}

int
fm_parse_yaml(struct galley_value **out, struct galley_doc *doc,
    const char *name, const char *text, size_t len, unsigned first_line,
    size_t max_nodes, struct galley_diag *dg)
{
	yaml_parser_t	 parser;
	yaml_document_t	 ydoc;
	yaml_node_t	*root;
	struct conv	 c;
	int		 rc = -1;

	*out = NULL;
	if (!yaml_parser_initialize(&parser)) {
		galley_diag_add(dg, GALLEY_ERROR, name, first_line, 1,
		    "front matter: cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&parser, &ydoc)) {
		yaml_mark_t	 m = parser.problem_mark;

		if (parser.problem_mark.line == 0 &&
		    parser.problem_mark.column == 0 &&
		    parser.context_mark.line > 0)
			m = parser.context_mark;
		char		 at[64] = "";
		int		 tab = m.index < len && text[m.index] == '\t';

		/* where the unclosed "[", "{" or quote opened */
		if (parser.context != NULL && (parser.context_mark.line !=
		    m.line || parser.context_mark.column != m.column))
			snprintf(at, sizeof(at), " that starts at %u:%u",
			    (unsigned)parser.context_mark.line + first_line,
			    (unsigned)parser.context_mark.column + 1);
		galley_diag_add(dg, GALLEY_ERROR, name,
		    (unsigned)m.line + first_line, (unsigned)m.column + 1,
		    "front matter: %s%s%s%s%s",
		    parser.problem ? parser.problem : "invalid YAML",
		    parser.context ? " " : "",
		    parser.context ? parser.context : "", at,
		    tab && strstr(parser.problem ? parser.problem : "",
		    "tab") == NULL ? " (a tab: YAML indents with spaces)" : "");
		yaml_parser_delete(&parser);
		return -2;
	}
	root = yaml_document_get_root_node(&ydoc);
	if (root == NULL) {
		rc = 0;
		goto out;
	}
	c.doc = doc;
	c.ydoc = &ydoc;
	c.name = name;
	c.first_line = first_line;
	c.budget = c.max = max_nodes;
	/* 1 MiB, or 16 times the front matter when it is larger */
	c.bytes = 0;
	c.max_bytes = len > (1u << 20) / 16 ? len * 16 : 1u << 20;
	c.dg = dg;
	if ((*out = convert(&c, root, 0)) != NULL)
		rc = 0;
out:
	yaml_document_delete(&ydoc);
	yaml_parser_delete(&parser);
	return rc;
}

/* The TOML walk's state: the values open, innermost last. */
struct tomlconv {
	struct galley_doc	*doc;
	const char		*name;
	unsigned		 first_line;
	size_t			 budget, max;
	struct galley_value	*stack[YAML_MAX_DEPTH + 1];
	int			 depth;
	struct galley_value	*root;
	struct galley_diag	*dg;
};

/* A new value at (line, col) of the TOML text, put in the open one. */
static struct galley_value *
toml_add(struct tomlconv *c, enum galley_value_kind kind, const char *key,
    unsigned line, unsigned col)
{
	struct galley_value	*v;
	unsigned		 fl = line + c->first_line - 1;

	if (c->budget == 0) {
		galley_diag_add(c->dg, GALLEY_ERROR, c->name, fl, col,
		    "front matter: too many values; the limit is %zu",
		    c->max);
		return NULL;
	}
	c->budget--;
	v = galley_value_new(c->doc, kind);
	v->pos.line = fl;
	v->pos.col = col;
	if (key != NULL)
		v->key = galley_doc_strdup(c->doc, key);
	if (c->depth > 0)
		galley_value_append(c->stack[c->depth - 1], v);
	return v;
}

static int
toml_open(void *arg, const char *key, int list, unsigned line, unsigned col)
{
	struct tomlconv		*c = arg;
	struct galley_value	*v;

	if (c->depth > YAML_MAX_DEPTH) {
		galley_diag_add(c->dg, GALLEY_ERROR, c->name,
		    line + c->first_line - 1, col, "front matter: nested "
		    "deeper than %d levels", YAML_MAX_DEPTH);
		return -1;
	}
	if ((v = toml_add(c, list ? GALLEY_VALUE_LIST : GALLEY_VALUE_MAP,
	    key, line, col)) == NULL)
		return -1;
	c->stack[c->depth++] = v;
	return 0;
}

static int
toml_scalar(void *arg, const char *key, const char *s, size_t len,
    int plain, unsigned line, unsigned col)
{
	struct tomlconv		*c = arg;
	struct galley_value	*v;

	if ((v = toml_add(c, GALLEY_VALUE_STRING, key, line, col)) == NULL)
		return -1;
	v->str = galley_doc_strndup(c->doc, s, len);
	v->plain = plain;
	return 0;
}

static void
toml_close(void *arg)
{
	struct tomlconv	*c = arg;

	c->depth--;
}

/* Whether a line's key (before "=", or a "[table]" header) has more
 * than YAML_MAX_DEPTH dots; its line (from 1) in *line. */
static int
toml_deep_key(const char *text, size_t len, unsigned *line)
{
	const char	*p = text, *end = text + len;
	int		 dots = 0, key = 1;

	for (*line = 1; p < end; p++) {
		if (*p == '\n') {
			(*line)++;
			dots = 0;
			key = 1;
		} else if (!(isalnum((unsigned char)*p) || *p == '_' ||
		    *p == '-' || *p == '.' || *p == '"' || *p == '\'' ||
		    *p == ' ' || *p == '\t' || *p == '[' || *p == ']'))
			key = 0;	/* "=", "#", text: no key further on */
		else if (*p == '.' && key && p > text && p[-1] != '.' &&
		    ++dots > YAML_MAX_DEPTH)
			return 1;
	}
	return 0;
}

int
fm_parse_toml(struct galley_value **out, struct galley_doc *doc,
    const char *name, const char *text, size_t len, unsigned first_line,
    size_t max_nodes, struct galley_diag *dg)
{
	struct tomlconv		 c;
	struct toml_visit	 v = { &c, toml_open, toml_scalar,
				    toml_close };
	char			 msg[256];
	unsigned		 line, col;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.name = name;
	c.first_line = first_line;
	c.budget = c.max = max_nodes;
	c.dg = dg;
	/* the root table is a map of its own */
	c.root = galley_value_new(doc, GALLEY_VALUE_MAP);
	c.root->pos.line = first_line;
	c.root->pos.col = 1;
	c.stack[c.depth++] = c.root;
	*out = NULL;
	/* toml++ recurses once per part of a dotted key: a key of
	 * thousands of parts would overflow a thread's stack */
	if (toml_deep_key(text, len, &line)) {
		galley_diag_add(dg, GALLEY_ERROR, name, line + first_line - 1,
		    1, "front matter: a key of more than %d parts",
		    YAML_MAX_DEPTH);
		return -1;
	}
	if (toml_walk(text, len, &v, msg, sizeof(msg), &line, &col) == -1) {
		/* toml++ says "Error while parsing ...": after our
		 * "front matter: ", in lower case */
		if (msg[0] >= 'A' && msg[0] <= 'Z' && msg[1] >= 'a' &&
		    msg[1] <= 'z')
			msg[0] = (char)(msg[0] - 'A' + 'a');
		if (msg[0] != '\0')
			galley_diag_add(dg, GALLEY_ERROR, name,
			    line + first_line - 1, col, "front matter: %s",
			    msg);
		return -1;
	}
	*out = c.root->first != NULL ? c.root : NULL;
	return 0;
}

/* Keys that open a page's metadata block, in lower case. */
static const char *const mmd_first[] = {
	"title", "date", "author", "authors", "tags", "category",
	"categories", "slug", "summary", "description", "keywords", "lang",
	"language", "modified", "subtitle", NULL
};

/* The length of the key of a "Key: value" line at p (before end), 0 if
 * it is none: a letter, then letters, digits, spaces, '_' or '-'. */
static size_t
mmd_key(const char *p, const char *end)
{
	const char	*k = p;

	if (p >= end || !isalpha((unsigned char)*p))
		return 0;
	while (p < end && (isalnum((unsigned char)*p) || *p == ' ' ||
	    *p == '_' || *p == '-'))
		p++;
	if (p >= end || *p != ':' || (p + 1 < end && p[1] != ' ' &&
	    p[1] != '\t' && p[1] != '\n'))
		return 0;
	return (size_t)(p - k);
}

/* The flat front matter's line at p: its key's length, or 0 for a
 * blank or comment line; -1 for a line of another kind (indented, a
 * list item, a key no "key: " line has). */
static int
flat_line(const char *p, const char *nl)
{
	const char	*q;
	size_t		 k;

	for (q = p; q < nl && (*q == ' ' || *q == '\t' || *q == '\r'); q++)
		;
	if (q == nl || *p == '#')
		return 0;
	return (k = mmd_key(p, nl)) > 0 ? (int)k : -1;
}

int
fm_flat(const char *text, size_t len)
{
	const char	*p = text, *end = text + len, *nl;
	int		 keys = 0, k;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((k = flat_line(p, nl)) == -1)
			return 0;
		keys += k > 0;
	}
	return keys > 0;
}

void
fm_flat_warn(const char *text, size_t len, const char *name,
    unsigned first_line, struct galley_diag *dg)
{
	const char	*p = text, *end = text + len, *nl, *v, *c;
	unsigned	 line = first_line;
	int		 k;

	if (!fm_flat(text, len))
		return;
	for (; p < end; p = nl + 1, line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((k = flat_line(p, nl)) <= 0)
			continue;
		for (v = p + k + 1; v < nl && (*v == ' ' || *v == '\t'); v++)
			;
		if (v == nl || *v == '"' || *v == '\'' || *v == '[' ||
		    *v == '{' || *v == '|' || *v == '>')
			continue;
		if (*v == '!' || *v == '&')
			galley_diag_add(dg, GALLEY_WARNING, name, line,
			    (unsigned)(v - p) + 1, "front matter: YAML reads "
			    "'%c' here as %s, not as text (quote the value to "
			    "keep it)", *v, *v == '!' ? "a tag" : "an anchor");
		/* "#1", "#hashtag": words cut; "# set to true" is a
		 * comment meant as one */
		for (c = v; c + 2 < nl; c++)
			if ((c[0] == ' ' || c[0] == '\t') && c[1] == '#' &&
			    c[2] != ' ' && c[2] != '\t' && c[2] != '#') {
				galley_diag_add(dg, GALLEY_WARNING, name, line,
				    (unsigned)(c - p) + 2, "front matter: YAML "
				    "reads ' #' as the start of a comment: the "
				    "value ends before it (quote the value to "
				    "keep the rest)");
				break;
			}
	}
}

/* Whether the line at p is blank. */
static int
mmd_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p >= end || *p == '\n';
}

int
fm_split_mmd(const char *text, size_t len, const char **meta,
    size_t *meta_len, const char **body, unsigned *body_line)
{
	const char	*p = text, *end = text + len, *nl;
	size_t		 k, i;
	unsigned	 line = 1;
	char		 key[16];

	if ((k = mmd_key(text, end)) == 0 || k >= sizeof(key))
		return 0;
	for (i = 0; i < k; i++)
		key[i] = (char)tolower((unsigned char)text[i]);
	key[k] = '\0';
	for (i = 0; mmd_first[i] != NULL; i++)
		if (strcmp(key, mmd_first[i]) == 0)
			break;
	if (mmd_first[i] == NULL)
		return 0;
	while (p < end && !mmd_blank(p, end)) {
		if (mmd_key(p, end) == 0 && !(p > text && (*p == '\t' ||
		    (end - p > 4 && memcmp(p, "    ", 4) == 0))))
			return 0;	/* a line of another kind: text */
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;	/* no body: a paragraph, not metadata */
		p = nl + 1;
		line++;
	}
	if (p >= end)
		return 0;
	*meta = text;
	*meta_len = (size_t)(p - text);
	nl = memchr(p, '\n', (size_t)(end - p));
	*body = nl != NULL ? nl + 1 : end;
	*body_line = line + 1;
	return 1;
}

/* A new string value of the map. */
static void
mmd_put(struct galley_value *map, struct galley_doc *doc, const char *key,
    const char *s, size_t n, unsigned line, unsigned col)
{
	struct galley_value	*v = galley_value_new(doc, GALLEY_VALUE_STRING);

	v->key = key;
	v->str = galley_doc_strndup(doc, s, n);
	v->pos.line = line;
	v->pos.col = col;
	galley_value_append(map, v);
}

int
fm_parse_mmd(struct galley_value **out, struct galley_doc *doc,
    const char *name, const char *text, size_t len, unsigned first_line,
    struct galley_diag *dg)
{
	struct galley_value	*map, *last = NULL, *list;
	const char		*p = text, *end = text + len, *nl, *v, *ve;
	char			 key[128], *joined;
	size_t			 k, i, o;
	unsigned		 line = first_line;

	map = galley_value_new(doc, GALLEY_VALUE_MAP);
	map->pos.line = first_line;
	map->pos.col = 1;
	for (; p < end; p = nl + 1, line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((k = mmd_key(p, nl)) == 0) {	/* goes on */
			for (v = p; v < nl && (*v == ' ' || *v == '\t'); v++)
				;
			for (ve = nl; ve > v && isspace((unsigned char)
			    ve[-1]); ve--)
				;
			if (last == NULL || ve == v)
				continue;
			o = strlen(last->str);
			joined = galley_doc_alloc(doc, o + 2 +
			    (size_t)(ve - v));
			memcpy(joined, last->str, o);
			if (o > 0)
				joined[o++] = ' ';
			memcpy(joined + o, v, (size_t)(ve - v));
			joined[o + (size_t)(ve - v)] = '\0';
			last->str = joined;
			continue;
		}
		for (i = 0, o = 0; i < k && o + 1 < sizeof(key); i++)
			if (p[i] != ' ')
				key[o++] = (char)tolower((unsigned char)p[i]);
		key[o] = '\0';
		for (v = p + k + 1; v < nl && (*v == ' ' || *v == '\t'); v++)
			;
		for (ve = nl; ve > v && isspace((unsigned char)ve[-1]); ve--)
			;
		if (galley_value_get(map, key) != NULL) {
			galley_diag_add(dg, GALLEY_WARNING, name, line, 1,
			    "metadata: '%s' given again; the first is kept",
			    key);
			last = NULL;
			continue;
		}
		mmd_put(map, doc, galley_doc_strdup(doc, key), v,
		    (size_t)(ve - v), line, (unsigned)(v - p) + 1);
		last = map->last;
	}
	/* Pelican's "Authors: A, B": one author each */
	if ((list = galley_value_get(map, "authors")) != NULL &&
	    list->kind == GALLEY_VALUE_STRING && strchr(list->str, ',')) {
		const char	*s = list->str, *c;

		list->kind = GALLEY_VALUE_LIST;
		list->str = NULL;
		for (; *s != '\0'; s = *c ? c + 1 : c) {
			if ((c = strchr(s, ',')) == NULL)
				c = s + strlen(s);
			for (v = s; v < c && *v == ' '; v++)
				;
			for (ve = c; ve > v && ve[-1] == ' '; ve--)
				;
			if (ve > v)
				mmd_put(list, doc, NULL, v, (size_t)(ve - v),
				    list->pos.line, list->pos.col);
		}
	}
	*out = map->first != NULL ? map : NULL;
	return 0;
}

/* Whether [p, e) is c alone at its start, blanks after it (an
 * indented "}" closes an inner object). */
static int
line_is_char(const char *p, const char *e, char c)
{
	if (p >= e || *p != c)
		return 0;
	for (p++; p < e && (*p == ' ' || *p == '\t' || *p == '\r'); p++)
		;
	return p == e;
}

/*
 * Where Hugo's JSON front matter ends: a first line "{", a second that
 * opens a key ('"'), then the first line "}" alone with text after it.
 * The "}" line's end, its line in *close_line; NULL if there is none.
 */
const char *
fm_json_end(const char *text, size_t len, unsigned *close_line)
{
	const char	*p = text, *end = text + len, *nl, *q;
	unsigned	 line = 1;

	if ((nl = memchr(p, '\n', len)) == NULL || !line_is_char(p, nl, '{'))
		return NULL;
	for (q = nl + 1; q < end && (*q == ' ' || *q == '\t'); q++)
		;
	if (q >= end || *q != '"')
		return NULL;
	for (p = nl + 1, line = 2; p < end; p = nl + 1, line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return NULL;		/* nothing after it */
		if (!line_is_char(p, nl, '}'))
			continue;
		for (q = nl + 1; q < end && isspace((unsigned char)*q); q++)
			;
		if (q >= end)
			return NULL;		/* a JSON file, not a page */
		*close_line = line;
		return nl;
	}
	return NULL;
}

int
fm_json(struct galley_value **out, struct galley_doc *doc, const char *name,
    const char *text, size_t len, const char **body, unsigned *body_line,
    struct galley_diag *dg)
{
	const char	*close;
	unsigned	 close_line;
	json_error_t	 err;
	json_t		*j;

	*out = NULL;
	if ((close = fm_json_end(text, len, &close_line)) == NULL)
		return 0;
	if ((j = json_loadb(text, (size_t)(close - text), JSON_REJECT_DUPLICATES,
	    &err)) == NULL) {
		galley_diag_add(dg, GALLEY_ERROR, name, err.line > 0 ?
		    (unsigned)err.line : 1, err.column > 0 ?
		    (unsigned)err.column : 1, "front matter: %s", err.text);
		return -1;
	}
	*out = fm_json_value(doc, j);
	json_decref(j);
	(*out)->pos.line = 1;
	(*out)->pos.col = 1;
	*body = close + 1;
	*body_line = close_line + 1;
	return 0;
}
