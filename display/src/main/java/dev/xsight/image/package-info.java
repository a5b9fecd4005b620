/**
 * Displayed pictures as 10-bit R'G'B' codes ({@link dev.xsight.image.DisplayImage}), the common ground of the
 * overlays that paint on them and the scopes that count them.
 */
package dev.xsight.image;
