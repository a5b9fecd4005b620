package dev.xsight.cli;

import dev.xsight.media.FrameRate;
import dev.xsight.media.Timecode;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xsight timecode}: converts between SMPTE timecode and frame counts at a rate. */
@Command(name = "timecode", mixinStandardHelpOptions = true,
        description = "Convert SMPTE ST 12-1 timecode <-> frame count, or show time-of-day timecode.")
final class TimecodeCommand implements Callable<Integer> {
    @Option(names = "--rate", required = true, description = "Frame rate, e.g. 24000/1001, 25, 29.97, 60000/1001.")
    String rate;

    @Option(names = "--drop", description = "Drop-frame counting (29.97 and 59.94 only).")
    boolean drop;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--tc", description = "Timecode HH:MM:SS:FF (or HH:MM:SS;FF drop-frame) -> frame count.")
        String tc;

        @Option(names = "--frames", description = "Frame count -> timecode.")
        Long frames;

        @Option(names = "--now", description = "Time-of-day timecode of the local clock.")
        boolean now;
    }

    @Override
    public Integer call() {
        FrameRate r = FrameRate.parse(rate);
        if (input.tc != null) {
            System.out.println(Timecode.parse(input.tc, r).toFrameCount(r));
        } else if (input.frames != null) {
            System.out.println(Timecode.fromFrameCount(input.frames, r, drop));
        } else {
            System.out.println(Timecode.ofTimeOfDay(java.time.LocalTime.now(), r, drop));
        }
        return 0;
    }
}
