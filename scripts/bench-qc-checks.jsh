// Per-frame cost of the QC checks on a 1080p 4:2:2 10-bit frame of noise (docs/BENCHMARKS.md, "Live QC").
// Build first (./monitor builds on first use), then: jshell --class-path client-app/target/classes:decode/target/classes scripts/bench-qc-checks.jsh
import dev.xsight.media.*;
import dev.xsight.qc.*;
import dev.xsight.qc.video.*;
var f = Frame.allocate(PixelFormat.YUV422P10, 1920, 1080).colorimetry(Colorimetry.BT709).frameRate(new FrameRate(60000, 1001));
var rnd = new java.util.Random(1);
for (int p = 0; p < 3; p++) { short[] a = f.plane(p); for (int i = 0; i < a.length; i++) a[i] = (short) (64 + rnd.nextInt(876)); }
var black = BlackDetector.defaults(e -> {});
var freeze = FreezeDetector.defaults(e -> {});
for (int i = 0; i < 300; i++) { black.accept(f); freeze.accept(f); }
long[] tb = new long[200]; long[] tf = new long[200];
for (int i = 0; i < 200; i++) { long t0 = System.nanoTime(); black.accept(f); long t1 = System.nanoTime(); freeze.accept(f); long t2 = System.nanoTime(); tb[i] = t1 - t0; tf[i] = t2 - t1; }
java.util.Arrays.sort(tb); java.util.Arrays.sort(tf);
System.out.printf("black p50 %.3f ms, freeze p50 %.3f ms per 1080p 4:2:2 10-bit frame%n", tb[100] / 1e6, tf[100] / 1e6);
/exit
