/**
 * A provider as a feed server's upstream: the app's own headless feed client (the {@code source} sessions on the
 * shared {@code feed} supervisor, with their refills by id or time and their gap reports) run inside the server, and
 * every trade and settled gap handed on in order. The server republishes them in our protocol with its own seqs and
 * epoch. Never imports JavaFX or UI code; knows nothing of the server it feeds.
 */
package io.stockmonitor.relay;
