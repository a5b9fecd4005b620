package dev.xsight.jpegxs;

/** Marker codes of ISO/IEC 21122-1 Annex A (Table A.2). */
final class Marker {
    static final int SOC = 0xFF10;
    static final int EOC = 0xFF11;
    static final int PIH = 0xFF12;
    static final int CDT = 0xFF13;
    static final int WGT = 0xFF14;
    static final int COM = 0xFF15;
    static final int NLT = 0xFF16;
    static final int CWD = 0xFF17;
    static final int CTS = 0xFF18;
    static final int CRG = 0xFF19;
    static final int SLH = 0xFF20;
    static final int CAP = 0xFF50;

    private Marker() {
    }

    static String name(int code) {
        return switch (code) {
            case SOC -> "SOC";
            case EOC -> "EOC";
            case PIH -> "PIH";
            case CDT -> "CDT";
            case WGT -> "WGT";
            case COM -> "COM";
            case NLT -> "NLT";
            case CWD -> "CWD";
            case CTS -> "CTS";
            case CRG -> "CRG";
            case SLH -> "SLH";
            case CAP -> "CAP";
            default -> String.format("marker 0x%04X", code);
        };
    }
}
