package dev.sentinel.http.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line must be a well-formed
 * {@code # HELP}, {@code # TYPE}, comment or sample, each family's samples must be contiguous and named as its type
 * requires ({@code _bucket} with {@code le}, {@code _sum}, {@code _count} for a histogram), no series may repeat, and a
 * histogram's buckets must be cumulative up to {@code +Inf}, which equals its count. Anything else throws. (Neither
 * Micrometer nor the Prometheus Java client ships a parser of the text format.)
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public record Family(String name, String type, String help, List<Sample> samples) {

        /** The one sample named {@code name} whose labels include all of {@code labels}. */
        public Sample sample(String name, Map<String, String> labels) {
            List<Sample> found = samples.stream().filter(sample -> sample.name().equals(name)
                    && sample.labels().entrySet().containsAll(labels.entrySet())).toList();
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " samples " + name + labels + " in " + samples);
            }
            return found.get(0);
        }
    }

    private PrometheusText() {
    }

    public static Map<String, Family> parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> series = new HashSet<>();
        String current = null;
        int number = 0;
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            number++;
            try {
                if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                    String[] parts = line.substring(7).split(" ", 2);
                    String name = name(parts[0]);
                    if (samples.containsKey(name) || (line.startsWith("# TYPE") ? types : helps).containsKey(name)) {
                        throw new IllegalArgumentException("HELP or TYPE after the samples or repeated: " + name);
                    }
                    if (line.startsWith("# TYPE ")) {
                        if (parts.length != 2 || !TYPES.contains(parts[1])) {
                            throw new IllegalArgumentException("unknown type");
                        }
                        types.put(name, parts[1]);
                    } else {
                        helps.put(name, parts.length == 2 ? unescapeHelp(parts[1]) : "");
                    }
                } else if (line.startsWith("#") || line.isBlank()) {
                    continue;
                } else {
                    Sample sample = sample(line);
                    String family = familyOf(sample, types);
                    if (!family.equals(current) && samples.containsKey(family)) {
                        throw new IllegalArgumentException("the samples of " + family + " are not contiguous");
                    }
                    current = family;
                    if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                        throw new IllegalArgumentException("repeated series");
                    }
                    samples.computeIfAbsent(family, key -> new ArrayList<>()).add(sample);
                }
            } catch (RuntimeException malformed) {
                throw new IllegalArgumentException("line " + number + " '" + line + "': " + malformed.getMessage(),
                        malformed);
            }
        }
        Map<String, Family> families = new LinkedHashMap<>();
        samples.forEach((name, list) -> {
            Family family = new Family(name, types.getOrDefault(name, "untyped"), helps.get(name), List.copyOf(list));
            if (family.type().equals("histogram")) {
                checkHistogram(family);
            }
            families.put(name, family);
        });
        return families;
    }

    private static String familyOf(Sample sample, Map<String, String> types) {
        String name = sample.name();
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
            String type = base == null ? null : types.get(base);
            if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                if (suffix.equals("_bucket") && !sample.labels().containsKey("le")) {
                    throw new IllegalArgumentException("a bucket without le");
                }
                return base;
            }
        }
        String type = types.get(name);
        if ("histogram".equals(type)) {
            throw new IllegalArgumentException("a histogram sample without _bucket, _sum or _count");
        }
        return name;
    }

    private static void checkHistogram(Family family) {
        Map<Map<String, String>, Double> previous = new LinkedHashMap<>();
        for (Sample sample : family.samples()) {
            Map<String, String> series = new TreeMap<>(sample.labels());
            series.remove("le");
            if (sample.name().endsWith("_bucket")) {
                Double before = previous.put(series, sample.value());
                if (before != null && before > sample.value()) {
                    throw new IllegalArgumentException(family.name() + ": buckets are not cumulative");
                }
            } else if (sample.name().endsWith("_count")) {
                Map<String, String> inf = new TreeMap<>(series);
                inf.put("le", "+Inf");
                Sample infBucket = family.sample(family.name() + "_bucket", inf);
                if (infBucket.value() != sample.value()) {
                    throw new IllegalArgumentException(family.name() + ": the +Inf bucket is not the count");
                }
            }
        }
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = name(line.substring(0, brace));
            rest = labels(line, brace + 1, labels);
        } else {
            if (space < 0) {
                throw new IllegalArgumentException("no value");
            }
            name = name(line.substring(0, space));
            rest = space;
        }
        if (rest >= line.length() || line.charAt(rest) != ' ') {
            throw new IllegalArgumentException("no space before the value");
        }
        String[] valueAndTime = line.substring(rest + 1).split(" ", -1);
        if (valueAndTime.length > 2) {
            throw new IllegalArgumentException("more than a value and a timestamp");
        }
        if (valueAndTime.length == 2) {
            Long.parseLong(valueAndTime[1]);
        }
        return new Sample(name, Map.copyOf(labels), value(valueAndTime[0]));
    }

    /** Reads {@code name="value",…}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> labels) {
        int index = at;
        while (line.charAt(index) != '}') {
            int equals = line.indexOf('=', index);
            String label = line.substring(index, equals);
            if (!LABEL_NAME.matcher(label).matches() || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("bad label " + label);
            }
            StringBuilder value = new StringBuilder();
            index = equals + 2;
            for (char c = line.charAt(index); c != '"'; c = line.charAt(++index)) {
                if (c == '\\') {
                    char escaped = line.charAt(++index);
                    value.append(switch (escaped) {
                        case '\\' -> '\\';
                        case '"' -> '"';
                        case 'n' -> '\n';
                        default -> throw new IllegalArgumentException("bad escape \\" + escaped);
                    });
                } else {
                    value.append(c);
                }
            }
            if (labels.put(label, value.toString()) != null) {
                throw new IllegalArgumentException("repeated label " + label);
            }
            index++;
            if (line.charAt(index) == ',') {
                index++;
            } else if (line.charAt(index) != '}') {
                throw new IllegalArgumentException("expected , or }");
            }
        }
        return index + 1;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw new IllegalArgumentException("bad value " + text);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static String name(String text) {
        if (!METRIC_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("bad metric name '" + text + "'");
        }
        return text;
    }

    private static String unescapeHelp(String text) {
        return text.replace("\\n", "\n").replace("\\\\", "\\");
    }
}
