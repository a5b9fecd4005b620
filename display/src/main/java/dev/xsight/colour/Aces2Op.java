package dev.xsight.colour;

import java.util.List;

/** ACES 2.0 output transform — not implemented yet. */
public final class Aces2Op {
    private Aces2Op() {
    }

    static List<ColourOp> outputTransform(AcesOutput.Target t) {
        throw new UnsupportedOperationException("ACES 2.0 output transforms are not implemented yet");
    }
}
