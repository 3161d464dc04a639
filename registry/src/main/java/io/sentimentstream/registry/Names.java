package io.sentimentstream.registry;

/** Model names and versions become parts of record keys: no slash, no control character, bounded. */
final class Names {

    static final int MAX_CHARS = 128;

    private Names() {
    }

    static boolean valid(String part) {
        return part != null && !part.isEmpty() && part.length() <= MAX_CHARS && part.matches("[A-Za-z0-9._+:@-]+");
    }

    static boolean isSha256(String hex) {
        return hex != null && hex.matches("[0-9a-f]{64}");
    }
}
