/* enc_decode(): every reader's door, tested on its own. */
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"
#include "readers/encoding.h"
#include "tap.h"

static struct galley_diag	*dg;
static char			 msg[512];

/* Decode; the result (or NULL on failure) stays valid until next call. */
static const char	*encoding;	/* named, or NULL: detected */

static const char *
dec(const char *data, size_t len)
{
	static char	*out;
	size_t		 n;

	free(out);
	out = NULL;
	galley_diag_clear(dg);
	if (enc_decode(&out, &n, "f.txt", data, len, encoding, dg) == -1)
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
	CHECK_STR(DEC("H\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0"), "Hello world",
	    "UTF-16 LE without BOM read");
	CHECK(strstr(msg0(), "no byte order mark, but NUL bytes: read as "
	    "UTF-16LE") != NULL, "UTF-16 LE without BOM said so");
	CHECK_STR(DEC("\0H\0i\0\n\x65\xe5\x67\x2c"), "Hi\n\xe6\x97\xa5\xe6\x9c\xac",
	    "UTF-16 BE without BOM read");
	CHECK(DEC("\0H\0i") != NULL && strstr(msg0(), "UTF-16BE") != NULL,
	    "UTF-16 BE without BOM said so");

	/* Windows-1252 */
	CHECK_STR(DEC("Caf\xe9 \x93quoted\x94 \x80 5\r\nna\xefve \x85"),
	    "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac 5\n"
	    "na\xc3\xafve \xe2\x80\xa6", "Windows-1252 transcoded");
	CHECK(galley_diag_size(dg) == 1 &&
	    galley_diag_count(dg, GALLEY_WARNING) == 1,
	    "Windows-1252: exactly one warning");
	CHECK_STR(msg0(), "f.txt:1:4: warning: not UTF-8 from here on, read "
	    "as Windows-1252 (detected; --encoding names another)",
	    "Windows-1252 warning text, where UTF-8 stops");

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
	CHECK(DEC("a\xed\xa0\x80z") == NULL && strstr(msg0(), "damaged") !=
	    NULL, "encoded surrogate: damaged UTF-8, refused");
	CHECK(DEC("a\xc0\xafz") == NULL && strstr(msg0(), "damaged") != NULL,
	    "overlong form: damaged UTF-8, refused");

	/* other encodings, detected by ICU or named */
	CHECK_STR(DEC("\xc2 \xf2\xee\xf0\xe3\xee\xe2\xeb\xe5 \xe8 "
	    "\xe1\xe0\xed\xea\xe0\xf5 \xf0\xe0\xe1\xee\xf2\xe0\xfe\xf2 "
	    "\xec\xed\xee\xe3\xee \xeb\xfe\xe4\xe5\xe9, \xea\xee\xf2\xee\xf0"
	    "\xfb\xe5 \xf1\xeb\xe5\xe4\xff\xf2 \xe7\xe0 \xf0\xe0\xf1\xf7"
	    "\xe5\xf2\xe0\xec\xe8 \xe8 \xe4\xee\xea\xf3\xec\xe5\xed\xf2"
	    "\xe0\xec\xe8.\n"),
	    "\xd0\x92 \xd1\x82\xd0\xbe\xd1\x80\xd0\xb3\xd0\xbe\xd0\xb2"
	    "\xd0\xbb\xd0\xb5 \xd0\xb8 \xd0\xb1\xd0\xb0\xd0\xbd\xd0\xba"
	    "\xd0\xb0\xd1\x85 \xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82"
	    "\xd0\xb0\xd1\x8e\xd1\x82 \xd0\xbc\xd0\xbd\xd0\xbe\xd0\xb3"
	    "\xd0\xbe \xd0\xbb\xd1\x8e\xd0\xb4\xd0\xb5\xd0\xb9, \xd0\xba"
	    "\xd0\xbe\xd1\x82\xd0\xbe\xd1\x80\xd1\x8b\xd0\xb5 \xd1\x81"
	    "\xd0\xbb\xd0\xb5\xd0\xb4\xd1\x8f\xd1\x82 \xd0\xb7\xd0\xb0 "
	    "\xd1\x80\xd0\xb0\xd1\x81\xd1\x87\xd0\xb5\xd1\x82\xd0\xb0"
	    "\xd0\xbc\xd0\xb8 \xd0\xb8 \xd0\xb4\xd0\xbe\xd0\xba\xd1\x83"
	    "\xd0\xbc\xd0\xb5\xd0\xbd\xd1\x82\xd0\xb0\xd0\xbc\xd0\xb8.\n",
	    "Russian in Windows-1251: detected and converted");
	CHECK(strstr(msg0(), "read as windows-1251") != NULL,
	    "Windows-1251: the warning names it");
	encoding = "Shift_JIS";		/* too short to detect: named */
	CHECK_STR(DEC("\x93\xfa\x96\x7b"), "\xe6\x97\xa5\xe6\x9c\xac",
	    "--encoding Shift_JIS converts");
	CHECK(galley_diag_size(dg) == 0, "a named encoding: no warning");
	encoding = "ISO-8859-7";
	CHECK_STR(DEC("caf\xc3\xa9"), "caf\xc3\xa9",
	    "UTF-8 input stays UTF-8 whatever is named");
	encoding = "UTF-16LE";
	CHECK_STR(DEC("# Hello\n\ntext\n"), "# Hello\n\ntext\n",
	    "UTF-8 input stays UTF-8 when UTF-16LE is named");
	CHECK_STR(DEC("H\0i\0"), "Hi", "... and UTF-16LE is read as named");
	encoding = "no-such-encoding";
	CHECK(DEC("caf\xe9") == NULL && strstr(msg0(), "unknown encoding") !=
	    NULL, "an unknown encoding is an error");
	encoding = NULL;
	CHECK(galley_encoding_known("windows-1251") &&
	    galley_encoding_known("auto") && !galley_encoding_known("nope"),
	    "galley_encoding_known");

	/* binary */
	CHECK(DEC("text\nmore\0binary") == NULL, "NUL byte refused");
	CHECK(strstr(msg0(), "f.txt:2:5: error: NUL byte") != NULL,
	    "NUL byte position");
	CHECK(DEC("\x01\x02\x03\x04\x05\x06 abc") == NULL,
	    "control bytes refused");

	dec("", 0);
	/* mostly English with words in another script: those words decide,
	 * unless Windows-1252 makes Western words of them */
	encoding = NULL;
	CHECK(DEC("vipw, vigr - \xef\xee\xe7\xe2\xee\xeb\xff\xfe\xf2 \xf0\xe5\xe4\xe0\xea\xf2\xe8\xf0\xee\xe2\xe0\xf2\xfc \xf4\xe0\xe9\xeb\xfb \xef\xe0\xf0\xee\xeb\xe5\xe9\n\nSYNOPSIS\n\nvipw [options]\n\nThe vipw and vigr commands edit the files /etc/passwd and /etc/group. With the -s flag they edit the shadow versions of those files.\n") != NULL && strstr(msg0(), "read as windows-1251") !=
	    NULL, "mostly English, Russian words in Windows-1251: detected");
	CHECK(DEC("hexdump - display file contents\n\nSK\xa3""ADNIA\n\nhexdump [-bcCdovx] [-e format_string] file ...\n\nThe hexdump utility is a filter which displays the specified files in a user specified format. Opcje zosta\xb3y opisane poni\xbf""ej.\n") != NULL && strstr(msg0(), "read as ISO-8859-2") !=
	    NULL, "mostly English, Polish words in ISO-8859-2: detected");
	CHECK(DEC("The caf\xe9 on the corner serves na\xefve coffee to tourists from Z\xfcrich and Malm\xf6, who pay in euros. More English words follow here to make it mostly English text about business.\n") != NULL && strstr(msg0(), "read as Windows-1252") !=
	    NULL, "mostly English, French and German words: Windows-1252 kept");
	{
		/* a Latin-1 changelog with one UTF-8 sequence: ICU says
		 * ISO-8859-1, read as Windows-1252, whose "Björn" and "‰"
		 * read no worse than Mac Roman's "Bjˆrn" and "‚Ä∞" */
		static const char mixed[] = "2005-01-01  Someone\n\n"
		    "\t* apply patch from Bj\xf6rn Wiberg fixing a bug\n"
		    "\t* map '?' to Unicode #2030 (UTF-8 '\xe2\x80\xb0') "
		    "(ref XSLT spec)\n";
		char	 o[64];

		CHECK(enc_by_letters((const unsigned char *)mixed,
		    sizeof(mixed) - 1, "ISO-8859-1", o, sizeof(o)) == -1,
		    "an ISO-8859-1 guess is judged as Windows-1252, not "
		    "outread by Mac Roman");
	}
	galley_diag_free(dg);
	return TAP_DONE();
}
