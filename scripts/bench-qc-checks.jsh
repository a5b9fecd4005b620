// Per-frame cost of the QC video checks on a 1080p 4:2:2 10-bit frame (docs/BENCHMARKS.md, "Live QC"): each check
// alone and all of them in turn, in CPU time of the feeding thread (steadier than wall time on a shared machine),
// median of 5 runs of 200 frames after 300 warm-up frames, on two contents: "noise" (two frames of uniform
// noise in turn: everything out of range and gamut, every pixel flashing, no freeze: the worst case) and "bars"
// (static EBU 75 % bars: the common case).
// Build first (./monitor builds on first use), then:
// jshell -J--add-modules -Jjdk.incubator.vector --execution local --class-path client-app/target/classes:display/target/classes:decode/target/classes scripts/bench-qc-checks.jsh
// (without the two -J options the checks run their scalar loops, as where the module is absent)
import dev.xsight.media.*;
import dev.xsight.qc.*;
import dev.xsight.qc.video.*;
import java.util.function.*;

Frame frame() { return Frame.allocate(PixelFormat.YUV422P10, 1920, 1080).colorimetry(Colorimetry.BT709).frameRate(new FrameRate(60000, 1001)); }
Frame noise(long seed) { var f = frame(); var rnd = new java.util.Random(seed); for (int p = 0; p < 3; p++) { short[] a = f.plane(p); for (int i = 0; i < a.length; i++) a[i] = (short) (64 + rnd.nextInt(876)); } return f; }
// EBU 75 % bars: R'G'B' of white, yellow, cyan, green, magenta, red, blue, black at 75 %, to Y'CbCr with BT.709.
Frame bars() {
    var f = frame(); int[][] rgb = {{1,1,1},{1,1,0},{0,1,1},{0,1,0},{1,0,1},{1,0,0},{0,0,1},{0,0,0}};
    for (int x = 0; x < 1920; x++) { int[] c = rgb[x * 8 / 1920]; double r = 0.75 * c[0], g = 0.75 * c[1], b = 0.75 * c[2];
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b, cb = (b - y) / 1.8556, cr = (r - y) / 1.5748;
        for (int row = 0; row < 1080; row++) { f.plane(0)[row * 1920 + x] = (short) Math.round(64 + 876 * y);
            if ((x & 1) == 0) { f.plane(1)[row * 960 + x / 2] = (short) Math.round(512 + 896 * cb); f.plane(2)[row * 960 + x / 2] = (short) Math.round(512 + 896 * cr); } } }
    return f; }
double medianMs(Supplier<VideoCheck> make, Frame a, Frame b) {
    var c = make.get(); for (int i = 0; i < 300; i++) c.accept((i & 1) == 0 ? a : b);
    double[] runs = new double[5];
    var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int r = 0; r < 5; r++) { long t0 = cpu.getCurrentThreadCpuTime(); for (int i = 0; i < 200; i++) c.accept((i & 1) == 0 ? a : b); runs[r] = (cpu.getCurrentThreadCpuTime() - t0) / 200 / 1e6; }
    java.util.Arrays.sort(runs); return runs[2]; }
class All implements VideoCheck { final VideoCheck[] cs; All(VideoCheck... cs) { this.cs = cs; } public void accept(Frame f) { for (var c : cs) c.accept(f); } public void finish() { for (var c : cs) c.finish(); } }
Consumer<QcEvent> none = e -> {};
var contents = new java.util.LinkedHashMap<String, Frame[]>();
contents.put("noise", new Frame[] {noise(1), noise(2)});
var bar = bars(); contents.put("bars", new Frame[] {bar, bar});
var checks = new java.util.LinkedHashMap<String, Supplier<VideoCheck>>();
checks.put("black", () -> BlackDetector.defaults(none));
checks.put("freeze", () -> FreezeDetector.defaults(none));
checks.put("luma_range", () -> RangeDetector.defaults(none));
checks.put("gamut", () -> GamutDetector.defaults(none));
checks.put("flash+red_flash", () -> FlashDetector.defaults(none));
checks.put("all video checks", () -> new All(BlackDetector.defaults(none), FreezeDetector.defaults(none), RangeDetector.defaults(none), GamutDetector.defaults(none), FlashDetector.defaults(none)));
for (var c : contents.entrySet()) for (var k : checks.entrySet()) System.out.printf("%-6s %-17s %6.2f ms per 1080p 4:2:2 10-bit frame (CPU, median of 5 x 200)%n", c.getKey(), k.getKey(), medianMs(k.getValue(), c.getValue()[0], c.getValue()[1]));
/exit
