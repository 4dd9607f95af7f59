package net.ledgernet.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An export's text: a header, one piece per ROW, and an end that says when the bound cut it or backends were left out. */
sealed interface ExportWriter {
    /** ROW's keys, in order: the CSV columns. */
    List<String> COLUMNS = List.of("time", "backend", "world", "x", "y", "z", "action", "object", "oldObject", "source",
            "rolledBack");

    String start();

    String row(Map<String, Object> row, boolean first);

    String end(int rows, boolean cut, int maxRows, Map<String, Object> leftOut, Optional<String> error);

    /** RFC 4180: CRLF lines, a field quoted when it holds a comma, quote, CR or LF (quotes doubled). */
    final class Csv implements ExportWriter {
        @Override
        public String start() {
            return String.join(",", COLUMNS) + "\r\n";
        }

        @Override
        public String row(Map<String, Object> row, boolean first) {
            StringBuilder out = new StringBuilder();
            for (String column : COLUMNS) {
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(field(String.valueOf(row.get(column))));
            }
            return out.append("\r\n").toString();
        }

        static String field(String value) {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                    && value.indexOf('\r') < 0) {
                return value;
            }
            return '"' + value.replace("\"", "\"\"") + '"';
        }

        /** Notes after the rows, as lines starting with '#', only when there is something to say. */
        @Override
        public String end(int rows, boolean cut, int maxRows, Map<String, Object> leftOut, Optional<String> error) {
            StringBuilder out = new StringBuilder();
            if (cut) {
                out.append(field("# cut at " + maxRows + " rows (web.export-max-rows); narrow the search for the rest"))
                        .append("\r\n");
            }
            leftOut.forEach((backend, why) -> out.append(field("# left out: " + backend + " (" + why + ")"))
                    .append("\r\n"));
            error.ifPresent(message -> out.append(field("# stopped: " + message)).append("\r\n"));
            return out.toString();
        }
    }

    /** A JSON array of ROWs; when cut, left out or stopped, a last element says so ({"type":"end",...}). */
    final class JsonArray implements ExportWriter {
        @Override
        public String start() {
            return "[";
        }

        @Override
        public String row(Map<String, Object> row, boolean first) {
            return (first ? "\n" : ",\n") + Json.write(row);
        }

        @Override
        public String end(int rows, boolean cut, int maxRows, Map<String, Object> leftOut, Optional<String> error) {
            if (!cut && leftOut.isEmpty() && error.isEmpty()) {
                return "\n]\n";
            }
            return (rows == 0 ? "\n" : ",\n") + Json.write(JsonViews.object("type", "end", "rows", rows, "cut", cut,
                    "maxRows", maxRows, "leftOut", leftOut, "error", error.orElse(null))) + "\n]\n";
        }
    }
}
