package dev.sentinel.cli.usage;

import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Sparkline;
import dev.sentinel.core.application.analytics.UsagePoint;
import dev.sentinel.core.application.analytics.UsageRange;
import dev.sentinel.core.application.analytics.UsageReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The timeline of a usage report drawn in the terminal: requests per point and success rate per point as two rows
 * of bars over a labelled UTC time axis. Points without requests show as {@value Sparkline#NO_DATA}.
 */
final class UsageChart {

    private static final String REQUESTS = "Requests      ";
    private static final String SUCCESS = "Success rate  ";
    private static final String AXIS = " ".repeat(REQUESTS.length());

    private UsageChart() {
    }

    static String render(UsageReport report) {
        UsageRange range = report.range();
        List<UsagePoint> points = report.timeline();
        int cell = range == UsageRange.LAST_7_DAYS ? 6 : 2;
        long peak = points.stream().mapToLong(UsagePoint::totalRequests).max().orElse(0);
        List<Double> requests = points.stream()
                .map(point -> point.totalRequests() == 0 ? null : (double) point.totalRequests()).toList();
        List<Double> successRates = points.stream()
                .map(point -> point.totalRequests() == 0 ? null : point.successRate()).toList();
        String peakNote = peak == 0 ? "no requests"
                : "peak " + Figures.count(peak) + " per " + range.resolutionName();
        return REQUESTS + Sparkline.of(requests, peak, cell) + "  " + peakNote + "\n"
                + SUCCESS + Sparkline.of(successRates, 100, cell) + "  0-100 %\n"
                + (AXIS + axis(report, cell)).stripTrailing() + "\n";
    }

    /** Start times under the bars they label: every 6 hours, every day, or every week. */
    private static String axis(UsageReport report, int cell) {
        UsageRange range = report.range();
        int every = switch (range) {
            case LAST_24_HOURS -> 6;
            case LAST_7_DAYS -> 1;
            case LAST_30_DAYS -> 7;
        };
        DateTimeFormatter format = DateTimeFormatter.ofPattern(range == UsageRange.LAST_24_HOURS ? "HH:mm" : "MM-dd")
                .withZone(ZoneOffset.UTC);
        StringBuilder axis = new StringBuilder();
        for (int i = 0; i < report.timeline().size(); i += every) {
            String label = format.format(report.timeline().get(i).start());
            axis.append(" ".repeat(Math.max(0, i * cell - axis.length()))).append(label);
        }
        return axis.append(" UTC").toString();
    }
}
