package dev.morganbuild.engine.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a trend chart's option, read without its layout: the builds on the x axis, the services
 * (series), each service's values per build (null where it was not built) and the builds its points link to.
 */
record ChartData(JsonNode option) {
    static ChartData of(JsonNode option) {
        return new ChartData(option);
    }

    List<String> builds() {
        List<String> out = new ArrayList<>();
        option.path("xAxis").path("data").forEach(b -> out.add(b.asText()));
        return out;
    }

    List<String> services() {
        List<String> out = new ArrayList<>();
        option.path("series").forEach(s -> out.add(s.path("name").asText()));
        return out;
    }

    List<Double> points(String service) {
        List<Double> out = new ArrayList<>();
        series(service).path("data").forEach(p -> out.add(p.isObject() ? p.path("value").asDouble() : null));
        return out;
    }

    List<String> linkedBuilds(String service) {
        List<String> out = new ArrayList<>();
        series(service).path("data").forEach(p -> out.add(p.isObject() ? p.path("build").asText() : null));
        return out;
    }

    JsonNode item(String service, int build) {
        return series(service).path("data").get(build);
    }

    String color(String service) {
        return series(service).path("itemStyle").path("color").asText();
    }

    private JsonNode series(String service) {
        for (JsonNode s : option.path("series")) {
            if (s.path("name").asText().equals(service)) {
                return s;
            }
        }
        throw new AssertionError("no series " + service + " in " + option);
    }
}
