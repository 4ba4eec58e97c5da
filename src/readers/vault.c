/*
 * Where an Obsidian embed's file is: "![[chart.png]]" names a file by
 * its name alone, wherever it is in the vault (the folder that holds
 * ".obsidian", else the note's own folder), as Obsidian finds it.  The
 * vault's files are listed once per run and kept, by name; the first
 * in path order wins where two share a name.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/model.h"
#include "model/oom.h"
#include "readers/markdown.h"

#define VAULT_DEPTH	32	/* folders deep */
#define VAULT_FILES	200000	/* files listed at most */
#define VAULT_UP	32	/* folders up to look for .obsidian */

struct file {
	char	*name;		/* "chart.png" */
	char	*path;		/* below the vault: "assets/chart.png" */
};

struct vault {
	struct vault	*next;
	char		*root;
	struct file	*v;
	size_t		 n, cap;
};

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static struct vault	*vaults;

static int
cmp_name(const void *a, const void *b)
{
	const struct file	*x = a, *y = b;
	int			 c = strcmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->path, y->path);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files below root/rel (rel "" for root), hidden ones aside, in
 * name order, into v. */
static void
list(struct vault *v, const char *rel, int depth)
{
	char		 dir[8192], path[4096], **names = NULL;
	size_t		 n = 0, cap = 0, i;
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;

	snprintf(dir, sizeof(dir), "%s%s%s", v->root, *rel ? "/" : "", rel);
	if (depth > VAULT_DEPTH || (d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((names = realloc(names, cap * sizeof(*names))) ==
			    NULL)
				galley_oom();
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		/* a path too long to name is left out */
		if ((size_t)snprintf(path, sizeof(path), "%s%s%s", rel,
		    *rel ? "/" : "", names[i]) >= sizeof(path) ||
		    (size_t)snprintf(dir, sizeof(dir), "%s/%s", v->root,
		    path) >= sizeof(dir))
			;
		/* not through links to folders: no loops */
		else if (lstat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			list(v, path, depth + 1);
		else if (stat(dir, &st) == 0 && S_ISREG(st.st_mode) &&
		    v->n < VAULT_FILES) {
			if (v->n == v->cap) {
				v->cap = v->cap ? v->cap * 2 : 256;
				if ((v->v = realloc(v->v, v->cap *
				    sizeof(*v->v))) == NULL)
					galley_oom();
			}
			v->v[v->n].name = names[i];
			v->v[v->n].path = xstrdup(path);
			v->n++;
			names[i] = NULL;
		}
		free(names[i]);
	}
	free(names);
}

/* The vault of root, listed on first use. */
static struct vault *
vault_of(const char *root)
{
	struct vault	*v;

	for (v = vaults; v != NULL; v = v->next)
		if (strcmp(v->root, root) == 0)
			return v;
	if ((v = calloc(1, sizeof(*v))) == NULL)
		galley_oom();
	v->root = xstrdup(root);
	list(v, "", 0);
	if (v->n > 1)
		qsort(v->v, v->n, sizeof(*v->v), cmp_name);
	v->next = vaults;
	vaults = v;
	return v;
}

/* The folder of note (malloc'd), "." for a bare name. */
static char *
folder(const char *note)
{
	const char	*slash = strrchr(note, '/');
	char		*d;

	if (slash == NULL)
		return xstrdup(".");
	if ((d = strndup(note, slash == note ? 1 : (size_t)(slash - note))) ==
	    NULL)
		galley_oom();
	return d;
}

/* The vault that holds folder dir: the nearest folder up with
 * ".obsidian" in it ("dir/../.."), else dir; how many folders up into
 * *up. */
static char *
vault_root(const char *dir, size_t *up)
{
	char		 root[4096], probe[4200];
	struct stat	 st;
	size_t		 n;

	snprintf(root, sizeof(root), "%s", dir);
	for (*up = 0; *up < VAULT_UP; (*up)++) {
		snprintf(probe, sizeof(probe), "%s/.obsidian", root);
		if (stat(probe, &st) == 0 && S_ISDIR(st.st_mode))
			return xstrdup(root);
		if ((n = strlen(root)) + 4 >= sizeof(root))
			break;
		memcpy(root + n, "/..", 4);
	}
	*up = 0;
	return xstrdup(dir);
}

/* The first file named name in v (path order), or NULL. */
static const struct file *
first_named(const struct vault *v, const char *name)
{
	size_t	 lo = 0, hi = v->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(v->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->n && strcmp(v->v[lo].name, name) == 0 ?
	    &v->v[lo] : NULL;
}

char *
md_vault_find(const char *note, const char *name)
{
	char			*dir, *root, *real, *found = NULL;
	char			 path[4096];
	const struct file	*f;
	struct stat		 st;
	size_t			 up, i;

	if (note == NULL || strcmp(note, "-") == 0 ||
	    strchr(name, '/') != NULL)
		return NULL;
	dir = folder(note);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (stat(path, &st) == 0) {	/* beside the note: as written */
		free(dir);
		return NULL;
	}
	root = vault_root(dir, &up);
	/* one listing per vault, however its notes' folders name it */
	if ((real = realpath(root, NULL)) == NULL) {
		free(root);
		free(dir);
		return NULL;
	}
	pthread_mutex_lock(&lock);
	if ((f = first_named(vault_of(real), name)) != NULL) {
		/* from the note's folder: up to the vault, then down */
		if ((found = malloc(up * 3 + strlen(f->path) + 1)) == NULL)
			galley_oom();
		found[0] = '\0';
		for (i = 0; i < up; i++)
			strcat(found, "../");
		strcat(found, f->path);
	}
	pthread_mutex_unlock(&lock);
	free(real);
	free(root);
	free(dir);
	return found;
}
