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
	int			 verbose;
	struct galley_diag	*dg;
	int			 errors;
};

static void
add(struct input_list *l, const char *path, const char *rel)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc_cli(l->v, l->cap * sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].path = xstrdup_cli(path);
	l->v[l->n].rel = xstrdup_cli(rel);
	l->n++;
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
	return memchr(head, 0, n) != NULL;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
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
		names[n++] = xstrdup_cli(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		size_t	 plen = strlen(dir) + strlen(names[i]) + 2;
		size_t	 rlen = strlen(rel) + strlen(names[i]) + 2;
		char	*path = xmalloc_cli(plen), *r = xmalloc_cli(rlen);

		snprintf(path, plen, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		snprintf(r, rlen, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		if (stat(path, &st) == -1) {
			galley_diag_add(w->dg, GALLEY_WARNING, path, 0, 0,
			    "skipped: %s", strerror(errno));
		} else if (S_ISDIR(st.st_mode))
			walk_dir(w, path, r);
		else if (!S_ISREG(st.st_mode) ||
		    strcmp(names[i], "book.yaml") == 0) {
			if (w->verbose)
				galley_diag_add(w->dg, GALLEY_NOTE, path, 0, 0,
				    "skipped: not an article file");
		} else {
			add(w->list, path, r);
			w->list->v[w->list->n - 1].found = 1;
		}
		free(path);
		free(r);
		free(names[i]);
	}
	free(names);
	w->depth--;
}

int
inputs_collect(struct input_list *l, char *const *paths, int npaths,
    int verbose, struct galley_diag *dg)
{
	struct walk	 w;
	struct stat	 st;
	int		 i;

	memset(&w, 0, sizeof(w));
	w.list = l;
	w.verbose = verbose;
	w.dg = dg;
	for (i = 0; i < npaths; i++) {
		const char	*p = paths[i], *base;

		if (strcmp(p, "-") == 0) {
			add(l, "-", "stdin");
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
		add(l, p, base ? base + 1 : p);
	}
	return w.errors;
}

void
inputs_release(struct input_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].rel);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
