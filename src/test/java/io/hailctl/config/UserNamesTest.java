package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserNamesTest {
    private static final String SHAPE = "user names use lowercase letters, digits and single hyphens, start with a"
            + " letter and end with a letter or digit";

    @ParameterizedTest
    @ValueSource(strings = {"al", "alice", "bob-smith", "user1", "a1-b2-c3", "abcdefghijklmnopqrstuvwxyz012345"})
    void validNames(String name) {
        assertEquals(Optional.empty(), UserNames.violation(name));
        assertEquals(Optional.empty(), UserNames.violation("dev", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "alice smith", "alice_smith", "alice.smith", "alice/bob", "../etc", "al*",
            "1alice", "-alice", "alice-", "alice--bob", "élodie", "al?", "al@ce"})
    void unsafeCharactersAreRefused(String name) {
        assertEquals(Optional.of(SHAPE), UserNames.violation(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a                                 | user names are 2 to 32 characters
            ''                                | user names are 2 to 32 characters
            abcdefghijklmnopqrstuvwxyz0123456 | user names are 2 to 32 characters
            scripts                           | "scripts" is reserved: the buckets use it as a shared top-level folder
            common-notebooks                  | "common-notebooks" is reserved: the buckets use it as a shared top-level folder
            plots                             | "plots" is reserved: the buckets use it as a shared top-level folder
            hailctl                           | "hailctl" is reserved: the buckets use it as a shared top-level folder
            """)
    void lengthAndReservedWords(String name, String rule) {
        assertEquals(Optional.of(rule), UserNames.violation(name));
    }

    @Test
    void theNotebookNameMustFitSageMakersLimit() {
        String environment = "e".repeat(40);

        assertEquals(Optional.of("the notebook name \"" + environment + "-" + "u".repeat(23)
                        + "\" would be 64 characters; SageMaker allows at most 63"),
                UserNames.violation(environment, "u".repeat(23)));
        assertEquals(Optional.empty(), UserNames.violation(environment, "u".repeat(22)));
        assertEquals("dev-alice", UserNames.notebookName("dev", "alice"));
    }

    @Test
    void requireValidRefusesInOneLine() {
        HailctlException e = assertThrows(HailctlException.class, () -> UserNames.requireValid("dev", "Bob"));

        assertEquals("user name \"Bob\": " + SHAPE, e.getMessage());
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("bob", UserNames.requireValid("dev", "bob"));
    }
}
