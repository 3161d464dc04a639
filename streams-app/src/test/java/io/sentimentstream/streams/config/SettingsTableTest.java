package io.sentimentstream.streams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's settings table is the one generated from {@link Setting}: docs cannot drift. */
class SettingsTableTest {

    @Test
    void theReadmeHoldsTheGeneratedTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int begin = readme.indexOf(SettingsTable.BEGIN);
        int end = readme.indexOf(SettingsTable.END);
        assertTrue(begin >= 0 && end > begin, "README.md marks the settings table");
        assertEquals(SettingsTable.markdown(), readme.substring(begin + SettingsTable.BEGIN.length() + 1, end),
                "regenerate it: java -jar streams-app/target/streams-app.jar --list-settings --markdown");
    }

    @Test
    void everySettingHasARow() {
        String table = SettingsTable.markdown();
        for (Setting setting : Setting.values()) {
            assertTrue(table.contains("| `" + setting.key() + "` |"), setting.key());
            assertTrue(table.contains(setting.envName()), setting.envName());
        }
    }
}
