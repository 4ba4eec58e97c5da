/* The inputs of a run: files and folders named on the command line. */
#ifndef INPUTS_H
#define INPUTS_H

#include <stddef.h>

#include "galley/diag.h"

struct input {
	char	*path;	/* as opened: "input/a/b.txt", or "-" */
	char	*rel;	/* below the folder named: "a/b.txt"; for a file
			   named alone, its base name */
	int	 found;	/* found in a folder, not named: skip if binary */
	int	 keep_ext; /* another input has its name but the extension:
			   its outputs keep it ("a.txt.json") */
	size_t	 seq;	/* its place among all inputs, --shard aside */
};

struct input_list {
	struct input	*v;
	size_t		 n, cap;
};

/*
 * Expand files and folders (recursively, hidden entries skipped,
 * symlink loops detected and reported) into a sorted list of files.
 * outputs[noutputs] (NULL ones aside) are the run's own output folder
 * and files: found in a folder, they are skipped (a note with -v).
 * Problems are recorded in dg as errors; returns the number of them.
 */
/* Append one input; its rel shares path's allocation. */
void	inputs_add(struct input_list *, const char *path, const char *rel);
/* Folders named together that hold one path ("a/post.md", "b/post.md"):
 * the first keeps it, each other gets its folder's name before it
 * ("b/post.md"), with a warning in dg. */
void	inputs_unique_rels(struct input_list *, struct galley_diag *);
/* Give an input another rel (the path stays). */
void	inputs_set_rel(struct input *, const char *rel);
int	inputs_collect(struct input_list *, char *const *paths, int npaths,
	    int verbose, const char *const *outputs, int noutputs,
	    struct galley_diag *);
void	inputs_release(struct input_list *);
/* Whether file content is binary (a NUL byte or a well-known binary
 * signature up front): such files found in folders are skipped. */
int	inputs_is_binary(const char *data, size_t len);
/* 1 if data is the report of a galley run (--report), not an article. */
int	inputs_is_report(const char *data, size_t len);

#endif
