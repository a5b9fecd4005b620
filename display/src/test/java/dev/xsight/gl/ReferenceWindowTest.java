package dev.xsight.gl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Where the picture goes in the reference window (pure geometry; the window itself is in ReferenceOutputTest). */
class ReferenceWindowTest {

    @Test
    void aPictureOfTheWindowsSizeIsCopiedOneToOne() {
        assertArrayEquals(new int[] {0, 0, 1920, 1080}, GlFrameRenderer.fit(1920, 1080, 1920, 1080));
    }

    @Test
    void aPictureMatchingOneSideKeepsItsSizeAndIsCentredOnTheOther() {
        // 1920x1080 on a 1920x1200 (16:10) monitor: 1:1, 60 lines of black above and below.
        assertArrayEquals(new int[] {0, 60, 1920, 1080}, GlFrameRenderer.fit(1920, 1080, 1920, 1200));
        // DCI 2048x1080 on a 4096x2160 monitor would scale; on a 2048x1152 one it stays 1:1.
        assertArrayEquals(new int[] {0, 36, 2048, 1080}, GlFrameRenderer.fit(2048, 1080, 2048, 1152));
    }

    @Test
    void aSmallerPictureIsScaledUpToTheLimitingSideAndCentred() {
        // 1920x1080 on UHD: exactly 2x.
        assertArrayEquals(new int[] {0, 0, 3840, 2160}, GlFrameRenderer.fit(1920, 1080, 3840, 2160));
        // 4:3 1440x1080 on a 1920x1200 screen: height-limited, pillarboxed.
        assertArrayEquals(new int[] {160, 0, 1600, 1200}, GlFrameRenderer.fit(1440, 1080, 1920, 1200));
    }

    @Test
    void aLargerPictureIsScaledDownToFit() {
        // UHD on a 1920x1080 window: half size. 2.39:1 scope on 16:9: letterboxed.
        assertArrayEquals(new int[] {0, 0, 1920, 1080}, GlFrameRenderer.fit(3840, 2160, 1920, 1080));
        assertArrayEquals(new int[] {0, 138, 1920, 804}, GlFrameRenderer.fit(4096, 1716, 1920, 1080));
    }
}
