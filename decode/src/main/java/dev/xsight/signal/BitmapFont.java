package dev.xsight.signal;

/**
 * A 5x7 dot-matrix font for the digits and timecode separators burnt into the test signal. Each glyph is seven rows
 * of five bits, most significant bit on the left, as classic character-generator ROMs store them.
 */
final class BitmapFont {
    static final int WIDTH = 5;
    static final int HEIGHT = 7;

    private static final int[][] DIGITS = {
        {0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110}, // 0
        {0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110}, // 1
        {0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111}, // 2
        {0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110}, // 3
        {0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010}, // 4
        {0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110}, // 5
        {0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110}, // 6
        {0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000}, // 7
        {0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110}, // 8
        {0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100}, // 9
    };
    static final int[] COLON = {0b00000, 0b01100, 0b01100, 0b00000, 0b01100, 0b01100, 0b00000};
    static final int[] SEMICOLON = {0b00000, 0b01100, 0b01100, 0b00000, 0b01100, 0b00100, 0b01000};

    private BitmapFont() {
    }

    static int[] digit(int d) {
        return DIGITS[d];
    }
}
