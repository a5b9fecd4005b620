package dev.xsight.shell;

import dev.xsight.media.SourceProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The sources the shell offers: every {@link SourceProvider} on the class path (found with {@link ServiceLoader}),
 * in a fixed order — demo, ST 2110-22, HLS, then any others — with a placeholder entry for each standard kind this
 * build does not contain. Immutable.
 */
public final class SourceRegistry {
    /** The standard kinds and their placeholder labels, in list order. */
    private static final Map<String, String[]> STANDARD = new LinkedHashMap<>();

    static {
        STANDARD.put("demo", new String[] {"Demo test signal", "the demo source is missing from this build"});
        STANDARD.put("st2110", new String[] {"Open ST 2110-22 SDP file…",
                "ST 2110-22 reception is not available in this build"});
        STANDARD.put("hls", new String[] {"Open HLS URL…", "HLS playback is not available in this build"});
    }

    private final List<SourceEntry> entries;

    private SourceRegistry(List<SourceEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Providers found on the class path. */
    public static SourceRegistry discover() {
        List<SourceProvider> found = new ArrayList<>();
        ServiceLoader.load(SourceProvider.class, SourceRegistry.class.getClassLoader()).forEach(found::add);
        return of(found);
    }

    /** A registry of {@code providers} (first of each kind wins) plus placeholders for missing standard kinds. */
    public static SourceRegistry of(List<SourceProvider> providers) {
        Map<String, SourceProvider> byKind = new LinkedHashMap<>();
        for (SourceProvider p : providers) {
            byKind.putIfAbsent(p.kind(), p);
        }
        List<SourceEntry> list = new ArrayList<>();
        STANDARD.forEach((kind, text) -> {
            SourceProvider p = byKind.remove(kind);
            list.add(p != null ? new SourceEntry(kind, p.label(), p, null)
                    : new SourceEntry(kind, text[0], null, text[1]));
        });
        byKind.forEach((kind, p) -> list.add(new SourceEntry(kind, p.label(), p, null)));
        return new SourceRegistry(list);
    }

    /** This registry with {@code provider} replacing the entry of its kind (e.g. a demo at another rate). */
    public SourceRegistry with(SourceProvider provider) {
        List<SourceEntry> list = new ArrayList<>();
        boolean replaced = false;
        for (SourceEntry e : entries) {
            if (e.kind().equals(provider.kind())) {
                list.add(new SourceEntry(provider.kind(), provider.label(), provider, null));
                replaced = true;
            } else {
                list.add(e);
            }
        }
        if (!replaced) {
            list.add(new SourceEntry(provider.kind(), provider.label(), provider, null));
        }
        return new SourceRegistry(list);
    }

    public List<SourceEntry> entries() {
        return entries;
    }
}
