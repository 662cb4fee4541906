/**
 * Feed protocol v1: the message types both sides exchange, their JSON mapping, and the protocol's constants.
 *
 * <p>Shared by the app's feed client and the feed simulator; depends on nothing but Jackson, so it runs headless.
 * The wire format is specified in {@code docs/PROTOCOL.md}; change it only with a version bump.
 */
package io.stockmonitor.protocol;
