/**
 * DNS-SD (RFC 6763) for NMOS: finding Registration and Query APIs ({@code _nmos-register._tcp},
 * {@code _nmos-query._tcp}) by unicast DNS (RFC 1035, to a configured server and search domain) and by multicast DNS
 * (RFC 6762), ordered by the IS-04 priority rules; and the mDNS advertisement of our Node API
 * ({@code _nmos-node._tcp}) for peer-to-peer operation.
 *
 * <p>The DNS message encoding is our own ({@link DnsMessage}); a malformed packet is a {@link DnsFormatException}
 * naming the byte offset, never an unchecked exception out of a receive loop.
 */
package dev.xsight.nmos.discovery;
