package net.ledgernet.cli;

import java.io.PrintStream;
import java.util.List;

/** Left-aligned columns, two spaces apart, trailing spaces stripped. */
final class Table {
    private Table() {
    }

    static void print(PrintStream out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
