package dev.xsight.hls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/** Builds small HLS test streams with the FFmpeg command-line tool (tests fail, naming the package, when it is not installed). */
final class TestStreams {
    private TestStreams() {
    }

    static boolean ffmpegAvailable() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails the calling test (or class, from {@code @BeforeAll}) when the ffmpeg tool is not on PATH. */
    static void requireFfmpeg() {
        Assertions.assertTrue(ffmpegAvailable(), "the ffmpeg command-line tool is not on PATH: install the ffmpeg "
                + "package (./monitor test installs it on Debian/Ubuntu: apt-get install ffmpeg)");
    }

    static void ffmpeg(Path dir, String... args) throws IOException, InterruptedException {
        Process p = start(dir, args);
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ffmpeg failed: " + String.join(" ", args) + "\n" + out);
        }
    }

    static Process start(Path dir, String... args) throws IOException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    /**
     * 10-bit HEVC (x265 Main10, lossless so code values survive exactly) in fMP4 segments of 1 s, 25 fps, 2 s,
     * PQ/BT.2020 signalled, AAC tone, program-date-time. Luma at (x, y) of frame n is {@code 64 + 3x + n}, Cb is
     * {@code 512 + y}, Cr is {@code 448 + x} (chroma-plane coordinates).
     */
    static Path hevcMain10Fmp4(Path dir) throws IOException, InterruptedException {
        ffmpeg(dir, "-f", "lavfi", "-i",
                "nullsrc=s=256x144:r=25:d=2,format=yuv420p10le,geq=lum='64+X*3+N':cb='512+Y':cr='448+X'",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:d=2",
                "-c:v", "libx265", "-x265-params", "lossless=1:keyint=25:min-keyint=25:log-level=error",
                "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", "-tag:v", "hvc1",
                "-c:a", "aac", "-b:a", "64k", "-f", "hls", "-hls_time", "1", "-hls_playlist_type", "vod",
                "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4", "-hls_flags", "program_date_time",
                "-hls_segment_filename", "seg%d.m4s", "index.m3u8");
        return dir.resolve("index.m3u8");
    }

    /** AVC in MPEG-TS, two renditions (320x180 ~600 kb/s, 160x90 ~150 kb/s) under master.m3u8, 3 s, 25 fps. */
    static Path avcTwoRenditions(Path dir) throws IOException, InterruptedException {
        ffmpeg(dir, "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=3", "-filter_complex",
                "[0:v]split=2[a][b];[b]scale=160:90[bs]", "-map", "[a]", "-map", "[bs]", "-c:v", "libx264",
                "-preset", "ultrafast", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-b:v:0", "600k",
                "-b:v:1", "150k", "-f", "hls", "-hls_time", "1", "-hls_playlist_type", "vod", "-hls_flags",
                "program_date_time", "-var_stream_map", "v:0 v:1", "-master_pl_name", "master.m3u8",
                "-hls_segment_filename", "r%v/s%d.ts", "r%v/index.m3u8");
        return dir.resolve("master.m3u8");
    }

    /** AVC MPEG-TS, 2 s, AES-128 with key {@code key.bin} (16 bytes) and an explicit IV. */
    static Path aes128(Path dir, byte[] key) throws IOException, InterruptedException {
        return aes128(dir, key, true);
    }

    /**
     * As {@link #aes128(Path, byte[])}; without an explicit IV FFmpeg encrypts each segment with its media sequence
     * number as the IV and writes no IV attribute (RFC 8216 5.2).
     */
    static Path aes128(Path dir, byte[] key, boolean explicitIv) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("key.bin"), key);
        Files.writeString(dir.resolve("keyinfo"), "key.bin\n" + dir.resolve("key.bin").toAbsolutePath()
                + "\n" + (explicitIv ? "000102030405060708090a0b0c0d0e0f\n" : ""));
        ffmpeg(dir, "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=2", "-c:v", "libx264", "-preset", "ultrafast",
                "-g", "25", "-f", "hls", "-hls_time", "1", "-hls_playlist_type", "vod", "-hls_key_info_file",
                "keyinfo", "-hls_segment_filename", "s%d.ts", "index.m3u8");
        return dir.resolve("index.m3u8");
    }

    /**
     * Starts a live sliding-window stream written in real time (1 s segments, window of 4, program-date-time,
     * deleting old segments). The caller destroys the process.
     */
    static Process live(Path dir) throws IOException {
        return start(dir, "-re", "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25", "-t", "60", "-c:v", "libx264",
                "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
                "-f", "hls", "-hls_time", "1", "-hls_list_size", "4", "-hls_flags",
                "delete_segments+program_date_time+temp_file", "-hls_segment_filename", "live%d.ts", "live.m3u8");
    }

    /**
     * A presentation whose audio lives in alternative renditions with their own playlists (RFC 8216 4.3.4.1):
     * {@code master.m3u8} lists one video-only AVC variant (160x90, 25 fps, 3.9 s) with {@code AUDIO="group_aud"},
     * and two mono AAC renditions at 48 kHz: {@code audio_1} (LANGUAGE eng, DEFAULT=YES, 1 kHz sine at amplitude
     * 1/8: peak -18.06 dBFS, RMS -21.07 dBFS) and {@code audio_2} (LANGUAGE fra, 500 Hz at 1/4: peak -12.04 dBFS).
     * Sync marks: in the last 0.1 s of every second the picture is black (luma 16, else 235) and both tones are
     * silent, so each whole second starts with a flash and a tone onset at the same presentation time.
     *
     * @param fmp4 fMP4/CMAF segments when true, MPEG-TS when false
     */
    static Path alternativeAudio(Path dir, boolean fmp4) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "nullsrc=s=160x90:r=25:d=3.9,format=yuv420p,geq=lum='if(lt(mod(T,1),0.9),235,16)':cb=128:cr=128",
                "-f", "lavfi", "-i", "aevalsrc='if(lt(mod(t,1),0.9),0.125*sin(2*PI*1000*t),0)':s=48000:d=3.9",
                "-f", "lavfi", "-i", "aevalsrc='if(lt(mod(t,1),0.9),0.25*sin(2*PI*500*t),0)':s=48000:d=3.9",
                "-map", "0:v", "-map", "1:a", "-map", "2:a", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
                "-keyint_min", "25", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "96k", "-f", "hls",
                "-hls_time", "1", "-hls_playlist_type", "vod", "-hls_flags", "program_date_time",
                "-var_stream_map",
                "v:0,agroup:aud a:0,agroup:aud,default:yes,language:eng,name:eng a:1,agroup:aud,language:fra,name:fra",
                "-master_pl_name", "master.m3u8"));
        if (fmp4) {
            args.addAll(List.of("-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
                    "-hls_segment_filename", "r%v/s%d.m4s", "r%v/index.m3u8"));
        } else {
            args.addAll(List.of("-hls_segment_filename", "r%v/s%d.ts", "r%v/index.m3u8"));
        }
        ffmpeg(dir, args.toArray(String[]::new));
        return dir.resolve("master.m3u8");
    }
}
