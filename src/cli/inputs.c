/*
 * The inputs of a run: files named on the command line, and the files
 * below folders named there (recursively; hidden entries and book.yaml
 * skipped; symlink loops reported).  Binary files found in folders are
 * skipped when read (inputs_is_binary), so each file is opened once.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "galley/pipeline.h"
#include "cli/inputs.h"
#include "cli/util.h"

struct dirid {
	dev_t	 dev;
	ino_t	 ino;
};

struct walk {
	struct input_list	*list;
	struct dirid		 stack[256];	/* folders being walked */
	int			 depth;
	struct dirid		 skip[4];	/* the run's own outputs */
	int			 nskip;
	int			 verbose;
	struct galley_diag	*dg;
	int			 errors;
};

/* path and rel share one allocation: free(path) frees both. */
void
inputs_add(struct input_list *l, const char *path, const char *rel)
{
	size_t	 plen = strlen(path) + 1, rlen = strlen(rel) + 1;
	char	*p;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc_cli(l->v, l->cap * sizeof(*l->v));
	}
	p = xmalloc_cli(plen + rlen);
	memcpy(p, path, plen);
	memcpy(p + plen, rel, rlen);
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].path = p;
	l->v[l->n].rel = p + plen;
	l->n++;
}

/*
 * 1 if data is a report of a galley run (--report): {"galley": "0.1.0",
 * "inputs": [...]}; a galley document has "galley": 1.
 */
int
inputs_is_report(const char *data, size_t len)
{
	const char	*s = data, *end = data + (len < 256 ? len : 256);
	const char	*lit[] = { "{", "\"galley\"", ":", "\"", NULL };
	size_t		 k, n;

	for (k = 0; lit[k] != NULL; k++) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' ||
		    *s == '\r'))
			s++;
		n = strlen(lit[k]);
		if ((size_t)(end - s) < n || memcmp(s, lit[k], n) != 0)
			return 0;
		s += n;
	}
	while (s < end && *s != '"' && *s != '\n')
		s++;
	if (s == end || *s++ != '"')
		return 0;
	while (s < end && (*s == ' ' || *s == ',' || *s == '\t' ||
	    *s == '\n' || *s == '\r'))
		s++;
	return (size_t)(end - s) >= 8 && memcmp(s, "\"inputs\"", 8) == 0;
}

static int
cmp_rel(const void *a, const void *b)
{
	const struct input *const *x = a, *const *y = b;
	int	 c = strcmp((*x)->rel, (*y)->rel);

	if (c != 0)
		return c;
	return *x < *y ? -1 : *x > *y;	/* input order */
}

/*
 * Folders named together that hold the same path ("a/post.md" and
 * "b/post.md", each "post.md" below its folder) would write the same
 * outputs: the first keeps its path, each other goes below its folder's
 * name ("b/post.md"), and is told.  Its outputs, links and --update state
 * go by that path.
 */
void
inputs_unique_rels(struct input_list *l, struct galley_diag *dg)
{
	struct input	**v = xmalloc_cli((l->n + 1) * sizeof(*v));
	size_t		 i, k, m, n = 0, plen, rlen;
	char		*folder, *rel, *base;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].rel, "-") != 0)
			v[n++] = &l->v[i];
	qsort(v, n, sizeof(*v), cmp_rel);
	for (i = 1, k = 0; i < n; i++) {
		if (strcmp(v[i]->rel, v[k]->rel) != 0) {
			k = i;		/* the first of its path keeps it */
			continue;
		}
		plen = strlen(v[i]->path);
		rlen = strlen(v[i]->rel);
		folder = xstrdup_cli(v[i]->path);
		if (plen > rlen + 1 && folder[plen - rlen - 1] == '/')
			folder[plen - rlen - 1] = '\0';
		else
			folder[0] = '\0';
		while (strlen(folder) > 1 && folder[strlen(folder) - 1] == '/')
			folder[strlen(folder) - 1] = '\0';
		base = strrchr(folder, '/');
		base = base != NULL ? base + 1 : folder;
		if (base[0] == '\0' || strcmp(base, ".") == 0 ||
		    strcmp(base, "..") == 0)
			base = "input";
		rel = xmalloc_cli(strlen(base) + rlen + 32);
		for (m = 1; ; m++) {
			size_t	 j;

			if (m == 1)
				sprintf(rel, "%s/%s", base, v[i]->rel);
			else
				sprintf(rel, "%s-%zu/%s", base, m, v[i]->rel);
			for (j = 0; j < l->n; j++)
				if (strcmp(l->v[j].rel, rel) == 0)
					break;
			if (j == l->n)
				break;
		}
		galley_diag_add(dg, GALLEY_WARNING, v[i]->path, 0, 0, "%s has "
		    "this path (%s) below the folder named too: the outputs of "
		    "this one go to %s", v[k]->path, v[k]->rel, rel);
		inputs_set_rel(v[i], rel);
		free(rel);
		free(folder);
	}
	free(v);
}

void
inputs_set_rel(struct input *in, const char *rel)
{
	size_t	 plen = strlen(in->path) + 1, rlen = strlen(rel) + 1;
	char	*p = xmalloc_cli(plen + rlen);

	memcpy(p, in->path, plen);
	memcpy(p + plen, rel, rlen);
	free(in->path);
	in->path = p;
	in->rel = p + plen;
}

int
inputs_is_binary(const char *data, size_t len)
{
	const unsigned char	*head = (const unsigned char *)data;
	size_t			 n = len < 4096 ? len : 4096;

	if (n >= 4 && (memcmp(head, "\x89PNG", 4) == 0 ||
	    memcmp(head, "\xff\xd8\xff", 3) == 0 ||
	    memcmp(head, "GIF8", 4) == 0 || memcmp(head, "%PDF", 4) == 0 ||
	    memcmp(head, "PK\x03\x04", 4) == 0))
		return 1;
	/* UTF-16 with a BOM holds NULs and is text. */
	if (n >= 2 && ((head[0] == 0xff && head[1] == 0xfe) ||
	    (head[0] == 0xfe && head[1] == 0xff)))
		return 0;
	return memchr(head, 0, n) != NULL &&
	    !galley_encoding_utf16(data, len);
}

/* Entries of a folder: the type readdir gave, then the name. */
static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

/* Whether dev:ino is one of the run's own outputs (its output folder,
 * report, corpus): a folder read twice would read them back. */
static int
own_output(const struct walk *w, dev_t dev, ino_t ino)
{
	int	 k;

	for (k = 0; k < w->nskip; k++)
		if (w->skip[k].dev == dev && w->skip[k].ino == ino)
			return 1;
	return 0;
}

static void
walk_dir(struct walk *w, const char *dir, const char *rel)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL;
	size_t		 n = 0, cap = 0, i;
	struct stat	 st;
	int		 k;

	if (stat(dir, &st) == -1)
		return;
	if (w->depth > 0 && own_output(w, st.st_dev, st.st_ino)) {
		if (w->verbose)
			galley_diag_add(w->dg, GALLEY_NOTE, dir, 0, 0,
			    "skipped: the output folder of this run");
		return;
	}
	for (k = 0; k < w->depth; k++)
		if (w->stack[k].dev == st.st_dev &&
		    w->stack[k].ino == st.st_ino) {
			galley_diag_add(w->dg, GALLEY_WARNING, dir, 0, 0,
			    "symbolic link loop: folder already being read; "
			    "skipped");
			return;
		}
	if (w->depth == (int)(sizeof(w->stack) / sizeof(w->stack[0]))) {
		galley_diag_add(w->dg, GALLEY_ERROR, dir, 0, 0,
		    "folders nested too deep");
		w->errors++;
		return;
	}
	if ((d = opendir(dir)) == NULL) {
		galley_diag_add(w->dg, GALLEY_ERROR, dir, 0, 0,
		    "cannot read folder: %s", strerror(errno));
		w->errors++;
		return;
	}
	w->stack[w->depth].dev = st.st_dev;
	w->stack[w->depth].ino = st.st_ino;
	w->depth++;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc_cli(names, cap * sizeof(*names));
		}
		if (de->d_type == DT_REG && own_output(w, st.st_dev,
		    de->d_ino)) {
			if (w->verbose) {
				size_t	 plen = strlen(dir) +
				    strlen(de->d_name) + 2;
				char	*p = xmalloc_cli(plen);

				snprintf(p, plen, "%s/%s", dir, de->d_name);
				galley_diag_add(w->dg, GALLEY_NOTE, p, 0, 0,
				    "skipped: an output of this run");
				free(p);
			}
			continue;
		}
		names[n] = xmalloc_cli(strlen(de->d_name) + 2);
		names[n][0] = (char)de->d_type;
		strcpy(names[n] + 1, de->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		const char *name = names[i] + 1;
		size_t	 plen = strlen(dir) + strlen(name) + 2;
		size_t	 rlen = strlen(rel) + strlen(name) + 2;
		char	*path = xmalloc_cli(plen), *r = xmalloc_cli(rlen);

		snprintf(path, plen, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", name);
		snprintf(r, rlen, "%s%s%s", rel, *rel ? "/" : "", name);
		/* A regular file as readdir says needs no stat. */
		if (names[i][0] == DT_REG)
			st.st_mode = S_IFREG;
		if (names[i][0] != DT_REG && stat(path, &st) == -1) {
			galley_diag_add(w->dg, GALLEY_WARNING, path, 0, 0,
			    "skipped: %s", strerror(errno));
		} else if (S_ISDIR(st.st_mode))
			walk_dir(w, path, r);
		else if (!S_ISREG(st.st_mode) ||
		    strcmp(name, "book.yaml") == 0) {
			if (w->verbose)
				galley_diag_add(w->dg, GALLEY_NOTE, path, 0, 0,
				    "skipped: not an article file");
		} else {
			inputs_add(w->list, path, r);
			w->list->v[w->list->n - 1].found = 1;
		}
		free(path);
		free(r);
		free(names[i]);
	}
	free(names);
	w->depth--;
}

struct ident {
	dev_t	 dev;
	ino_t	 ino;
	size_t	 i;
};

static int
cmp_ident(const void *a, const void *b)
{
	const struct ident *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * The same file named twice ("a.md ./a.md", a folder and a file in it,
 * "- -") is one input: the later ones go, with a warning.
 */
static void
drop_twice(struct input_list *l, struct galley_diag *dg)
{
	struct ident	*id = xmalloc_cli((l->n + 1) * sizeof(*id));
	char		*gone = xmalloc_cli(l->n + 1);
	struct stat	 st;
	size_t		 i, n = 0, o = 0, stdin_at = (size_t)-1;

	memset(gone, 0, l->n + 1);
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].path, "-") == 0) {
			if (stdin_at != (size_t)-1)
				gone[i] = 1;
			else
				stdin_at = i;
			continue;
		}
		if (stat(l->v[i].path, &st) == 0) {
			id[n].dev = st.st_dev;
			id[n].ino = st.st_ino;
			id[n++].i = i;
		}
	}
	qsort(id, n, sizeof(*id), cmp_ident);
	for (i = 1; i < n; i++)	/* sorted: the first named comes first */
		if (id[i].dev == id[i - 1].dev && id[i].ino == id[i - 1].ino)
			gone[id[i].i] = 1;
	for (i = 0; i < l->n; i++) {
		if (gone[i]) {
			galley_diag_add(dg, GALLEY_WARNING, l->v[i].path, 0, 0,
			    "named twice: converted once");
			free(l->v[i].path);
			continue;
		}
		l->v[o++] = l->v[i];
	}
	l->n = o;
	free(gone);
	free(id);
}

int
inputs_collect(struct input_list *l, char *const *paths, int npaths,
    int verbose, const char *const *outputs, int noutputs,
    struct galley_diag *dg)
{
	struct walk	 w;
	struct stat	 st;
	int		 i;

	memset(&w, 0, sizeof(w));
	w.list = l;
	w.verbose = verbose;
	w.dg = dg;
	for (i = 0; i < noutputs &&
	    w.nskip < (int)(sizeof(w.skip) / sizeof(w.skip[0])); i++)
		if (outputs[i] != NULL && strcmp(outputs[i], "-") != 0 &&
		    stat(outputs[i], &st) == 0) {
			w.skip[w.nskip].dev = st.st_dev;
			w.skip[w.nskip++].ino = st.st_ino;
		}
	for (i = 0; i < npaths; i++) {
		const char	*p = paths[i], *base;

		if (strcmp(p, "-") == 0) {
			inputs_add(l, "-", "stdin");
			continue;
		}
		if (stat(p, &st) == -1) {
			galley_diag_add(dg, GALLEY_ERROR, p, 0, 0,
			    "cannot read: %s", strerror(errno));
			w.errors++;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			walk_dir(&w, p, "");
			continue;
		}
		base = strrchr(p, '/');
		inputs_add(l, p, base ? base + 1 : p);
	}
	if (npaths > 1)
		drop_twice(l, dg);
	return w.errors;
}

void
inputs_release(struct input_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
