package dev.xsight.session;

import dev.xsight.media.Timecode;

/**
 * What a shared session tells its user. Called on the session's one dispatch thread, in stream order; a listener
 * must return quickly (hand over to the JavaFX thread with {@code Platform.runLater} in the shell).
 */
public interface SessionListener {

    /**
     * Every message that was in the stream when this client joined has been applied; {@link SharedSession#notes()}
     * now shows the session as it stood, and what follows is live. Called once, before the first live event.
     */
    default void onCaughtUp(SharedSession session) {
    }

    /** A note event changed the visible notes (added, changed or deleted), ours or another reviewer's. */
    default void onNote(NoteLedger.Applied applied) {
    }

    /** The driver moved the playhead or switched source. */
    default void onPlayhead(String by, Timecode tc, String source) {
    }

    /** Someone joined or left. */
    default void onPresence(Member member, boolean joined) {
    }

    /** The connection changed state; {@code queued} notes wait to be published. */
    default void onConnection(SharedSession.State state, int queued) {
    }

    /** The server refused something this client published (permissions), with the server's words. */
    default void onRefused(String subject, String why) {
    }

    /** A message in the stream could not be read; it is skipped and counted. */
    default void onUnreadable(long streamSequence, String why) {
    }
}
