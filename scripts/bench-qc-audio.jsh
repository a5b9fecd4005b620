// Cost of the audio QC checks (docs/BENCHMARKS.md, "Live QC checks"): an hour of 48 kHz 16-bit audio, stereo and 5.1
// (Gaussian noise at about -20 dBFS, blocks of 1024 frames), through the loudness meter (K-weighting, gating, LRA,
// 4x true peak, phase) and the silence detector, each on its own after a minute of warm-up.
// Build first (./monitor builds on first use), then:
//   jshell --class-path client-app/target/classes:decode/target/classes scripts/bench-qc-audio.jsh
import dev.xsight.qc.audio.*;
int rate = 48000;
int block = 1024;
double seconds = 3600;
void bench(String what, int channels, java.util.function.Supplier<AudioCheck> make) {
    var rnd = new java.util.Random(1);
    short[][] blocks = new short[47][block * channels];
    for (short[] b : blocks) {
        for (int i = 0; i < b.length; i++) b[i] = (short) Math.max(-32768, Math.min(32767, rnd.nextGaussian() * 3300));
    }
    AudioCheck warm = make.get();
    for (int i = 0; i < 60L * rate / block; i++) warm.accept(blocks[i % 47], block, channels, rate, 0);
    AudioCheck check = make.get();
    long n = (long) (seconds * rate / block);
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (long i = 0; i < n; i++) check.accept(blocks[(int) (i % 47)], block, channels, rate, 0);
    check.finish();
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    double audio = (double) n * block / rate;
    System.out.printf("%-9s %-8s wall %.3f ms per second of audio (%.0fx real time, %.1f s for %.0f s); CPU %.3f ms/s"
            + " (%.0fx)%n", what, channels == 2 ? "stereo" : "5.1", wall * 1000 / audio, audio / wall, wall, audio,
            cpu * 1000 / audio, audio / cpu);
}
for (int ch : new int[] {2, 6}) {
    bench("loudness", ch, () -> LoudnessMeter.defaults(e -> {}));
    bench("silence", ch, () -> SilenceDetector.defaults(e -> {}));
}
/exit
