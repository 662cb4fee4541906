/**
 * The bundled feed simulator: a Jetty 12 WebSocket server speaking protocol v1 with a seeded, simulated price
 * model, fault controls for demos and tests, and an embeddable API ({@link io.stockmonitor.simulator.EmbeddedSimulator}).
 * All prices it serves are simulated, unless it relays a provider ({@code io.stockmonitor.relay}); its history is in
 * memory, or shared in Redis ({@code io.stockmonitor.cluster}). It never uses the app, its screens or JavaFX.
 */
package io.stockmonitor.simulator;
