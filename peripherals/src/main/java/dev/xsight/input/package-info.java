/**
 * Input devices mapped to named actions: key chords and keymap files now; jog/shuttle, MIDI and grading panels
 * later. Knows nothing of video or of any UI toolkit.
 */
package dev.xsight.input;
