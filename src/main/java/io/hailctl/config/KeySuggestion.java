package io.hailctl.config;

import java.util.Collection;
import java.util.Optional;

/** "did you mean 'subnetId'?" for a misspelt key: a case-insensitive match, else the nearest key by edit distance. */
final class KeySuggestion {
    static final int MAX_DISTANCE = 2;

    private KeySuggestion() {
    }

    static Optional<String> closest(String key, Collection<String> known) {
        Optional<String> sameLetters = known.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst();
        if (sameLetters.isPresent()) {
            return sameLetters;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            // A two-letter key is two edits away from every other two-letter key; that is no suggestion.
            if (d <= MAX_DISTANCE && d < key.length() && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
