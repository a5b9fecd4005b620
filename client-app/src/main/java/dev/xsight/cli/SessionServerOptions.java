package dev.xsight.cli;

import dev.xsight.session.SessionName;
import dev.xsight.session.SessionServer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that name a shared session and its server, shared by {@code notes} and {@code session}. */
final class SessionServerOptions {
    @Option(names = "--server", description = "NATS server: tls://host:port (or nats://, loopback only unless "
            + "--insecure); user:password@ may precede the host.")
    String url;
    @Option(names = "--session", description = "Session name: letters, digits, '-' and '_', at most 64.")
    String session;
    @Option(names = "--ca", description = "CA certificate (PEM) that signed the server's certificate.")
    Path ca;
    @Option(names = "--creds", description = "NATS credentials file (user JWT and NKey seed).")
    Path creds;
    @Option(names = "--insecure", description = "Allow plain nats:// to a host outside loopback.")
    boolean insecure;

    /** Whether a server was named (else the command works on a local --db file). */
    boolean given() {
        return url != null;
    }

    SessionServer server() {
        if (url == null) {
            throw new IllegalArgumentException("--server is required");
        }
        return SessionServer.of(url, ca, creds, insecure);
    }

    SessionName name() {
        if (session == null) {
            throw new IllegalArgumentException("--session is required with --server");
        }
        return new SessionName(session);
    }
}
