package dev.xsight.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xsight.media.Timecode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A listener that keeps what it was told, and lets a test wait for a condition on it (an event, not a clock). */
final class Recorder implements SessionListener {
    final Map<String, AtomicInteger> added = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> deleted = new ConcurrentHashMap<>();
    final List<String> playheads = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> presence = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<SharedSession.State> states = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger changed = new AtomicInteger();

    @Override
    public synchronized void onNote(NoteLedger.Applied a) {
        switch (a.outcome()) {
            case ADDED -> added.computeIfAbsent(a.noteId(), k -> new AtomicInteger()).incrementAndGet();
            case DELETED -> deleted.computeIfAbsent(a.noteId(), k -> new AtomicInteger()).incrementAndGet();
            case CHANGED -> changed.incrementAndGet();
            default -> { }
        }
        notifyAll();
    }

    @Override
    public synchronized void onPlayhead(String by, Timecode tc, String source) {
        playheads.add(by + " " + tc + " " + source);
        notifyAll();
    }

    @Override
    public synchronized void onPresence(Member member, boolean joined) {
        presence.add((joined ? "joined " : "left ") + member.name() + " " + member.role().word());
        notifyAll();
    }

    @Override
    public synchronized void onConnection(SharedSession.State state, int queued) {
        states.add(state);
        notifyAll();
    }

    @Override
    public synchronized void onRefused(String subject, String why) {
        refused.add(subject);
        notifyAll();
    }

    /** Waits until {@code condition} holds; fails after a long safety limit (never reached by a passing run). */
    synchronized void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            assertTrue(left > 0, "never happened: " + what);
            wait(Math.max(1, Math.min(left / 1_000_000, 200)));
        }
    }
}
