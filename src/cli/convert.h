/* galley convert: articles in, one output per article and format. */
#ifndef CONVERT_H
#define CONVERT_H

int	cmd_convert(int argc, char **argv);

#endif
