package io.hailctl.deploy.users;

/** The SageMaker port for opening a notebook: a presigned sign-in link, when the API gives one. */
public interface NotebookSignIn {

    /** A fresh sign-in link for the notebook instance, or why there is none. Writes nothing. */
    Link presignedUrl(String notebookInstanceName);

    /** What {@link #presignedUrl} got. */
    sealed interface Link permits Link.Presigned, Link.Unavailable {
        /** A single-use sign-in URL; SageMaker lets it be used for 5 minutes. */
        record Presigned(String url) implements Link {
        }

        /** The API refused or is missing (the local emulator does not implement it). */
        record Unavailable(String why) implements Link {
        }
    }
}
