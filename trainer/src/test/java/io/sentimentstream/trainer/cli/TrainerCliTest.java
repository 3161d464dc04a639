package io.sentimentstream.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.Sentiment;
import io.sentimentstream.core.data.StratifiedSplit;
import io.sentimentstream.core.model.ModelBundleFile;
import io.sentimentstream.core.model.TestBundles;
import io.sentimentstream.trainer.TrainerCli;
import io.sentimentstream.trainer.embed.WordVectors;
import io.sentimentstream.trainer.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, messages on stderr, and nothing but results on stdout. */
class TrainerCliTest {

    @TempDir
    static Path dir;
    static Path bundle;
    static Path labelled;

    @BeforeAll
    static void fixtures() throws IOException {
        bundle = dir.resolve("tiny.bundle");
        ModelBundleFile.write(TestBundles.tiny(), bundle);
        labelled = dir.resolve("labelled.csv");
        Files.writeString(labelled, "id,rating,label,text\n"
                + "a,9,pos,The movie was great! Loved the acting\n"
                + "b,1,neg,Awful boring plot\n"
                + "c,8,pos,brilliant\n"
                + "d,2,neg,bad bad bad\n", StandardCharsets.UTF_8);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TrainerCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void publishRefusesABundleThatDoesNotLoadWithOneLineBeforeConnecting() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.bundle"), "not a bundle", StandardCharsets.UTF_8);
        // No broker listens on port 1: the bundle is refused before anything connects.
        Result r = run("publish", "--model", bad.toString(), "--bootstrap-servers", "127.0.0.1:1");
        assertEquals(TrainerCli.EXIT_BAD_INPUT, r.exit());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: refused " + bad + ": "), r.err());
    }

    @Test
    void evaluateJsonPrintsExactlyOneJsonObjectOnStdout() throws IOException {
        Result r = run("evaluate", "--model", bundle.toString(), "--data", labelled.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"accuracy", "precision", "recall", "f1", "auc", "confusion"}) {
            assertTrue(json.has(key), "missing " + key + " in " + r.out());
        }
        assertEquals(4, json.get("count").asInt());
        long confusionTotal = 0;
        for (JsonNode row : json.get("confusion")) {
            for (JsonNode cell : row) {
                confusionTotal += cell.asLong();
            }
        }
        assertEquals(4, confusionTotal);
        assertEquals(1, r.out().strip().lines().count(), "stdout must hold only the JSON object");
    }

    @Test
    void missingDataFileIsOneClearLine() {
        Result r = run("evaluate", "--model", bundle.toString(), "--data", dir.resolve("absent.csv").toString());
        assertEquals(TrainerCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("error: dataset not found"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void missingModelIsOneClearLine() {
        Result r = run("evaluate", "--model", dir.resolve("none.bundle").toString(), "--data", labelled.toString());
        assertEquals(TrainerCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("model bundle not found"), r.err());
    }

    @Test
    void malformedRowNamesTheLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,rating,label,text\na,9,pos,fine\nb,1,neg\n");
        Result r = run("train", "--data", bad.toString(), "--output", dir.resolve("x.bundle").toString());
        assertEquals(TrainerCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("line 3"), r.err());
        assertTrue(r.err().contains("skip-bad-records"), r.err());
    }

    @Test
    void badFlagsAreUsageErrors() {
        Result unknown = run("train", "--data", labelled.toString(), "--no-such-flag");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Unknown option"), unknown.err());

        Result notANumber = run("train", "--data", labelled.toString(), "--epochs", "many");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().contains("--epochs"), notANumber.err());

        Result outOfRange = run("train", "--data", labelled.toString(), "--dropout", "1.5",
                "--output", dir.resolve("y.bundle").toString());
        assertEquals(TrainerCli.EXIT_BAD_INPUT, outOfRange.exit());
        assertTrue(outOfRange.err().contains("dropout must be in [0, 1)"), outOfRange.err());
    }

    @Test
    void wordVectorsLeaveTheValidationPartOutAndTrainStartsFromThem() throws IOException {
        // Every review carries a word of its own, so the vectors file shows which reviews were read.
        StringBuilder csv = new StringBuilder("id,rating,label,text\n");
        List<Review> reviews = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean pos = i % 2 == 0;
            String text = (pos ? "A great film I loved it " : "A dull film I hated it ") + "only" + i;
            csv.append(i).append(pos ? ",9,pos," : ",1,neg,").append(text).append('\n');
            reviews.add(new Review(Integer.toString(i), text, pos ? Sentiment.POS : Sentiment.NEG, pos ? 9 : 1));
        }
        Path data = dir.resolve("forty.csv");
        Files.writeString(data, csv, StandardCharsets.UTF_8);
        Path vectors = dir.resolve("vectors.txt");

        Result w = run("word-vectors", "--data", data.toString(), "--output", vectors.toString(), "--dimension", "8",
                "--min-count", "1", "--workers", "1", "--validation-fraction", "0.25");
        assertEquals(0, w.exit(), w.err());
        Map<String, float[]> learnt = WordVectors.read(vectors).vectors();
        StratifiedSplit split = StratifiedSplit.of(reviews, 0.25, 0, TrainingConfig.defaults().seed());
        assertEquals(10, split.validation().size());
        for (Review r : split.validation()) {
            String own = r.text().substring(r.text().lastIndexOf(' ') + 1);
            assertFalse(learnt.containsKey(own), "validation review's word " + own + " was learnt from");
        }
        for (Review r : split.train()) {
            String own = r.text().substring(r.text().lastIndexOf(' ') + 1);
            assertTrue(learnt.containsKey(own), "training review's word " + own + " is missing");
        }

        Path out = dir.resolve("pretrained.bundle");
        Result t = run("train", "--data", data.toString(), "--embeddings", vectors.toString(), "--embedding-size", "8",
                "--lstm-size", "4", "--epochs", "1", "--ngram-bits", "0", "--validation-fraction", "0.25",
                "--output", out.toString());
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.err().contains("embedding initialised from vectors.txt"), t.err());
        Object info = ModelBundleFile.read(out).manifest().metrics().get("pretrainedEmbedding");
        assertTrue(info instanceof Map<?, ?> m && ((Number) m.get("vocabularyCovered")).intValue() > 0, String.valueOf(info));

        Result wrongWidth = run("train", "--data", data.toString(), "--embeddings", vectors.toString(),
                "--output", dir.resolve("z.bundle").toString());
        assertEquals(TrainerCli.EXIT_BAD_INPUT, wrongWidth.exit());
        assertTrue(wrongWidth.err().contains("have 8 dimensions but --embedding-size is 128"), wrongWidth.err());

        Result missing = run("train", "--data", data.toString(), "--embeddings", dir.resolve("none.txt").toString(),
                "--output", dir.resolve("z.bundle").toString());
        assertEquals(TrainerCli.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().startsWith("error: word vectors not found"), missing.err());
    }

    @Test
    void trainRecordsTheReferenceProfileOfItsValidationReviewsAndProfileRecomputesItForAnExistingBundle()
            throws IOException {
        StringBuilder csv = new StringBuilder("id,rating,label,text\n");
        for (int i = 0; i < 40; i++) {
            boolean pos = i % 2 == 0;
            csv.append(i).append(pos ? ",9,pos," : ",1,neg,").append(pos ? "A great film I loved it" : "A dull film")
                    .append(" word").append(i).append('\n');
        }
        Path data = dir.resolve("forty-profile.csv");
        Files.writeString(data, csv, StandardCharsets.UTF_8);
        Path trained = dir.resolve("profiled.bundle");
        Result t = run("train", "--data", data.toString(), "--embedding-size", "8", "--lstm-size", "4", "--epochs", "1",
                "--ngram-bits", "0", "--validation-fraction", "0.25", "--output", trained.toString());
        assertEquals(0, t.exit(), t.err());
        io.sentimentstream.core.model.ModelBundle bundle = ModelBundleFile.read(trained);
        io.sentimentstream.core.drift.ReferenceProfile profile = bundle.manifest().referenceProfile();
        assertEquals(10, profile.reviews(), "the validation part: a quarter of 40");
        assertTrue(profile.source().startsWith("validation split: 10 reviews"), profile.source());
        assertTrue(profile.counts().unknownTokens() > 0, "word<n> of validation reviews is not in the vocabulary");

        Path bare = dir.resolve("bare.bundle");
        ModelBundleFile.write(new io.sentimentstream.core.model.ModelBundle(bundle.manifest().withReferenceProfile(null),
                bundle.vocabulary(), bundle.network(), bundle.ngram()), bare);
        Result p = run("profile", "--model", bare.toString(), "--data", data.toString());
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.err().contains("reference profile of 10 reviews"), p.err());
        assertEquals(profile, ModelBundleFile.read(bare).manifest().referenceProfile(), "the same code, the same split");

        Path other = dir.resolve("other.csv");
        Files.writeString(other, csv.toString().replace("word1\n", "changed\n"), StandardCharsets.UTF_8);
        Result refused = run("profile", "--model", bare.toString(), "--data", other.toString());
        assertEquals(TrainerCli.EXIT_BAD_INPUT, refused.exit());
        assertTrue(refused.err().contains("is not the data"), refused.err());
    }
}
