package dev.xsight.shell.monitoring;

import java.util.List;
import java.util.Locale;

/** Which scopes the panel shows: one of them large, or all four in a 2×2 grid. */
public enum ScopeLayout {
    WAVEFORM(List.of(ScopeFeed.Kind.WAVEFORM)),
    PARADE(List.of(ScopeFeed.Kind.PARADE)),
    VECTORSCOPE(List.of(ScopeFeed.Kind.VECTORSCOPE)),
    HISTOGRAM(List.of(ScopeFeed.Kind.HISTOGRAM)),
    QUAD(List.of(ScopeFeed.Kind.WAVEFORM, ScopeFeed.Kind.VECTORSCOPE, ScopeFeed.Kind.PARADE,
            ScopeFeed.Kind.HISTOGRAM));

    private final List<ScopeFeed.Kind> kinds;

    ScopeLayout(List<ScopeFeed.Kind> kinds) {
        this.kinds = kinds;
    }

    /** The scopes shown, in reading order. */
    public List<ScopeFeed.Kind> kinds() {
        return kinds;
    }

    /** The layout after this one (cycling). */
    public ScopeLayout next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** The CLI name: {@code waveform}, {@code parade}, {@code vectorscope}, {@code histogram}, {@code quad}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layout named {@code id}; {@link IllegalArgumentException} listing the names otherwise. */
    public static ScopeLayout parse(String id) {
        for (ScopeLayout l : values()) {
            if (l.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown scope layout '" + id
                + "' (waveform, parade, vectorscope, histogram, quad)");
    }
}
