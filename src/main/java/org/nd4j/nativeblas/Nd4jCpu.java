package org.nd4j.nativeblas;

/**
 * Lets DL4J 1.0.0-M2 see that ND4J runs on oneDNN. Before it keeps a oneDNN helper for a
 * convolution, pooling or batch-normalisation layer, DL4J asks, by reflection,
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}: names from
 * before M2, where the class became {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and
 * the method {@code isUseONEDNN}. The lookup fails, and every helper is dropped "as not
 * supported", so the layers fall back on DL4J's own im2col and matrix products (the captioning
 * encoder trained 2.5 times slower). This class answers that lookup with ND4J's own answer, and
 * nothing else; it lives in DL4J's package because that is the name DL4J asks for. With a
 * native build without oneDNN the answer is false and nothing changes.
 * NativeHelpersTest checks that the helpers are kept and compute what the built-in layers do.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The one question DL4J asks of the old environment class. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether ND4J's natives were built with oneDNN and use it. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
