/* fb-eval: user-rated evaluation and training sets, the per-intent report,
 * and scores of a candidate's answers. This file only picks the subcommand;
 * each lives in cmd/fb-eval/. See fb-eval(1). */
#include <stdio.h>
#include <string.h>

#include "fb-eval/eval.h"
#include "fb_alloc.h"
#include "fb_diag.h"

static const char *prog = "fb-eval";

static const struct subcommand {
	const char *name;
	int (*main)(int, char **);
	const char *summary;
} subcommands[] = {
	{ "build", eval_build_main, "select, dedup and redact cases; write eval or training sets" },
	{ "report", eval_report_main, "per-intent satisfaction report; gate with --fail-if" },
	{ "score", eval_score_main, "score a candidate's answers against an eval set" },
};

static void usage(void)
{
	printf("Usage: %s COMMAND [OPTION]... [FILE]...\n"
	       "Turn scored, clustered interactions (fb-extract | fb-cluster) into\n"
	       "evaluation and training sets, and report where users are unhappy.\n\n"
	       "Commands:\n",
	       prog);
	for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
		printf("  %-8s %s\n", subcommands[i].name, subcommands[i].summary);
	printf("\n"
	       "  -h, --help     show this help and exit\n"
	       "  -V, --version  show the version and exit\n\n"
	       "'%s COMMAND --help' describes a command's options. See fb-eval(1).\n"
	       "Exit status: 0 success, 1 a --fail-if condition holds, 2 usage or input error.\n",
	       prog);
}

int main(int argc, char **argv)
{
	fb_alloc_init(prog);
	fb_diag_ignore_sigpipe();
	if (argc < 2)
		return fb_diag_usage(prog, "missing command (build, report or score)");
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage();
		return fb_diag_close_stdout(prog);
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("%s (fbloop) %s\n", prog, FB_VERSION);
		return fb_diag_close_stdout(prog);
	}
	for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].main(argc - 1, argv + 1);
	return fb_diag_usage(prog, "unknown command '%s' (build, report or score)", argv[1]);
}
