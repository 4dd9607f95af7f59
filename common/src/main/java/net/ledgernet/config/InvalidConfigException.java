package net.ledgernet.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** config.yml could not be used. Lists every problem found, not just the first. */
public final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(Path file, List<ConfigProblem> problems) {
        super(describe(file, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(Path file, List<ConfigProblem> problems) {
        return file + " has " + (problems.size() == 1 ? "a problem" : problems.size() + " problems") + ":"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
