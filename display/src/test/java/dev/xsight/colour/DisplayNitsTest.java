package dev.xsight.colour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.media.Colorimetry.Transfer;
import org.junit.jupiter.api.Test;

/** The display light of a neutral signal against the levels the standards publish. */
class DisplayNitsTest {
    @Test
    void sdrDisplaysPeakAtTheirReferenceWhite() {
        assertEquals(100, TransferOp.displayNits(Transfer.BT1886, 1), 1e-9);
        // ITU-R BT.1886 with L_B = 0: L = L_W · V^2.4.
        assertEquals(100 * Math.pow(0.5, 2.4), TransferOp.displayNits(Transfer.BT1886, 0.5), 1e-9);
        assertEquals(80, TransferOp.displayNits(Transfer.SRGB, 1), 1e-9);
        assertEquals(0, TransferOp.displayNits(Transfer.BT1886, -0.1), 1e-12);
    }

    @Test
    void hdrReferenceWhiteSitsWhereBt2408PutsIt() {
        // ITU-R BT.2408 Table 1: reference white 203 cd/m² is PQ 58 % and HLG 75 % (1000 cd/m² display).
        assertEquals(203, TransferOp.displayNits(Transfer.PQ, 0.58), 2);
        assertEquals(203, TransferOp.displayNits(Transfer.HLG, 0.75), 2);
        assertEquals(10000, TransferOp.displayNits(Transfer.PQ, 1), 1e-6);
        // BT.2100 publishes a, b, c to 8 digits: the inverse OETF of 1 is 1 within 3e-8.
        assertEquals(1000, TransferOp.displayNits(Transfer.HLG, 1), 1e-3);
    }
}
