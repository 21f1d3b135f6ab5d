/*
 * main.c — the mpbox executable: `mpbox serve [OPTION]...` is the agent
 * server (server/, docs/serve.md), everything else the command (cli/,
 * docs/mpbox.1). The one place that sees both layers.
 */
#include <string.h>

#include "cli.h"
#include "serve.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "serve") == 0)
        return serve_main(argc - 1, argv + 1);
    return cli_main(argc, argv);
}
