package dev.fanout.bootstrap.cli;

/** What a replay's inputs hold: bundles ({@code fanout replay}) or dead letters to redrive ({@code fanout redrive}). */
enum InputKind {
    BUNDLES, DEAD_LETTERS
}
