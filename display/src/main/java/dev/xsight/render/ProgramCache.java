package dev.xsight.render;

import dev.xsight.colour.ColourProgram;
import dev.xsight.colour.DisplayPipeline;
import dev.xsight.gl.ProgramSource;
import dev.xsight.media.Colorimetry;
import dev.xsight.media.PixelFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The compiled programs of a viewer's outputs, keyed by (pipeline, source format, source colorimetry): the preview,
 * the reference output, the scopes and the pipeline chooser's file check all ask here, so each pipeline is compiled
 * (and its LUT/CDL files read) once per signal, not once per output. A program is immutable, so one instance serves
 * every thread. Keeps the {@value #CAPACITY} most recently used programs.
 *
 * <p>Threading: any thread. A miss compiles on the asking thread, outside the lock; another thread asking for the
 * same key meanwhile waits for that compile rather than starting its own. A failed compile is not kept: the next
 * request tries again (and reports again).
 */
public final class ProgramCache implements ProgramSource {
    static final int CAPACITY = 16;

    private record Key(DisplayPipeline pipeline, PixelFormat format, Colorimetry colorimetry) {
    }

    private final LinkedHashMap<Key, CompletableFuture<ColourProgram>> programs = new LinkedHashMap<>(32, 0.75f, true);
    private long compilations;

    @Override
    public ColourProgram program(DisplayPipeline pipeline, PixelFormat format, Colorimetry colorimetry) {
        Key key = new Key(pipeline, format, colorimetry);
        CompletableFuture<ColourProgram> mine = null;
        CompletableFuture<ColourProgram> entry;
        synchronized (this) {
            entry = programs.get(key);
            if (entry == null) {
                mine = new CompletableFuture<>();
                programs.put(key, mine);
                compilations++;
                trim();
            }
        }
        if (mine == null) {
            try {
                return entry.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            ColourProgram p = pipeline.compile(format, colorimetry);
            mine.complete(p);
            return p;
        } catch (RuntimeException e) {
            synchronized (this) {
                programs.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Drops every program of {@code pipeline}, so that its files are read again (e.g. a file was loaded anew). */
    public synchronized void forget(DisplayPipeline pipeline) {
        programs.keySet().removeIf(k -> k.pipeline().equals(pipeline));
    }

    /** How many compiles this cache has started (hits do not count). */
    public synchronized long compilations() {
        return compilations;
    }

    private void trim() {
        Iterator<Map.Entry<Key, CompletableFuture<ColourProgram>>> it = programs.entrySet().iterator();
        while (programs.size() > CAPACITY && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
