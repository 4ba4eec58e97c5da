/*
 * galley's command line: dispatch to the subcommands.
 */
#include <malloc.h>
#include <signal.h>
#ifdef GALLEY_MIMALLOC
#include <mimalloc.h>
#endif
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <jansson.h>
#include <libxml/xmlversion.h>
#include <yaml.h>
#include <libdeflate.h>
#include <nettle/version.h>
#include <png.h>
#include <unicode/uversion.h>
#include <webp/decode.h>
#include <zlib.h>

#include "galley/galley.h"
#include "cli/book.h"
#include "cli/convert.h"
#include "cli/io.h"
#include "readers/toml_shim.h"

/* Interrupted: leave no half-written output behind. */
static void
on_signal(int sig)
{
	out_cleanup_signal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
usage(FILE *f)
{
	fputs(
"usage: galley convert [options] INPUT...   articles into JSON, EPUB, TEI\n"
"       galley book [options] INPUT...      one EPUB of many articles\n"
"       galley --list-filters               the filter chain, in order\n"
"       galley --list-formats               readers and writers\n"
"       galley --version | --help\n"
"\n"
"INPUT is files or folders (read recursively), or - for standard input.\n"
"See 'galley convert --help' and 'galley book --help' for every option.\n", f);
}

/* mimalloc's, when the build links it (the release build does). */
extern int	mi_version(void) __attribute__((weak));

static void
version(void)
{
	UVersionInfo	 icu;
	char		 icu_s[U_MAX_VERSION_STRING_LENGTH];

	u_getVersion(icu);
	u_versionToString(icu, icu_s);
	printf("galley %s\n", GALLEY_VERSION);
	printf("cmark-gfm %s, libyaml %s, toml++ %s, libxml2 %s, zlib %s, "
	    "libdeflate %s, jansson %s, ICU %s, nettle %d.%d, libwebp %d.%d.%d, "
	    "libpng %s, CLD2", cmark_version_string(),
	    yaml_get_version_string(), toml_version(), LIBXML_DOTTED_VERSION,
	    zlibVersion(),
	    LIBDEFLATE_VERSION_STRING, JANSSON_VERSION, icu_s,
	    nettle_version_major(), nettle_version_minor(),
	    WebPGetDecoderVersion() >> 16, (WebPGetDecoderVersion() >> 8) &
	    0xff, WebPGetDecoderVersion() & 0xff, png_get_libpng_ver(NULL));
	if (mi_version != NULL)		/* 209 is 2.0.9 */
		printf(", mimalloc %d.%d.%d", mi_version() / 100,
		    mi_version() / 10 % 10, mi_version() % 10);
	putchar('\n');
}

static void
list_filters(void)
{
	const struct galley_filter *const *f = galley_filters();

	for (; *f != NULL; f++)
		printf("%-10s %s%s\n", (*f)->name, (*f)->help,
		    (*f)->on ? "" : " (off by default)");
}

static void
list_formats(void)
{
	const struct galley_reader *const *r = galley_readers();
	const struct galley_writer *const *w = galley_writers();

	for (; *r != NULL; r++)
		printf("reader %s\n", (*r)->name);
	for (; *w != NULL; w++)
		printf("writer %-6s %s\n", (*w)->name, (*w)->ext);
}

int
main(int argc, char **argv)
{
	int	 rc;

	/* Documents come and go by the thousand: keep freed memory for
	 * the next one instead of returning it to the system each time. */
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
#ifdef GALLEY_MIMALLOC
	/* mimalloc reuses freed memory within its pages all the same;
	 * pages left wholly free go back after 2 ms, not 25, which keeps
	 * a long run's peak down.  Not at once: then two jobs freeing
	 * and taking pages spent more time in madvise and mprotect than
	 * in converting (10,000 articles to JSON, -j 2: 5.1 s against
	 * 1.4 s, for 14 MB against 20 MB at the peak). */
	mi_option_set(mi_option_decommit_delay, 2);
#endif
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, SIG_IGN);
	/* past a file size limit (ulimit -f), a write fails with EFBIG:
	 * an error naming the file, not death by SIGXFSZ */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "convert") == 0 || strcmp(argv[1], "book") == 0) {
		rc = argv[1][0] == 'c' ? cmd_convert(argc - 1, argv + 1) :
		    cmd_book(argc - 1, argv + 1);
		galley_cleanup();
		return rc;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		version();
		return 0;
	}
	if (strcmp(argv[1], "--list-filters") == 0) {
		list_filters();
		return 0;
	}
	if (strcmp(argv[1], "--list-formats") == 0) {
		list_formats();
		return 0;
	}
	fprintf(stderr, "galley: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
