/* The subcommands of fb-eval, each a main of its own: argv[0] is the
 * subcommand's name ("build", "report", "score") and the program name in
 * messages is "fb-eval build" and so on. Each returns the exit status. */
#ifndef FB_EVAL_CMD_H
#define FB_EVAL_CMD_H

int eval_build_main(int argc, char **argv);
int eval_report_main(int argc, char **argv);
int eval_score_main(int argc, char **argv);

#endif
