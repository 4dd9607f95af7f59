package net.ledgernet.config;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The shipped config.yml with its commented example server and backends switched on, as an operator would. */
final class ShippedExamples {
    private static final Pattern EXAMPLE_LINE = Pattern.compile("^  # ( *([a-z-]+:.*|#.*))$");

    private ShippedExamples() {
    }

    static String uncommented(String shipped) {
        StringBuilder out = new StringBuilder();
        boolean inExamples = false;
        for (String line : shipped.split("\n", -1)) {
            if (line.equals("database-servers: {}") || line.equals("backends: {}")) {
                out.append(line, 0, line.length() - 3).append('\n');
                inExamples = true;
                continue;
            }
            if (inExamples && !line.startsWith("  ")) {
                inExamples = false;
            }
            var example = EXAMPLE_LINE.matcher(line);
            out.append(inExamples && example.matches() ? "  " + example.group(1) : line).append('\n');
        }
        return out.toString().lines().collect(Collectors.joining("\n")) + "\n";
    }
}
