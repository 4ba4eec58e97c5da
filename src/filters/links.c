/*
 * The links filter and the link index (galley/links.h): site-relative
 * links ("/lease", "lease.md") become internal links to another article
 * of the run, absolute URLs with --link-base, or unresolved links whose
 * text alone the writers keep; so no output holds a dangling relative
 * link.  In the chain it runs with no index; a run of many documents
 * resolves against an index afterwards.  Runs after meta (ids, slugs).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ustring.h>

#include "filters/filters.h"
#include "galley/links.h"
#include "model/url.h"
#include "model/oom.h"

struct entry {
	const char	*key;	/* normalised: "lease", "blog/lease" */
	uint32_t	 art;	/* the article: arts[art] */
	uint32_t	 hash;	/* of key */
};

struct byorder {
	size_t		 order, art;
};

/* An article: the id it has, and the id it keeps (see _seal). */
struct art {
	size_t		 order;
	const char	*given;	/* its meta.id */
	const char	*id;	/* given, or "given-2" where another has it */
	const char	*lang;	/* as the front matter gave it, or NULL */
	const char	*path;	/* below the folder named, or NULL */
	size_t		 keeper;	/* where renamed: the order of the other */
	size_t		 next;	/* the next article keeping its id */
	const char	*tlang;	/* a translation sharing its id: its
				   language, given or its folder's */
};

/* The index's strings, packed in chunks: an index holds some per
 * article of a run, and a malloc each would double their cost. */
#define POOL_CHUNK	65536

struct pool_chunk {
	struct pool_chunk	*next;
	size_t			 used, size;
	char			 data[];
};

struct counter {
	size_t	 unresolved;
};

struct galley_linkindex {
	struct entry	*v;	/* open addressing, power of two */
	size_t		 n, cap;
	size_t		 added;	/* articles added */
	struct counter	*count;	/* mutable behind a const index */
	struct pool_chunk *pool;	/* the keys and ids */
	struct art	*arts;	/* in the order added */
	size_t		 narts, capart;
	struct byorder	*byorder;	/* arts by order, once sealed */
	uint64_t	 renamed;	/* digest of the ids told apart */
	uint64_t	 names;		/* digest of every key and its article */
	int		 exact;		/* has K_EXACT keys */
};

static void *
xcalloc(size_t n, size_t sz)
{
	void	*p = calloc(n, sz);

	if (p == NULL) {
		galley_oom();
	}
	return p;
}

static const char *
pool_strdup(struct galley_linkindex *idx, const char *s)
{
	size_t			 len = strlen(s) + 1;
	struct pool_chunk	*c = idx->pool;

	if (c == NULL || c->size - c->used < len) {
		size_t	 size = len > POOL_CHUNK ? len : POOL_CHUNK;

		c = xcalloc(1, sizeof(*c) + size);
		c->size = size;
		c->next = idx->pool;
		idx->pool = c;
	}
	memcpy(c->data + c->used, s, len);
	c->used += len;
	return c->data + c->used - len;
}

static char *
xstrdup(const char *s)
{
	char	*p = strdup(s);

	if (p == NULL) {
		galley_oom();
	}
	return p;
}

/* *k in small letters in every script ("/Аренда" finds "аренда.md"),
 * where it has other than ASCII; ASCII is lowered already. */
static void
lower_utf8(char **k)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*u, *l;
	char		*o;
	int32_t		 ulen, llen, olen;
	size_t		 i, n = strlen(*k);

	for (i = 0; i < n && (unsigned char)(*k)[i] < 0x80; i++)
		;
	if (i == n || n > INT32_MAX / 8)
		return;
	u = xcalloc(n + 1, sizeof(*u));
	l = xcalloc(2 * n + 1, sizeof(*l));
	o = xcalloc(6 * n + 1, 1);
	u_strFromUTF8(u, (int32_t)n + 1, &ulen, *k, (int32_t)n, &st);
	llen = u_strToLower(l, (int32_t)(2 * n + 1), u, ulen, "", &st);
	u_strToUTF8(o, (int32_t)(6 * n + 1), &olen, l, llen, &st);
	if (U_SUCCESS(st)) {
		free(*k);
		*k = o;
	} else
		free(o);
	free(u);
	free(l);
}

static uint32_t
hash(const char *s)
{
	uint32_t	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

struct galley_linkindex *
galley_linkindex_new(void)
{
	struct galley_linkindex	*idx;

	idx = xcalloc(1, sizeof(*idx));
	idx->cap = 64;
	idx->v = xcalloc(idx->cap, sizeof(*idx->v));
	idx->count = xcalloc(1, sizeof(*idx->count));
	return idx;
}

void
galley_linkindex_free(struct galley_linkindex *idx)
{
	struct pool_chunk	*c, *next;

	if (idx == NULL)
		return;
	for (c = idx->pool; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(idx->v);
	free(idx->count);
	free(idx->arts);
	free(idx->byorder);
	free(idx);
}

size_t
galley_linkindex_unresolved(const struct galley_linkindex *idx)
{
	return idx != NULL ? idx->count->unresolved : 0;
}

static uint64_t	names_digest(const struct galley_linkindex *);
static void	add_exact(struct galley_linkindex *, const char *, size_t);
static const struct entry *lookup_in(const struct galley_linkindex *, char,
		    const char *);

static const struct entry *
lookup(const struct galley_linkindex *idx, const char *key)
{
	uint32_t	 h;
	size_t		 i;

	if (idx == NULL || key[0] == '\0')
		return NULL;
	h = hash(key);
	for (i = h & (idx->cap - 1); idx->v[i].key != NULL;
	    i = (i + 1) & (idx->cap - 1))
		if (idx->v[i].hash == h && strcmp(idx->v[i].key, key) == 0)
			return &idx->v[i];
	return NULL;
}

/*
 * Key to article.  Where two articles claim a key, the one of lower
 * order keeps it, whichever came first, so a parallel run is
 * deterministic.  The table is at most three quarters full: an entry is
 * 16 bytes, and an article has two or three keys.
 */
static void
insert(struct galley_linkindex *idx, const char *key, size_t art)
{
	struct entry	*old, *e;
	uint32_t	 h;
	size_t		 i, j, oldcap;

	if (key[0] == '\0')
		return;
	h = hash(key);
	for (i = h & (idx->cap - 1); idx->v[i].key != NULL;
	    i = (i + 1) & (idx->cap - 1)) {
		e = &idx->v[i];
		if (e->hash == h && strcmp(e->key, key) == 0) {
			if (idx->arts[art].order < idx->arts[e->art].order)
				e->art = (uint32_t)art;
			return;
		}
	}
	if ((idx->n + 1) * 4 > idx->cap * 3) {
		old = idx->v;
		oldcap = idx->cap;
		idx->cap *= 2;
		idx->v = xcalloc(idx->cap, sizeof(*idx->v));
		for (i = 0; i < oldcap; i++) {
			if (old[i].key == NULL)
				continue;
			for (j = old[i].hash & (idx->cap - 1);
			    idx->v[j].key != NULL; j = (j + 1) & (idx->cap - 1))
				;
			idx->v[j] = old[i];
		}
		free(old);
		for (i = h & (idx->cap - 1); idx->v[i].key != NULL;
		    i = (i + 1) & (idx->cap - 1))
			;
	}
	e = &idx->v[i];
	e->key = strcmp(key, idx->arts[art].given) == 0 ?
	    idx->arts[art].given : pool_strdup(idx, key);
	e->art = (uint32_t)art;
	e->hash = h;
	idx->n++;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The key of a site path, into out (malloc'd): percent-decoded, query and
 * fragment off (the fragment into *frag, malloc'd, if frag), leading "/",
 * "./", "../" and trailing "/", "index.html", ".md" and the like off,
 * ASCII lower case.  "/Blog/Lease.md#risk" -> "blog/lease", "risk".
 */
#define KEEP_EXT	1
#define KEEP_CASE	2

static char *
path_key_ext(const char *url, char **frag, int keep)
{
	static const char *const exts[] = { ".md", ".markdown", ".txt",
	    ".html", ".htm", ".xhtml", ".json", ".php", ".asp", ".aspx",
	    ".shtml", ".jsp", NULL };
	const char	*p, *hash_at;
	char		*k;
	size_t		 n = 0, len, i, e;

	hash_at = strchr(url, '#');
	if (frag != NULL)
		*frag = hash_at != NULL && hash_at[1] != '\0' ?
		    xstrdup(hash_at + 1) : NULL;
	len = strcspn(url, "?#");
	k = xcalloc(len + 1, 1);
	for (p = url; p < url + len; p++) {
		if (*p == '%' && p + 2 < url + len &&
		    hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			k[n++] = (char)(hexval(p[1]) * 16 + hexval(p[2]));
			p += 2;
		} else if (keep & KEEP_CASE)
			k[n++] = *p;
		else
			k[n++] = (char)tolower((unsigned char)*p);
	}
	k[n] = '\0';
	if (!(keep & KEEP_CASE))
		lower_utf8(&k);
	for (;;) {	/* leading "/", "./", "../" */
		if (k[0] == '/')
			memmove(k, k + 1, strlen(k));
		else if (strncmp(k, "./", 2) == 0)
			memmove(k, k + 2, strlen(k + 1));
		else if (strncmp(k, "../", 3) == 0)
			memmove(k, k + 3, strlen(k + 2));
		else
			break;
	}
	for (;;) {	/* trailing "/", "/index.html", ".md" */
		n = strlen(k);
		if (n > 0 && k[n - 1] == '/') {
			k[n - 1] = '\0';
			continue;
		}
		if (keep & KEEP_EXT)
			break;
		for (i = 0; exts[i] != NULL; i++) {
			e = strlen(exts[i]);
			if (n > e && strcmp(k + n - e, exts[i]) == 0)
				break;
		}
		if (exts[i] == NULL)
			break;
		k[n - e] = '\0';
		n -= e;
		if (n >= 5 && strcmp(k + n - 5, "index") == 0 &&
		    (n == 5 || k[n - 6] == '/'))
			k[n - 5] = '\0';
	}
	return k;
}

static char *
path_key(const char *url, char **frag)
{
	return path_key_ext(url, frag, 0);
}

/*
 * Keys in spaces of their own, so that a link that names a file goes to
 * that file whatever slugs other articles claim: "\1" + a file's path
 * below the folder named ("\1one/post.md"), "\2" + the page it makes
 * ("\2one/post", "\2posts/alpha" for posts/alpha/index.md), "\3" + its
 * file name alone ("\3post.md").
 */
#define K_FILE	'\1'
#define K_PAGE	'\2'
#define K_NAME	'\3'
#define K_EXACT	'\4'	/* "\4one/Post.md": only where another file's
			   path differs from it in case alone */
#define K_README '\5'	/* "\5dist" for dist/README.md: a folder's page
			   where it has no index.md (GitHub, VuePress) */
#define K_LOOSE	'\6'	/* "\6frontoffice" for "front-office": a key
			   without its separators, for "/frontoffice"
			   where no key is "frontoffice" */

static char *
prefixed(char space, const char *k)
{
	char	*p = xcalloc(strlen(k) + 2, 1);

	p[0] = space;
	memcpy(p + 1, k, strlen(k) + 1);
	return p;
}

/* The path url names, extension kept, lower case; NULL if url ends in no
 * extension that path_key() takes off (not a file's name). */
static char *
file_path(const char *url)
{
	char	*k = path_key_ext(url, NULL, KEEP_EXT), *plain;

	plain = path_key(url, NULL);
	if (strcmp(plain, k) == 0 || k[0] == '\0') {
		free(plain);
		free(k);
		return NULL;
	}
	free(plain);
	return k;
}

/* A key in a space, from a path: NULL for an empty one (but the page
 * at the top, "index.md" there: "\2" alone). */
static void
insert_in(struct galley_linkindex *idx, char space, const char *k,
    size_t art)
{
	char	*p;

	if (k == NULL || (k[0] == '\0' && space != K_PAGE &&
	    space != K_README))
		return;
	p = prefixed(space, k);
	insert(idx, p, art);
	free(p);
}

/* k without '-', '_', '.' and spaces, into a new string; NULL if it has
 * none of them (or nothing else). */
static char *
loose_key(const char *k)
{
	char	*l = xcalloc(strlen(k) + 1, 1);
	size_t	 n = 0;
	int	 cut = 0;

	for (; *k != '\0'; k++)
		if (*k == '-' || *k == '_' || *k == '.' || *k == ' ')
			cut = 1;
		else
			l[n++] = *k;
	if (!cut || n == 0) {
		free(l);
		return NULL;
	}
	return l;
}

/* A key, and its loose form (K_LOOSE) where it has separators. */
static void
insert_key(struct galley_linkindex *idx, const char *k, size_t art)
{
	char	*l;

	insert(idx, k, art);
	if ((l = loose_key(k)) != NULL) {
		insert_in(idx, K_LOOSE, l, art);
		free(l);
	}
}

static void
add_key(struct galley_linkindex *idx, const char *path, size_t art)
{
	char	*k, *base;

	if (path == NULL || path[0] == '\0')
		return;
	k = path_key(path, NULL);
	insert_key(idx, k, art);
	base = strrchr(k, '/');
	if (base != NULL)
		insert_key(idx, base + 1, art);
	free(k);
}

/* A file's name alone: its key, and its name in K_NAME. */
static void
add_name(struct galley_linkindex *idx, const char *name, size_t art)
{
	char	*f;

	if (name == NULL || name[0] == '\0')
		return;
	add_key(idx, name, art);
	if ((f = file_path(name)) != NULL) {
		insert_in(idx, K_NAME, strrchr(f, '/') != NULL ?
		    strrchr(f, '/') + 1 : f, art);
		free(f);
	}
}

/* A file's path below the folder named: every key it has. */
static void
add_path(struct galley_linkindex *idx, const char *path, size_t art)
{
	char	*f, *k, *base;

	if (path == NULL || path[0] == '\0')
		return;
	/* a file at the top: its name is its path (K_FILE) */
	if (strchr(path, '/') != NULL)
		add_name(idx, path, art);
	else
		add_key(idx, path, art);
	if ((f = file_path(path)) != NULL) {
		const struct entry *e = lookup_in(idx, K_FILE, f);

		if (e != NULL && e->art != art) {	/* Post.md, post.md */
			add_exact(idx, idx->arts[e->art].path, e->art);
			add_exact(idx, path, art);
		}
		insert_in(idx, K_FILE, f, art);
		free(f);
	}
	k = path_key(path, NULL);
	insert_in(idx, K_PAGE, k, art);
	/* "dist/README.md" ("dist/readme" now): the page of "dist/" */
	base = strrchr(k, '/');
	if (strcmp(base != NULL ? base + 1 : k, "readme") == 0) {
		if (base != NULL)
			*base = '\0';
		else
			k[0] = '\0';
		insert_in(idx, K_README, k, art);
	}
	free(k);
}

/* A file's path as it is spelt, for links that spell it so. */
static void
add_exact(struct galley_linkindex *idx, const char *path, size_t art)
{
	char	*k;

	if (path == NULL)
		return;
	k = path_key_ext(path, NULL, KEEP_EXT | KEEP_CASE);
	insert_in(idx, K_EXACT, k, art);
	free(k);
	idx->exact = 1;
}

/* A file that url names by path, its case kept where two files' paths
 * differ in case alone; else as path_key() and file_path() find it. */
static const struct entry *
lookup_file(const struct galley_linkindex *idx, const char *url,
    const char *f)
{
	const struct entry	*e;
	char			*k;

	if (idx->exact) {
		k = path_key_ext(url, NULL, KEEP_EXT | KEEP_CASE);
		e = lookup_in(idx, K_EXACT, k);
		free(k);
		if (e != NULL)
			return e;
	}
	return lookup_in(idx, K_FILE, f);
}

/*
 * base (a folder below the folder named, "" for it) joined with url's
 * path, "." and ".." taken out, percent-decoded, lower case: "two" and
 * "../one/post.md#x" make "one/post.md".  NULL if it climbs out.
 */
static char *
join(const char *base, const char *url)
{
	size_t	 len = strcspn(url, "?#"), n, k;
	char	*raw, *out, *seg, *save = NULL;

	raw = xcalloc(strlen(base) + len + 2, 1);
	n = strlen(base);
	memcpy(raw, base, n);
	raw[n++] = '/';
	memcpy(raw + n, url, len);
	out = xcalloc(strlen(raw) + 1, 1);
	n = 0;
	for (seg = strtok_r(raw, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (n == 0) {
				free(raw);
				free(out);
				return NULL;
			}
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;	/* the slash */
			continue;
		}
		if (n > 0)
			out[n++] = '/';
		k = strlen(seg);
		memcpy(out + n, seg, k);
		n += k;
	}
	if (len > 0 && url[len - 1] == '/')
		out[n++] = '/';
	out[n] = '\0';
	free(raw);
	return out;
}

/* The entry the key k (prefixed with space) names, or NULL. */
static const struct entry *
lookup_in(const struct galley_linkindex *idx, char space, const char *k)
{
	const struct entry	*e;
	char			*p;

	if (k == NULL || (k[0] == '\0' && space != K_PAGE &&
	    space != K_README))
		return NULL;
	p = prefixed(space, k);
	e = lookup(idx, p);
	free(p);
	return e;
}

/* A key k names, separators aside, in either direction. */
static const struct entry *
find_loose(const struct galley_linkindex *idx, const char *k)
{
	const struct entry	*e;
	char			*l = loose_key(k);

	if (l == NULL)
		return lookup_in(idx, K_LOOSE, k);
	if ((e = lookup(idx, l)) == NULL)
		e = lookup_in(idx, K_LOOSE, l);
	free(l);
	return e;
}

static int	lang_folder(const char *, size_t);

/* The length of the folder named for a language that path opens with
 * ("de" of "de/blog/x.md", of "de"), 0 if none. */
static size_t
lang_lead(const char *path)
{
	size_t	 n;

	if (path == NULL || (n = strcspn(path, "/")) == 0)
		return 0;
	return lang_folder(path, n) ? n : 0;
}

/* 1 if entry e's article is in a language folder other than the one
 * base opens with. */
static int
in_other_language(const struct galley_linkindex *idx,
    const struct entry *e, const char *base)
{
	const char	*path = idx->arts[e->art].path;
	size_t		 n = lang_lead(base), m = lang_lead(path);

	return n > 0 && m > 0 && path[m] == '/' && (m != n ||
	    strncmp(path, base, n) != 0);
}

/* k within the language folder that base (the linking article's
 * folder) opens with ("de" of "de/blog"): its page, or (loose) its
 * page with separators aside. */
static const struct entry *
in_language_folder(const struct galley_linkindex *idx, const char *k,
    const char *base, int loose)
{
	const struct entry	*e;
	size_t			 n;
	char			*p, *l;

	if ((n = lang_lead(base)) == 0 || (strncmp(k, base, n) == 0 &&
	    k[n] == '/'))
		return NULL;
	p = xcalloc(n + strlen(k) + 2, 1);
	memcpy(p, base, n);
	p[n] = '/';
	strcpy(p + n + 1, k);
	if (!loose) {
		if ((e = lookup(idx, p)) == NULL)
			e = lookup_in(idx, K_PAGE, p);
	} else {
		if ((l = loose_key(p + n + 1)) != NULL) {
			strcpy(p + n + 1, l);
			free(l);
		}
		e = lookup_in(idx, K_LOOSE, p);
	}
	free(p);
	return e;
}

/*
 * The entry a link names, from an article in folder base (NULL: not
 * known).  A relative link first as the file or page it is from there
 * ("post.md", "../alpha/"); a file's name from the top of the folder
 * named, then alone; then as site paths go (id, slug, alias, file
 * stem); last a page from the top.
 */
static const struct entry *
find(const struct galley_linkindex *idx, const char *url, const char *base,
    int *by_path)
{
	const struct entry	*e = NULL;
	char			*j, *f, *k, *slash;

	*by_path = 1;
	if (strcspn(url, "?#") == 0)
		return NULL;	/* no path: no article */
	if (base != NULL && url[0] != '/' && (j = join(base, url)) != NULL) {
		if ((f = file_path(j)) != NULL) {
			e = lookup_file(idx, j, f);
			free(f);
		}
		if (e == NULL) {
			k = path_key(j, NULL);
			if ((e = lookup_in(idx, K_PAGE, k)) == NULL)
				e = lookup_in(idx, K_README, k);
			free(k);
		}
		free(j);
		if (e != NULL)
			return e;
	}
	if ((f = file_path(url)) != NULL) {
		if ((e = lookup_file(idx, url, f)) == NULL)
			e = lookup_in(idx, K_NAME, strrchr(f, '/') != NULL ?
			    strrchr(f, '/') + 1 : f);
		free(f);
		if (e != NULL)
			return e;
	}
	*by_path = 0;
	k = path_key(url, NULL);
	/* "/frontoffice" in "de/backoffice.md": the article of that
	 * language folder first ("de/front-office.md"), then any */
	if (url[0] == '/' && (e = in_language_folder(idx, k, base, 0)) !=
	    NULL) {
		free(k);
		return e;
	}
	if ((e = lookup(idx, k)) == NULL &&
	    (slash = strrchr(k, '/')) != NULL)
		e = lookup(idx, slash + 1);
	if (e == NULL && ((e = lookup_in(idx, K_PAGE, k)) != NULL ||
	    (e = lookup_in(idx, K_README, k)) != NULL))
		*by_path = 1;
	/* last, separators aside: "/frontoffice" is "front-office",
	 * "/back-office" "backoffice"; the linking article's language
	 * folder's so before another language's exact one ("nb/..." for
	 * "de/..."), but after an exact one elsewhere ("login.md" at the
	 * top for "it/vpn.md", "it" an IT folder) */
	if (url[0] == '/' && (e == NULL || in_other_language(idx, e,
	    base))) {
		const struct entry *l = in_language_folder(idx, k, base, 1);

		if (l != NULL) {
			e = l;
			*by_path = 0;
		}
	}
	if (e == NULL) {
		slash = strrchr(k, '/');
		e = find_loose(idx, slash != NULL ? slash + 1 : k);
	}
	free(k);
	return e;
}

const char *
galley_linkindex_lookup(const struct galley_linkindex *idx, const char *path,
    size_t *order)
{
	const struct entry	*e;
	int			 by_path;

	if (idx == NULL || path == NULL ||
	    (e = find(idx, path, NULL, &by_path)) == NULL)
		return NULL;
	if (order != NULL)
		*order = idx->arts[e->art].order;
	return idx->arts[e->art].id;
}

void
galley_linkindex_add(struct galley_linkindex *idx,
    const struct galley_doc *doc)
{
	galley_linkindex_add_file(idx, doc, (size_t)1 << 62 | idx->added,
	    NULL);
}

void
galley_linkindex_add_at(struct galley_linkindex *idx,
    const struct galley_doc *doc, size_t order)
{
	galley_linkindex_add_file(idx, doc, order, NULL);
}

void
galley_linkindex_add_file(struct galley_linkindex *idx,
    const struct galley_doc *doc, size_t order, const char *path)
{
	const struct galley_meta	*m = galley_doc_meta(doc);
	const struct galley_value	*v, *c;
	const char			*base;
	struct art			*a;
	size_t				 art;

	if (m->id == NULL)
		return;	/* the meta filter did not run: nothing to point at */
	idx->added++;
	if (idx->narts == idx->capart) {
		idx->capart = idx->capart ? idx->capart * 2 : 64;
		idx->arts = realloc(idx->arts, idx->capart * sizeof(*a));
		if (idx->arts == NULL) {
			galley_oom();
		}
	}
	art = idx->narts++;
	a = &idx->arts[art];
	memset(a, 0, sizeof(*a));
	a->order = order;
	a->keeper = a->next = (size_t)-1;
	a->given = a->id = pool_strdup(idx, m->id);
	a->lang = m->language != NULL && m->language[0] != '\0' &&
	    !m->language_detected ? pool_strdup(idx, m->language) : NULL;
	a->path = path != NULL ? pool_strdup(idx, path) : NULL;
	add_key(idx, m->id, art);
	add_key(idx, m->slug, art);
	if (path != NULL)
		add_path(idx, path, art);
	else if (m->source != NULL) {
		base = strrchr(m->source, '/');
		add_name(idx, base != NULL ? base + 1 : m->source, art);
	}
	v = m->extra != NULL && m->extra->kind == GALLEY_VALUE_MAP ?
	    galley_value_get(m->extra, "aliases") : NULL;
	if (v != NULL && v->kind == GALLEY_VALUE_STRING)
		add_key(idx, v->str, art);
	else if (v != NULL && v->kind == GALLEY_VALUE_LIST)
		for (c = v->first; c != NULL; c = c->next)
			if (c->kind == GALLEY_VALUE_STRING)
				add_key(idx, c->str, art);
}

static int
cmp_order(const void *a, const void *b)
{
	size_t	 x = ((const struct byorder *)a)->order;
	size_t	 y = ((const struct byorder *)b)->order;

	return x < y ? -1 : x > y;
}

/* Ids to the first article keeping each (open addressing, power of
 * two); NONE where free. */
#define NONE	((size_t)-1)

struct idmap {
	const char	**key;
	size_t		 *art;
	size_t		  cap;
};

/* Ids clash whatever their ASCII case: links find "Post" by "/post". */
static size_t
idmap_find(const struct idmap *map, const char *s)
{
	uint32_t	 h = 2166136261u;
	const char	*p;
	size_t		 i;

	for (p = s; *p != '\0'; p++)
		h = (h ^ (unsigned char)tolower((unsigned char)*p)) *
		    16777619u;
	for (i = h & (map->cap - 1); map->key[i] != NULL &&
	    strcasecmp(map->key[i], s) != 0; i = (i + 1) & (map->cap - 1))
		;
	return i;
}

/* The slot of s, made (NONE) if s has none; s must outlive the map. */
static size_t *
idmap_slot(struct idmap *map, const char *s)
{
	size_t	 i = idmap_find(map, s);

	map->key[i] = s;
	return &map->art[i];
}

/* 1 if s is a folder named for a language: "en", "nb", "pt-br". */
static int
lang_folder(const char *s, size_t n)
{
	char	 tag[16], out[32];
	size_t	 i;

	if (n < 2 || n >= sizeof(tag) || !islower((unsigned char)s[0]) ||
	    !islower((unsigned char)s[1]) || (n > 2 && s[2] != '-' &&
	    s[2] != '_'))
		return 0;
	for (i = 3; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return 0;
	memcpy(tag, s, n);
	tag[n] = '\0';
	return galley_lang_tag(tag, out, sizeof(out)) == 0;
}

/* path without its language folders, into out; their names into langs */
static void
strip_lang(const char *path, char *out, char *langs)
{
	const char	*seg, *end;
	size_t		 n, o = 0, l = 0;

	for (seg = path; *seg != '\0'; seg = *end ? end + 1 : end) {
		end = strchr(seg, '/');
		if (end == NULL)
			end = seg + strlen(seg);
		n = (size_t)(end - seg);
		if (*end == '/' && lang_folder(seg, n)) {
			memcpy(langs + l, seg, n);
			l += n;
			langs[l++] = '/';
			continue;
		}
		memcpy(out + o, seg, n);
		o += n;
		out[o++] = '/';
	}
	out[o] = langs[l] = '\0';
}

/*
 * 1 if articles a and b, which have one id, are translations of each
 * other: languages given that differ ("en", "nb"), else paths that
 * differ only in folders named for languages ("en/posts/x.md",
 * "nb/posts/x.md").  Any other two share an id by chance.
 */
static int
translations(const struct art *a, const struct art *b)
{
	char	 ta[32], tb[32], *pa, *pb, *la, *lb;
	int	 rc;

	if (a->lang != NULL && b->lang != NULL &&
	    galley_lang_tag(a->lang, ta, sizeof(ta)) == 0 &&
	    galley_lang_tag(b->lang, tb, sizeof(tb)) == 0)
		return strcasecmp(ta, tb) != 0;
	if (a->path == NULL || b->path == NULL)
		return 0;
	pa = xcalloc(strlen(a->path) + 2, 1);
	la = xcalloc(strlen(a->path) + 2, 1);
	pb = xcalloc(strlen(b->path) + 2, 1);
	lb = xcalloc(strlen(b->path) + 2, 1);
	strip_lang(a->path, pa, la);
	strip_lang(b->path, pb, lb);
	rc = la[0] != '\0' && lb[0] != '\0' && strcmp(pa, pb) == 0 &&
	    strcmp(la, lb) != 0;
	free(pa);
	free(la);
	free(pb);
	free(lb);
	return rc;
}

/* A translation's language: the one given, else its language folder's
 * (the last in its path). */
static void
set_tlang(struct galley_linkindex *idx, struct art *a)
{
	char		 tag[32];
	const char	*seg, *end, *found = NULL;
	size_t		 n, fn = 0;
	char		 buf[16];

	if (a->tlang != NULL)
		return;
	if (a->lang != NULL && galley_lang_tag(a->lang, tag, sizeof(tag)) == 0) {
		a->tlang = pool_strdup(idx, tag);
		return;
	}
	for (seg = a->path; seg != NULL && *seg != '\0';
	    seg = *end ? end + 1 : end) {
		if ((end = strchr(seg, '/')) == NULL)
			break;
		n = (size_t)(end - seg);
		if (lang_folder(seg, n)) {
			found = seg;
			fn = n;
		}
	}
	if (found == NULL || fn >= sizeof(buf))
		return;
	memcpy(buf, found, fn);
	buf[fn] = '\0';
	if (galley_lang_tag(buf, tag, sizeof(tag)) == 0)
		a->tlang = pool_strdup(idx, tag);
}

void
galley_linkindex_seal(struct galley_linkindex *idx)
{
	struct idmap	 map;
	struct art	*a;
	size_t		 i, j, n, nb, *first;
	char		*id;

	if (idx == NULL || idx->byorder != NULL || idx->narts == 0)
		return;
	idx->byorder = xcalloc(idx->narts, sizeof(*idx->byorder));
	for (i = 0; i < idx->narts; i++) {
		idx->byorder[i].order = idx->arts[i].order;
		idx->byorder[i].art = i;
	}
	qsort(idx->byorder, idx->narts, sizeof(*idx->byorder), cmp_order);
	for (map.cap = 64; map.cap < idx->narts * 4; map.cap *= 2)
		;
	map.key = xcalloc(map.cap, sizeof(*map.key));
	map.art = xcalloc(map.cap, sizeof(*map.art));
	for (i = 0; i < map.cap; i++)
		map.art[i] = NONE;
	/* every id given stays with the first article to have it, and with
	 * its translations; */
	for (i = 0; i < idx->narts; i++) {
		a = &idx->arts[idx->byorder[i].art];
		a->next = NONE;
		a->keeper = NONE;
		a->tlang = NULL;
		first = idmap_slot(&map, a->given);
		if (*first == NONE) {
			*first = idx->byorder[i].art;
			continue;
		}
		for (j = *first; j != NONE; j = idx->arts[j].next)
			if (!translations(&idx->arts[j], a))
				break;
		if (j == NONE) {	/* a translation of every one: keeps */
			for (j = *first; idx->arts[j].next != NONE; )
				j = idx->arts[j].next;
			idx->arts[j].next = idx->byorder[i].art;
			set_tlang(idx, &idx->arts[*first]);
			set_tlang(idx, a);
		} else
			a->keeper = idx->arts[j].order;
	}
	/* any other gets the first "id-N" that no article has */
	for (i = 0; i < idx->narts; i++) {
		a = &idx->arts[idx->byorder[i].art];
		if (a->keeper == NONE)
			continue;
		nb = strlen(a->given) + 24;
		id = xcalloc(nb, 1);
		for (n = 2; ; n++) {
			snprintf(id, nb, "%s-%zu", a->given, n);
			if (map.key[idmap_find(&map, id)] == NULL)
				break;
		}
		a->id = pool_strdup(idx, id);
		free(id);
		for (id = (char *)a->id; *id != '\0'; id++)	/* FNV-1a */
			idx->renamed = (idx->renamed ^ (unsigned char)*id) *
			    1099511628211ULL;
		idx->renamed = (idx->renamed ^ (uint64_t)a->order) *
		    1099511628211ULL;
		*idmap_slot(&map, a->id) = idx->byorder[i].art;
		add_key(idx, a->id, idx->byorder[i].art);
	}
	free(map.key);
	free(map.art);
	idx->names = names_digest(idx);
}

/* FNV-1a, 64 bits, on from h. */
static uint64_t
fnv64(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;	/* ends it: "a","b" != "ab" */
}

/*
 * A digest of what links can resolve to: every key with the id and
 * language of its article, summed so that the table's order does not
 * count.
 */
static uint64_t
names_digest(const struct galley_linkindex *idx)
{
	const struct art	*a;
	uint64_t		 sum = 0, h;
	size_t			 i;

	for (i = 0; i < idx->cap; i++) {
		if (idx->v[i].key == NULL)
			continue;
		a = &idx->arts[idx->v[i].art];
		h = fnv64(14695981039346656037ULL, idx->v[i].key);
		h = fnv64(h, a->id);
		h = fnv64(h, a->tlang);
		h ^= h >> 29;
		sum += h * 0xbf58476d1ce4e5b9ULL;
	}
	return sum != 0 ? sum : 1;
}

uint64_t
galley_linkindex_names(const struct galley_linkindex *idx)
{
	return idx != NULL ? idx->names : 0;
}

uint64_t
galley_linkindex_renamed(const struct galley_linkindex *idx)
{
	return idx != NULL ? idx->renamed : 0;
}

/* The article added with order, once sealed; NULL if none. */
static const struct art *
art_at(const struct galley_linkindex *idx, size_t order)
{
	size_t	 lo = 0, hi, mid;

	if (idx == NULL || idx->byorder == NULL)
		return NULL;
	hi = idx->narts;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (idx->byorder[mid].order < order)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < idx->narts && idx->byorder[lo].order == order)
		return &idx->arts[idx->byorder[lo].art];
	return NULL;
}

const char *
galley_linkindex_id(const struct galley_linkindex *idx, size_t order,
    size_t *keeper)
{
	const struct art	*a = art_at(idx, order);

	if (a == NULL)
		return NULL;
	if (keeper != NULL && a->keeper != NONE)
		*keeper = a->keeper;
	return a->id;
}

/* 1 if url is site-relative: no scheme, not "//host", not "#frag". */
static int
is_relative(const char *url)
{
	const char	*p;

	if (url[0] == '#' || strncmp(url, "//", 2) == 0)
		return 0;
	if (isalpha((unsigned char)url[0])) {
		for (p = url + 1; isalnum((unsigned char)*p) || *p == '+' ||
		    *p == '-' || *p == '.'; p++)
			;
		if (*p == ':')
			return 0;
	}
	return 1;
}

/*
 * 1 if url runs script when followed (javascript:, vbscript:) or, for
 * a link, opens a document made of the URL itself (data:).  Browsers
 * skip leading blanks and controls and ignore case; so does this.
 */
static int
is_unsafe(const char *url, int image)
{
	while (*url != '\0' && (unsigned char)*url <= ' ')
		url++;
	return strncasecmp(url, "javascript:", 11) == 0 ||
	    strncasecmp(url, "vbscript:", 9) == 0 ||
	    (!image && strncasecmp(url, "data:", 5) == 0);
}

struct resolve {
	struct galley_doc		*doc;
	const struct galley_linkindex	*idx;
	char				*base;	/* its folder, or NULL */
	const struct art		*self;	/* the article, or NULL */
	const struct galley_opts	*opts;
	struct galley_diag		*dg;
	const char			**ids;	/* of the article's nodes */
	size_t				 nids, capids;
	struct slugger			*slugger;
	int				 unresolved;	/* links left so */
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ids is sorted once collected: a lookup is a binary search. */
static int
has_id(const struct resolve *r, const char *id)
{
	return r->nids > 0 && bsearch(&id, r->ids, r->nids, sizeof(*r->ids),
	    cmp_str) != NULL;
}

/* The ids of the article's headings, sections and notes. */
static enum galley_walk
collect_id(struct galley_node *n, int entering, void *arg)
{
	struct resolve	*r = arg;

	if (!entering || n->id == NULL)
		return GALLEY_WALK_NEXT;
	if (r->nids == r->capids) {
		r->capids = r->capids ? r->capids * 2 : 16;
		r->ids = realloc(r->ids, r->capids * sizeof(*r->ids));
		if (r->ids == NULL) {
			galley_oom();
		}
	}
	r->ids[r->nids++] = n->id;
	return GALLEY_WALK_NEXT;
}

/* s with its %xx escapes decoded (a %00 is kept as it is); malloc'd. */
static char *
percent_decode(const char *s)
{
	char	*d = url_decode(s);

	if (d == NULL) {
		galley_oom();
	}
	return d;
}

struct github {
	struct resolve	*r;
	const char	*want;		/* the anchor, decoded */
	const char	**seen;		/* anchors so far, for "-1", "-2" */
	size_t		 nseen, cap;
	const char	*id;		/* found: the heading's id */
};

static enum galley_walk
github_visit(struct galley_node *n, int entering, void *arg)
{
	struct github	*g = arg;
	const char	*a;
	size_t		 i, dup = 0;

	if (!entering || n->type != GALLEY_NODE_HEADING || n->id == NULL)
		return GALLEY_WALK_NEXT;
	a = slug_github(g->r->doc, galley_node_text(g->r->doc, n));
	for (i = 0; i < g->nseen; i++)
		if (strcmp(g->seen[i], a) == 0)
			dup++;
	if (g->nseen == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->seen = realloc(g->seen, g->cap * sizeof(*g->seen));
		if (g->seen == NULL) {
			galley_oom();
		}
	}
	g->seen[g->nseen++] = a;
	if (dup > 0)
		a = galley_doc_printf(g->r->doc, "%s-%zu", a, dup);
	if (strcmp(a, g->want) == 0) {
		g->id = n->id;
		return GALLEY_WALK_STOP;
	}
	return GALLEY_WALK_NEXT;
}

/* The id of the heading whose GitHub anchor frag is ("#fetchurl-options"
 * for "fetch(url[, options])"), or NULL. */
static const char *
github_heading(struct resolve *r, const char *frag)
{
	struct github	 g;
	char		*want = percent_decode(frag);

	memset(&g, 0, sizeof(g));
	g.r = r;
	g.want = want;
	galley_walk(galley_doc_root(r->doc), github_visit, &g);
	free(g.seen);
	free(want);
	return g.id;
}

struct anchor {
	const char	*want;
	const char	*last;		/* the id of the last heading passed */
	int		 found;		/* 1: the next heading's; 2: done */
	const char	*id;
};

/* Whether html, an HTML tag, is an <a> whose id or name is want. */
static int
is_anchor(const char *html, const char *want)
{
	const char	*p;
	size_t		 n = strlen(want);

	if (html == NULL || strncasecmp(html, "<a", 2) != 0 ||
	    (html[2] != ' ' && html[2] != '\t' && html[2] != '\n'))
		return 0;
	for (p = html + 2; (p = strchr(p, '=')) != NULL; p++) {
		const char *k = p;

		while (k > html && (k[-1] == ' ' || k[-1] == '\t'))
			k--;
		if (!((k - html >= 3 && strncasecmp(k - 2, "id", 2) == 0 &&
		    (k[-3] == ' ' || k[-3] == '\t' || k[-3] == '\n')) ||
		    (k - html >= 5 && strncasecmp(k - 4, "name", 4) == 0 &&
		    (k[-5] == ' ' || k[-5] == '\t' || k[-5] == '\n'))))
			continue;
		k = p + 1;
		while (*k == ' ' || *k == '\t')
			k++;
		if (*k == '"' || *k == '\'') {
			if (strncmp(k + 1, want, n) == 0 && k[1 + n] == *k)
				return 1;
		} else if (strncmp(k, want, n) == 0 &&
		    strchr(" \t\n/>", k[n]) != NULL)
			return 1;
	}
	return 0;
}

/* Whether a paragraph holds nothing but HTML tags and spaces. */
static int
only_tags(const struct galley_node *par)
{
	const struct galley_node *c;

	for (c = par->first; c != NULL; c = c->next)
		if (c->type != GALLEY_NODE_HTML_INLINE &&
		    !(c->type == GALLEY_NODE_TEXT && galley_blank(c->literal)))
			return 0;
	return 1;
}

static enum galley_walk
anchor_visit(struct galley_node *n, int entering, void *arg)
{
	struct anchor	*a = arg;

	if (!entering)
		return GALLEY_WALK_NEXT;
	if (n->type == GALLEY_NODE_HEADING && n->id != NULL) {
		if (a->found == 1) {
			a->id = n->id;
			return GALLEY_WALK_STOP;
		}
		a->last = n->id;
	}
	if ((n->type == GALLEY_NODE_HTML_INLINE ||
	    n->type == GALLEY_NODE_HTML_BLOCK) && is_anchor(n->literal,
	    a->want)) {
		/* alone before a heading ("<a name=x></a>\n## X"): that
		 * heading; else the section it is in */
		if (n->type == GALLEY_NODE_HTML_BLOCK || (n->parent != NULL &&
		    n->parent->type == GALLEY_NODE_PARAGRAPH &&
		    only_tags(n->parent))) {
			a->found = 1;
			return GALLEY_WALK_NEXT;
		}
		a->id = a->last;
		return GALLEY_WALK_STOP;
	}
	return GALLEY_WALK_NEXT;
}

/* The heading an HTML anchor (<a id="x">, <a name="x">) stands for: the
 * one it is right before, else the last before it; NULL if none. */
static const char *
html_anchor(struct resolve *r, const char *frag)
{
	struct anchor	 a;

	memset(&a, 0, sizeof(a));
	a.want = frag;
	galley_walk(galley_doc_root(r->doc), anchor_visit, &a);
	if (a.id == NULL && a.found == 1)
		a.id = a.last;		/* no heading after it */
	return a.id;
}

/*
 * A link to "#fragment" of this article: to an id it has, else to the
 * heading whose id the fragment makes (GitHub-style "#что-такое", "#Key
 * Points" for the heading "Key points"), else a warning: EPUB and TEI
 * keep its text only.
 */
static const char *own_fragment(struct resolve *, const char *);

static void
resolve_fragment(struct resolve *r, struct galley_node *n, const char *frag)
{
	const char	*id;

	if (has_id(r, frag) || strncmp(frag, "fnref-", 6) == 0 ||
	    strcasecmp(frag, "top") == 0)	/* HTML's top of the page */
		return;
	if ((id = own_fragment(r, frag)) != NULL) {
		n->u.link.url = galley_doc_printf(r->doc, "#%s", id);
		filter_report(r->dg, r->doc, GALLEY_NOTE, n, "links: \"#%s\" "
		    "is the heading \"#%s\"", frag, id);
		return;
	}
	if (n->u.link.kind != GALLEY_LINK_UNRESOLVED)
		filter_report(r->dg, r->doc, GALLEY_WARNING, n, "link to "
		    "\"#%s\" names no heading or note of this article; kept "
		    "as text", frag);
	n->u.link.kind = GALLEY_LINK_UNRESOLVED;
}

/*
 * The id of this article that fragment frag names: an id it has, or
 * the heading whose id the fragment makes ("#Key%20points"), or the
 * heading GitHub gives that anchor, or the heading an HTML anchor
 * stands before; NULL if none.
 */
static const char *
own_fragment(struct resolve *r, const char *frag)
{
	char		*key;
	const char	*id;

	if (has_id(r, frag))
		return frag;
	key = percent_decode(frag);
	if (r->slugger == NULL)
		r->slugger = slugger_new();
	id = slug_make(r->slugger, r->doc, key, 60);
	free(key);
	if (*id != '\0' && !has_id(r, id))	/* "#1-intro": "h-1-intro" */
		id = galley_doc_printf(r->doc, "h-%s", id);
	if (*id == '\0' || !has_id(r, id))
		id = github_heading(r, frag);
	if (id == NULL || *id == '\0' || !has_id(r, id))
		id = html_anchor(r, frag);
	return id != NULL && *id != '\0' && has_id(r, id) ? id : NULL;
}

/*
 * The fragment of a link into another article, as the id it names
 * there: every id of an article is an ASCII XML name (see ids.c), so
 * one that is not ("Key%20Points", "что-такое") names the heading its
 * text makes ("key-points", "chto-takoe"), as GitHub's anchors do.
 */
static const char *
other_fragment(struct resolve *r, const struct galley_node *n,
    const char *frag)
{
	char		*key;
	const char	*id;

	if (slug_is_ncname(frag))
		return galley_doc_strdup(r->doc, frag);
	key = percent_decode(frag);
	if (r->slugger == NULL)
		r->slugger = slugger_new();
	id = slug_make(r->slugger, r->doc, key, 60);
	free(key);
	if (*id != '\0' && !slug_is_ncname(id))	/* "1-intro" */
		id = galley_doc_printf(r->doc, "h-%s", id);
	if (*id == '\0')
		return NULL;	/* "#%20": the article's top */
	filter_report(r->dg, r->doc, GALLEY_NOTE, n, "links: \"#%s\" is "
	    "read as the heading \"#%s\" there", frag, id);
	return id;
}

static void
resolve_link(struct resolve *r, struct galley_node *n)
{
	const char	*url = n->u.link.url != NULL ? n->u.link.url : "";
	const struct entry	*e = NULL;
	const char	*id = NULL, *given, *tlang = NULL;
	int		 by_path = 0;
	const char	*own;
	char		*key, *frag, *abs;

	if (n->u.link.kind == GALLEY_LINK_INTERNAL && n->u.link.target != NULL)
		return;	/* resolved by an earlier run */
	if (is_unsafe(url, n->type == GALLEY_NODE_IMAGE)) {
		if (n->u.link.kind != GALLEY_LINK_UNRESOLVED)
			filter_report(r->dg, r->doc, GALLEY_WARNING, n,
			    "links: unsafe link \"%.40s\" kept as text only",
			    url);
		n->u.link.kind = GALLEY_LINK_UNRESOLVED;
		n->u.link.target = NULL;
		n->u.link.fragment = NULL;
		return;
	}
	if (url[0] == '#' && url[1] != '\0' && n->type == GALLEY_NODE_LINK) {
		n->u.link.kind = n->u.link.kind == GALLEY_LINK_UNRESOLVED ?
		    GALLEY_LINK_UNRESOLVED : GALLEY_LINK_EXTERNAL;
		resolve_fragment(r, n, url + 1);
		if (n->u.link.kind == GALLEY_LINK_UNRESOLVED &&
		    has_id(r, n->u.link.url + 1))
			n->u.link.kind = GALLEY_LINK_EXTERNAL;
		return;
	}
	if (!is_relative(url)) {
		char	*ascii;

		if (url_host_ascii(url, &ascii) == -1) {
			if (n->u.link.kind != GALLEY_LINK_UNRESOLVED)
				filter_report(r->dg, r->doc, GALLEY_WARNING,
				    n, "links: \"%.60s\" has no valid host "
				    "name; kept as text only", url);
			n->u.link.kind = GALLEY_LINK_UNRESOLVED;
			n->u.link.target = NULL;
			n->u.link.fragment = NULL;
			return;
		}
		free(ascii);
		n->u.link.kind = GALLEY_LINK_EXTERNAL;
		return;
	}
	key = path_key(url, &frag);
	if (r->idx != NULL && (e = find(r->idx, url, r->base, &by_path)) !=
	    NULL && &r->idx->arts[e->art] == r->self && frag != NULL &&
	    n->type == GALLEY_NODE_LINK &&
	    (own = own_fragment(r, frag)) != NULL && strcmp(own, frag) != 0) {
		/* "Alpha.md#Details" in Alpha.md: its own heading "details" */
		filter_report(r->dg, r->doc, GALLEY_NOTE, n, "links: \"#%s\" "
		    "is the heading \"#%s\" here", frag, own);
		free(frag);
		frag = xstrdup(own);
	}
	if (e != NULL) {
		id = r->idx->arts[e->art].id;
		/* one of translations sharing the id, named by its file:
		 * that one, not the one in the linking text's language */
		tlang = by_path ? r->idx->arts[e->art].tlang : NULL;
	}
	if (id != NULL) {
		n->u.link.kind = GALLEY_LINK_INTERNAL;
		n->u.link.target = galley_doc_strdup(r->doc, id);
		n->u.link.target_lang = tlang != NULL ?
		    galley_doc_strdup(r->doc, tlang) : NULL;
		n->u.link.fragment = frag != NULL ?
		    other_fragment(r, n, frag) : NULL;
	} else if (r->opts->link_base != NULL && r->opts->link_base[0]) {
		given = url;
		if ((abs = url_under_base(r->opts->link_base, url)) == NULL) {
			galley_oom();
		}
		n->u.link.url = galley_doc_strdup(r->doc, abs);
		free(abs);
		n->u.link.kind = GALLEY_LINK_EXTERNAL;
		filter_report(r->dg, r->doc, GALLEY_NOTE, n,
		    "links: \"%s\" made absolute: %s", given,
		    n->u.link.url);
	} else {
		n->u.link.kind = GALLEY_LINK_UNRESOLVED;
		n->u.link.target = NULL;
		n->u.link.fragment = NULL;
		if (r->idx != NULL)
			__atomic_fetch_add(&r->idx->count->unresolved, 1,
			    __ATOMIC_RELAXED);
		r->unresolved++;
		filter_report(r->dg, r->doc, GALLEY_WARNING, n,
		    "link to \"%s\" names no article of this run; kept as "
		    "text (use --link-base URL to make it absolute)", url);
	}
	free(key);
	free(frag);
}

static enum galley_walk
visit(struct galley_node *n, int entering, void *arg)
{
	if (n->type == GALLEY_NODE_CODE_BLOCK ||
	    n->type == GALLEY_NODE_HTML_BLOCK)
		return GALLEY_WALK_SKIP;
	if (entering && n->type == GALLEY_NODE_LINK)
		resolve_link(arg, n);
	return GALLEY_WALK_NEXT;
}

int
galley_links_resolve(struct galley_doc *doc,
    const struct galley_linkindex *idx, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	return galley_links_resolve_at(doc, idx, (size_t)-1, opts, dg) == -1 ?
	    -1 : 0;
}

int
galley_links_resolve_at(struct galley_doc *doc,
    const struct galley_linkindex *idx, size_t order,
    const struct galley_opts *opts, struct galley_diag *dg)
{
	const struct art	*a = art_at(idx, order);
	struct resolve		 r;
	const char		*slash;

	memset(&r, 0, sizeof(r));
	r.doc = doc;
	r.idx = idx;
	r.self = a;
	r.opts = opts;
	r.dg = dg;
	if (a != NULL && a->path != NULL) {
		slash = strrchr(a->path, '/');
		r.base = xcalloc(slash != NULL ? (size_t)(slash - a->path) + 1 :
		    1, 1);
		if (slash != NULL)
			memcpy(r.base, a->path, (size_t)(slash - a->path));
	}
	galley_walk(galley_doc_root(doc), collect_id, &r);
	if (r.nids > 1)
		qsort(r.ids, r.nids, sizeof(*r.ids), cmp_str);
	galley_walk(galley_doc_root(doc), visit, &r);
	free(r.ids);
	free(r.base);
	slugger_free(r.slugger);
	return r.unresolved;
}

static int
links_run(struct galley_doc *doc, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	return galley_links_resolve(doc, NULL, opts, dg);
}

const struct galley_filter filter_links = {
	"links",
	"site-relative links: internal, absolute (--link-base) or text only",
	1,
	links_run
};
