package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Message;

/** Sees every tick as it is published, on the publishing thread (keep it quick). For tests. */
@FunctionalInterface
public interface PublishListener {
    void published(String epoch, Message.Tick tick);
}
