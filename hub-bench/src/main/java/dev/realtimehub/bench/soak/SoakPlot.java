package dev.realtimehub.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the soak run's figure: one panel per series, stacked, time on the x axis, the restarts as red dashed lines,
 * the samples the verdict leaves out (warm-up, restart spikes) greyed, and the verdict as the panel's title — written
 * as a PNG with java.awt and ImageIO, headless.
 *
 * <p>Stateless and thread-safe.
 */
final class SoakPlot {

    static final int WIDTH = 1000;
    static final int PANEL_HEIGHT = 170;
    private static final int LEFT = 90;
    private static final int RIGHT = 20;
    private static final int TOP = 28;
    private static final int BOTTOM = 26;
    private static final Color LINE = new Color(0x1f, 0x5f, 0xbf);
    private static final Color RESTART = new Color(0xd0, 0x30, 0x30);
    private static final Color EXCLUDED = new Color(0xee, 0xee, 0xee);

    private SoakPlot() {
    }

    /** One panel: a series, its verdict, and the spans the verdict left out (pairs of seconds). */
    record Panel(Series series, Flatness.Verdict verdict, List<double[]> excludedSpans) {
    }

    /** Writes the figure to {@code file} (its directory created if missing). */
    static void write(Path file, String title, List<Panel> panels, double[] restartSeconds, double endSeconds)
            throws IOException {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("panels must not be empty");
        }
        System.setProperty("java.awt.headless", "true");
        int height = 30 + panels.size() * PANEL_HEIGHT;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, 20);
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), 30 + i * PANEL_HEIGHT, restartSeconds, Math.max(1, endSeconds));
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    private static void drawPanel(Graphics2D g, Panel panel, int top, double[] restarts, double end) {
        int x0 = LEFT;
        int x1 = WIDTH - RIGHT;
        int y0 = top + TOP;
        int y1 = top + PANEL_HEIGHT - BOTTOM;
        Series series = panel.series();
        double[] t = series.seconds();
        double[] v = series.values();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : v) {
            if (!Double.isNaN(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            min = 0;
            max = 1;
        }
        min = Math.min(0, min);
        max = max <= min ? min + 1 : max * 1.05;
        for (double[] span : panel.excludedSpans()) {
            int a = xOf(span[0], end, x0, x1);
            int b = xOf(Math.min(span[1], end), end, x0, x1);
            g.setColor(EXCLUDED);
            g.fillRect(a, y0, Math.max(1, b - a), y1 - y0);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x0, y0, x1 - x0, y1 - y0);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(series.format(max), 4, y0 + 10);
        g.drawString(series.format(min), 4, y1);
        g.drawString("0 s", x0, y1 + 14);
        String endLabel = String.format(java.util.Locale.ROOT, "%.0f s", end);
        g.drawString(endLabel, x1 - g.getFontMetrics().stringWidth(endLabel), y1 + 14);
        g.setColor(RESTART);
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
        for (double r : restarts) {
            int x = xOf(r, end, x0, x1);
            g.drawLine(x, y0, x, y1);
        }
        g.setStroke(new BasicStroke(1.6f));
        g.setColor(LINE);
        Path2D.Double path = new Path2D.Double();
        boolean drawing = false;
        for (int i = 0; i < t.length; i++) {
            if (Double.isNaN(v[i])) {
                drawing = false;
                continue;
            }
            double x = xOf(t[i], end, x0, x1);
            double y = y1 - (v[i] - min) / (max - min) * (y1 - y0);
            if (drawing) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                drawing = true;
            }
        }
        g.draw(path);
        g.setColor(panel.verdict().flat() ? new Color(0x10, 0x70, 0x30) : RESTART);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(series.name() + " — " + panel.verdict().line(), x0, top + TOP - 6);
    }

    private static int xOf(double seconds, double end, int x0, int x1) {
        return (int) Math.round(x0 + Math.max(0, Math.min(1, seconds / end)) * (x1 - x0));
    }
}
