package io.sentimentstream.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The {@code bench-stream --scenarios} syntax, with and without a challenger. */
class StreamScenarioTest {

    @Test
    void aScenarioMayNameAChallenger() {
        StreamScenario plain = StreamScenario.parse("eos,32,50,1");
        assertFalse(plain.challenger());
        assertEquals("eos b32 w50 t1", plain.label());
        StreamScenario challenged = StreamScenario.parse(" alos,8,200,2,challenger ");
        assertTrue(challenged.challenger());
        assertEquals("at_least_once", challenged.guarantee());
        assertEquals("alos b8 w200 t2 +challenger", challenged.label());
    }

    @Test
    void anythingElseInTheFifthPlaceIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StreamScenario.parse("eos,32,50,1,champion"));
        assertTrue(refused.getMessage().contains("[,challenger]"), refused.getMessage());
    }
}
