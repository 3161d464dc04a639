package io.sentimentstream.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.demo.SentimentDemo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** bench-restart's arguments, checked before anything starts (no broker, no application). */
class BenchRestartCommandTest {

    @Test
    void scenariosParse() {
        assertEquals(new RestartScenario(true, true, false), RestartScenario.parse("sigkill,static"));
        assertEquals(new RestartScenario(false, false, false), RestartScenario.parse(" SIGTERM , dynamic "));
        assertEquals(new RestartScenario(true, true, true), RestartScenario.parse("sigkill,static,fence"));
        assertEquals("SIGKILL, static, fenced", RestartScenario.parse("sigkill,static,fence").label());
    }

    @Test
    void dynamicNamesTheClassicProtocolSoTheApplicationSkipsStaticMembership() {
        assertEquals(List.of("streams.group.protocol=classic"), RestartScenario.parse("sigterm,dynamic").settings());
        assertEquals(List.of(), RestartScenario.parse("sigterm,static").settings());
    }

    @Test
    void badScenariosAreRejected() {
        for (String bad : List.of("sigkill", "sighup,static", "sigkill,sticky", "sigterm,static,fence",
                "sigkill,static,fence,more")) {
            assertThrows(IllegalArgumentException.class, () -> RestartScenario.parse(bad), bad);
        }
    }

    @Test
    void defaultsAreTheFourScenariosThreeRunsFiftyPerSecond() {
        BenchRestartCommand command = new BenchRestartCommand();
        new CommandLine(command).parseArgs();
        assertEquals(List.of(RestartScenario.parse("sigterm,static"), RestartScenario.parse("sigkill,static"),
                RestartScenario.parse("sigterm,dynamic"), RestartScenario.parse("sigkill,dynamic")),
                command.parsedScenarios());
        assertEquals(3, command.runs);
        assertEquals(50, command.rate);
        assertEquals(6, command.options.partitions);
    }

    @Test
    void badArgumentsFailWithOneLineBeforeStarting() {
        for (String[] args : List.of(new String[] {"--scenarios", "sigkill,sticky"}, new String[] {"--runs", "0"},
                new String[] {"--rate", "0"})) {
            StringWriter err = new StringWriter();
            int code = SentimentDemo.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    concat("bench-restart", args));
            assertEquals(SentimentDemo.EXIT_ERROR, code, String.join(" ", args));
            assertTrue(err.toString().startsWith("error: "), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
        }
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
