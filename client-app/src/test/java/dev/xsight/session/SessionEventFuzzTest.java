package dev.xsight.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes what a shared session reads from the server: any bytes on {@code xsight.<session>.notes}. Properties:
 * <ul>
 *   <li>{@link NoteEvent#decode} returns an event or throws {@link IllegalArgumentException}; nothing else;
 *   <li>a decoded event encodes and decodes back to itself;
 *   <li>{@link NoteLedger#apply} either applies it or throws {@link IllegalArgumentException} and leaves the visible
 *       notes as they were (a bad event never half-applies).
 * </ul>
 * The input is split at 0x1E (record separator) into several events applied in order to one ledger, so sequences
 * (add, change, delete of one id) are explored. Runs its inputs as a regression test in every build;
 * {@code ./monitor fuzz --target session-event} fuzzes.
 */
class SessionEventFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailTypedAndNeverHalfApply(byte[] data) {
        NoteLedger ledger = new NoteLedger();
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == 0x1E) {
                one(ledger, Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
    }

    private static void one(NoteLedger ledger, byte[] bytes) {
        NoteEvent e;
        try {
            e = NoteEvent.decode(bytes);
        } catch (IllegalArgumentException expected) {
            return;
        }
        NoteEvent back = NoteEvent.decode(e.encode());
        if (!back.equals(e)) {
            throw new AssertionError("round trip changed " + e + " into " + back);
        }
        List<?> before = ledger.notes();
        long version = ledger.version(e.noteId());
        try {
            ledger.apply(e);
        } catch (IllegalArgumentException refused) {
            if (!ledger.notes().equals(before) || ledger.version(e.noteId()) != version) {
                throw new AssertionError("a refused event changed the ledger: " + e, refused);
            }
        }
    }
}
