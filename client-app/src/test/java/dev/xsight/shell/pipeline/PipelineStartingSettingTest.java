package dev.xsight.shell.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xsight.media.Colorimetry;
import dev.xsight.render.PipelinePreset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which setting a source starts on: the saved one, else the preset for the transfer its frames signal. */
class PipelineStartingSettingTest {

    @Test
    void aSourceSignallingPqOrHlgStartsOnTheMatchingRec2100Preset() {
        assertEquals(PipelineSetting.of(PipelinePreset.PQ1000),
                PipelineViewModel.startingSetting(Optional.empty(), Colorimetry.Transfer.PQ));
        assertEquals(PipelineSetting.of(PipelinePreset.HLG1000),
                PipelineViewModel.startingSetting(Optional.empty(), Colorimetry.Transfer.HLG));
    }

    @Test
    void aSavedChoiceWinsOverTheSignalledTransfer() {
        PipelineSetting saved = PipelineSetting.of(PipelinePreset.ACES13_REC709);
        assertEquals(saved, PipelineViewModel.startingSetting(Optional.of(saved), Colorimetry.Transfer.PQ));
        assertEquals(saved, PipelineViewModel.startingSetting(Optional.of(saved), Colorimetry.Transfer.HLG));
    }
}
