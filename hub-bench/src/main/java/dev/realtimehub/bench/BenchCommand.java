package dev.realtimehub.bench;

import dev.realtimehub.bench.ceiling.CeilingCommand;
import dev.realtimehub.bench.chaos.ChaosCommand;
import dev.realtimehub.bench.loadgen.LoadGenCommand;
import dev.realtimehub.bench.loadgen.MergeCommand;
import dev.realtimehub.bench.soak.SoakCommand;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hub-bench} command: {@code loadgen} (the WebSocket load generator), {@code ceiling} (the raw-Netty fan-out
 * server the hub is compared with), {@code merge} (one summary of several loadgen reports), {@code chaos} (the fault
 * scenario: nodes killed, Redis restarted, connections cut, churn and a burst, every acknowledged event checked),
 * {@code soak} (the clients and sampler of the soak run) and {@code jmh} (the JMH benchmarks of the hot path; every
 * argument after it goes to JMH).
 */
@Command(name = "hub-bench", mixinStandardHelpOptions = true,
        description = "Benchmark tooling of realtime-hub.",
        subcommands = {LoadGenCommand.class, CeilingCommand.class, MergeCommand.class, ChaosCommand.class,
            SoakCommand.class},
        footer = {"", "  jmh [JMH options]   runs the JMH benchmarks of the hot path, e.g."
                + " 'jmh -f 1 -wi 2 -i 3 FanOut' ('jmh -h' lists JMH's options, 'jmh -l' the benchmarks)"})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) throws Exception {
        // the same Netty setting the hub's launcher starts with (dev.realtimehub.app.NettyDefaults), so the ceiling
        // and the load generator are not slowed by the leak detector's sampling either
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        if (args.length > 0 && "jmh".equals(args[0])) {
            // JMH parses its own options (-f, -wi, -i, -p, …) and exits by itself
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
