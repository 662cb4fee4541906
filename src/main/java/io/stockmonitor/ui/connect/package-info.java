/**
 * File → Connect…: choosing a source (our protocol, a provider, the demo) with the fields it needs, and the
 * {@link io.stockmonitor.ui.connect.CredentialVault} that keeps keys only where the user asked.
 */
package io.stockmonitor.ui.connect;
