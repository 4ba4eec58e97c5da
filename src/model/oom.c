/* Out of memory (oom.h). */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "model/oom.h"

void
galley_oom(void)
{
	static atomic_flag	 said = ATOMIC_FLAG_INIT;

	if (atomic_flag_test_and_set(&said))
		for (;;)
			pause();	/* the first one exits for us all */
	fputs("galley: out of memory\n", stderr);
	exit(70);
}
