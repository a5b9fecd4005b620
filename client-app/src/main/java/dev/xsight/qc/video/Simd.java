package dev.xsight.qc.video;

/**
 * Whether the video checks run their Vector API kernels ({@link VideoKernels}) or the scalar loops, which give the
 * same counts. One place for the choice of every check.
 */
final class Simd {
    private static final boolean MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /**
     * The default: the kernels when {@code jdk.incubator.vector} is in the boot layer ({@code --add-modules
     * jdk.incubator.vector}) and the property {@code xsight.qc.simd} is not {@code false}.
     */
    static final boolean BY_DEFAULT = MODULE && !"false".equalsIgnoreCase(System.getProperty("xsight.qc.simd"));

    private Simd() {
    }

    /**
     * {@code simd}, checked: the kernels can only run where the module is.
     *
     * @throws IllegalArgumentException when {@code simd} is asked for without the module
     */
    static boolean checked(boolean simd) {
        if (simd && !MODULE) {
            throw new IllegalArgumentException("simd needs the jdk.incubator.vector module");
        }
        return simd;
    }
}
