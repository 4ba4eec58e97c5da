/*
 * galley book: one EPUB from many articles, a chapter each.  A first
 * pass reads every article for what the navigation and the order
 * need, then frees it; the second reads each again, writes its
 * chapter and frees it, so memory stays bounded by one article.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "galley/galley.h"
#include "galley/book.h"
#include "galley/links.h"
#include "galley/tei.h"
#include "cli/book.h"
#include "cli/inputs.h"
#include "cli/io.h"
#include "cli/state.h"
#include "cli/util.h"
#include "readers/frontmatter.h"
#include "writers/epub/epub.h"

#define BOOK_MAX_SIZE	(64UL * 1024 * 1024)

/* What the first pass keeps of an article. */
struct article {
	char		*path;		/* as opened */
	char		*rel;		/* for sorting */
	char		*id, *title, *lang;
	double		 order;
	int		 has_order;
	size_t		 seq;		/* input order */
	size_t		 pre;		/* chapter in the first-pass epub */
};

struct book_run {
	struct galley_opts	 opts;		/* links resolved apart */
	struct galley_diag	*dg;
	struct galley_linkindex	*index;
	const struct input_list	*inputs;	/* for messages */
	const char		*yaml;		/* the book.yaml read, or
						   NULL */
	size_t			 max_size;
	int			 quiet, verbose;
	size_t			 warnings, errors;
};

static void
book_usage(FILE *f)
{
	fputs(
"usage: galley book [options] INPUT...\n"
"\n"
"Make one EPUB 3 book of articles, one chapter per article: files named\n"
"(whatever their name), or folders read recursively, where *.md,\n"
"*.markdown, *.txt, *.text, *.json and names without an extension are\n"
"the articles and the rest (images, stylesheets) may be used by them.\n"
"Chapters follow the front matter's 'order' (or 'weight'), then the path;\n"
"or the 'chapters' list of a book.yaml in the first folder named.  book.yaml\n"
"may also give title, subtitle, authors, language, publisher, rights,\n"
"date, description, identifier, cover and stylesheet; options win.\n"
"\n"
"  -o, --output FILE     the EPUB to write        [default: book.epub]\n"
"      --title TEXT      book title   [default: book.yaml, else the\n"
"                        folder's name, else the first chapter's title]\n"
"      --author NAME     an author (repeatable)  [default: book.yaml,\n"
"                        else the authors of the articles]\n"
"      --language TAG    main language, BCP 47  [default: book.yaml,\n"
"                        else the most frequent language of chapters]\n"
"      --cover FILE      cover image: PNG, JPEG, GIF, SVG, WebP [default: none]\n"
"      --css FILE        stylesheet replacing galley's own\n"
"      --identifier ID   dc:identifier   [default: a urn:uuid: derived\n"
"                        from the title and the chapters' paths]\n"
"  -f, --from FORMAT     auto, markdown, text or json  [default: auto]\n"
"      --encoding NAME   encoding of inputs that are not UTF-8, e.g.\n"
"                        windows-1251, Shift_JIS   [default: detected]\n"
"      --lang TAG        force the language (BCP 47) of every article\n"
"      --link-base URL   make unresolved site links absolute under URL\n"
"      --no-filter NAME  leave a filter out (repeatable)\n"
"      --smart           typographic quotes, dashes, ellipses\n"
"      --no-wiki-links   leave [[Page]] in Markdown as text\n"
"      --max-size BYTES  largest input accepted    [default: 67108864]\n"
"  -q, --quiet           no summary\n"
"  -v, --verbose         notes too\n"
"      --tei FILE        also write the articles as one teiCorpus\n"
"                        (streamed as convert --tei-corpus streams it)\n"
"      --update          rebuild only when an article, an image it shows,\n"
"                        book.yaml, the cover, the stylesheet or an option\n"
"                        changed, or the --tei file is gone (state in\n"
"                        .BOOK.epub.galley-state beside the book)\n"
"  -h, --help            this help\n"
"\n"
"SOURCE_DATE_EPOCH, else the newest article date, gives dcterms:modified\n"
"and the zip time stamps: the same inputs make byte-identical books.\n"
"Exit status: 0 book written, 1 some article failed (the book has the\n"
"others) or no book, 2 usage error, 70 out of memory.\n", f);
}

static void
flush_diag(struct book_run *run)
{
	char	 line[4096];
	size_t	 i;

	for (i = 0; i < galley_diag_size(run->dg); i++) {
		const struct galley_msg *m = galley_diag_get(run->dg, i);

		if (m->severity == GALLEY_WARNING)
			run->warnings++;
		if (m->severity == GALLEY_ERROR)
			run->errors++;
		if (m->severity == GALLEY_NOTE && !run->verbose)
			continue;
		galley_msg_format(m, line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
	galley_diag_clear(run->dg);
}

/*
 * Read, parse and filter one article (input order); in the second pass
 * (resolve) it takes the id the index of the first gave it (another
 * article before it has its id: "post-2") and its links are resolved
 * against that index.  NULL on failure (in dg).
 */
static struct galley_doc *
load(struct book_run *run, const char *path, size_t order, int resolve)
{
	struct galley_doc	*doc = NULL;
	struct galley_meta	*m;
	const char		*id;
	char			*data = NULL;
	size_t			 len, keeper;

	if (file_read(&data, &len, path, run->max_size, run->dg) == -1)
		goto fail;
	if (galley_read(&doc, path, data, len, &run->opts, run->dg) == -1)
		goto fail;
	if (galley_filters_run(doc, &run->opts, run->dg) == -1)
		goto fail;
	m = galley_doc_meta(doc);
	keeper = (size_t)-1;
	id = resolve ? galley_linkindex_id(run->index, order, &keeper) : NULL;
	if (id != NULL && m->id != NULL && strcmp(id, m->id) != 0 &&
	    keeper >= run->inputs->n)	/* not renamed: read otherwise */
		m->id = galley_doc_strdup(doc, id);	/* as links know it */
	else if (id != NULL && m->id != NULL && strcmp(id, m->id) != 0) {
		galley_diag_add(run->dg, GALLEY_WARNING, path, 0, 0, "id "
		    "\"%s\" is also the id of %s, earlier in this book: "
		    "this chapter's id is \"%s\"", m->id,
		    run->inputs->v[keeper].path, id);
		m->id = galley_doc_strdup(doc, id);
	}
	if (resolve && galley_links_resolve_at(doc, run->index, order,
	    &run->opts, run->dg) == -1)
		goto fail;
	free(data);
	return doc;
fail:
	galley_doc_free(doc);
	free(data);
	return NULL;
}

static int
is_article_name(const char *path)
{
	const char	*base = strrchr(path, '/'), *dot;
	static const char *const exts[] = {
		"md", "markdown", "mdown", "mkd", "txt", "text", "json", NULL
	};

	base = base != NULL ? base + 1 : path;
	if (strcmp(base, "book.yaml") == 0 || strcmp(base, "book.yml") == 0)
		return 0;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return 1;
	return ext_in(dot + 1, exts);
}

/* The number in meta.extra's "order" or "weight", if any. */
static int
order_of(const struct galley_meta *m, double *out)
{
	const struct galley_value	*v = NULL;
	char				*end;

	if (m->extra != NULL && (v = galley_value_get(m->extra,
	    "order")) == NULL)
		v = galley_value_get(m->extra, "weight");
	if (v == NULL || v->kind != GALLEY_VALUE_STRING || v->str == NULL)
		return 0;
	*out = strtod(v->str, &end);
	return end != v->str && *end == '\0';
}

static int
cmp_articles(const void *a, const void *b)
{
	const struct article	*x = a, *y = b;
	int			 c;

	if (x->has_order != y->has_order)
		return x->has_order ? -1 : 1;
	if (x->has_order && x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if ((c = strcmp(x->rel, y->rel)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *
base_name(const char *p)
{
	const char	*s = strrchr(p, '/');

	return s != NULL ? s + 1 : p;
}

static int
is_dir(const char *p)
{
	struct stat	 st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* book.yaml of the first folder named, into book (strings in bdoc). */
static int
read_book_yaml(struct book_run *run, struct galley_book *book,
    struct galley_doc *bdoc, char *const *paths, int n)
{
	struct galley_value	*root = NULL;
	char			*file = NULL, *data = NULL, *dir;
	size_t			 len;
	int			 i, rc = -1;

	for (i = 0; i < n && file == NULL; i++) {
		if (!is_dir(paths[i]))
			continue;
		file = galley_doc_printf(bdoc, "%s/book.yaml", paths[i]);
		if (access(file, F_OK) != 0) {
			file = galley_doc_printf(bdoc, "%s/book.yml",
			    paths[i]);
			if (access(file, F_OK) != 0)
				file = NULL;
		}
	}
	if (file == NULL)
		return 0;
	run->yaml = file;
	if (file_read(&data, &len, file, 1 << 20, run->dg) == -1)
		return -1;
	if (fm_parse_yaml(&root, bdoc, file, data, len, 1,
	    run->opts.max_yaml_nodes, run->dg) == -1)
		goto out;
	dir = galley_doc_strdup(bdoc, file);
	*strrchr(dir, '/') = '\0';
	if (root != NULL &&
	    epub_book_from_yaml(book, bdoc, root, dir, file, run->dg) == -1)
		goto out;
	rc = 0;
out:
	free(data);
	return rc;
}

/* 1 if path is a galley report (--report) found beside articles. */
static int
is_report_file(const char *path)
{
	char	 head[256];
	size_t	 n = 0;
	FILE	*f;

	if (strlen(path) < 5 || strcmp(path + strlen(path) - 5, ".json") != 0 ||
	    (f = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return inputs_is_report(head, n);
}

/*
 * The articles of the folders named that book.yaml's chapters leave out:
 * one warning that names them (the first few), so that none is dropped
 * unseen.
 */
static void
left_out(struct book_run *run, const struct input_list *chapters,
    char *const *paths, int n, const char *output, const char *tei)
{
	const char *const	 outputs[] = { output, tei };
	struct input_list	 all;
	struct galley_diag	*quiet = galley_diag_new();
	struct galley_buf	 names;
	char			*rp, **have;
	size_t			 i, k, out = 0;

	memset(&all, 0, sizeof(all));
	inputs_collect(&all, paths, n, 0, outputs, 2, quiet);
	galley_diag_free(quiet);
	have = xmalloc_cli((chapters->n + 1) * sizeof(*have));
	for (i = 0; i < chapters->n; i++)
		have[i] = realpath(chapters->v[i].path, NULL);
	galley_buf_init(&names);
	for (i = 0; i < all.n; i++) {
		if (!all.v[i].found || !is_article_name(all.v[i].path) ||
		    is_report_file(all.v[i].path))
			continue;
		if ((rp = realpath(all.v[i].path, NULL)) == NULL)
			continue;
		for (k = 0; k < chapters->n; k++)
			if (have[k] != NULL && strcmp(have[k], rp) == 0)
				break;
		free(rp);
		if (k < chapters->n)
			continue;
		if (out < 5)
			galley_buf_printf(&names, "%s%s", out ? ", " : "",
			    all.v[i].rel);
		out++;
	}
	if (out > 0)	/* said of the book.yaml that named the chapters */
		galley_diag_add(run->dg, GALLEY_WARNING, run->yaml, 0, 0, "its "
		    "chapters leave out %zu article%s of the folder: %s%s "
		    "(name %s there to have %s in the book)", out,
		    out == 1 ? "" : "s", names.data, out > 5 ? ", ..." : "",
		    out == 1 ? "it" : "them", out == 1 ? "it" : "them");
	galley_buf_release(&names);
	for (i = 0; i < chapters->n; i++)
		free(have[i]);
	free(have);
	inputs_release(&all);
}

static void
articles_free(struct article *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].rel);
		free(v[i].id);
		free(v[i].title);
		free(v[i].lang);
	}
	free(v);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup_cli(s) : NULL;
}

/* The teiCorpus of the book's articles into path. */
static int
write_tei(struct book_run *run, const char *path,
    struct galley_tei_corpus *corpus)
{
	struct out_file	 out;

	if (out_open(&out, path, run->dg) == -1)
		return -1;
	if (galley_tei_corpus_finish(corpus, &out.sink) == -1 ||
	    out.sink.failed) {
		if (out.sink.failed)
			galley_diag_add(run->dg, GALLEY_ERROR, path, 0, 0,
			    "cannot write: %s", strerror(errno));
		out_abort(&out);
		return -1;
	}
	return out_commit(&out, run->dg);
}

/* The language most chapters have; the first of equals. */
static const char *
main_language(const struct epub *pre)
{
	size_t		 i, j, best = 0, bestn = 0, n;

	for (i = 0; i < pre->nlang; i++) {
		for (n = 0, j = 0; j < pre->nch; j++)
			n += strcmp(pre->ch[j].lang, pre->langv[i]) == 0;
		if (n > bestn) {
			best = i;
			bestn = n;
		}
	}
	return pre->nlang > 0 ? pre->langv[best] : NULL;
}

/*
 * --update: a hash of everything the book is made of (the command
 * line, galley's version, every input's path and bytes, book.yaml, the
 * cover and the stylesheet), kept beside the book as .NAME.galley-state.
 */
static unsigned long long
hash_file(const char *path, unsigned long long h, size_t max)
{
	char	*data;
	size_t	 len;

	if (path == NULL || file_read(&data, &len, path, max, NULL) == -1)
		return state_hash("-", 1, h);
	h = state_hash(data, len, state_hash(path, strlen(path), h));
	free(data);
	return h;
}

static unsigned long long
book_stamp(int argc, char **argv, const struct input_list *inputs,
    const struct galley_book *book, size_t max)
{
	unsigned long long	 h = state_hash(GALLEY_VERSION,
				    strlen(GALLEY_VERSION), 0);
	char			*yaml;
	size_t			 i;
	int			 k;

	for (k = 0; k < argc; k++)	/* options that shape the book */
		if (strcmp(argv[k], "-q") != 0 && strcmp(argv[k], "-v") != 0 &&
		    strcmp(argv[k], "--quiet") != 0 &&
		    strcmp(argv[k], "--verbose") != 0)
			h = state_hash(argv[k], strlen(argv[k]) + 1, h);
	for (i = 0; i < inputs->n; i++)
		h = hash_file(inputs->v[i].path, h, max);
	for (k = 1; k < argc; k++) {
		if (!is_dir(argv[k]))
			continue;
		yaml = xmalloc_cli(strlen(argv[k]) + 16);
		sprintf(yaml, "%s/book.yaml", argv[k]);
		h = hash_file(yaml, h, max);
		free(yaml);
		break;
	}
	h = hash_file(book->cover, h, max);
	return hash_file(book->css, h, max);
}

static char *
stamp_path(const char *output)
{
	const char	*base = strrchr(output, '/');
	size_t		 dir = base ? (size_t)(base - output) + 1 : 0;
	char		*p = xmalloc_cli(strlen(output) + 32);

	sprintf(p, "%.*s.%s.galley-state", (int)dir, output,
	    base ? base + 1 : output);
	return p;
}

/*
 * The state beside the book: the stamp, then the images its chapters
 * took (their content changes the book too, and only the last build
 * knows which they are), one path a line.  The stamp kept folds their
 * content in.
 */
static int
stamp_matches(const char *output, unsigned long long stamp, size_t max)
{
	char			*path = stamp_path(output), line[4096];
	FILE			*f = fopen(path, "r");
	unsigned long long	 old = 0;
	struct stat		 st;
	size_t			 n;
	int			 ok;

	ok = f != NULL && fscanf(f, "%llx\n", &old) == 1 &&
	    stat(output, &st) == 0;
	while (ok && fgets(line, sizeof(line), f) != NULL) {
		n = strcspn(line, "\n");
		line[n] = '\0';
		if (n > 0)
			stamp = hash_file(line, stamp, max);
	}
	if (f != NULL)
		fclose(f);
	free(path);
	return ok && old == stamp;
}

static void
stamp_write(const char *output, unsigned long long stamp,
    const struct epub *e, size_t max)
{
	char	*path = stamp_path(output);
	FILE	*f = fopen(path, "w");
	size_t	 i;

	for (i = 0; i < e->images.cap; i++)
		if (e->images.keys[i] != NULL &&
		    strchr(e->images.keys[i], '\n') == NULL)
			stamp = hash_file(e->images.keys[i], stamp, max);
	if (f != NULL) {
		fprintf(f, "%016llx\n", stamp);
		for (i = 0; i < e->images.cap; i++)
			if (e->images.keys[i] != NULL &&
			    strchr(e->images.keys[i], '\n') == NULL)
				fprintf(f, "%s\n", e->images.keys[i]);
		fclose(f);
	}
	free(path);
}

int
cmd_book(int argc, char **argv)
{
	unsigned long long	 stamp = 0;
	int			 update = 0;
	enum { OPT_TITLE = 256, OPT_AUTHOR, OPT_LANGUAGE, OPT_COVER, OPT_CSS,
	    OPT_IDENTIFIER, OPT_LANG, OPT_LINK_BASE, OPT_NO_FILTER,
	    OPT_SMART, OPT_MAX_SIZE, OPT_TEI, OPT_UPDATE, OPT_ENCODING,
	    OPT_NO_WIKI };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "language", required_argument, NULL, OPT_LANGUAGE },
		{ "cover", required_argument, NULL, OPT_COVER },
		{ "css", required_argument, NULL, OPT_CSS },
		{ "identifier", required_argument, NULL, OPT_IDENTIFIER },
		{ "from", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "link-base", required_argument, NULL, OPT_LINK_BASE },
		{ "no-filter", required_argument, NULL, OPT_NO_FILTER },
		{ "smart", no_argument, NULL, OPT_SMART },
		{ "no-wiki-links", no_argument, NULL, OPT_NO_WIKI },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "tei", required_argument, NULL, OPT_TEI },
		{ "update", no_argument, NULL, OPT_UPDATE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct book_run		 run;
	struct galley_book	 book, opt;
	struct galley_doc	*bdoc = NULL, *doc;
	struct input_list	 inputs;
	struct article		*arts = NULL;
	struct epub		 pre, e;
	struct out_file		 out;
	struct galley_buf	 key;
	const char		*output = "book.epub", *sde, *tei = NULL;
	struct galley_tei_corpus *corpus = NULL;
	int			 links;
	char			*end, *dir, uuid[46];
	size_t			 narts = 0, i, j;
	long long		 newest = -1, t;
	int			 c, rc = 1, opened = 0, have_out = 0;
	int			 failed = 0;

	memset(&run, 0, sizeof(run));
	memset(&book, 0, sizeof(book));
	memset(&opt, 0, sizeof(opt));
	memset(&inputs, 0, sizeof(inputs));
	memset(&pre, 0, sizeof(pre));
	memset(&e, 0, sizeof(e));
	galley_opts_init(&run.opts);
	run.max_size = BOOK_MAX_SIZE;
	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde != '\0') {
		errno = 0;
		t = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 0 &&
		    t <= 253402300799LL)
			run.opts.source_date = t;
	}
	bdoc = galley_doc_new("book.yaml");
	argv[0] = (char *)"galley book";	/* getopt's messages */
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:qvh", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'o':
			if (*optarg == '\0') {
				fputs("galley book: -o wants a file name\n",
				    stderr);
				goto usage;
			}
			output = optarg;
			break;
		case OPT_TITLE:
			if (galley_blank(optarg)) {
				fputs("galley book: --title is empty\n", stderr);
				goto usage;
			}
			opt.title = optarg;
			break;
		case OPT_AUTHOR:
			galley_strlist_add(bdoc, &opt.authors, optarg);
			break;
		case OPT_LANGUAGE: {
			char	 tag[160];

			if (check_lang("--language", optarg, tag,
			    sizeof(tag)) == -1)
				goto usage;
			opt.language = galley_doc_strdup(bdoc, tag);
			break;
		}
		case OPT_COVER:
			opt.cover = optarg;
			break;
		case OPT_CSS:
			opt.css = optarg;
			break;
		case OPT_IDENTIFIER:
			if (galley_blank(optarg)) {
				fputs("galley book: --identifier is empty\n",
				    stderr);
				goto usage;
			}
			opt.identifier = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "auto") != 0 &&
			    galley_reader_find(optarg) == NULL) {
				fprintf(stderr, "galley: unknown input format "
				    "'%s' (see galley --list-formats)\n",
				    optarg);
				goto usage;
			}
			run.opts.format = optarg;
			break;
		case OPT_LANG: {
			char	 tag[160];

			if (check_lang("--lang", optarg, tag, sizeof(tag)) == -1)
				goto usage;
			run.opts.lang = optarg;
			break;
		}
		case OPT_ENCODING:
			if (check_encoding(optarg) == -1)
				goto usage;
			run.opts.encoding = optarg;
			break;

		case OPT_LINK_BASE:
			if (check_link_base(optarg) == -1)
				goto usage;
			run.opts.link_base = optarg;
			break;
		case OPT_NO_FILTER:
			if ((i = (size_t)galley_filter_find(optarg)) ==
			    (size_t)-1) {
				fprintf(stderr, "galley: unknown filter '%s' "
				    "(see galley --list-filters)\n", optarg);
				goto usage;
			}
			run.opts.no_filters |= 1UL << i;
			break;
		case OPT_SMART:
			run.opts.smart = 1;
			break;
		case OPT_NO_WIKI:
			run.opts.no_wikilinks = 1;
			break;
		case OPT_MAX_SIZE:
			if (parse_count(optarg, 1, (long long)1 << 40, &t)) {
				fprintf(stderr, "galley: --max-size wants a "
				    "number of bytes from 1 to 2^40\n");
				goto usage;
			}
			run.max_size = (size_t)t;
			break;
		case OPT_TEI:
			tei = optarg;
			break;
		case OPT_UPDATE:
			update = 1;
			break;
		case 'q':
			run.quiet = 1;
			break;
		case 'v':
			run.verbose = run.opts.verbose = 1;
			break;
		case 'h':
			book_usage(stdout);
			rc = 0;
			goto done;
		default:
			goto usage;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "galley book: no input named\n");
		goto usage;
	}
	run.dg = galley_diag_new();
	if (!run.verbose)	/* printed only with -v */
		galley_diag_drop(run.dg, GALLEY_NOTE);
	run.index = galley_linkindex_new();
	run.inputs = &inputs;
	if ((links = galley_filter_find("links")) >= 0)
		run.opts.no_filters |= 1UL << links;

	if (read_book_yaml(&run, &book, bdoc, argv + optind,
	    argc - optind) == -1) {
		flush_diag(&run);
		goto done;
	}
	flush_diag(&run);
	if (book.chapters.n > 0) {
		/* book.yaml's folder: chapters are known by their paths
		 * below it ("one/post.md"), as links name them */
		const char	*dir = NULL;
		size_t		 dl;

		for (j = optind; j < (size_t)argc && dir == NULL; j++)
			if (is_dir(argv[j]))
				dir = argv[j];
		dl = dir != NULL ? strlen(dir) : 0;
		while (dl > 1 && dir[dl - 1] == '/')
			dl--;
		for (i = 0; i < book.chapters.n; i++) {
			const char	*c = book.chapters.v[i];

			if (dir != NULL && strncmp(c, dir, dl) == 0 &&
			    c[dl] == '/')
				inputs_add(&inputs, c, c + dl + 1);
			else
				inputs_add(&inputs, c, c);
		}
		left_out(&run, &inputs, argv + optind, argc - optind,
		    output, tei);
	} else {
		const char *const outputs[] = { output, tei };

		if (inputs_collect(&inputs, argv + optind, argc - optind,
		    run.verbose, outputs, 2, run.dg) > 0)
			failed = 1;
		inputs_unique_rels(&inputs, run.dg);
	}
	flush_diag(&run);
	if (update) {
		stamp = book_stamp(argc, argv, &inputs, &book, run.max_size);
		if (!failed && stamp_matches(output, stamp, run.max_size) &&
		    (tei == NULL || access(tei, F_OK) == 0)) {
			if (!run.quiet)
				fprintf(stderr, "%s: unchanged\n", output);
			rc = 0;
			goto done;
		}
	}

	/* First pass: titles, languages, order, headings. */
	pre.book.language = opt.language != NULL ? opt.language :
	    book.language;
	arts = xmalloc_cli((inputs.n + 1) * sizeof(*arts));
	for (i = 0; i < inputs.n; i++) {
		const struct galley_meta	*m;
		struct article			*a;

		if (book.chapters.n == 0 && inputs.v[i].found &&
		    (!is_article_name(inputs.v[i].path) ||
		    is_report_file(inputs.v[i].path)))
			continue;
		if ((doc = load(&run, inputs.v[i].path, i, 0)) == NULL) {
			failed = 1;
			flush_diag(&run);
			continue;
		}
		m = galley_doc_meta(doc);
		a = &arts[narts++];
		memset(a, 0, sizeof(*a));
		a->path = xstrdup_cli(inputs.v[i].path);
		a->rel = xstrdup_cli(inputs.v[i].rel);
		a->id = dup_or_null(m->id);
		a->title = dup_or_null(m->title);
		a->lang = dup_or_null(epub_meta_lang(m));
		a->seq = i;
		a->has_order = book.chapters.n == 0 && order_of(m, &a->order);
		a->pre = epub_chapter_add(&pre, a->id, a->title, a->lang);
		xhtml_headings(&pre, a->pre, doc);
		epub_chapter_untitled(&pre, a->pre, base_name(a->rel));
		for (j = 0; j < m->keywords.n; j++)
			epub_subject_add(&pre, m->keywords.v[j]);
		for (j = 0; j < m->authors.n; j++)
			epub_creator_add(&pre, m->authors.v[j]);
		if ((t = epub_date_epoch(m->date)) >= 0 && t > newest)
			newest = t;
		galley_linkindex_add_file(run.index, doc, i, inputs.v[i].rel);
		galley_doc_free(doc);
		/* the second pass reads it again and says its warnings */
		galley_diag_clear(run.dg);
	}
	if (narts == 0) {
		fprintf(stderr, "galley book: no article to make a book of\n");
		goto done;
	}
	/* articles that share an id are told apart (post.md in two
	 * folders): the chapters take the ids links go to */
	galley_linkindex_seal(run.index);
	for (i = 0; i < narts; i++) {
		const char	*id = galley_linkindex_id(run.index,
				    arts[i].seq, NULL);

		if (id != NULL && (arts[i].id == NULL ||
		    strcmp(id, arts[i].id) != 0)) {
			free(arts[i].id);
			arts[i].id = xstrdup_cli(id);
		}
	}
	if (book.chapters.n == 0)
		qsort(arts, narts, sizeof(*arts), cmp_articles);

	/* The book: options over book.yaml over what the articles say. */
	if (opt.title != NULL)
		book.title = opt.title;
	if (book.title == NULL && argc - optind == 1 &&
	    is_dir(argv[optind])) {
		const char *p = argv[optind], *s;
		char *d = galley_doc_strdup(bdoc, p);
		size_t l = strlen(d);

		while (l > 1 && d[l - 1] == '/')
			d[--l] = '\0';
		s = strrchr(d, '/');
		s = s != NULL ? s + 1 : d;
		if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
			/* "galley book .": the folder's own name */
			char	*rp = realpath(d, NULL);

			s = rp != NULL ? strrchr(rp, '/') : NULL;
			s = s != NULL && s[1] != '\0' ?
			    galley_doc_strdup(bdoc, s + 1) : NULL;
			free(rp);
		}
		if (s != NULL)
			book.title = s;
	}
	if (book.title == NULL)
		book.title = pre.ch[arts[0].pre].title;
	if (opt.authors.n > 0)
		book.authors = opt.authors;
	if (opt.language != NULL)
		book.language = opt.language;
	if (book.language == NULL)
		book.language = main_language(&pre);
	if (opt.cover != NULL)
		book.cover = opt.cover;
	if (opt.css != NULL)
		book.css = opt.css;
	if (opt.identifier != NULL)
		book.identifier = opt.identifier;
	if (book.date == NULL && newest >= 0) {
		char		*d = galley_doc_alloc(bdoc, 16);
		time_t		 tt = (time_t)newest;
		struct tm	 tm;

		gmtime_r(&tt, &tm);
		strftime(d, 16, "%Y-%m-%d", &tm);
		book.date = d;
	}

	if (out_open(&out, output, run.dg) == -1) {
		flush_diag(&run);
		goto done;
	}
	have_out = 1;
	if (epub_open(&e, &out.sink, &book, &run.opts,
	    run.opts.source_date >= 0 ? run.opts.source_date :
	    newest >= 0 ? newest : epub_date_epoch(book.date), run.dg) == -1) {
		opened = 1;
		flush_diag(&run);
		goto done;
	}
	opened = 1;
	galley_buf_init(&key);
	galley_buf_printf(&key, "galley-book\n%s\n", book.title);
	for (i = 0; i < narts; i++)
		galley_buf_printf(&key, "%s\n", arts[i].rel);
	epub_uuid(uuid, key.data, key.len);
	galley_buf_release(&key);
	e.identifier = xstrdup_cli(book.identifier != NULL ?
	    book.identifier : uuid);
	for (i = 0; i < book.authors.n; i++)
		epub_creator_add(&e, book.authors.v[i]);
	if (book.authors.n == 0)
		for (i = 0; i < pre.ncreator; i++)
			epub_creator_add(&e, pre.creatorv[i]);
	for (i = 0; i < pre.nsubject; i++)
		epub_subject_add(&e, pre.subjectv[i]);
	for (i = 0; i < narts; i++) {
		struct epub_chapter	*from = &pre.ch[arts[i].pre], *to;
		size_t			 k;

		k = epub_chapter_add(&e, arts[i].id, from->title,
		    arts[i].lang);
		to = &e.ch[k];
		to->h = from->h;
		to->nh = from->nh;
		to->caph = from->caph;
		from->h = NULL;
		from->nh = from->caph = 0;
	}

	/*
	 * Second pass: each chapter written, then its article freed (or
	 * handed to the --tei corpus, which spools it).
	 */
	if (tei != NULL) {
		dir = spool_dir(tei);
		corpus = galley_tei_corpus_new(dir, &book, &run.opts, run.dg);
		free(dir);
	}
	for (i = 0; i < narts; i++) {
		if ((doc = load(&run, arts[i].path, arts[i].seq, 1)) == NULL) {
			flush_diag(&run);
			goto done;
		}
		dir = dir_of(arts[i].path);
		j = epub_chapter_write(&e, i, doc, dir) == -1;
		free(dir);
		if (corpus != NULL)
			galley_tei_corpus_add(corpus, doc, NULL, 0);
		else
			galley_doc_free(doc);
		flush_diag(&run);
		if (j || out.sink.failed)
			goto done;
	}
	if (epub_close(&e) == -1 || out.sink.failed) {
		if (out.sink.failed)
			galley_diag_add(run.dg, GALLEY_ERROR, output, 0, 0,
			    "cannot write: %s", strerror(errno));
		flush_diag(&run);
		goto done;
	}
	if (out_commit(&out, run.dg) == -1) {
		have_out = 0;
		flush_diag(&run);
		goto done;
	}
	have_out = 0;
	if (tei != NULL && write_tei(&run, tei, corpus) == -1) {
		flush_diag(&run);
		goto done;
	}
	if (update && !failed)
		stamp_write(output, stamp, &e, run.max_size);
	if (!run.quiet)
		fprintf(stderr, "%s: %zu chapter%s, %zu language%s, %zu "
		    "warnings%s\n", output, narts, narts == 1 ? "" : "s",
		    e.nlang, e.nlang == 1 ? "" : "s", run.warnings,
		    failed ? "; some articles failed" : "");
	rc = failed ? 1 : 0;
	goto done;
usage:
	rc = 2;
	fputs("See 'galley book --help'.\n", stderr);
done:
	if (have_out)
		out_abort(&out);
	if (opened)
		epub_release(&e);
	epub_release(&pre);
	articles_free(arts, narts);
	galley_tei_corpus_free(corpus);
	galley_linkindex_free(run.index);
	inputs_release(&inputs);
	galley_diag_free(run.dg);
	galley_doc_free(bdoc);
	return rc;
}
