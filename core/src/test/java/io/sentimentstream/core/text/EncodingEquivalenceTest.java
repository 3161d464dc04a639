package io.sentimentstream.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.core.data.DatasetReader;
import io.sentimentstream.core.data.ReadOptions;
import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.SharedData;
import io.sentimentstream.core.model.DefaultModel;
import io.sentimentstream.core.model.ModelBundle;
import io.sentimentstream.core.model.ModelBundleFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-pass encoding (tokens looked up from the tokeniser's buffer in an open-addressing table)
 * against the pipeline it replaced, kept below verbatim: a String per token, a list of tokens and a
 * {@code HashMap} look-up. Run on the committed model's vocabulary and thousands of real reviews,
 * with both truncation sides, short maximum lengths (so truncation happens in most reviews) and
 * stop-word removal.
 */
class EncodingEquivalenceTest {

    private static List<String> texts;
    private static Vocabulary vocabulary;

    @BeforeAll
    static void load() {
        List<Review> reviews = new DatasetReader(ReadOptions.labelled()).read(SharedData.trainCsv()).reviews();
        texts = new ArrayList<>();
        for (int i = 0; i < reviews.size(); i += 5) { // 5,000 reviews from all over the file
            texts.add(reviews.get(i).text());
        }
        // Texts that the real reviews seldom hold: supplementary letters, C1 controls, entities,
        // apostrophes at the edges, the reserved tokens, nothing at all.
        texts.addAll(List.of("", "   ", "!!!", "<br /><br />", "don\u0092t \u201cwow\u201d &amp;lt; &quot;x&quot;",
                "'quoted' it's ''", "\uD835\uDC00\uD835\uDC01 math \uD835\uDC9C", "<pad> <unk> pad unk",
                "ＦＵＬＬＷＩＤＴＨ ﬁne caf\u00e9 CAFE\u0301", "x".repeat(5000)));
        ModelBundle bundle = ModelBundleFile.read(DefaultModel.locate());
        vocabulary = bundle.vocabulary();
    }

    @Test
    void tokenizeGivesTheTokensTheOldTokeniserGave() {
        for (NormalizationSettings settings : normalizations()) {
            TextNormalizer normalizer = new TextNormalizer(settings);
            for (String text : texts) {
                assertEquals(OldPipeline.tokenize(settings, text), normalizer.tokenize(text), text);
            }
        }
    }

    @Test
    void onePassEncodingGivesTheIdsOfTheOldPipeline() {
        Map<String, Integer> oldIds = OldPipeline.ids(vocabulary);
        int truncated = 0;
        for (NormalizationSettings normalization : normalizations()) {
            TextNormalizer normalizer = new TextNormalizer(normalization);
            for (int maxLength : new int[] {1, 3, 64, 100, 400}) {
                for (EncodingSettings.Side side : EncodingSettings.Side.values()) {
                    SequenceEncoder encoder = new SequenceEncoder(vocabulary,
                            new EncodingSettings(maxLength, side, EncodingSettings.Side.POST));
                    for (String text : texts) {
                        List<String> tokens = OldPipeline.tokenize(normalization, text);
                        int[] expected = OldPipeline.encode(oldIds, tokens, maxLength, side);
                        assertArrayEquals(expected, encoder.encode(text, normalizer), text);
                        assertArrayEquals(expected, encoder.encode(normalizer.tokenize(text)), text);
                        truncated += tokens.size() > maxLength ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(truncated > texts.size(), "truncation exercised: " + truncated);
    }

    private static List<NormalizationSettings> normalizations() {
        return List.of(NormalizationSettings.defaults(), NormalizationSettings.defaults().withRemoveStopWords(true),
                new NormalizationSettings(false, false, false));
    }

    /** The text pipeline before the one-pass encoding, as it was. */
    private static final class OldPipeline {

        private static final Pattern HTML_TAG = Pattern.compile("<[^>]{0,200}>");

        static Map<String, Integer> ids(Vocabulary vocabulary) {
            Map<String, Integer> map = new HashMap<>();
            for (int i = 0; i < vocabulary.size(); i++) {
                map.put(vocabulary.tokenOf(i), i);
            }
            return map;
        }

        static int[] encode(Map<String, Integer> ids, List<String> tokens, int maxLength, EncodingSettings.Side side) {
            int n = tokens.size();
            if (n == 0) {
                return new int[] {Vocabulary.OOV_ID};
            }
            int keep = Math.min(n, maxLength);
            int from = side == EncodingSettings.Side.PRE ? n - keep : 0;
            int[] out = new int[keep];
            for (int i = 0; i < keep; i++) {
                Integer id = ids.get(tokens.get(from + i));
                out[i] = id == null || id == Vocabulary.PAD_ID ? Vocabulary.OOV_ID : id;
            }
            return out;
        }

        static List<String> tokenize(NormalizationSettings settings, String raw) {
            String text = HTML_TAG.matcher(raw).replaceAll(" ");
            if (text.indexOf('&') >= 0) {
                text = text.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                        .replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ");
            }
            text = mapWindows1252Controls(text);
            text = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
            text = settings.lowercase() ? text.toLowerCase(Locale.ROOT) : text;
            List<String> tokens = new ArrayList<>();
            StringBuilder current = new StringBuilder(24);
            int length = text.length();
            for (int i = 0; i < length; ) {
                int cp = text.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (Character.isLetterOrDigit(cp)) {
                    current.appendCodePoint(cp);
                } else if ((cp == '\'' || cp == '\u2019' || cp == '\u2018' || cp == '`') && current.length() > 0
                        && next < length && Character.isLetterOrDigit(text.codePointAt(next))) {
                    current.append('\'');
                } else {
                    flush(settings, current, tokens);
                    if (settings.keepExclamationAndQuestion() && (cp == '!' || cp == '?')) {
                        tokens.add(cp == '!' ? "!" : "?");
                    }
                }
                i = next;
            }
            flush(settings, current, tokens);
            return tokens;
        }

        private static void flush(NormalizationSettings settings, StringBuilder current, List<String> tokens) {
            if (current.length() == 0) {
                return;
            }
            String token = current.toString();
            current.setLength(0);
            if (settings.removeStopWords() && StopWords.isStopWord(token)) {
                return;
            }
            tokens.add(token);
        }

        private static String mapWindows1252Controls(String text) {
            StringBuilder out = null;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '\u0080' && c <= '\u009f') {
                    if (out == null) {
                        out = new StringBuilder(text.length());
                        out.append(text, 0, i);
                    }
                    out.append(switch (c) {
                        case '\u0085' -> "...";
                        case '\u0091', '\u0092' -> "'";
                        case '\u0093', '\u0094' -> "\"";
                        case '\u0096', '\u0097' -> " - ";
                        default -> " ";
                    });
                } else if (out != null) {
                    out.append(c);
                }
            }
            return out == null ? text : out.toString();
        }
    }
}
