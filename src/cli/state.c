/*
 * The state of the last run for --update: a sorted table of input
 * paths and the hash of their content and the settings that shaped
 * their outputs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/io.h"
#include "cli/state.h"
#include "cli/util.h"
#include "model/bytes.h"

#define STATE_FILE	".galley-state"

/*
 * A 64-bit hash of the bytes, eight at a time (multiply and fold, as
 * in the well-known mixers of splitmix64 and FNV), the tail byte by
 * byte: it only tells a changed input from an unchanged one, and costs
 * a small part of reading the file.
 */
unsigned long long
state_hash(const void *data, size_t len, unsigned long long seed)
{
	const unsigned char	*p = data;
	unsigned long long	 h = 1469598103934665603ULL ^ seed;
	uint64_t		 w;
	size_t			 i = 0;

	for (; i + 8 <= len; i += 8) {
		w = bytes_load(p + i);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 32;
	}
	for (; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	h ^= len;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 31;
	return h ? h : 1;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct state_entry *)a)->rel,
	    ((const struct state_entry *)b)->rel);
}

static void
push(struct state *st, const char *rel, unsigned long long hash,
    unsigned long long links)
{
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 256;
		st->v = xrealloc_cli(st->v, st->cap * sizeof(*st->v));
	}
	st->v[st->n].rel = rel;
	st->v[st->n].hash = hash;
	st->v[st->n].links = links;
	st->v[st->n].seq = st->n;
	st->n++;
}

/*
 * The file is read whole: the entries' paths point into it.  A file of
 * another form (an earlier galley's) counts as none: all is redone.
 */
int
state_load(struct state *st, const char *outdir)
{
	char			 path[4096], *line, *end, *nl;
	size_t			 len;
	unsigned long long	 h, l;
	int			 off;

	snprintf(path, sizeof(path), "%s/%s", outdir, STATE_FILE);
	if (file_read(&st->text, &len, path, SIZE_MAX, NULL) == -1)
		return 0;
	if (sscanf(st->text, "#galley-state 2 %llx\n", &st->names) != 1)
		return 0;
	for (line = st->text, end = st->text + len; line < end;
	    line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;	/* file_read ends the text with a NUL */
		*nl = '\0';
		if (sscanf(line, "%llx %llx %n", &h, &l, &off) == 2 &&
		    line[off])
			push(st, line + off, h, l);
	}
	qsort(st->v, st->n, sizeof(*st->v), cmp_entry);
	return 0;
}

const struct state_entry *
state_find(const struct state *st, const char *rel)
{
	struct state_entry	 key;

	key.rel = (char *)rel;
	if (st->n == 0)
		return NULL;
	return bsearch(&key, st->v, st->n, sizeof(*st->v), cmp_entry);
}

unsigned long long
state_lookup(const struct state *st, const char *rel)
{
	const struct state_entry *e = state_find(st, rel);

	return e ? e->hash : 0;
}

/* Record rel's hashes; lookups see it only after the next load. */
void
state_set(struct state *st, const char *rel, unsigned long long hash,
    unsigned long long links)
{
	push(st, rel, hash, links);
}

/* By path, the newest record of a path first. */
static int
cmp_newest(const void *a, const void *b)
{
	const struct state_entry *x = a, *y = b;
	int	 c = strcmp(x->rel, y->rel);

	if (c != 0)
		return c;
	return x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
}

int
state_save(struct state *st, const char *outdir)
{
	char			 path[4096];
	struct out_file		 out;
	struct galley_diag	*dg = galley_diag_new();
	size_t			 i;
	int			 rc = -1;

	snprintf(path, sizeof(path), "%s/%s", outdir, STATE_FILE);
	if (out_open(&out, path, dg) == 0) {
		qsort(st->v, st->n, sizeof(*st->v), cmp_newest);
		galley_sink_printf(&out.sink, "#galley-state 2 %016llx\n",
		    st->names);
		for (i = 0; i < st->n; i++)
			if (i == 0 || strcmp(st->v[i].rel,
			    st->v[i - 1].rel) != 0)
				galley_sink_printf(&out.sink,
				    "%016llx %016llx %s\n", st->v[i].hash,
				    st->v[i].links, st->v[i].rel);
		rc = out_commit(&out, dg);
	}
	if (rc == -1 && galley_diag_size(dg) > 0) {
		char	 msg[1024];

		galley_msg_format(galley_diag_get(dg, 0), msg, sizeof(msg));
		fprintf(stderr, "%s\n", msg);
	}
	galley_diag_free(dg);
	return rc;
}

void
state_release(struct state *st)
{
	free(st->text);
	st->text = NULL;
	free(st->v);
	st->v = NULL;
	st->n = st->cap = 0;
}
