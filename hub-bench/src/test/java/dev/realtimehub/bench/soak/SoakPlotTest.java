package dev.realtimehub.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakPlotTest {

    @TempDir
    Path dir;

    @Test
    void writesAPngWithOnePanelPerSeriesTheLinesAndTheRestartMarks() throws Exception {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean down = i == 30; // node 0 restarting
            double live = i % 6 == 0 ? 60e6 : Double.NaN; // a full collection every sixth sample
            samples.add(new SoakSample(i * 10.0, List.of(
                    down ? SoakSample.NodeReading.down()
                            : new SoakSample.NodeReading(100 + (i >= 30 ? 1 : 0), 80e6 + (i % 5) * 10e6, live, 300e6,
                                    2100, 2000),
                    new SoakSample.NodeReading(200, 90e6, live, 310e6, 2050, 1990)), 12e6, i * 50_000L, 4000));
        }
        List<Series> series = SoakReport.series(samples);
        double[][] restarts = {{295, 305}};
        Flatness flatness = new Flatness(60, 45);
        List<Flatness.Verdict> verdicts = SoakReport.judge(series, restarts, flatness);
        List<SoakPlot.Panel> panels = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            panels.add(new SoakPlot.Panel(series.get(i), verdicts.get(i), List.of(new double[] {0, 60})));
        }
        Path png = dir.resolve("nested/soak.png");

        SoakPlot.write(png, "test run", panels, new double[] {295}, 600);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG ImageIO can decode").isNotNull();
        // heap, live heap, RSS, fds beyond connections per node, TCP memory, delivery rate, clients
        assertThat(series).hasSize(11);
        Series live = series.get(1);
        assertThat(live.name()).isEqualTo("node0_heap_after_full_gc_bytes");
        assertThat(live.seconds()).as("only the samples that asked for a collection")
                .containsExactly(0, 60, 120, 180, 240, 300, 360, 420, 480, 540);
        assertThat(verdicts.get(1).flat()).isTrue();
        assertThat(image.getWidth()).isEqualTo(SoakPlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(30 + 11 * SoakPlot.PANEL_HEIGHT);
        Set<Integer> colours = new HashSet<>();
        int lineBlue = 0;
        int restartRed = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb == 0x1f5fbf) {
                    lineBlue++;
                }
                if (rgb == 0xd03030) {
                    restartRed++;
                }
            }
        }
        assertThat(colours.size()).as("not blank").isGreaterThan(10);
        assertThat(lineBlue).as("series lines drawn").isGreaterThan(9 * 300);
        assertThat(restartRed).as("restart marks drawn in every panel").isGreaterThan(9 * 50);
    }

    @Test
    void restartsPairTheirSigtermWithTheTimeTheNodeWasHealthyAgain() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("restarts.txt"), "11000 0 4242\n21000 0 4343\n");
        java.nio.file.Files.writeString(dir.resolve("restarts-up.txt"), "14500\n");

        double[][] restarts = SoakRestarts.read(dir.resolve("restarts.txt"), 1000);

        assertThat(restarts).hasDimensions(2, 2);
        assertThat(restarts[0]).containsExactly(10.0, 13.5);
        assertThat(restarts[1][0]).isEqualTo(20.0);
        assertThat(restarts[1][1]).as("the run ended before the node was back").isNaN();
        assertThat(SoakRestarts.read(dir.resolve("absent.txt"), 0)).isEmpty();
    }

    @Test
    void theCsvHasOneRowPerSampleAndEmptyCellsForANodeThatIsDown() throws Exception {
        List<SoakSample> samples = List.of(
                new SoakSample(0, List.of(new SoakSample.NodeReading(7, 1e6, 5e5, 2e6, 30, 12)), 4096, 0, 10),
                new SoakSample(10, List.of(SoakSample.NodeReading.down()), 8192, 500, 9));
        Path csv = dir.resolve("samples.csv");

        SoakReport.writeCsv(csv, samples);

        assertThat(java.nio.file.Files.readAllLines(csv)).containsExactly(
                "seconds,node0_pid,node0_heap_bytes,node0_heap_after_full_gc_bytes,node0_rss_bytes,node0_fds,"
                        + "node0_connections,tcp_mem_bytes,delivered,connected",
                "0.0,7,1000000,500000,2000000,30,12,4096,0,10",
                "10.0,,,,,,,8192,500,9");
    }
}
