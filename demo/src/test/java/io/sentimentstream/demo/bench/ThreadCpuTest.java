package io.sentimentstream.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The /proc reading behind bench-stream's CPU by thread. */
class ThreadCpuTest {

    @Test
    void threadsAreGroupedByTheirNativeNames() {
        // native names are the Java names cut to 15 characters
        assertEquals("stream thread", ThreadCpu.group("sentiment-bench"));
        assertEquals("producer network", ThreadCpu.group("kafka-producer-"));
        assertEquals("other Kafka clients", ThreadCpu.group("kafka-coordinat"));
        assertEquals("JIT", ThreadCpu.group("C2 CompilerThre"));
        assertEquals("JIT", ThreadCpu.group("C1 CompilerThre"));
        assertEquals("GC", ThreadCpu.group("GC Thread#0"));
        assertEquals("GC", ThreadCpu.group("G1 Conc#0"));
        assertEquals("ops/dashboard", ThreadCpu.group("ops-http-22"));
        assertEquals("other", ThreadCpu.group("VM Thread"));
    }

    @Test
    void aBusyThreadsCpuTimeShowsInItsGroup() throws InterruptedException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        long pid = ProcessHandle.current().pid();
        Map<String, Double> before = ThreadCpu.snapshot(pid);
        Thread busy = new Thread(() -> {
            long end = System.nanoTime() + 300_000_000L;
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1);
            }
            if (x < 0) {
                System.out.println(x);
            }
        }, "ops-http-test");
        busy.start();
        Map<String, Double> during = Map.of();
        while (busy.isAlive()) {
            during = ThreadCpu.snapshot(pid); // the thread's time is counted while it lives
            Thread.sleep(50);
        }
        double spent = during.getOrDefault("ops/dashboard", 0.0) - before.getOrDefault("ops/dashboard", 0.0);
        assertTrue(spent >= 0.1, "a thread busy for 0.3 s counted " + spent + " s");
        String line = ThreadCpu.perReview(before, during, 1000);
        assertTrue(line.contains("ops/dashboard "), line);
    }
}
