/**
 * Live QC in the shell: {@link dev.xsight.shell.qc.LiveQc} runs a QC profile's checks on the main viewer's frames
 * (through the viewer's frame tap, on the {@code xsight-qc} worker, which skips whole frames rather than slow the
 * display) and writes the findings as {@code auto-QC} notes into the review session; {@link
 * dev.xsight.shell.qc.QcPanel} shows the counters per event type and the frames skipped.
 */
package dev.xsight.shell.qc;
