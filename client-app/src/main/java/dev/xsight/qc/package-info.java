/**
 * Automated QC of what is shown: checks that watch the decoded frames as they arrive and report findings as
 * {@link dev.xsight.qc.QcEvent}s with the first and last affected frame. Each check follows the definition of an
 * FFmpeg detector so that its results can be checked against that independent implementation:
 * {@link dev.xsight.qc.BlackDetector} ({@code blackdetect}), {@link dev.xsight.qc.FreezeDetector}
 * ({@code freezedetect}).
 *
 * <p>Threading: a check is fed from one thread (the QC worker); it keeps no reference to a frame after
 * {@code accept} returns and allocates nothing per frame once it has seen the first frame of a size.
 */
package dev.xsight.qc;
