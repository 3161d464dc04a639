import io.sentimentstream.core.data.*;
import io.sentimentstream.core.model.*;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.*;
/** CPU microseconds per review of each part of a fused bundle (thread CPU time, medians of runs). */
public class Cost {
    public static void main(String[] a) throws Exception {
        var mx = ManagementFactory.getThreadMXBean();
        List<Review> reviews = new DatasetReader(ReadOptions.labelled()).read(Path.of("../shared/data/imdb/train.csv.gz")).reviews();
        Collections.shuffle(reviews = new ArrayList<>(reviews), new Random(1));
        List<String> texts = reviews.subList(0, 2048).stream().map(Review::text).toList();
        for (int round = 0; round < 2; round++) for (String path : a) {
            ModelBundle b = ModelBundleFile.read(Path.of(path));
            SentimentModel m = new SentimentModel(b);
            List<int[]> ids = texts.stream().map(m::encode).toList();
            Map<String, List<Double>> t = new LinkedHashMap<>();
            for (int run = 0; run < 9; run++) {
                long c0 = mx.getCurrentThreadCpuTime();
                for (String s : texts) m.encode(s);
                long c1 = mx.getCurrentThreadCpuTime();
                double sink = 0; for (int[] x : ids) sink += b.ngram().logit(x);
                long c2 = mx.getCurrentThreadCpuTime();
                if (b.tfidf() != null) for (int[] x : ids) sink += b.tfidf().logit(x);
                long c3 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < ids.size(); i += 32) m.positiveProbabilities(ids.subList(i, i + 32), 32);
                long c4 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < texts.size(); i += 32) m.predict(texts.subList(i, i + 32));
                long c5 = mx.getCurrentThreadCpuTime();
                if (run < 3) continue; // warm-up
                double n = texts.size() * 1000.0;
                t.computeIfAbsent("encode", k -> new ArrayList<>()).add((c1 - c0) / n);
                t.computeIfAbsent("ngram", k -> new ArrayList<>()).add((c2 - c1) / n);
                t.computeIfAbsent("tfidf", k -> new ArrayList<>()).add((c3 - c2) / n);
                t.computeIfAbsent("fused, ids in", k -> new ArrayList<>()).add((c4 - c3) / n);
                t.computeIfAbsent("predict, text in", k -> new ArrayList<>()).add((c5 - c4) / n);
                if (sink == 42) System.out.print("");
            }
            StringBuilder sb = new StringBuilder(String.format("%-45s", path));
            t.forEach((k, v) -> { Collections.sort(v); sb.append(String.format(Locale.ROOT, " | %s %.1f", k, v.get(v.size() / 2))); });
            System.out.println(sb + " µs/review (CPU, median of 6 runs of 2,048 reviews, batch 32)");
        }
    }
}
