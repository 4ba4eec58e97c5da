/*
 * galley convert: read every input, run the filter chain, write each
 * requested format beside the others under the output folder.  Inputs
 * convert in parallel (-j); messages and the summary come out in input
 * order, so a run says the same whatever the number of jobs.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "galley/galley.h"
#include "galley/links.h"
#include "galley/tei.h"
#include "cli/convert.h"
#include "cli/inputs.h"
#include "cli/io.h"
#include "cli/report.h"
#include "cli/state.h"
#include "cli/util.h"

#define MAX_WRITERS	8
#define DEFAULT_MAX_SIZE (64UL * 1024 * 1024)
#define WAKE_BATCH	16	/* results the main thread waits for */
#define RING_MIN	256	/* results in flight: at least, and */
#define RING_PER_JOB	64	/* ... this many per job */

/*
 * The outcome of one input, kept until the main thread has printed it.
 * Results live in a ring of run->ring slots: input i in slot i % ring,
 * done holding i + 1 once it is ready, so memory does not grow with the
 * number of inputs.
 */
struct result {
	size_t			 done;
	int			 failed;
	int			 skipped;	/* --update: unchanged */
	struct galley_diag	*dg;
	double			 secs;
	unsigned long long	 hash;		/* content and settings */
	unsigned long long	 links;		/* its id and links' digest */
	int			 unresolved;	/* links it left as text */
	char			*format, *language, *title;
	char			*outputs[MAX_WRITERS];
	size_t			 noutputs;
	struct galley_doc	*doc;		/* kept for --tei-corpus */
	char			*packed;	/* ... galley_doc_pack()'ed */
	size_t			 packedlen;
	int			 binary;	/* found in a folder: skipped */
};

struct run {
	struct input_list	 inputs;	/* to convert (a --shard) */
	struct input_list	 all;		/* every input: pass 1 names
						   them all for links */
	const struct galley_writer *writers[MAX_WRITERS];
	size_t			 nwriters;
	const char		*outdir;
	struct galley_opts	 opts;
	size_t			 max_size;
	double			 max_seconds;	/* per file; 0: none */
	int			 quiet, verbose;
	int			 jobs;
	const char		*report;	/* --report FILE */
	struct out_file		 report_out;	/* ... written as it goes */
	int			 report_ok;	/* ... opened */
	size_t			 reported;	/* entries in it */
	const char		*corpus;	/* --tei-corpus FILE */
	int			 translations;	/* --translations */
	int			 update;	/* --update */
	struct state		 state;		/* --update: last run */
	struct state		 fresh;		/* this run, merged at end */
	unsigned long long	 names;		/* the index's digest, kept
						   for the state at the end */
	unsigned long long	 settings;	/* hash of what shapes output */
	struct result		*results;	/* a ring of them */
	size_t			 ring;		/* its slots */
	size_t			 consumed;	/* inputs printed */
	int			 full;		/* workers sleep on cv_ring */
	size_t			 unchanged;	/* --update: inputs known
						   unchanged, from the first */
	struct galley_tei_corpus *corpus_tei;	/* --tei-corpus */
	struct galley_book	 corpus_book;
	struct galley_diag	*corpus_dg;
	size_t			 next;		/* next input to take */
	int			 indexing;	/* pass 1: build the index */
	struct galley_linkindex	*index;		/* articles of the run */
	struct galley_opts	 index_opts;	/* filters for pass 1 */
	int			 waiting;	/* the main thread sleeps on cv */
	size_t			 wait_i, wait_t; /* ... for these results */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	pthread_cond_t		 cv_ring;	/* a slot freed */
	pthread_barrier_t	 barrier;	/* end of pass 1 */
};

static void
convert_usage(FILE *f)
{
	fputs(
"usage: galley convert [options] INPUT...\n"
"\n"
"Convert articles (files, folders read recursively, or - for standard\n"
"input) into one output per article and format under the output folder;\n"
"input/a/b.txt becomes OUT/a/b.json, OUT/a/b.epub, OUT/a/b.tei.xml.\n"
"\n"
"  -o, --output DIR      output folder, or - for standard output (one\n"
"                        input, one format)            [default: output]\n"
"  -t, --to LIST         formats, comma-separated: json, epub, tei, tree\n"
"                                                      [default: json]\n"
"  -f, --from FORMAT     auto, markdown, text or json  [default: auto]\n"
"  -j, --jobs N          convert N files at once   [default: online CPUs]\n"
"      --encoding NAME   encoding of inputs that are not UTF-8, e.g.\n"
"                        windows-1251, Shift_JIS   [default: detected]\n"
"      --lang TAG        force the language (BCP 47) of every article\n"
"      --link-base URL   make unresolved site links absolute under URL\n"
"      --no-filter NAME  leave a filter out (repeatable; see\n"
"                        galley --list-filters)\n"
"      --smart           typographic quotes, dashes, ellipses\n"
"      --no-wiki-links   leave [[Page]] in Markdown as text\n"
"      --max-size BYTES  largest input accepted    [default: 67108864]\n"
"      --max-depth N     deepest nesting accepted  [default: 1000]\n"
"      --max-seconds S   time allowed per file, checked between reading,\n"
"                        each filter and each output; 0: no limit\n"
"                                                   [default: 60]\n"
"      --report FILE     write a JSON report of the run to FILE\n"
"      --tei-corpus FILE also write one teiCorpus of every article\n"
"                        (streamed: past 16 MB, texts wait in a spool\n"
"                        file beside FILE, deleted as soon as made)\n"
"      --translations    in the teiCorpus, the articles translate one\n"
"                        another (else: front matter translationKey)\n"
"      --update          skip inputs unchanged since the last run into\n"
"                        the same folder (state in OUT/.galley-state)\n"
"      --shard K/N       convert only the K-th of N deterministic parts\n"
"                        of the inputs (1 <= K <= N)\n"
"  -q, --quiet           no progress line and no summary\n"
"  -v, --verbose         notes too: detected formats, filter changes\n"
"  -h, --help            this help\n"
"\n"
"Exit status: 0 all converted, 1 some input failed, 2 usage error,\n"
"70 out of memory.\n", f);
}

/* The length of rel without its extension ("a/b.txt" -> "a/b"). */
static size_t
stem_len(const char *rel)
{
	const char	*slash = strrchr(rel, '/');
	const char	*dot = strrchr(slash ? slash + 1 : rel, '.');

	return dot && dot != (slash ? slash + 1 : rel) ?
	    (size_t)(dot - rel) : strlen(rel);
}

/* OUT/rel with the input's extension replaced by ext (kept, and ext
 * added, when another input has the same name but the extension). */
static char *
output_path(const char *outdir, const struct input *in, const char *ext)
{
	const char	*rel = in->rel;
	size_t		 stem = in->keep_ext ? strlen(rel) : stem_len(rel);
	size_t		 sz = strlen(outdir) + stem + strlen(ext) + 2;
	char		*p = xmalloc_cli(sz);

	snprintf(p, sz, "%s/%.*s%s", outdir, (int)stem, rel, ext);
	return p;
}

/*
 * Write doc with w into out, a temporary file beside its output (or
 * standard output); commit_all() puts every output of an input in
 * place once all are written, so a failed input leaves none.
 */
static int
write_one(struct run *run, const struct galley_doc *doc,
    const struct galley_writer *w, const struct input *in,
    struct out_file *out, const struct galley_opts *opts,
    struct galley_diag *dg)
{
	char	*path;
	int	 rc;

	path = strcmp(run->outdir, "-") == 0 ? xstrdup_cli("-") :
	    output_path(run->outdir, in, w->ext);
	rc = out_open(out, path, dg);
	free(path);
	if (rc == -1)
		return -1;
	if (w->write(doc, &out->sink, opts, dg) == -1 || out->sink.failed) {
		if (out->sink.failed)
			galley_diag_add(dg, GALLEY_ERROR, out->path, 0, 0,
			    "cannot write: %s", strerror(errno));
		out_abort(out);
		return -1;
	}
	return 0;
}

/* Commit the n outputs written, or abort them all if rc is -1. */
static int
commit_all(struct out_file *outs, size_t n, int rc, struct result *r,
    struct galley_diag *dg)
{
	size_t	 k;
	char	*path;

	for (k = 0; k < n && rc == 0; k++)	/* written out, all of them */
		rc = out_finish(&outs[k], dg);
	for (k = 0; k < n; k++) {
		if (rc == -1) {
			out_abort(&outs[k]);
			continue;
		}
		path = xstrdup_cli(outs[k].path);
		if (out_commit(&outs[k], dg) == -1) {
			rc = -1;
			free(path);
		} else if (r->noutputs < MAX_WRITERS)
			r->outputs[r->noutputs++] = path;
		else
			free(path);
	}
	return rc;
}

/*
 * The messages of an input name it, as the user gave it: a JSON input's
 * document keeps the source it was made from (another machine's
 * "input/a.md"), and a message about that says where after its text:
 * "out/a.json: warning: ... [from input/a.md:10:286]".
 */
static struct galley_diag *
name_input(struct galley_diag *dg, const char *path, const char *source,
    int verbose)
{
	const struct galley_msg	*m;
	struct galley_diag	*out;
	size_t			 i, n = galley_diag_size(dg);
	char			 where[64];

	out = galley_diag_new();
	if (!verbose)
		galley_diag_drop(out, GALLEY_NOTE);
	for (i = 0; i < n; i++) {
		m = galley_diag_get(dg, i);
		if (m->file == NULL || strcmp(m->file, source) != 0)
			galley_diag_add(out, m->severity, m->file, m->line,
			    m->col, "%s", m->text);
		else if (m->line == 0)
			galley_diag_add(out, m->severity, path, 0, 0, "%s",
			    m->text);
		else {
			if (m->col > 0)
				snprintf(where, sizeof(where), ":%u:%u",
				    m->line, m->col);
			else
				snprintf(where, sizeof(where), ":%u", m->line);
			galley_diag_add(out, m->severity, path, 0, 0,
			    "%s [from %s%s]", m->text, m->file, where);
		}
	}
	galley_diag_free(dg);
	return out;
}

/* Convert input i; its messages go to r->dg. */
/* Whether every output of input rel is on disk. */
static int
outputs_exist(struct run *run, const struct input *in)
{
	struct stat	 st;
	size_t		 k;
	int		 ok = 1;

	for (k = 0; k < run->nwriters && ok; k++) {
		char	*path = output_path(run->outdir, in,
			    run->writers[k]->ext);

		ok = stat(path, &st) == 0;
		free(path);
	}
	return ok;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup_cli(s) : NULL;
}

/*
 * A slug of its own (not its file name) that an earlier input of the run
 * also claims: links to it go to that one.  Say so.
 */
static void
check_slug(const struct run *run, size_t i, const struct galley_doc *doc,
    struct galley_diag *dg)
{
	const struct galley_meta	*m = galley_doc_meta(doc);
	const char			*base, *other;
	size_t				 order, keeper = (size_t)-1;

	if (m->slug == NULL || m->source == NULL ||
	    galley_linkindex_lookup(run->index, m->slug, &order) == NULL ||
	    order >= run->inputs.v[i].seq)
		return;
	/* its id told apart: said already; one id with the other: they
	 * are translations of one another, whose links go by language */
	galley_linkindex_id(run->index, run->inputs.v[i].seq, &keeper);
	other = galley_linkindex_id(run->index, order, NULL);
	if (keeper != (size_t)-1 || (other != NULL && m->id != NULL &&
	    strcmp(other, m->id) == 0))
		return;
	base = strrchr(m->source, '/');
	base = base != NULL ? base + 1 : m->source;
	if (strlen(m->slug) == stem_len(base) &&
	    strncmp(base, m->slug, stem_len(base)) == 0)
		return;		/* its file name: not a slug it asked for */
	galley_diag_add(dg, GALLEY_WARNING, m->source, 0, 0, "slug \"%s\" "
	    "is also the slug of %s, earlier in this run: links to it go "
	    "there", m->slug, run->all.v[order].path);
}

/*
 * The id the run's index gave the article: another input of the run
 * that comes first has its id (post.md in two folders), so this one's
 * is told apart ("post-2").  Say so.
 */
static void
adopt_id(const struct run *run, const struct input *in,
    struct galley_doc *doc, struct galley_diag *dg)
{
	struct galley_meta	*m = galley_doc_meta(doc);
	const char		*id;
	size_t			 keeper;

	keeper = (size_t)-1;
	id = galley_linkindex_id(run->index, in->seq, &keeper);
	if (id == NULL || m->id == NULL || strcmp(id, m->id) == 0)
		return;
	if (keeper >= run->all.n) {	/* not renamed: read otherwise */
		m->id = galley_doc_strdup(doc, id);	/* as links know it */
		return;
	}
	galley_diag_add(dg, GALLEY_WARNING, m->source, 0, 0, "id \"%s\" is "
	    "also the id of %s, earlier in this run: this article's id is "
	    "\"%s\"", m->id, run->all.v[keeper].path, id);
	m->id = galley_doc_strdup(doc, id);
}

static int	skip_binary(const struct run *, const struct input *,
		    const char *, size_t);

/*
 * --update: whether the run's articles have the names the last run's
 * had (or no index tells: links are not resolved, or no input changed),
 * so an unchanged input's id and links are the same too.
 */
static int
names_same(const struct run *run)
{
	uint64_t	 names = galley_linkindex_names(run->index);

	return names == 0 || names == run->state.names;
}

static uint64_t
mix(uint64_t h, const char *s)
{
	return state_hash(s != NULL ? s : "", s != NULL ? strlen(s) + 1 : 0,
	    h);
}

static enum galley_walk
link_visit(struct galley_node *n, int entering, void *arg)
{
	uint64_t	*h = arg;

	if (entering && (n->type == GALLEY_NODE_LINK ||
	    n->type == GALLEY_NODE_IMAGE)) {
		*h = mix(*h, n->u.link.url);
		*h = mix(*h, n->u.link.target);
		*h = mix(*h, n->u.link.target_lang);
		*h = mix(*h, n->u.link.fragment);
		*h = state_hash(&n->u.link.kind, sizeof(n->u.link.kind), *h);
	}
	return GALLEY_WALK_NEXT;
}

/* A digest of doc's id and of where its links go, once resolved. */
static unsigned long long
links_digest(struct galley_doc *doc)
{
	uint64_t	 h = mix(0, galley_doc_meta(doc)->id);

	galley_walk(galley_doc_root(doc), link_visit, &h);
	return h;
}

static void
convert_one(struct run *run, size_t i, struct result *r)
{
	const struct input	*in = &run->inputs.v[i];
	struct galley_doc	*doc = NULL;
	struct galley_meta	*meta;
	struct galley_opts	 opts;
	const struct state_entry *old;
	char			*data = NULL;
	struct out_file		 outs[MAX_WRITERS];
	size_t			 len, k, nouts = 0;
	double			 t0 = now_seconds();
	int			 unchanged = 0, rc;
	char			*source = NULL;	/* the document's */

	r->dg = galley_diag_new();
	if (!run->verbose)	/* printed only with -v */
		galley_diag_drop(r->dg, GALLEY_NOTE);
	if (i < run->unchanged && names_same(run)) {
		/* --update: hashed before pass 1 */
		old = state_find(&run->state, in->rel);
		r->hash = old->hash;
		r->links = old->links;
		r->skipped = 1;
		r->failed = 0;
		goto out;
	}
	r->failed = 1;
	if (file_read(&data, &len, in->path, run->max_size, r->dg) == -1)
		goto out;
	if (skip_binary(run, in, data, len)) {
		if (run->verbose)
			galley_diag_add(r->dg, GALLEY_NOTE, in->path, 0, 0,
			    "skipped: %s", inputs_is_report(data, len) ?
			    "a galley report (--report)" :
			    inputs_is_binary(data, len) ? "binary file" :
			    galley_markup_kind(data, len)[0] == 'H' ?
			    "an HTML document" : "an XML document");
		r->binary = 1;
		r->failed = 0;
		goto out;
	}
	if (in->keep_ext)
		galley_diag_add(r->dg, GALLEY_WARNING, in->path, 0, 0,
		    "another input has this name but the extension: the "
		    "outputs of this one keep it (%s%s)",
		    in->rel, run->nwriters > 0 ?
		    run->writers[0]->ext : "");
	r->hash = state_hash(data, len, run->settings);
	old = run->update ? state_find(&run->state, in->rel) : NULL;
	if (old != NULL && (old->hash != r->hash || !outputs_exist(run, in)))
		old = NULL;
	if (old != NULL && names_same(run)) {
		/* the same names in the run: its id and links are too */
		r->links = old->links;
		if (run->corpus == NULL) {
			r->skipped = 1;
			r->failed = 0;
			goto out;
		}
		/* the teiCorpus wants every text: read, nothing written */
		unchanged = 1;
	}
	opts = run->opts;
	if (run->max_seconds > 0)
		opts.deadline = t0 + run->max_seconds;
	if (galley_read(&doc, in->path, data, len, &opts, r->dg) == -1)
		goto out;
	meta = galley_doc_meta(doc);
	if (meta->source != NULL && strcmp(meta->source, in->path) != 0)
		source = xstrdup_cli(meta->source);
	r->format = dup_or_null(galley_doc_reader(doc));
	if (galley_filters_run(doc, &opts, r->dg) == -1)
		goto out;
	if (run->index != NULL)
		adopt_id(run, in, doc, r->dg);
	if (run->index != NULL && (r->unresolved =
	    galley_links_resolve_at(doc, run->index, in->seq, &opts,
	    r->dg)) == -1)
		goto out;
	r->links = links_digest(doc);
	if (old != NULL && !unchanged && r->links == old->links) {
		/* other names in the run, but its id and links the same:
		 * unchanged, as the last run said it */
		galley_diag_free(r->dg);
		r->dg = galley_diag_new();
		r->unresolved = 0;
		unchanged = 1;
		if (run->corpus == NULL) {
			r->skipped = 1;
			r->failed = 0;
			goto out;
		}
	}
	if (run->index != NULL)
		check_slug(run, i, doc, r->dg);
	r->language = dup_or_null(meta->language);
	r->title = dup_or_null(meta->title);
	for (k = 0, rc = 0; !unchanged && k < run->nwriters && rc == 0;
	    k++) {
		if (opts.deadline > 0 && now_seconds() > opts.deadline) {
			galley_diag_add(r->dg, GALLEY_ERROR, in->path, 0, 0,
			    "time limit of %g s reached before the %s output "
			    "(--max-seconds)", run->max_seconds,
			    run->writers[k]->name);
			rc = -1;
		} else if ((rc = write_one(run, doc, run->writers[k], in,
		    &outs[k], &opts, r->dg)) == -1)
			continue;	/* it aborted its own */
		else
			nouts = k + 1;
	}
	if (commit_all(outs, nouts, rc, r, r->dg) == -1)
		goto out;
	r->failed = 0;
	r->skipped = unchanged;
	if (run->corpus != NULL &&
	    galley_tei_corpus_spooling(run->corpus_tei)) {
		/* The corpus spools it packed: packed here, in parallel. */
		struct galley_buf	 pb;

		galley_buf_init(&pb);
		galley_doc_pack(doc, &pb);
		r->packed = galley_buf_detach(&pb, &r->packedlen);
	}
	if (run->corpus != NULL) {
		r->doc = doc;
		doc = NULL;
	}
out:
	/* unchanged: its outputs are those of the last run, in place */
	if (r->skipped && r->noutputs == 0 && strcmp(run->outdir, "-") != 0)
		for (k = 0; k < run->nwriters && k < MAX_WRITERS; k++)
			r->outputs[r->noutputs++] = output_path(run->outdir,
			    in, run->writers[k]->ext);
	galley_doc_free(doc);
	free(data);
	if (source != NULL)
		r->dg = name_input(r->dg, in->path, source, run->verbose);
	free(source);
	r->secs = now_seconds() - t0;
}

/*
 * Pass 1: read input i with the filters that settle its ids and add it
 * to the run's link index.  Problems are reported by pass 2.
 */
static void
index_one(struct run *run, size_t i)
{
	const struct input	*in = &run->all.v[i];
	struct galley_diag	*dg = galley_diag_new();
	struct galley_doc	*doc = NULL;
	char			*data = NULL;
	size_t			 len;

	galley_diag_drop(dg, GALLEY_WARNING);	/* pass 2 says them */
	if (file_read(&data, &len, in->path, run->max_size, dg) == 0 &&
	    !skip_binary(run, in, data, len) &&
	    galley_read(&doc, in->path, data, len, &run->index_opts,
	    dg) == 0 &&
	    galley_filters_run(doc, &run->index_opts, dg) == 0) {
		pthread_mutex_lock(&run->mu);
		galley_linkindex_add_file(run->index, doc, i, in->rel);
		pthread_mutex_unlock(&run->mu);
	}
	galley_doc_free(doc);
	free(data);
	galley_diag_free(dg);
}

/*
 * A worker takes inputs one at a time: in pass 1 (when the run links
 * articles) into the index, then, after every worker finished pass 1,
 * through the whole conversion.  The same threads serve both passes,
 * so per-thread set-up (ICU) happens once.
 */
static unsigned long filter_bit(const char *);

/*
 * Input i goes into slot i % ring, free once the main thread has
 * printed input i - ring.  That is rare to wait for: the main thread
 * only prints.  The same store-then-load order as wait_results.
 */
static void
wait_slot(struct run *run, size_t i)
{
	if (i < __atomic_load_n(&run->consumed, __ATOMIC_SEQ_CST) + run->ring)
		return;
	pthread_mutex_lock(&run->mu);
	__atomic_add_fetch(&run->full, 1, __ATOMIC_SEQ_CST);
	while (i >= __atomic_load_n(&run->consumed, __ATOMIC_SEQ_CST) +
	    run->ring)
		pthread_cond_wait(&run->cv_ring, &run->mu);
	__atomic_sub_fetch(&run->full, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&run->mu);
}

/* The main thread is done with input i: its slot is free. */
static void
free_slot(struct run *run, size_t i)
{
	__atomic_store_n(&run->consumed, i + 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&run->full, __ATOMIC_SEQ_CST)) {
		pthread_mutex_lock(&run->mu);
		pthread_cond_broadcast(&run->cv_ring);
		pthread_mutex_unlock(&run->mu);
	}
}

static void *
worker(void *arg)
{
	struct run	*run = arg;
	size_t		 i;

	while (run->indexing) {
		i = __atomic_fetch_add(&run->next, 1, __ATOMIC_RELAXED);
		if (i < run->all.n) {
			index_one(run, i);
			continue;
		}
		if (pthread_barrier_wait(&run->barrier) ==
		    PTHREAD_BARRIER_SERIAL_THREAD) {
			galley_linkindex_seal(run->index);
			run->next = 0;
			run->indexing = 0;
			run->opts.no_filters |= filter_bit("links");
		}
		pthread_barrier_wait(&run->barrier);
	}
	for (;;) {
		struct result	*r;

		i = __atomic_fetch_add(&run->next, 1, __ATOMIC_RELAXED);
		if (i >= run->inputs.n)
			return NULL;
		wait_slot(run, i);
		r = &run->results[i % run->ring];
		memset(r, 0, sizeof(*r));
		convert_one(run, i, r);
		/* Wake the main thread only for a result it sleeps on: a
		 * store and a load in one total order on each side, so no
		 * wake-up is lost (see wait_results). */
		__atomic_store_n(&r->done, i + 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&run->waiting, __ATOMIC_SEQ_CST) &&
		    (i == __atomic_load_n(&run->wait_i, __ATOMIC_RELAXED) ||
		    i == __atomic_load_n(&run->wait_t, __ATOMIC_RELAXED))) {
			pthread_mutex_lock(&run->mu);
			pthread_cond_broadcast(&run->cv);
			pthread_mutex_unlock(&run->mu);
		}
	}
}

static int
is_done(struct run *run, size_t i)
{
	return __atomic_load_n(&run->results[i % run->ring].done,
	    __ATOMIC_SEQ_CST) == i + 1;
}

/*
 * The main thread prints results in input order.  When result i is not
 * ready it sleeps until i and i + WAKE_BATCH (or the last) are, so the
 * workers wake it once a batch, not once a file.
 */
static void
wait_results(struct run *run, size_t i)
{
	size_t	 t = i + WAKE_BATCH < run->inputs.n ? i + WAKE_BATCH :
		    run->inputs.n - 1;

	if (is_done(run, i))
		return;
	pthread_mutex_lock(&run->mu);
	__atomic_store_n(&run->wait_i, i, __ATOMIC_RELAXED);
	__atomic_store_n(&run->wait_t, t, __ATOMIC_RELAXED);
	__atomic_store_n(&run->waiting, 1, __ATOMIC_SEQ_CST);
	while (!is_done(run, i) || !is_done(run, t))
		pthread_cond_wait(&run->cv, &run->mu);
	__atomic_store_n(&run->waiting, 0, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&run->mu);
}

/* Print a document's messages in one write, erasing the progress line
 * first if *drawn; the number of warnings. */
static size_t
print_diag(const struct galley_diag *dg, int verbose, int *drawn)
{
	struct galley_buf	 b;
	char			 line[4096];
	size_t			 i, warnings = 0;

	galley_buf_init(&b);
	for (i = 0; i < galley_diag_size(dg); i++) {
		const struct galley_msg *m = galley_diag_get(dg, i);

		if (m->severity == GALLEY_WARNING)
			warnings++;
		if (m->severity == GALLEY_NOTE && !verbose)
			continue;
		if (*drawn) {
			galley_buf_puts(&b, "\r\033[K");
			*drawn = 0;
		}
		galley_msg_format(m, line, sizeof(line));
		galley_buf_puts(&b, line);
		galley_buf_putc(&b, '\n');
	}
	if (b.len > 0)
		fwrite(b.data, 1, b.len, stderr);
	galley_buf_release(&b);
	return warnings;
}

static void
progress(size_t done, size_t total, size_t failed, double t0)
{
	double	 el = now_seconds() - t0, rate = el > 0 ? done / el : 0;
	double	 eta = rate > 0 ? (total - done) / rate : 0;

	fprintf(stderr, "\r\033[K%zu/%zu  %.0f/s  ETA %.0fs  %zu failed",
	    done, total, rate, eta, failed);
}

static int
cmp_stem(const void *a, const void *b)
{
	const struct input *const *x = a, *const *y = b;
	size_t	 nx = stem_len((*x)->rel), ny = stem_len((*y)->rel);
	int	 c = strncmp((*x)->rel, (*y)->rel, nx < ny ? nx : ny);

	if (c != 0)
		return c;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return *x < *y ? -1 : *x > *y;	/* input order */
}

/*
 * A file found in a folder that holds NULs is skipped as binary, and
 * one that is an HTML or XML document as such (galley's own TEI output,
 * a saved web page), with a note (-v), unless its name says text: then
 * it is an article that cannot be read, and that is an error.  Unless
 * -f names a reader: then markup is read as that.
 */
static int
skip_binary(const struct run *run, const struct input *in, const char *data,
    size_t len)
{
	int	 forced = run->opts.format != NULL &&
	    strcmp(run->opts.format, "auto") != 0;
	static const char *const text[] = { "md", "markdown", "mdown",
	    "mkd", "txt", "text", "json", NULL };
	const char	*dot = in->rel + stem_len(in->rel);

	if (in->found && !forced && inputs_is_report(data, len))
		return 1;	/* another run's report in the folder */
	return in->found && !(*dot == '.' && ext_in(dot + 1, text)) &&
	    (inputs_is_binary(data, len) || (galley_markup_kind(data, len) !=
	    NULL && !forced));
}

/* Files beside articles that are never articles: they take no part. */
static int
is_asset(const struct input *in)
{
	static const char *const ext[] = { "png", "jpg", "jpeg", "gif",
	    "webp", "svg", "bmp", "tif", "tiff", "ico", "avif", "pdf", "zip",
	    "gz", "epub", "css", "js", "mp3", "mp4", "woff", "woff2", "ttf",
	    "otf", NULL };
	const char	*dot = in->rel + stem_len(in->rel);

	return in->found && *dot == '.' && ext_in(dot + 1, ext);
}

/*
 * Inputs whose names differ only in the extension ("a.md", "a.txt")
 * would write the same outputs: the first keeps "a.json", the others
 * keep their extension ("a.txt.json"), and are told.  Decided on the
 * whole list, before --shard, so every shard agrees.
 */
static void
mark_same_stems(struct input_list *l)
{
	struct input	**v = xmalloc_cli((l->n + 1) * sizeof(*v));
	size_t		 i, n = 0;

	for (i = 0; i < l->n; i++)
		if (!is_asset(&l->v[i]) && strcmp(l->v[i].rel, "-") != 0)
			v[n++] = &l->v[i];
	qsort(v, n, sizeof(*v), cmp_stem);
	for (i = 1; i < n; i++)
		if (stem_len(v[i]->rel) == stem_len(v[i - 1]->rel) &&
		    strncmp(v[i]->rel, v[i - 1]->rel,
		    stem_len(v[i]->rel)) == 0)
			v[i]->keep_ext = 1;
	free(v);
}

/* Keep the inputs of shard k (0-based) of n, by a hash of their path. */
static void
shard(struct input_list *part, const struct input_list *all,
    unsigned long k, unsigned long n)
{
	size_t	 i;

	part->v = xmalloc_cli((all->n + 1) * sizeof(*part->v));
	part->n = 0;
	part->cap = all->n + 1;
	for (i = 0; i < all->n; i++) {
		unsigned long long h = state_hash(all->v[i].rel,
		    strlen(all->v[i].rel), 0);

		if (h % n == k)
			part->v[part->n++] = all->v[i];	/* strings shared */
	}
}

/* A hash of everything besides the input that shapes the outputs. */
static unsigned long long
settings_hash(const struct run *run, const char *to)
{
	struct galley_buf	 b;
	unsigned long long	 h;

	galley_buf_init(&b);
	galley_buf_printf(&b, "%s|%s|%s|%s|%s|%lx|%d|%d|%lld|%d|%zu",
	    GALLEY_VERSION, to, run->opts.format ? run->opts.format : "",
	    run->opts.lang ? run->opts.lang : "",
	    run->opts.link_base ? run->opts.link_base : "",
	    run->opts.no_filters, run->opts.smart, run->opts.no_wikilinks,
	    run->opts.source_date,
	    run->opts.max_depth, run->max_size);
	h = state_hash(b.data, b.len, 0);
	galley_buf_release(&b);
	return h;
}

static void
result_release(struct result *r)
{
	size_t	 k;

	galley_diag_free(r->dg);
	r->dg = NULL;
	free(r->format);
	free(r->language);
	free(r->title);
	for (k = 0; k < r->noutputs; k++)
		free(r->outputs[k]);
	galley_doc_free(r->doc);
	free(r->packed);
	r->doc = NULL;
	r->packed = NULL;
	r->format = r->language = r->title = NULL;
	r->noutputs = 0;
}

/* Report input i; what gathered goes out now and then, so the report
 * never sits whole in memory. */
static void
add_report(struct galley_buf *b, struct run *run, size_t i,
    const struct result *r)
{
	struct report_entry	 e;

	e.input = run->inputs.v[i].path;
	e.status = r->failed ? "failed" : r->skipped ? "unchanged" :
	    "converted";
	e.format = r->format;
	e.language = r->language;
	e.title = r->title;
	e.outputs = (char **)r->outputs;
	e.noutputs = r->noutputs;
	e.dg = r->dg;
	e.secs = r->secs;
	report_add(b, &e, run->reported++ == 0);
	if (b->len >= 64 * 1024 && run->report_ok) {
		galley_sink_put(&run->report_out.sink, b->data, b->len);
		b->len = 0;
	}
}

static int
write_report(struct galley_buf *b, struct run *run, size_t converted,
    size_t failed, size_t skipped, double secs)
{
	struct galley_diag	*dg = galley_diag_new();
	int			 rc = -1;

	report_end(b, converted, failed, skipped, secs);
	if (run->report_ok) {
		galley_sink_put(&run->report_out.sink, b->data, b->len);
		rc = out_commit(&run->report_out, dg);
		run->report_ok = 0;
	}
	print_diag(dg, 1, &(int){ 0 });
	galley_diag_free(dg);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * --update: inputs an earlier run into this folder converted that this
 * run does not have (deleted, moved, or another folder converted into
 * it).  Their outputs stay where they are, which a book made from the
 * folder's JSON would take in: say so, naming the first few.
 */
static void
say_gone(const struct run *run)
{
	const char	**rels, *key;
	size_t		 i, gone = 0;

	if (run->state.n == 0)
		return;
	rels = xmalloc_cli((run->inputs.n + 1) * sizeof(*rels));
	for (i = 0; i < run->inputs.n; i++)
		rels[i] = run->inputs.v[i].rel;
	qsort(rels, run->inputs.n, sizeof(*rels), cmp_str);
	for (i = 0; i < run->state.n; i++) {
		key = run->state.v[i].rel;
		if (bsearch(&key, rels, run->inputs.n, sizeof(*rels),
		    cmp_str) != NULL)
			continue;
		if (gone++ < 3)
			fprintf(stderr, "galley: note: %s, converted into %s by "
			    "an earlier run, is no input now: its outputs "
			    "stay\n", key, run->outdir);
	}
	if (gone > 3)
		fprintf(stderr, "galley: note: %zu inputs of earlier runs in "
		    "all are not inputs now; their outputs stay in %s\n",
		    gone, run->outdir);
	free(rels);
}

/* --tei-corpus: every converted article in one teiCorpus. */
static int
write_corpus(struct run *run, size_t *warnings)
{
	struct galley_diag	*dg = run->corpus_dg;
	struct out_file		 out;
	int			 rc = -1;

	if (out_open(&out, run->corpus, dg) == 0) {
		if (galley_tei_corpus_finish(run->corpus_tei, &out.sink) == 0)
			rc = out_commit(&out, dg);
		else
			out_abort(&out);
	}
	*warnings += print_diag(dg, run->verbose, &(int){ 0 });
	return rc;
}

static unsigned long
filter_bit(const char *name)
{
	int	 i = galley_filter_find(name);

	return i >= 0 ? 1UL << i : 0;
}

static void
start_workers(struct run *run, pthread_t *threads, int n)
{
	int	 c;

	for (c = 0; c < n; c++)
		if (pthread_create(&threads[c], NULL, worker, run) != 0) {
			fputs("galley: cannot start a thread\n", stderr);
			exit(70);
		}
}

/*
 * Whether the run needs pass 1: some input (one alone may link to
 * itself) and the links filter on.  With --update, only when some
 * input changed: an unchanged folder is not read twice.
 */
static int
needs_index(struct run *run)
{
	size_t	 i;

	if (run->inputs.n == 0 || (run->opts.no_filters & filter_bit("links")))
		return 0;
	if (!run->update || run->corpus != NULL)	/* it reads all */
		return 1;
	for (i = 0; i < run->inputs.n; i++) {
		char	*data;
		size_t	 len;
		int	 same;

		if (file_read(&data, &len, run->inputs.v[i].path,
		    run->max_size, NULL) == -1)
			return 1;
		same = state_lookup(&run->state, run->inputs.v[i].rel) ==
		    state_hash(data, len, run->settings) &&
		    outputs_exist(run, &run->inputs.v[i]);
		free(data);
		if (!same)
			return 1;
		run->unchanged = i + 1;		/* not read again */
	}
	/* inputs of the last run that are gone: links to them may go */
	return run->state.n > run->inputs.n;
}

static int
parse_writers(struct run *run, const char *list)
{
	char	*copy = xstrdup_cli(list), *tok, *save = NULL;
	size_t	 k;
	int	 rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		const struct galley_writer *w = galley_writer_find(tok);

		if (w == NULL) {
			fprintf(stderr, "galley: unknown output format '%s' "
			    "(see galley --list-formats)\n", tok);
			rc = -1;
			break;
		}
		for (k = 0; k < run->nwriters && run->writers[k] != w; k++)
			;
		if (k < run->nwriters)
			continue;	/* named twice: written once */
		if (run->nwriters == MAX_WRITERS)
			break;
		run->writers[run->nwriters++] = w;
	}
	free(copy);
	if (rc == 0 && run->nwriters == 0) {
		fprintf(stderr, "galley: -t names no output format (see "
		    "galley --list-formats)\n");
		rc = -1;
	}
	return rc;
}

enum {
	OPT_LANG = 256, OPT_LINK_BASE, OPT_NO_FILTER, OPT_SMART, OPT_NO_WIKI,
	OPT_MAX_SIZE, OPT_MAX_DEPTH, OPT_REPORT, OPT_UPDATE, OPT_SHARD,
	OPT_TEI_CORPUS, OPT_TRANSLATIONS, OPT_MAX_SECONDS, OPT_ENCODING
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "to", required_argument, NULL, 't' },
	{ "from", required_argument, NULL, 'f' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "link-base", required_argument, NULL, OPT_LINK_BASE },
	{ "no-filter", required_argument, NULL, OPT_NO_FILTER },
	{ "smart", no_argument, NULL, OPT_SMART },
	{ "no-wiki-links", no_argument, NULL, OPT_NO_WIKI },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "max-seconds", required_argument, NULL, OPT_MAX_SECONDS },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "tei-corpus", required_argument, NULL, OPT_TEI_CORPUS },
	{ "translations", no_argument, NULL, OPT_TRANSLATIONS },
	{ "update", no_argument, NULL, OPT_UPDATE },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ NULL, 0, NULL, 0 }
};

/*
 * The state of this run into OUT/.galley-state, merged with the file as
 * it is now: runs into one folder at the same time (the shards of a
 * job array) each add theirs, one after the other under a lock on the
 * folder.  The entries of inputs not in this run stay (a run of one
 * file into the folder's outputs does not make the next run redo the
 * rest); those of inputs gone make the next runs read every name (pass
 * 1), which the names digest then finds unchanged.
 */
static int
save_state(struct run *run)
{
	struct state	 now;
	size_t		 i;
	int		 dfd, rc;

	dfd = open(run->outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd != -1)
		while (flock(dfd, LOCK_EX) == -1 && errno == EINTR)
			;
	memset(&now, 0, sizeof(now));
	state_load(&now, run->outdir);
	for (i = 0; i < run->fresh.n; i++)
		state_set(&now, run->fresh.v[i].rel, run->fresh.v[i].hash,
		    run->fresh.v[i].links);
	if (run->names != 0)
		now.names = run->names;
	rc = state_save(&now, run->outdir);
	state_release(&now);
	if (dfd != -1)
		close(dfd);	/* and the lock */
	return rc;
}

int
cmd_convert(int argc, char **argv)
{
	struct run		 run;
	struct galley_diag	*dg;
	pthread_t		*threads = NULL;
	const char		*to = "json", *sde;
	long long		 v;
	size_t			 i, converted = 0, failed = 0, warnings = 0;
	size_t			 unresolved = 0;
	double			 t0;
	int			 c, rc = 2, tty, nthreads;
	long			 shard_k = 1, shard_n = 1;
	char			 junk;
	size_t			 skipped = 0;
	struct galley_buf	 report;

	memset(&run, 0, sizeof(run));
	galley_opts_init(&run.opts);
	run.outdir = "output";
	run.max_size = DEFAULT_MAX_SIZE;
	run.max_seconds = 60;
	run.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (run.jobs < 1)
		run.jobs = 1;
	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL &&
	    parse_count(sde, 0, 253402300799LL, &v) == 0)
		run.opts.source_date = v;
	argv[0] = (char *)"galley convert";	/* getopt's messages */
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:t:f:j:qvh", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'o':
			run.outdir = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "auto") != 0 &&
			    galley_reader_find(optarg) == NULL) {
				fprintf(stderr, "galley: unknown input format "
				    "'%s' (see galley --list-formats)\n",
				    optarg);
				return 2;
			}
			run.opts.format = optarg;
			break;
		case 'j':
			if (parse_count(optarg, 1, 1024, &v) == -1) {
				fprintf(stderr, "galley: -j wants a number "
				    "from 1 to 1024\n");
				return 2;
			}
			run.jobs = (int)v;
			break;
		case 'q':
			run.quiet = 1;
			break;
		case 'v':
			run.verbose = run.opts.verbose = 1;
			break;
		case 'h':
			convert_usage(stdout);
			return 0;
		case OPT_LANG: {
			char	 tag[160];

			if (check_lang("--lang", optarg, tag, sizeof(tag)) == -1)
				return 2;
			run.opts.lang = optarg;
			break;
		}
		case OPT_ENCODING:
			if (check_encoding(optarg) == -1)
				return 2;
			run.opts.encoding = optarg;
			break;

		case OPT_LINK_BASE:
			if (check_link_base(optarg) == -1)
				return 2;
			run.opts.link_base = optarg;
			break;
		case OPT_NO_FILTER:
			if ((c = galley_filter_find(optarg)) == -1) {
				fprintf(stderr, "galley: unknown filter '%s' "
				    "(see galley --list-filters)\n", optarg);
				return 2;
			}
			run.opts.no_filters |= 1UL << c;
			break;
		case OPT_SMART:
			run.opts.smart = 1;
			break;
		case OPT_NO_WIKI:
			run.opts.no_wikilinks = 1;
			break;
		case OPT_MAX_SIZE:
			if (parse_count(optarg, 1, (long long)1 << 40, &v)) {
				fprintf(stderr, "galley: --max-size wants a "
				    "number of bytes from 1 to 2^40\n");
				return 2;
			}
			run.max_size = (size_t)v;
			break;
		case OPT_MAX_DEPTH:
			if (parse_count(optarg, 1, 100000, &v) == -1) {
				fprintf(stderr, "galley: --max-depth wants a "
				    "number from 1 to 100000\n");
				return 2;
			}
			run.opts.max_depth = (int)v;
			break;
		case OPT_MAX_SECONDS: {
			char	*end;
			double	 sec = strtod(optarg, &end);

			if (end == optarg || *end != '\0' || !(sec >= 0) ||
			    sec > 86400) {
				fprintf(stderr, "galley: --max-seconds wants a "
				    "number of seconds from 0 to 86400\n");
				return 2;
			}
			run.max_seconds = sec;
			break;
		}
		case OPT_REPORT:
			if (*optarg == '\0') {
				fputs("galley: --report wants a file name\n",
				    stderr);
				return 2;
			}
			run.report = optarg;
			break;
		case OPT_UPDATE:
			run.update = 1;
			break;
		case OPT_TEI_CORPUS:
			if (*optarg == '\0') {
				fputs("galley: --tei-corpus wants a file name\n",
				    stderr);
				return 2;
			}
			run.corpus = optarg;
			break;
		case OPT_TRANSLATIONS:
			run.translations = 1;
			break;
		case OPT_SHARD:
			if (sscanf(optarg, "%ld/%ld%c", &shard_k, &shard_n,
			    &junk) != 2 || shard_n < 1 || shard_k < 1 ||
			    shard_k > shard_n) {
				fprintf(stderr, "galley: --shard wants K/N with "
				    "1 <= K <= N, e.g. 2/4\n");
				return 2;
			}
			break;
		default:
			fputs("See 'galley convert --help'.\n", stderr);
			return 2;
		}
	}
	if (check_outdir(run.outdir) == -1)
		return 2;
	if (run.translations && run.corpus == NULL) {
		fputs("galley: --translations is about the teiCorpus: give "
		    "--tei-corpus FILE too\n", stderr);
		return 2;
	}
	if (run.update && strcmp(run.outdir, "-") == 0) {
		fputs("galley: --update compares with the outputs in a "
		    "folder: not with -o -\n", stderr);
		return 2;
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		fprintf(stderr, "galley: convert: no input (try 'galley "
		    "convert input')\n");
		return 2;
	}
	if (parse_writers(&run, to) == -1)
		return 2;
	dg = galley_diag_new();
	{
		const char *const outputs[] = { run.outdir, run.report,
		    run.corpus };

		c = inputs_collect(&run.all, argv, argc, run.verbose,
		    outputs, 3, dg);
	}
	failed += (size_t)c;
	inputs_unique_rels(&run.all, dg);
	warnings += print_diag(dg, run.verbose, &(int){ 0 });
	galley_diag_free(dg);
	mark_same_stems(&run.all);
	for (i = 0; i < run.all.n; i++)
		run.all.v[i].seq = i;
	if (shard_n > 1)
		shard(&run.inputs, &run.all, (unsigned long)shard_k - 1,
		    (unsigned long)shard_n);
	else
		run.inputs = run.all;	/* the same array */
	run.settings = settings_hash(&run, to);
	if (strcmp(run.outdir, "-") != 0)
		state_load(&run.state, run.outdir);
	galley_buf_init(&report);
	if (run.report) {
		struct galley_diag	*dg = galley_diag_new();

		report_begin(&report);
		/* opened now: a folder it cannot be written in is said
		 * before the run, not after it */
		run.report_ok = out_open(&run.report_out, run.report, dg) == 0;
		print_diag(dg, 1, &(int){ 0 });
		galley_diag_free(dg);
	}
	if (strcmp(run.outdir, "-") == 0 &&
	    (run.inputs.n != 1 || run.nwriters != 1)) {
		fprintf(stderr, "galley: -o - writes one input in one "
		    "format to standard output\n");
		if (run.inputs.v != run.all.v)
			free(run.inputs.v);
		inputs_release(&run.all);
		return 2;
	}

	run.ring = (size_t)run.jobs * RING_PER_JOB;
	if (run.ring < RING_MIN)
		run.ring = RING_MIN;
	run.results = xmalloc_cli(run.ring * sizeof(*run.results));
	memset(run.results, 0, run.ring * sizeof(*run.results));
	pthread_mutex_init(&run.mu, NULL);
	pthread_cond_init(&run.cv, NULL);
	pthread_cond_init(&run.cv_ring, NULL);
	nthreads = run.jobs < (int)run.inputs.n ? run.jobs :
	    (int)run.inputs.n;
	threads = xmalloc_cli((size_t)(nthreads + 1) * sizeof(*threads));
	t0 = now_seconds();
	if (needs_index(&run)) {
		/* Pass 1 needs only what names an article: its metadata. */
		run.index = galley_linkindex_new();
		run.index_opts = run.opts;
		run.index_opts.no_filters = ~0UL & ~filter_bit("meta");
		run.index_opts.smart = 0;
		run.index_opts.meta_only = 1;
		run.indexing = 1;
	}
	/* A run without pass 1 still resolves (and counts) its links. */
	if (run.index == NULL && !(run.opts.no_filters & filter_bit("links"))) {
		run.index = galley_linkindex_new();
		run.opts.no_filters |= filter_bit("links");
	}
	if (run.corpus != NULL) {
		char	*dir = spool_dir(run.corpus);

		run.corpus_book.translations = run.translations;
		run.corpus_dg = galley_diag_new();
		run.corpus_tei = galley_tei_corpus_new(dir, &run.corpus_book,
		    &run.opts, run.corpus_dg);
		free(dir);
	}
	pthread_barrier_init(&run.barrier, NULL, nthreads > 0 ? (unsigned)nthreads : 1);
	start_workers(&run, threads, nthreads);
	tty = !run.quiet && isatty(STDERR_FILENO);
	{
		double	 last_draw = 0;
		int	 drawn = 0;	/* the progress line is on screen */

		for (i = 0; i < run.inputs.n; i++) {
			struct result	*r = &run.results[i % run.ring];

			wait_results(&run, i);
			warnings += print_diag(r->dg, run.verbose, &drawn);
			if (!r->skipped && r->unresolved > 0)
				unresolved += (size_t)r->unresolved;
			if (r->doc != NULL) {
				galley_tei_corpus_add(run.corpus_tei, r->doc,
				    r->packed, r->packedlen);
				r->doc = NULL;
			}
			if (r->binary) {
				result_release(r);
				free_slot(&run, i);
				continue;
			}
			if (r->failed)
				failed++;
			else if (r->skipped)
				skipped++;
			else
				converted++;
			if (!r->failed && strcmp(run.outdir, "-") != 0)
				state_set(&run.fresh, run.inputs.v[i].rel,
				    r->hash, r->links);
			if (run.report)
				add_report(&report, &run, i, r);
			result_release(r);
			free_slot(&run, i);
			if (tty && (now_seconds() - last_draw >= 0.1 ||
			    i + 1 == run.inputs.n)) {
				progress(i + 1, run.inputs.n, failed, t0);
				last_draw = now_seconds();
				drawn = 1;
			}
		}
		if (drawn)
			fputs("\r\033[K", stderr);
	}
	for (c = 0; c < nthreads; c++)
		pthread_join(threads[c], NULL);
	rc = failed ? 1 : 0;
	/* the corpus before the summary, which counts its warnings */
	if (run.corpus != NULL && write_corpus(&run, &warnings) == -1)
		rc = 1;
	/* the run's own notes before the summary, which ends it */
	if (run.update && shard_n == 1 && !run.quiet)
		say_gone(&run);
	if (!run.quiet) {
		double	 el = now_seconds() - t0;

		fprintf(stderr, "%zu converted, %zu failed, %zu warnings in "
		    "%.2f s (%.0f articles/s)", converted, failed, warnings,
		    el, el > 0 ? converted / el : 0.0);
		if (skipped > 0)
			fprintf(stderr, "; %zu unchanged", skipped);
		if (unresolved > 0)
			fprintf(stderr, "; %zu unresolved links", unresolved);
		fputc('\n', stderr);
	}
	/* what the state needs of the index and the last run's state,
	 * then both go before it is merged and written: the run's peak
	 * of memory would be here, not while converting */
	run.names = galley_linkindex_names(run.index);
	galley_linkindex_free(run.index);
	run.index = NULL;
	state_release(&run.state);
	if (strcmp(run.outdir, "-") != 0 && converted + skipped > 0 &&
	    save_state(&run) == -1) {
		fprintf(stderr, "galley: %s: cannot write the run's state "
		    "(--update will convert everything again)\n", run.outdir);
		rc = 1;
	}
	state_release(&run.fresh);
	if (run.report && write_report(&report, &run, converted, failed,
	    skipped, now_seconds() - t0) == -1)
		rc = 1;
	galley_buf_release(&report);
	state_release(&run.state);
	galley_linkindex_free(run.index);
	free(threads);
	free(run.results);
	galley_tei_corpus_free(run.corpus_tei);
	galley_diag_free(run.corpus_dg);
	pthread_mutex_destroy(&run.mu);
	pthread_barrier_destroy(&run.barrier);
	pthread_cond_destroy(&run.cv);
	pthread_cond_destroy(&run.cv_ring);
	if (run.inputs.v != run.all.v)
		free(run.inputs.v);	/* its strings are all's */
	inputs_release(&run.all);
	return rc;
}
