package io.sentimentstream.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentimentstream.trainer.train.TrainingConfig;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The on/off flags of {@code train}: given, negated, or absent (then the default). Written after
 * {@code --no-ngram-refit-all} was found to leave the refit on: picocli negated relative to the
 * field's initial value, so a true default turned {@code --no-x} into true.
 */
class TrainCommandFlagsTest {

    private record Flag(String name, Predicate<TrainingConfig> value) {
    }

    private static final List<Flag> FLAGS = List.of(
            new Flag("bidirectional", TrainingConfig::bidirectional),
            new Flag("ngram-length-normalised", c -> c.ngram().lengthNormalised()),
            new Flag("ngram-refit-all", c -> c.ngram().refitOnAll()),
            new Flag("fusion-short-texts", c -> c.ngram().fusionOnShortTexts()));

    private static TrainingConfig parse(String... args) {
        TrainCommand command = new TrainCommand();
        String[] all = new String[args.length + 2];
        all[0] = "--data";
        all[1] = "reviews.csv";
        System.arraycopy(args, 0, all, 2, args.length);
        new CommandLine(command).parseArgs(all);
        return command.config();
    }

    @Test
    void eachFlagSetsOnOffOrLeavesTheDefault() {
        TrainingConfig defaults = TrainingConfig.defaults();
        for (Flag flag : FLAGS) {
            assertEquals(true, flag.value().test(parse("--" + flag.name())), "--" + flag.name());
            assertEquals(false, flag.value().test(parse("--no-" + flag.name())), "--no-" + flag.name());
            assertEquals(flag.value().test(defaults), flag.value().test(parse()), "without --" + flag.name());
        }
    }

    @Test
    void theHelpStatesEachFlagsDefault() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new TrainCommand()).getCommandSpec();
        TrainingConfig defaults = TrainingConfig.defaults();
        for (Flag flag : FLAGS) {
            String description = String.join(" ", spec.findOption("--" + flag.name()).description());
            String expected = "(default: " + (flag.value().test(defaults) ? "on" : "off") + ").";
            assertTrue(description.endsWith(expected), "--" + flag.name() + ": " + description);
        }
    }
}
