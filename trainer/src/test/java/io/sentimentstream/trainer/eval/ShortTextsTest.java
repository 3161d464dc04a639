package io.sentimentstream.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentimentstream.core.data.Review;
import io.sentimentstream.core.data.Sentiment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortTextsTest {

    @Test
    void firstAndLastSentencesKeepTheReviewsLabelAndSkipFragments() {
        Review review = new Review("r1", "What a film this is. Wow.<br /><br />The middle part drags a bit! "
                + "In the end I loved every minute of it.", Sentiment.POS, 9);
        Review tooShort = new Review("r2", "Bad. Very bad.", Sentiment.NEG, 1);
        List<Review> texts = ShortTexts.firstAndLastSentences(List.of(review, tooShort));
        assertEquals(List.of("What a film this is.", "In the end I loved every minute of it."),
                texts.stream().map(Review::text).toList());
        assertEquals(List.of("r1#first", "r1#last"), texts.stream().map(Review::id).toList());
        texts.forEach(t -> assertEquals(Sentiment.POS, t.label()));
    }
}
