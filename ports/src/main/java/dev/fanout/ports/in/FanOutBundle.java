package dev.fanout.ports.in;

import dev.fanout.ports.BundleEnvelope;

/** Use case: fan one bundle out into encoded rows and dead letters (spec §1–§6). Pure: no I/O. */
public interface FanOutBundle {

    BundleOutcome fanOut(BundleEnvelope envelope);
}
