package dev.fanout.bootstrap.lambda;

/** The three ways the function is deployed; each has its handler class and its Dagger component. */
enum HandlerKind {
    /** {@link PipeTargetHandler}: the pipe's target, rows to Firehose. */
    TARGET("target", true),
    /** {@link PipeEnrichmentHandler}: rows returned to the pipe, which sends them on to Firehose. */
    ENRICHMENT("enrichment", true),
    /** {@link FirehoseTransformHandler}: a Firehose stream's data transformation. */
    TRANSFORM("transform", false);

    private final String cliName;
    private final boolean needsRowsStream;

    HandlerKind(String cliName, boolean needsRowsStream) {
        this.cliName = cliName;
        this.needsRowsStream = needsRowsStream;
    }

    /** The name {@code invoke-local --handler} takes. */
    String cliName() {
        return cliName;
    }

    /** Whether the handler writes rows to Firehose itself and so needs {@code FANOUT_ROWS_STREAM}. */
    boolean needsRowsStream() {
        return needsRowsStream;
    }

    static HandlerKind fromCliName(String name) {
        for (HandlerKind kind : values()) {
            if (kind.cliName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown handler '" + name + "': use target, enrichment or transform");
    }
}
