package net.ledgernet.config;

/** One thing wrong with config.yml: the key it is about, and why. */
public record ConfigProblem(String key, String reason) {
    @Override
    public String toString() {
        return key + ": " + reason;
    }
}
