import io.sentimentstream.core.data.*;
import io.sentimentstream.core.model.*;
import io.sentimentstream.trainer.dl4j.Dl4jBundles;
import io.sentimentstream.trainer.eval.ShortTexts;
import io.sentimentstream.trainer.train.*;
import java.nio.file.Path;
import java.util.*;

/**
 * Fusion experiments of issue 15 (docs/experiments.md): fits linear members on the movie-grouped
 * training part and fuses them with a bundle's LSTM, on the validation reviews and their first and
 * last sentences, in-sample and cross-fitted. Not part of the build; compile it against trainer.jar.
 * Properties: -Dvocab, -Dmaxlen, -Dmincount (the linear members' own vocabulary; defaults are the
 * LSTM's), -Dpseudo=P (add unlabelled reviews the fused model scores above P or below 1-P as
 * pseudo-labels; with the default vocabulary only).
 */
public class Fuse {
    public static void main(String[] a) throws Exception {
        ModelBundle bundle = Dl4jBundles.read(Path.of(a[0]));
        ModelBundle lstmOnly = new ModelBundle(bundle.manifest().withFusion(bundle.manifest().metrics(), null), bundle.vocabulary(), bundle.network());
        SentimentModel lstm = new SentimentModel(lstmOnly);
        Dataset ds = new DatasetReader(ReadOptions.labelled()).read(Path.of("../shared/data/imdb/train.csv.gz"));
        StratifiedSplit split = StratifiedSplit.of(ds.reviews(), ReviewMovies.read(Path.of("../shared/data/imdb/train-movies.csv.gz")), 0.1, 0, 42);
        int vocab = Integer.getInteger("vocab", 20000), maxLen = Integer.getInteger("maxlen", 400), minCount = Integer.getInteger("mincount", 2);
        TrainingConfig d = TrainingConfig.defaults();
        TrainingConfig cfg = new TrainingConfig(vocab, minCount, maxLen, d.truncation(), false, d.embeddingSize(), d.lstmSize(), false, d.dropout(), d.learningRate(), d.l2(), d.gradientClip(), d.batchSize(), d.epochs(), d.patience(), d.validationFraction(), 0, 42L, d.ngram(), 0);
        TextPreparation prep = TextPreparation.fit(cfg, split.train());
        System.err.println("linear vocabulary " + prep.vocabulary().size() + " max length " + maxLen);
        List<EncodedExample> train = prep.trainExamples(split.train());
        double thr = Double.parseDouble(System.getProperty("pseudo", "0"));
        if (thr > 0) {
            Set<String> valMovies = new HashSet<>();
            ReviewMovies movies = ReviewMovies.read(Path.of("../shared/data/imdb/train-movies.csv.gz"));
            for (Review r : split.validation()) valMovies.add(movies.movieOf(r.id()));
            Dataset un = new DatasetReader(ReadOptions.unlabelled()).read(Path.of("../shared/data/imdb/unsup.csv.gz"));
            List<int[]> uids = new ArrayList<>();
            int skipped = 0;
            for (Review r : un.reviews()) { if (valMovies.contains(movies.movieOf(r.id()))) { skipped++; continue; } uids.add(lstm.encode(r.text())); }
            NgramLogit nb0 = NgramBranch.fit(new NgramSettings(22, 3, false, false, NgramSettings.DEFAULT_L2, true), train, 42);
            double[] up = lstm.positiveProbabilities(uids, 128);
            String[] fw = System.getProperty("fusion", "0.387,0.912,-0.124").split(",");
            FusionWeights f = new FusionWeights(Double.parseDouble(fw[0]), Double.parseDouble(fw[1]), Double.parseDouble(fw[2]));
            int np = 0, nn = 0;
            for (int i = 0; i < uids.size(); i++) { double p = f.fuse(up[i], nb0.logit(uids.get(i)));
                if (p >= thr) { train.add(new EncodedExample(uids.get(i), 1)); np++; } else if (p <= 1 - thr) { train.add(new EncodedExample(uids.get(i), 0)); nn++; } }
            System.err.printf("pseudo: skipped %d unsup in validation movies; added %d pos %d neg at %.2f%n", skipped, np, nn, thr);
        }
        // validation whole + short, with group index
        List<int[]> ids = new ArrayList<>(); List<int[]> lin = new ArrayList<>(); List<Boolean> pos = new ArrayList<>(); List<Integer> group = new ArrayList<>(); List<Boolean> isShort = new ArrayList<>();
        int g = 0;
        for (Review r : split.validation()) {
            ids.add(lstm.encode(r.text())); lin.add(prep.encoder().encode(prep.normalizer().tokenize(r.text()))); pos.add(r.label() == Sentiment.POS); group.add(g); isShort.add(false);
            for (Review s : ShortTexts.firstAndLastSentences(List.of(r))) { ids.add(lstm.encode(s.text())); lin.add(prep.encoder().encode(prep.normalizer().tokenize(s.text()))); pos.add(s.label() == Sentiment.POS); group.add(g); isShort.add(true); }
            g++;
        }
        int n = ids.size();
        boolean[] y = new boolean[n]; for (int i = 0; i < n; i++) y[i] = pos.get(i);
        double[] lstmLogit = logit(lstm.positiveProbabilities(ids, 128));
        Map<String, double[]> feats = new LinkedHashMap<>();
        feats.put("lstm", lstmLogit);
        for (String spec : a[1].split(",")) {
            String[] p = spec.split(":");
            long t0 = System.nanoTime();
            if (p[0].equals("nb")) {
                NgramLogit m = NgramBranch.fit(new NgramSettings(Integer.parseInt(p[1]), Integer.parseInt(p[2]), false, false, NgramSettings.DEFAULT_L2, true), train, 42);
                double[] f = new double[n]; for (int i = 0; i < n; i++) f[i] = m.logit(lin.get(i));
                feats.put(spec, f);
            } else if (p[0].equals("tf")) {
                // tf:BITS:ORDER; the trainer's own optimiser settings (further fields, once epochs, rate and L2, are ignored)
                TfidfLogit m = new TfidfLogitTrainer(Integer.parseInt(p[1]), Integer.parseInt(p[2]), 42).train(train);
                double[] f = new double[n]; for (int i = 0; i < n; i++) f[i] = m.logit(lin.get(i));
                feats.put(spec, f);
            }
            System.err.printf("fitted %s in %.1f s%n", spec, (System.nanoTime() - t0) / 1e9);
        }
        // each single
        for (var e : feats.entrySet()) report(e.getKey(), new double[][] {e.getValue()}, y, group, isShort);
        String[] combos = a[2].split(";");
        for (String combo : combos) {
            String[] names = combo.split("\\+");
            double[][] x = new double[names.length][];
            for (int k = 0; k < names.length; k++) x[k] = feats.get(names[k]);
            report(combo, x, y, group, isShort);
        }
    }
    static double[] logit(double[] p) { double[] z = new double[p.length]; for (int i = 0; i < p.length; i++) { double q = Math.min(1-1e-7, Math.max(1e-7, p[i])); z[i] = Math.log(q/(1-q)); } return z; }

    static void report(String name, double[][] x, boolean[] y, List<Integer> group, List<Boolean> isShort) {
        int n = y.length;
        boolean[] all = new boolean[n]; Arrays.fill(all, true);
        double[] w = fit(x, y, all);
        int[] c = new int[4]; int[] t = new int[4];
        // in-sample (fit on all), and cross-fitted by group parity
        boolean[] even = new boolean[n], odd = new boolean[n];
        for (int i = 0; i < n; i++) { even[i] = group.get(i) % 2 == 0; odd[i] = !even[i]; }
        double[] we = fit(x, y, even), wo = fit(x, y, odd);
        for (int i = 0; i < n; i++) {
            int s = isShort.get(i) ? 1 : 0;
            t[s]++; if ((z(w, x, i) > 0) == y[i]) c[s]++;
            double[] ww = even[i] ? wo : we;
            t[2 + s]++; if ((z(ww, x, i) > 0) == y[i]) c[2 + s]++;
        }
        System.out.printf(Locale.ROOT, "%-40s whole %.4f short %.4f | cross-fitted whole %.4f short %.4f | w=%s%n", name,
            (double) c[0]/t[0], (double) c[1]/t[1], (double) c[2]/t[2], (double) c[3]/t[3], Arrays.toString(Arrays.stream(w).map(v -> Math.round(v*1000)/1000.0).toArray()));
    }
    static double z(double[] w, double[][] x, int i) { double s = w[x.length]; for (int k = 0; k < x.length; k++) s += w[k] * x[k][i]; return s; }

    static double[] fit(double[][] x, boolean[] y, boolean[] use) {
        int d = x.length + 1; double[] w = new double[d];
        for (int it = 0; it < 30; it++) {
            double[] gr = new double[d]; double[][] h = new double[d][d];
            for (int i = 0; i < y.length; i++) { if (!use[i]) continue;
                double[] f = new double[d]; for (int k = 0; k < x.length; k++) f[k] = x[k][i]; f[x.length] = 1;
                double p = 1/(1+Math.exp(-z(w, x, i))); double e = p - (y[i]?1:0); double cu = Math.max(p*(1-p), 1e-9);
                for (int a2 = 0; a2 < d; a2++) { gr[a2] += e*f[a2]; for (int b = 0; b < d; b++) h[a2][b] += cu*f[a2]*f[b]; } }
            for (int k = 0; k < d; k++) { gr[k] += 1e-3*w[k]; h[k][k] += 1e-3; }
            double[] step = solve(h, gr);
            double cur = loss(w, x, y, use), sc = 1; double[] nx = new double[d];
            do { for (int k = 0; k < d; k++) nx[k] = w[k] - sc*step[k]; sc /= 2; } while (loss(nx, x, y, use) > cur && sc > 1e-6);
            w = nx;
        }
        return w;
    }
    static double loss(double[] w, double[][] x, boolean[] y, boolean[] use) { double s = 0; for (int i = 0; i < y.length; i++) { if (!use[i]) continue; double m = y[i] ? z(w,x,i) : -z(w,x,i); s += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m)); } double r = 0; for (double v : w) r += v*v; return s + 5e-4*r; }
    static double[] solve(double[][] m, double[] v) { int n = v.length; double[][] A = new double[n][n+1]; for (int i = 0; i < n; i++) { System.arraycopy(m[i],0,A[i],0,n); A[i][n]=v[i]; }
        for (int c = 0; c < n; c++) { int p = c; for (int r = c+1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r; double[] tmp = A[c]; A[c] = A[p]; A[p] = tmp;
            for (int r = c+1; r < n; r++) { double f = A[r][c]/A[c][c]; for (int k = c; k <= n; k++) A[r][k] -= f*A[c][k]; } }
        double[] out = new double[n]; for (int r = n-1; r >= 0; r--) { double s = A[r][n]; for (int k = r+1; k < n; k++) s -= A[r][k]*out[k]; out[r] = s/A[r][r]; } return out; }
}
