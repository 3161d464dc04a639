package io.sentimentstream.core.model;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two implementations of the Java engine's LSTM step, and which one this JVM runs best
 * ({@link JavaLstmScorer#of(LstmNetwork, LstmKernelType)} takes one, for tests and benchmarks).
 */
public enum LstmKernelType {
    /** {@link VectorLstmKernel}: needs {@code --add-modules jdk.incubator.vector} at launch. */
    VECTOR,
    /** {@link ScalarLstmKernel}: runs anywhere. */
    SCALAR;

    private static final Logger LOG = LoggerFactory.getLogger(JavaLstmScorer.class);
    private static final LstmKernelType FASTEST = detect();

    /**
     * The vector kernel when the module was resolved at launch and the optimising compiler (C2)
     * is on, else the scalar one, said once per JVM in the log.
     */
    public static LstmKernelType fastest() {
        return FASTEST;
    }

    private static LstmKernelType detect() {
        // Incubator modules are resolved only when named at launch; without the module,
        // VectorLstmKernel cannot even be loaded.
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            LOG.warn("the Java engine runs its scalar kernel, several times slower: start java with "
                    + "--add-modules jdk.incubator.vector to use SIMD");
            return SCALAR;
        }
        // Only C2 compiles Vector API calls to SIMD instructions; under C1 alone (e.g.
        // -XX:TieredStopAtLevel=1, used for quick start-up) they run as Java code, measured 14-25
        // reviews/s against 190-330 for the scalar kernel.
        if (!optimisingCompilerOn()) {
            LOG.info("the Java engine runs its scalar kernel: the JVM runs without C2, which the SIMD kernel needs");
            return SCALAR;
        }
        return VECTOR;
    }

    private static boolean optimisingCompilerOn() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            boolean compiling = Boolean.parseBoolean(vm.getVMOption("UseCompiler").getValue());
            boolean tiered = Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
            int highestTier = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue());
            return compiling && (!tiered || highestTier >= 4);
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot: assume a normal optimising JIT.
            return true;
        }
    }

    /** This kernel over one direction's weights. */
    LstmKernel create(LstmWeights weights) {
        return this == VECTOR ? new VectorLstmKernel(weights) : new ScalarLstmKernel(weights);
    }
}
