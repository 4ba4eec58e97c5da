/* galley book: many articles into one EPUB. */
#ifndef CLI_BOOK_H
#define CLI_BOOK_H

int	cmd_book(int argc, char **argv);

#endif
