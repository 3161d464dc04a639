package io.sentimentstream.streams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdTest {

    @TempDir
    Path stateDir;

    @Test
    void theKeptIdSurvivesARestartAndIsNeverSharedByTwoRunningInstances() {
        String first;
        try (InstanceId id = InstanceId.kept(stateDir, "app")) {
            first = id.id();
            assertTrue(first.startsWith("app-"), first);
            try (InstanceId second = InstanceId.kept(stateDir, "app")) {
                assertNotEquals(first, second.id(), "a second instance on the same state directory");
            }
            try (InstanceId other = InstanceId.kept(stateDir, "other-app")) {
                assertNotEquals(first, other.id());
            }
        }
        try (InstanceId restarted = InstanceId.kept(stateDir, "app")) {
            assertEquals(first, restarted.id(), "the same instance after a restart");
        }
        assertEquals("fixed", InstanceId.of("fixed").id());
    }
}
