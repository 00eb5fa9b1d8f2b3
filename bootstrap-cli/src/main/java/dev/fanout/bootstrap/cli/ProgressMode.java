package dev.fanout.bootstrap.cli;

/** When to draw a progress bar on stderr. {@code auto}: when stderr is a terminal (the launcher knows). */
enum ProgressMode {
    AUTO, ALWAYS, NEVER
}
