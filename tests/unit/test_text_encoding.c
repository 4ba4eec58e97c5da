/* enc_decode(): every reader's door, tested on its own. */
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "readers/encoding.h"
#include "tap.h"

static struct galley_diag	*dg;
static char			 msg[512];

/* Decode; the result (or NULL on failure) stays valid until next call. */
static const char *
dec(const char *data, size_t len)
{
	static char	*out;
	size_t		 n;

	free(out);
	out = NULL;
	galley_diag_clear(dg);
	if (enc_decode(&out, &n, "f.txt", data, len, dg) == -1)
		return NULL;
	if (strlen(out) != n)
		return "(length wrong)";
	return out;
}

static const char *
msg0(void)
{
	msg[0] = '\0';
	if (galley_diag_size(dg) > 0)
		galley_msg_format(galley_diag_get(dg, 0), msg, sizeof(msg));
	return msg;
}

#define DEC(lit)	dec((lit), sizeof(lit) - 1)

int
main(void)
{
	dg = galley_diag_new();

	CHECK_STR(DEC("plain\ntext\n"), "plain\ntext\n", "ASCII unchanged");
	CHECK(galley_diag_size(dg) == 0, "no message for UTF-8");
	CHECK_STR(DEC("caf\xc3\xa9 \xe2\x80\xa2 \xf0\x9f\x98\x80"),
	    "caf\xc3\xa9 \xe2\x80\xa2 \xf0\x9f\x98\x80", "UTF-8 unchanged");
	CHECK_STR(DEC("\xef\xbb\xbfwith BOM\n"), "with BOM\n",
	    "UTF-8 BOM dropped");
	CHECK_STR(DEC("a\r\nb\r\n\r\nc"), "a\nb\n\nc", "CRLF to LF");
	CHECK_STR(DEC("a\rb\r\rc\r"), "a\nb\n\nc\n", "CR to LF");
	CHECK_STR(DEC("a\r\n\rb"), "a\n\nb", "CRLF then CR");
	CHECK_STR(DEC(""), "", "empty input decodes to empty text");

	/* UTF-16 with a BOM, both byte orders, a surrogate pair, CRLF */
	CHECK_STR(DEC("\xff\xfe" "H\0i\0\xe9\0\r\0\n\0\x3d\xd8\x00\xde"),
	    "Hi\xc3\xa9\n\xf0\x9f\x98\x80", "UTF-16 LE with BOM");
	CHECK_STR(DEC("\xfe\xff" "\0H\0i\0\xe9\0\r\0\n\xd8\x3d\xde\x00"),
	    "Hi\xc3\xa9\n\xf0\x9f\x98\x80", "UTF-16 BE with BOM");
	CHECK_STR(DEC("\xff\xfe" "\x22\x20\r\0"), "\xe2\x80\xa2\n",
	    "UTF-16 bullet and CR");
	CHECK(DEC("\xff\xfe" "a\0b") == NULL, "UTF-16 odd length refused");
	CHECK(DEC("\xff\xfe" "a\0\x3d\xd8" "b\0") == NULL,
	    "UTF-16 lone surrogate refused");
	CHECK(strstr(msg0(), "f.txt:1:2: error:") != NULL &&
	    strstr(msg0(), "surrogate") != NULL, "lone surrogate position");
	CHECK(DEC("\xff\xfe\0\0h\0\0\0") == NULL, "UTF-32 refused");
	CHECK(DEC("H\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0") == NULL,
	    "UTF-16 without BOM refused");
	CHECK(strstr(msg0(), "without a byte order mark") != NULL,
	    "UTF-16 without BOM said so");

	/* Windows-1252 */
	CHECK_STR(DEC("Caf\xe9 \x93quoted\x94 \x80 5\r\nna\xefve \x85"),
	    "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac 5\n"
	    "na\xc3\xafve \xe2\x80\xa6", "Windows-1252 transcoded");
	CHECK(galley_diag_size(dg) == 1 &&
	    galley_diag_count(dg, GALLEY_WARNING) == 1,
	    "Windows-1252: exactly one warning");
	CHECK_STR(msg0(), "f.txt: warning: not UTF-8, read as Windows-1252",
	    "Windows-1252 warning text");

	/* not UTF-8, not Windows-1252 */
	CHECK(DEC("line one\nab\x81" "cd\n") == NULL,
	    "byte undefined in Windows-1252 refused");
	CHECK(strstr(msg0(), "f.txt:2:3: error: invalid UTF-8 byte 0x81 at "
	    "byte offset 11") != NULL, "error names line:col and offset");
	CHECK(DEC("ok \xc3\xa9\n\xc3\xa9t\xe9\n") == NULL,
	    "damaged UTF-8 (good and bad sequences) refused");
	CHECK(strstr(msg0(), ":2:3: error:") != NULL,
	    "damaged UTF-8: column counts characters");
	CHECK(DEC("\xef\xbb\xbf" "a\xe9") == NULL,
	    "UTF-8 BOM then bad byte refused");
	CHECK_STR(DEC("a\xed\xa0\x80z"), "a\xc3\xad\xc2\xa0\xe2\x82\xacz",
	    "encoded surrogate is not UTF-8: read as Windows-1252");
	CHECK_STR(DEC("a\xc0\xafz"), "a\xc3\x80\xc2\xafz",
	    "overlong form is not UTF-8: read as Windows-1252");

	/* binary */
	CHECK(DEC("text\nmore\0binary") == NULL, "NUL byte refused");
	CHECK(strstr(msg0(), "f.txt:2:5: error: NUL byte") != NULL,
	    "NUL byte position");
	CHECK(DEC("\x01\x02\x03\x04\x05\x06 abc") == NULL,
	    "control bytes refused");

	dec("", 0);
	galley_diag_free(dg);
	return TAP_DONE();
}
