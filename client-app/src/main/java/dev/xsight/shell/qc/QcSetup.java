package dev.xsight.shell.qc;

import dev.xsight.checklist.ChecklistTemplate;
import dev.xsight.checklist.ChecklistTemplates;
import dev.xsight.qc.QcProfile;
import dev.xsight.shell.ShellReview;
import dev.xsight.shell.ShellView;
import dev.xsight.shell.ShellViewModel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires live QC into a shell: the worker on the main viewer's frames, the panel under the notes, notes on findings. */
public final class QcSetup {
    private static final Logger LOG = LoggerFactory.getLogger(QcSetup.class);

    private QcSetup() {
    }

    /**
     * @param review the review session the findings go into as notes, or null (counters only)
     * @return the live QC, to close with the shell
     */
    public static LiveQc attach(ShellViewModel vm, ShellView view, ShellReview review, QcProfile profile,
            java.nio.file.Path checklistFolder) {
        List<ChecklistTemplate> templates;
        try {
            templates = ChecklistTemplates.load(checklistFolder);
        } catch (RuntimeException e) {
            LOG.warn("checklists not ticked by live QC: {}", e.getMessage());
            templates = List.of();
        }
        LiveQc qc = new LiveQc(vm.viewer(), profile, review == null ? () -> null : review::noteStore, templates,
                review == null ? () -> { } : review::refreshNotes).attach();
        view.setQcPanel(new QcPanel(qc));
        return qc;
    }
}
