package io.sentimentstream.core.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads a zip archive from an untrusted source: only the named entries, each at most its cap
 * (checked against the declared size before reading and against the bytes while reading, so a
 * zip bomb costs at most the cap), each once. What the archive holds beyond that is refused
 * rather than skipped, because a reader further down (DL4J's) may act on it.
 */
final class BoundedZip {

    /** An archive that breaks the rules; the message says how. */
    static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private BoundedZip() {
    }

    /**
     * The entries of the archive, by name, in archive order.
     *
     * @param in      the archive
     * @param allowed the entries that may be present, each with its largest size in bytes
     * @throws RefusedException on an unexpected, repeated or oversized entry
     * @throws IOException      when the archive cannot be read
     */
    static Map<String, byte[]> read(InputStream in, Map<String, Long> allowed) throws IOException {
        return read(in, allowed, Long.MAX_VALUE);
    }

    /**
     * The same, with at most {@code totalCap} bytes over all entries: each entry's cap is what
     * is left of the total when it starts, so no combination of entries, each within its own cap,
     * holds more than the total in memory.
     */
    static Map<String, byte[]> read(InputStream in, Map<String, Long> allowed, long totalCap) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                Long cap = allowed.get(name);
                if (cap == null) {
                    throw new RefusedException("unexpected entry '" + abbreviate(name) + "' (expected only "
                            + allowed.keySet() + ")");
                }
                if (entries.containsKey(name)) {
                    throw new RefusedException("entry " + name + " appears twice");
                }
                if (entry.getSize() > cap) {
                    throw new RefusedException("entry " + name + " declares " + entry.getSize()
                            + " bytes, more than the " + cap + " allowed");
                }
                long left = totalCap - total;
                byte[] content = readAtMost(zip, Math.min(cap, left), name, cap <= left ? null
                        : "the archive's entries are larger than the " + totalCap + " bytes allowed in all");
                total += content.length;
                entries.put(name, content);
            }
        }
        return entries;
    }

    /** An archive of the given entries, written afresh (so no reader sees anything but them). */
    static byte[] write(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] readAtMost(InputStream in, long cap, String name, String overTotal) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > cap) {
                throw new RefusedException(overTotal != null ? overTotal
                        : "entry " + name + " is larger than the " + cap + " bytes allowed");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String abbreviate(String name) {
        return name.length() <= 80 ? name : name.substring(0, 77) + "...";
    }
}
