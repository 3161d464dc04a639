package io.sentimentstream.streams.config;

/**
 * The settings as a Markdown table, generated from {@link Setting} so that the documentation
 * cannot drift from the code: the README holds this table between markers, and a test compares.
 */
public final class SettingsTable {

    /** Marks the start of the generated table in a Markdown file. */
    public static final String BEGIN = "<!-- settings:begin (generated: streams-app.jar --list-settings --markdown) -->";
    /** Marks its end. */
    public static final String END = "<!-- settings:end -->";

    private SettingsTable() {
    }

    /** The table, one row per setting: key, default, environment variable, meaning. */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| key | default | environment | meaning |\n|---|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            String value = setting.defaultValue().isEmpty() ? "(empty)" : "`" + setting.defaultValue() + "`";
            out.append("| `").append(setting.key()).append("` | ").append(value).append(" | `")
                    .append(setting.envName()).append("` | ").append(setting.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return out.toString();
    }
}
