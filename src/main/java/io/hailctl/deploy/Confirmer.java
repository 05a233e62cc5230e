package io.hailctl.deploy;

/** Asks the person before something destructive; answers yes with --yes, no when nobody can answer. */
@FunctionalInterface
public interface Confirmer {
    boolean confirm(String question);

    Confirmer YES = q -> true;
    Confirmer NO = q -> false;
}
