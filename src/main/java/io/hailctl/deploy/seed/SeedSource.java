package io.hailctl.deploy.seed;

import java.util.List;

/**
 * Where the Jupyter content comes from: the content bundled in hailctl, or a folder. Only the two
 * folders the notebooks read are seeded; everything else at the bucket root belongs to the users
 * (their backups live under {@code USER/}), so it is never written or deleted.
 */
public interface SeedSource {
    /** The seeded top-level folders, as key prefixes. */
    List<String> PREFIXES = List.of("common-notebooks/", "scripts/");

    /** For people: "the bundled jupyter/ content", "folder /home/me/jupyter". */
    String describe();

    /** The files to seed, sorted by key. */
    List<SeedFile> files();

    /**
     * The prefixes this source speaks for: `--delete` removes remote extras only under these (a
     * folder without scripts/ says nothing about the scripts in the bucket).
     */
    List<String> prefixes();
}
