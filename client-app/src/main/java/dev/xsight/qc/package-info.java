/**
 * Automated QC of what is shown: the finding model ({@link dev.xsight.qc.QcEvent}) and what runs the checks. The
 * checks live in {@code qc.video} (on decoded frames) and {@code qc.audio} (on decoded audio blocks); each follows
 * the definition of a standard or an FFmpeg detector so that its results can be checked against an independent
 * implementation.
 *
 * <p>Threading: a check is fed from one thread (the QC worker); it keeps no reference to a frame or block after
 * {@code accept} returns and allocates nothing per frame once it has seen the first frame of a size.
 */
package dev.xsight.qc;
