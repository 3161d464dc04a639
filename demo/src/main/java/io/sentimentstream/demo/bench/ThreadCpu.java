package io.sentimentstream.demo.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process's CPU time by kind of thread, from {@code /proc/<pid>/task/<tid>/stat} (Linux; empty
 * elsewhere): the stream thread and the JIT are not the only ones that work per review, and a
 * profiler's samples do not show the JIT, GC and native threads at all.
 */
final class ThreadCpu {

    /** Clock ticks per second of {@code utime}/{@code stime}: {@code USER_HZ}, 100 on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    /** The group of the stream threads. */
    static final String STREAM = "stream thread";

    private ThreadCpu() {
    }

    /** CPU seconds so far per group of the process's live threads. */
    static Map<String, Double> snapshot(long pid) {
        Map<String, Double> seconds = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // comm is in parentheses and may hold spaces: the fields start after the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    // fields[0] is field 3 (state): utime is field 14, stime field 15
                    double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                    seconds.merge(group(stat.substring(open + 1, close)), cpu, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // not Linux, or the process ended
        }
        return seconds;
    }

    /** The group of a thread by its native name (the Java name cut to 15 characters). */
    static String group(String comm) {
        if (comm.startsWith("sentiment-")) {
            return STREAM; // <application.id>-<uuid>-StreamThread-n (and its state updater)
        }
        if (comm.startsWith("kafka-producer")) {
            return "producer network";
        }
        if (comm.startsWith("kafka-")) {
            return "other Kafka clients";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "GC";
        }
        if (comm.startsWith("ops-http") || comm.startsWith("dashboard") || comm.startsWith("micrometer")) {
            return "ops/dashboard";
        }
        return "other";
    }

    /** {@code after - before} per group, in ms per review over {@code reviews}. */
    static String perReview(Map<String, Double> before, Map<String, Double> after, int reviews) {
        Map<String, Double> delta = new LinkedHashMap<>();
        after.forEach((group, seconds) -> delta.put(group, seconds - before.getOrDefault(group, 0.0)));
        StringBuilder line = new StringBuilder();
        delta.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).forEach(e -> {
            if (line.length() > 0) {
                line.append(", ");
            }
            line.append(String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue() * 1000 / Math.max(1, reviews)));
        });
        return line.toString();
    }
}
