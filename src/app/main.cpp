#include "app/cli.h"

int main(int argc, char** argv) { return onemap::app::run_cli(argc, argv); }
