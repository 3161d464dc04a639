package io.sentimentstream.trainer.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.text.NormalizationSettings;
import io.sentimentstream.core.text.TextNormalizer;
import io.sentimentstream.core.text.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WordVectorsTest {

    @TempDir
    Path dir;

    private static WordVectors twoWords() {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        vectors.put("good", new float[] {0.5f, -1.25f, 3e-4f});
        vectors.put("don't", new float[] {-0.125f, 2f, 0f});
        return new WordVectors(3, vectors);
    }

    @Test
    void writeThenReadGivesTheSameVectors() {
        Path file = dir.resolve("vectors.txt");
        twoWords().write(file);
        WordVectors read = WordVectors.read(file);
        assertEquals(3, read.dimension());
        assertEquals(2, read.vectors().size());
        assertArrayEquals(twoWords().vectors().get("good"), read.vectors().get("good"), 1e-6f);
        assertArrayEquals(twoWords().vectors().get("don't"), read.vectors().get("don't"), 1e-6f);
    }

    @Test
    void initialiseCopiesTheRowsOfKnownWordsOnly() {
        Vocabulary vocabulary = Vocabulary.of(List.of("good", "bad", "don't"));
        INDArray embedding = Nd4j.zeros(vocabulary.size(), 3);
        int covered = twoWords().initialise(embedding, vocabulary);
        assertEquals(2, covered);
        assertEquals(-1.25f, embedding.getFloat(vocabulary.idOf("good"), 1), 1e-7f);
        assertEquals(2f, embedding.getFloat(vocabulary.idOf("don't"), 1), 1e-7f);
        assertEquals(0f, embedding.getRow(vocabulary.idOf("bad")).sumNumber().floatValue(), "no vector: untouched");
    }

    @Test
    void anEmbeddingOfAnotherWidthIsRefusedWithTheFlagToUse() {
        Vocabulary vocabulary = Vocabulary.of(List.of("good"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> twoWords().initialise(Nd4j.zeros(vocabulary.size(), 5), vocabulary));
        assertTrue(e.getMessage().contains("--embedding-size 3"), e.getMessage());
    }

    @Test
    void badFilesNameTheProblem() throws IOException {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WordVectors.read(dir.resolve("none.txt")))
                .getMessage().startsWith("word vectors not found"));

        Path noHeader = write("good 1 2 3\n");
        assertTrue(message(noHeader).contains("line 1 must be '<words> <dimension>'"), message(noHeader));

        Path shortLine = write("2 3\ngood 1 2 3\nbad 1 2\n");
        assertTrue(message(shortLine).contains("line 3 has 2 components, not 3"), message(shortLine));

        Path notANumber = write("1 3\ngood 1 x 3\n");
        assertTrue(message(notANumber).contains("line 2: 'x' is not a number"), message(notANumber));

        Path truncated = write("3 3\ngood 1 2 3\nbad 1 2 3\n");
        assertTrue(message(truncated).contains("truncated"), message(truncated));

        Path binary = dir.resolve("binary.bin");
        Files.write(binary, new byte[] {'1', ' ', '1', '\n', 'a', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertTrue(message(binary).contains("not UTF-8 text"), message(binary));
    }

    @Test
    void word2vecLearnsAVectorForEveryFrequentToken() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add(i % 2 == 0 ? "A great, great film.<br />I loved it!" : "A dull film; I didn't like it.");
        }
        TextNormalizer normalizer = new TextNormalizer(NormalizationSettings.defaults());
        WordVectors vectors = new WordVectorTrainer(new WordVectorTrainer.Settings(8, 2, 5, 1, 2, 0, 1, 7L),
                normalizer).train(texts);
        assertEquals(8, vectors.dimension());
        // The words are the shared normaliser's tokens (so they match the classifier's vocabulary).
        for (String text : texts.subList(0, 2)) {
            for (String token : normalizer.tokenize(text)) {
                assertTrue(vectors.vectors().containsKey(token), "no vector for '" + token + "': " + vectors.vectors().keySet());
            }
        }
        float[] great = vectors.vectors().get("great");
        double norm = 0;
        for (float v : great) {
            norm += v * v;
        }
        assertTrue(norm > 0, "a learnt vector is not all zeros");
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "vectors", ".txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String message(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> WordVectors.read(file)).getMessage();
    }
}
