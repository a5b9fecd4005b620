/** The built-in test signal: SMPTE RP 219 bars, a 10-bit ramp, motion and burnt-in timecode, as a live source. */
package dev.xsight.signal;
