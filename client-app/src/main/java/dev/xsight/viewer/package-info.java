/**
 * The viewer engine: {@link dev.xsight.viewer.Viewer} owns one source and feeds its frames to the preview, the
 * reference output and the scopes with its render parameters. Plain Java; the shell's JavaFX views adapt it.
 */
package dev.xsight.viewer;
