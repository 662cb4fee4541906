/**
 * Our own feed protocol (docs/PROTOCOL.md) as a source: the session that resumes each symbol from its (epoch, seq),
 * resyncs from snapshots, and reads heartbeats; the zero-garbage tick path (parser, sequence check) it runs on.
 */
package io.stockmonitor.source.v1;
