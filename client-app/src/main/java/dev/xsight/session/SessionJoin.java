package dev.xsight.session;

import java.util.Objects;

/**
 * What joining a shared session takes, carried as one value from the command line or the join form to the shell.
 *
 * @param server where the session lives
 * @param name the session
 * @param member who joins, in which role and watching which feed
 */
public record SessionJoin(SessionServer server, SessionName name, Member member) {
    public SessionJoin {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(member, "member");
    }
}
