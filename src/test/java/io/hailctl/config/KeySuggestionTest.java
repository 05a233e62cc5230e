package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeySuggestionTest {
    private static final List<String> EMR = ConfigReader.EMR_KEYS;

    @Test
    void suggestsWithinTwoEditsOrSameLetters() {
        assertEquals(Optional.of("coreCount"), KeySuggestion.closest("coreCont", EMR));
        assertEquals(Optional.of("taskMax"), KeySuggestion.closest("taksMax", EMR));
        assertEquals(Optional.of("idleTimeoutMinutes"), KeySuggestion.closest("IDLETIMEOUTMINUTES", EMR));
        assertEquals(Optional.of("subnetId"), KeySuggestion.closest("subnetID", ConfigReader.NETWORK_KEYS));
    }

    @Test
    void noSuggestionWhenNothingIsClose() {
        assertEquals(Optional.empty(), KeySuggestion.closest("instances", EMR));
        assertEquals(Optional.empty(), KeySuggestion.closest("ab", List.of("cd")));
    }

    @Test
    void levenshtein() {
        assertEquals(0, KeySuggestion.distance("ssm", "ssm"));
        assertEquals(3, KeySuggestion.distance("kitten", "sitting"));
        assertEquals(4, KeySuggestion.distance("", "name"));
    }
}
