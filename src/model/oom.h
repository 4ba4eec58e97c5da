/* Out of memory, anywhere in galley. */
#ifndef OOM_H
#define OOM_H

/*
 * Say "galley: out of memory" once, whichever thread runs out first,
 * and exit with status 70 (EX_SOFTWARE, as the help says).  A thread
 * that runs out while another is exiting waits for the exit.
 */
void	galley_oom(void) __attribute__((noreturn));

#endif
