package io.hailctl.config;

/** How task nodes are bought ({@code emr.taskMarket}); SPOT bids the on-demand price, as the original did. */
public enum Market {
    SPOT,
    ON_DEMAND;

    public String yamlValue() {
        return name();
    }
}
