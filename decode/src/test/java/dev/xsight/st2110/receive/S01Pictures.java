package dev.xsight.st2110.receive;

import org.junit.jupiter.api.BeforeAll;

/**
 * Fixture for the receive tests that send three consecutive conformance pictures (s01: 1080p 4:2:2 10-bit, 2 bpp,
 * frames 0 to 2), each checked against the manifest's md5 once per test class before any test uses it.
 */
abstract class S01Pictures {
    static ReferencePicture f0;
    static ReferencePicture f1;
    static ReferencePicture f2;

    @BeforeAll
    static void s01References() throws Exception {
        Conformance.dir();
        f0 = ReferencePicture.of("s01_1080p422p10_bpp2_f0.jxs");
        f1 = ReferencePicture.of("s01_1080p422p10_bpp2_f1.jxs");
        f2 = ReferencePicture.of("s01_1080p422p10_bpp2_f2.jxs");
    }
}
