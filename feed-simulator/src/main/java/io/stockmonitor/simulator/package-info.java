/**
 * The bundled feed simulator: a Jetty 12 WebSocket server speaking protocol v1 with a seeded, simulated price
 * model, fault controls for demos and tests, and an embeddable API ({@link io.stockmonitor.simulator.EmbeddedSimulator}).
 * All prices it serves are simulated. It may use {@code io.stockmonitor.protocol} and nothing else of the app.
 */
package io.stockmonitor.simulator;
