package net.ledgernet.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.ledgernet.benchmarks.FanOutBenchmark.DialectResult;
import net.ledgernet.benchmarks.FanOutBenchmark.Options;
import net.ledgernet.benchmarks.FanOutBenchmark.Row;
import net.ledgernet.benchmarks.FanOutBenchmark.Stats;
import net.ledgernet.storage.SqlDialect;

/** The fan-out benchmark's Markdown tables and its hand-written SVG plot. */
final class Report {
    private Report() {
    }

    static String markdown(Options o, List<DialectResult> results) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d backends x %,d actions per dialect, page size %d, up to %d timed runs"
                        + " per search after %d warm-up runs (fewer only where the %.0f s budget ran out; n is shown)."
                        + " Times in ms, p50 / p99 (nearest rank). JVM %s %s, %d CPUs available.%n%n",
                o.backends(), o.actions(), FanOutBenchmark.PAGE_SIZE, o.reps(), o.warmup(), o.budgetSeconds(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors()));
        for (DialectResult r : results) {
            md.append("#### ").append(r.label()).append(" (").append(r.serverVersion()).append(")\n\n");
            md.append(r.load()).append(".\n\n");
            md.append("Picked from the data: ").append(r.params()).append(".\n\n");
            md.append("| Search | LedgerNet, ").append(o.backends()).append(" backends | n | LedgerNet, s1 only"
                    + " | Ledger, s1 (lookups + COUNT + page) | COUNT + page only | LedgerNet ÷ Ledger (p50) | heap / search,"
                    + " LedgerNet (p50, max) | rows | Ledger's COUNT on s1 |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (Row row : r.rows()) {
                double ratio = row.ledgerNet().p50() / row.ledger().p50();
                md.append("| ").append(row.search()).append(": ").append(row.description()).append(" | **")
                        .append(row.ledgerNet().ms()).append("** | ").append(row.ledgerNet().n()).append(" | ")
                        .append(row.ledgerNetOne() == null ? "–" : row.ledgerNetOne() == row.ledgerNet() ? "(same)"
                                : row.ledgerNetOne().ms()).append(" | ")
                        .append(row.ledger().ms()).append(" | ").append(row.ledger().queriesMs()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f×", ratio)).append(" | ")
                        .append(FanOutBenchmark.kb(row.ledgerNet().allocP50())).append(", ")
                        .append(FanOutBenchmark.kb(row.ledgerNet().allocMax())).append(" | ").append(row.rows())
                        .append(row.note().isEmpty() ? "" : " (" + row.note() + ")").append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", row.ledgerCount())).append(" |\n");
            }
            md.append("\nBroad query `action:block-break` by page number (LedgerNet: next page from the previous"
                    + " page's cursor; Ledger: COUNT + OFFSET 8×(page−1), lookups included):\n\n| Page |");
            r.pageNet().keySet().forEach(p -> md.append(' ').append(p).append(" |"));
            md.append("\n|---|");
            r.pageNet().keySet().forEach(p -> md.append("---|"));
            line(md, "LedgerNet p50 / p99", r.pageNet());
            line(md, "Ledger p50 / p99", r.pageLedger());
            md.append("\n| LedgerNet heap / page (p50) |");
            r.pageNet().values().forEach(s -> md.append(' ').append(FanOutBenchmark.kb(s.allocP50())).append(" |"));
            md.append("\n| Ledger heap / page (p50) |");
            r.pageLedger().values().forEach(s -> md.append(' ').append(FanOutBenchmark.kb(s.allocP50())).append(" |"));
            md.append("\n\nBroad query page 1 by number of backends (LedgerNet):\n\n| Backends |");
            r.backendNet().keySet().forEach(k -> md.append(' ').append(k).append(" |"));
            md.append("\n|---|");
            r.backendNet().keySet().forEach(k -> md.append("---|"));
            line(md, "p50 / p99", r.backendNet());
            md.append("\n| heap / search (p50) |");
            r.backendNet().values().forEach(s -> md.append(' ').append(FanOutBenchmark.kb(s.allocP50())).append(" |"));
            Stats p1 = r.pageNet().get(1);
            Stats p50 = r.pageNet().get(50);
            md.append(String.format(Locale.ROOT, "%n%nPage 50 ÷ page 1 (p50): LedgerNet %.2f×, Ledger %.2f×. ",
                    p50.p50() / p1.p50(), r.pageLedger().get(50).p50() / r.pageLedger().get(1).p50()));
            md.append(r.deepNet() == null ? String.format(Locale.ROOT, "Page %d was not measured (walking there"
                    + " would take over two minutes). ", r.deepPage())
                    : String.format(Locale.ROOT, "Page %d (next from page %d): LedgerNet %s ms (heap %s), Ledger %s ms. ",
                    r.deepPage(), r.deepPage() - 1, r.deepNet().ms(), FanOutBenchmark.kb(r.deepNet().allocP50()),
                    r.deepLedger().ms()));
            md.append(r.jump50() == null ? "Jumping straight to page 50 with LedgerNet (page 1 + 49 × next) was not"
                    + " timed: about 50 × the next-page time, over the budget.\n\n"
                    : String.format(Locale.ROOT, "Jumping straight to page 50 with LedgerNet (page 1 + 49 × next, n = %d):"
                    + " %s ms.%n%n", r.jump50().n(), r.jump50().ms()));
            md.append("Client-mod search on s1 (what a Watson user waits for): Ledger streams every page, each a COUNT"
                    + " + page query, until the last; LedgerNet answers max-pages pages (page 1 + next pages). Ledger's"
                    + " total is measured up to the budget and estimated for all pages from their average (a lower bound:"
                    + " OFFSET grows).\n\n| Search | matches | Ledger pages | Ledger measured | Ledger, all pages (est.)"
                    + " | LedgerNet, " + (r.clientMod().isEmpty() ? 5 : r.clientMod().get(0).ledgerNetPages())
                    + " pages p50 / p99 |\n|---|---|---|---|---|---|\n");
            for (FanOutBenchmark.ClientModRow c : r.clientMod()) {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d pages in %s ms | **%s s** | %s |%n",
                        c.search(), c.ledger().count(), c.ledger().pages(), c.ledger().pagesDone(),
                        FanOutBenchmark.fmt(c.ledger().measuredMs()),
                        String.format(Locale.ROOT, "%,.1f", c.ledger().estimatedTotalMs() / 1000), c.ledgerNet().ms()));
            }
            md.append("\nPage order per backend: ").append(r.orders())
                    .append(" (TIME: `actions_time` index present; ID: Ledger's id order, merged by time).\n\n");
        }
        return md.toString();
    }

    private static void line(StringBuilder md, String label, Map<Integer, Stats> stats) {
        md.append("\n| ").append(label).append(" |");
        stats.values().forEach(s -> md.append(' ').append(s.ms()).append(" |"));
    }

    static String title(SqlDialect d) {
        return switch (d) {
            case MARIADB -> "MariaDB";
            case POSTGRESQL -> "PostgreSQL";
            case SQLITE -> "SQLite";
            default -> d.name();
        };
    }

    /** A colour per dialect; a second hue for the same dialect measured with the time index in the same run. */
    private static String color(DialectResult r) {
        if (r.label().endsWith("with time index")) {
            return switch (r.dialect()) {
                case MARIADB -> "#8e44ad";
                case POSTGRESQL -> "#e67e22";
                default -> "#16a085";
            };
        }
        return switch (r.dialect()) {
            case MARIADB -> "#1f6fb4";
            case POSTGRESQL -> "#c0392b";
            default -> "#2e8b3a";
        };
    }

    // ---- SVG ----

    private static final int W = 980;
    private static final int H = 440;
    private static final int TOP = 50;
    private static final int BOTTOM = 370;

    static String svg(Options o, List<DialectResult> results) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (DialectResult r : results) {
            for (Map<Integer, Stats> m : List.of(r.pageNet(), r.pageLedger(), r.backendNet())) {
                for (Stats s : m.values()) {
                    lo = Math.min(lo, s.p50());
                    hi = Math.max(hi, s.p50());
                }
            }
        }
        double yMin = Math.pow(10, Math.floor(Math.log10(lo)));
        double yMax = Math.pow(10, Math.ceil(Math.log10(hi)));
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        s.append(text(W / 2.0, 20, "middle", 15, "bold", String.format(Locale.ROOT,
                "LedgerNet network search, action:block-break, p50 latency (ms, log scale); %d backends × %,d actions",
                o.backends(), o.actions())));
        // Left: by page number (x positions evenly spaced, labelled with the page).
        int[] pages = FanOutBenchmark.PAGES;
        double lx0 = 70;
        double lx1 = 470;
        axes(s, lx0, lx1, yMin, yMax, "page number (pages 1, 5, 10, 25, 50, 100; evenly spaced)",
                "By page (dashed: Ledger, 1 backend)");
        for (int i = 0; i < pages.length; i++) {
            double x = lx0 + (lx1 - lx0) * i / (pages.length - 1);
            s.append(text(x, BOTTOM + 16, "middle", 12, "normal", String.valueOf(pages[i])));
        }
        for (DialectResult r : results) {
            List<double[]> net = new ArrayList<>();
            List<double[]> led = new ArrayList<>();
            for (int i = 0; i < pages.length; i++) {
                double x = lx0 + (lx1 - lx0) * i / (pages.length - 1);
                net.add(new double[] {x, y(r.pageNet().get(pages[i]).p50(), yMin, yMax)});
                led.add(new double[] {x, y(r.pageLedger().get(pages[i]).p50(), yMin, yMax)});
            }
            series(s, net, color(r), false);
            series(s, led, color(r), true);
        }
        // Right: by backend count.
        double rx0 = 560;
        double rx1 = 900;
        int n = o.backends();
        axes(s, rx0, rx1, yMin, yMax, "backends searched", "Page 1 by backends (dashed: Ledger, 1 backend)");
        for (int k = 1; k <= n; k++) {
            double x = n == 1 ? rx0 : rx0 + (rx1 - rx0) * (k - 1) / (n - 1);
            s.append(text(x, BOTTOM + 16, "middle", 12, "normal", String.valueOf(k)));
        }
        for (DialectResult r : results) {
            List<double[]> net = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                double x = n == 1 ? rx0 : rx0 + (rx1 - rx0) * (k - 1) / (n - 1);
                net.add(new double[] {x, y(r.backendNet().get(k).p50(), yMin, yMax)});
            }
            series(s, net, color(r), false);
            double ly = y(r.pageLedger().get(1).p50(), yMin, yMax);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                    + " stroke-width=\"2\" stroke-dasharray=\"6 4\"/>%n", rx0, ly, rx1, ly, color(r)));
        }
        // Legend.
        double lxLegend = 70;
        for (DialectResult r : results) {
            String c = color(r);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"415\" x2=\"%.1f\" y2=\"415\" stroke=\"%s\""
                    + " stroke-width=\"2.5\"/>%n", lxLegend, lxLegend + 26, c));
            s.append(text(lxLegend + 32, 419, "start", 12, "normal", r.label() + " LedgerNet"));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"432\" x2=\"%.1f\" y2=\"432\" stroke=\"%s\""
                    + " stroke-width=\"2\" stroke-dasharray=\"6 4\"/>%n", lxLegend, lxLegend + 26, c));
            s.append(text(lxLegend + 32, 436, "start", 12, "normal", r.label() + " Ledger (COUNT + OFFSET)"));
            lxLegend += Math.max(300, (W - 100) / results.size()); // room for "<dialect>, without time index"
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void axes(StringBuilder s, double x0, double x1, double yMin, double yMax, String xLabel, String title) {
        s.append(text((x0 + x1) / 2, TOP - 12, "middle", 13, "bold", title));
        for (double d = yMin; d <= yMax * 1.0001; d *= 10) {
            for (double m : new double[] {1, 2, 5}) {
                double v = d * m;
                if (v > yMax * 1.0001) {
                    break;
                }
                double y = y(v, yMin, yMax);
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                        x0, y, x1, y, m == 1 ? "#cccccc" : "#eeeeee"));
                s.append(text(x0 - 6, y + 4, "end", 11, "normal", v >= 1 ? String.format(Locale.ROOT, "%.0f", v)
                        : String.format(Locale.ROOT, "%s", Double.toString(v).replaceAll("0+$", ""))));
            }
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n", x0, BOTTOM, x1, BOTTOM));
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n", x0, TOP, x0, BOTTOM));
        s.append(text((x0 + x1) / 2, BOTTOM + 32, "middle", 12, "normal", xLabel));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\""
                + " transform=\"rotate(-90 %.1f %.1f)\">ms (p50)</text>%n", x0 - 44, (TOP + BOTTOM) / 2.0, x0 - 44,
                (TOP + BOTTOM) / 2.0));
    }

    private static void series(StringBuilder s, List<double[]> points, String color, boolean dashed) {
        StringBuilder pts = new StringBuilder();
        for (double[] p : points) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
                .append(dashed ? "2" : "2.5").append('"').append(dashed ? " stroke-dasharray=\"6 4\"" : "")
                .append(" points=\"").append(pts.toString().trim()).append("\"/>\n");
        for (double[] p : points) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"/>%n", p[0], p[1],
                    dashed ? "2.5" : "3.5", dashed ? "#ffffff\" stroke=\"" + color : color));
        }
    }

    private static double y(double v, double yMin, double yMax) {
        double f = (Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin));
        return BOTTOM - f * (BOTTOM - TOP);
    }

    private static String text(double x, double y, String anchor, int size, String weight, String t) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s>%s</text>%n",
                x, y, anchor, size, weight.equals("bold") ? " font-weight=\"bold\"" : "",
                t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    }
}
