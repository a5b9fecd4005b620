/**
 * Shared review sessions on a NATS server with JetStream: several reviewers (colourist, director, QC) on one set of
 * notes, live.
 *
 * <p>One JetStream stream per session captures {@code xsight.<session>.>}. Note events travel on
 * {@code xsight.<session>.notes}, the driver's playhead on {@code xsight.<session>.playhead}, presence on
 * {@code xsight.<session>.presence}. Every client reads the stream from its start into its local session file
 * (the same SQLite file a solo session uses), so the file is the offline cache of the shared session and every
 * export works from it. {@link dev.xsight.session.NoteLedger} is the pure merge rule (per field by version,
 * deletions final); {@link dev.xsight.session.SharedSession} is the connection.
 */
package dev.xsight.session;
