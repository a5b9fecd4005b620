package dev.xsight.qc;

import dev.xsight.qc.audio.AudioCheck;
import dev.xsight.qc.video.VideoCheck;
import java.util.List;

/** The checks one QC run feeds: video checks get every frame, audio checks every audio block. */
public record QcChecks(List<VideoCheck> video, List<AudioCheck> audio) {
    public QcChecks {
        video = List.copyOf(video);
        audio = List.copyOf(audio);
    }
}
