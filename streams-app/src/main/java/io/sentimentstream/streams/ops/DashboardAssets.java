package io.sentimentstream.streams.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard's files, read from the jar once at start-up: the page at {@code /}, our script
 * and style sheet, and uPlot from its WebJar. Only these paths exist; nothing is looked up from a
 * request's path.
 */
final class DashboardAssets {

    /**
     * One file as served.
     *
     * @param type  its content type
     * @param bytes its content
     */
    record Asset(String type, byte[] bytes) {
    }

    private static final String OURS = "dashboard/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final Map<String, Asset> byPath;

    private DashboardAssets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    /** Reads every file; a missing one is a packaging defect and fails start-up. */
    static DashboardAssets load() {
        String uplot = "META-INF/resources/webjars/uplot/" + webJarVersion() + "/dist/";
        Map<String, Asset> assets = new LinkedHashMap<>();
        assets.put("/", asset(OURS + "index.html", "text/html; charset=utf-8"));
        assets.put("/assets/dashboard.js", asset(OURS + "dashboard.js", "text/javascript; charset=utf-8"));
        assets.put("/assets/dashboard.css", asset(OURS + "dashboard.css", "text/css; charset=utf-8"));
        assets.put("/assets/uPlot.min.js", asset(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));
        assets.put("/assets/uPlot.min.css", asset(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
        return new DashboardAssets(Map.copyOf(assets));
    }

    /** The file at {@code path}, or {@code null}. */
    Asset at(String path) {
        return byPath.get(path);
    }

    private static String webJarVersion() {
        Properties pom = new Properties();
        try (InputStream in = resource(UPLOT_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static Asset asset(String name, String type) {
        try (InputStream in = resource(name)) {
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + name, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the dashboard's " + name + " is not in the jar");
        }
        return in;
    }
}
