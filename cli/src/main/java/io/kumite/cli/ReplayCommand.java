package io.kumite.cli;

import io.kumite.engine.fighter.Roster;
import io.kumite.engine.json.Json;
import io.kumite.engine.render.FrameImages;
import io.kumite.engine.render.Renderer;
import io.kumite.engine.replay.Replay;
import io.kumite.engine.replay.ReplayFormatException;
import io.kumite.engine.replay.ReplayVerifier;
import io.kumite.engine.sim.MatchState;
import io.kumite.engine.sim.Simulator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Inspect .kreplay files: info (the header), verify (re-simulate bit for bit), export (PNG frames, GIF).",
        subcommands = {ReplayCommand.Info.class, ReplayCommand.Verify.class, ReplayCommand.Export.class})
final class ReplayCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: info, verify or export");
    }

    /** Reads a replay or fails with one line (exit 1: the file, not the arguments, is at fault). */
    static Replay load(Path file) {
        try {
            return Replay.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new Main.UserError(file + ": cannot read: " + e.getMessage(), Main.EXIT_FAILURE);
        } catch (ReplayFormatException e) {
            throw new Main.UserError(file + ": " + e.getMessage(), Main.EXIT_FAILURE);
        }
    }

    static String resultName(int code) {
        switch (code) {
            case MatchState.P1_WINS:
                return "p1";
            case MatchState.P2_WINS:
                return "p2";
            case MatchState.DRAW:
                return "draw";
            default:
                return "unfinished";
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Print a replay's header and result; the last line is JSON.")
    static final class Info implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The .kreplay file.")
        Path file;

        @Override
        public Integer call() {
            Replay r = load(file);
            Replay.Header h = r.header();
            Replay.Result res = r.result();
            PrintWriter out = spec.commandLine().getOut();
            Table t = new Table("field", "value");
            t.row("engine", h.engineVersion() + " (simulation " + h.simulationVersion() + ")");
            t.row("character data", Replay.shortHash(h.rosterHash()));
            t.row("p1", h.p1Policy() + " as " + h.p1Character() + (h.p1CheckpointHash().isEmpty() ? "" : " ckpt " + h.p1CheckpointHash()));
            t.row("p2", h.p2Policy() + " as " + h.p2Character() + (h.p2CheckpointHash().isEmpty() ? "" : " ckpt " + h.p2CheckpointHash()));
            t.row("rules", "best of " + h.config().bestOf() + ", " + h.config().roundCounts() + "-count rounds");
            t.row("seed", h.seed());
            t.row("sticky / delay", h.stickyActionsPerMille() + "‰ / " + h.observationDelayFrames() + " frames");
            t.row("frames", r.frames() + " (checksum every " + h.checksumInterval() + ")");
            t.row("result", resultName(res.winner()) + " " + res.p1Rounds() + "-" + res.p2Rounds());
            t.row("final checksum", String.format("%016x", res.finalChecksum()));
            t.print(out);
            out.println(Json.write(Json.object("engine", h.engineVersion(), "simulation", h.simulationVersion(),
                    "roster_hash", h.rosterHash(), "p1", h.p1Policy(), "p1_character", h.p1Character(),
                    "p1_checkpoint", h.p1CheckpointHash(), "p2", h.p2Policy(), "p2_character", h.p2Character(),
                    "p2_checkpoint", h.p2CheckpointHash(), "best_of", h.config().bestOf(), "round_counts", h.config().roundCounts(),
                    "seed", h.seed(), "sticky_per_mille", h.stickyActionsPerMille(), "observation_delay", h.observationDelayFrames(),
                    "frames", r.frames(), "winner", resultName(res.winner()), "rounds", List.of(res.p1Rounds(), res.p2Rounds()),
                    "checksum", String.format("%016x", res.finalChecksum()))));
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Re-simulate replays and compare every stored checksum.",
                "Exit 0 when all verify, 1 otherwise; a desync names the first frame whose checksum differs. The last line is JSON."})
    static final class Verify implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .kreplay files.")
        List<Path> files;

        @picocli.CommandLine.Mixin

        RosterOption roster = new RosterOption();

        @Override
        public Integer call() {
            Roster roster = this.roster.load();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int ok = 0;
            List<Object> failures = new ArrayList<>();
            for (Path f : files) {
                Replay r;
                try {
                    r = Replay.read(f);
                } catch (IOException | ReplayFormatException e) {
                    err.println(f + ": " + e.getMessage());
                    failures.add(Json.object("file", f.toString(), "error", e.getMessage()));
                    continue;
                }
                ReplayVerifier.Outcome o = ReplayVerifier.verify(r, roster);
                if (o.ok()) {
                    ok++;
                    out.println(f + ": " + o.message());
                } else {
                    err.println(f + ": " + o.message());
                    failures.add(Json.object("file", f.toString(), "error", o.message(), "first_bad_frame", o.firstBadFrame()));
                }
            }
            out.printf("%d of %d replays verify%n", ok, files.size());
            out.println(Json.write(Json.object("verified", ok, "failed", files.size() - ok, "failures", failures)));
            return ok == files.size() ? 0 : Main.EXIT_FAILURE;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Render a replay's frames (what an agent sees, at any size) as PNG files and/or an animated GIF.",
                "The last line is JSON."})
    static final class Export implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The .kreplay file.")
        Path file;

        @Option(names = "--out", paramLabel = "DIR", description = "Folder for frame_NNNNNN.png files.")
        Path out;

        @Option(names = "--gif", paramLabel = "FILE", description = "Write an animated GIF here.")
        Path gif;

        @Option(names = "--size", defaultValue = "384x240", paramLabel = "WxH", description = "Frame size, 16..512 per side (default ${DEFAULT-VALUE}).")
        String size;

        @Option(names = "--gray", description = "Grayscale, as the atari84 observation.")
        boolean gray;

        @Option(names = "--every", defaultValue = "4", description = "Export every Nth frame (default ${DEFAULT-VALUE}).")
        int every;

        @Option(names = "--from", defaultValue = "1", description = "First frame (1-based, default ${DEFAULT-VALUE}).")
        int from;

        @Option(names = "--to", description = "Last frame (default: the end).")
        Integer to;

        @Option(names = "--frames", split = ",", paramLabel = "N", description = "Export exactly these frames (overrides --from/--to/--every).")
        List<Integer> frames;

        @picocli.CommandLine.Mixin

        RosterOption roster = new RosterOption();

        @Override
        public Integer call() throws IOException {
            if (out == null && gif == null) {
                throw new IllegalArgumentException("nothing to write: give --out DIR for PNG frames and/or --gif FILE");
            }
            String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
            if (wh.length != 2 || !wh[0].matches("\\d{1,4}") || !wh[1].matches("\\d{1,4}")) {
                throw new IllegalArgumentException("--size must look like 384x240, got \"" + size + "\"");
            }
            if (every < 1) {
                throw new IllegalArgumentException("--every must be at least 1, got " + every);
            }
            Roster roster = this.roster.load();
            Renderer renderer = new Renderer(roster, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), !gray);
            Replay r = load(file);
            String incompatible = ReplayVerifier.compatibility(r, roster);
            if (incompatible != null) {
                throw new Main.UserError(file + ": " + incompatible, Main.EXIT_FAILURE);
            }
            int last = to == null ? r.frames() : Math.min(to, r.frames());
            TreeSet<Integer> wanted = new TreeSet<>();
            if (frames != null) {
                for (int f : frames) {
                    if (f < 1 || f > r.frames()) {
                        throw new IllegalArgumentException("--frames: frame " + f + " is outside 1.." + r.frames());
                    }
                    wanted.add(f);
                }
            } else {
                for (int f = Math.max(1, from); f <= last; f += every) {
                    wanted.add(f);
                }
            }
            if (out != null) {
                Files.createDirectories(out);
            }
            Simulator sim = new Simulator(roster);
            MatchState s = sim.newMatch(r.header().config(), r.header().seed());
            byte[] buf = new byte[renderer.frameBytes()];
            List<BufferedImage> images = new ArrayList<>();
            int written = 0;
            for (int f = 0; f < r.frames() && !wanted.isEmpty() && f < wanted.last(); f++) {
                sim.step(s, r.input(f, 0), r.input(f, 1));
                if (wanted.contains(f + 1)) {
                    renderer.render(s, buf, 0);
                    BufferedImage img = FrameImages.toImage(buf, 0, renderer.width(), renderer.height(), renderer.channels());
                    if (out != null) {
                        FrameImages.writePng(img, out.resolve(String.format("frame_%06d.png", f + 1)));
                        written++;
                    }
                    if (gif != null) {
                        images.add(img);
                    }
                }
            }
            if (gif != null) {
                int delay = Math.max(2, Math.round(every * 100f / 60));
                FrameImages.writeGif(images, delay, gif);
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%d frames rendered at %dx%d%s%s%n", wanted.size(), renderer.width(), renderer.height(),
                    out != null ? ", PNGs in " + out : "", gif != null ? ", GIF " + gif : "");
            o.println(Json.write(Json.object("frames", wanted.size(), "png", written, "png_dir", out == null ? null : out.toString(),
                    "gif", gif == null ? null : gif.toString(), "width", renderer.width(), "height", renderer.height())));
            return 0;
        }
    }
}
