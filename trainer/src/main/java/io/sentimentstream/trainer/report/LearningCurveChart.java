package io.sentimentstream.trainer.report;

import io.sentimentstream.trainer.train.EpochStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws loss and accuracy per epoch, training and validation, side by side in one PNG. */
final class LearningCurveChart {

    private LearningCurveChart() {
    }

    static void write(List<EpochStats> history, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] epochs = history.stream().mapToDouble(EpochStats::epoch).toArray();
        XYChart loss = chart("Loss", "cross-entropy");
        series(loss, "train", epochs, history.stream().mapToDouble(EpochStats::trainLoss).toArray());
        series(loss, "validation", epochs, history.stream().mapToDouble(EpochStats::validationLoss).toArray());
        XYChart accuracy = chart("Accuracy", "accuracy");
        series(accuracy, "train (sample)", epochs, history.stream().mapToDouble(EpochStats::trainAccuracy).toArray());
        series(accuracy, "validation", epochs, history.stream().mapToDouble(EpochStats::validationAccuracy).toArray());
        String base = png.toString().replaceFirst("\\.png$", "");
        java.awt.image.BufferedImage left = BitmapEncoder.getBufferedImage(loss);
        java.awt.image.BufferedImage right = BitmapEncoder.getBufferedImage(accuracy);
        java.awt.image.BufferedImage both = new java.awt.image.BufferedImage(
                left.getWidth() + right.getWidth(), Math.max(left.getHeight(), right.getHeight()),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = both.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        javax.imageio.ImageIO.write(both, "png", Path.of(base + ".png").toFile());
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(560).height(400).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        chart.getStyler().setDecimalPattern("#0.###");
        chart.getStyler().setXAxisDecimalPattern("#0");
        return chart;
    }

    private static void series(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
    }
}
