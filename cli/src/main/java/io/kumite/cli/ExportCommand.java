package io.kumite.cli;

import io.kumite.policies.ckpt.CheckpointExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a checkpoint's network for PyTorch as a NumPy .npz named like its state_dict.",
            "The archive also holds a JSON of what the agent sees; the Python client (kumite.torch_agents) turns it into a"
                + " torch.nn.Module and a torchscript: policy."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    RosterOption roster = new RosterOption();

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint folder, or a run folder (its latest).")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "FILE.npz", description = "Where to write the archive.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!out.getFileName().toString().endsWith(".npz")) {
            throw new IllegalArgumentException("--out must name a .npz file (NumPy's archive), got " + out);
        }
        var meta = CheckpointExport.write(checkpoint, out, roster.load());
        var o = spec.commandLine().getOut();
        o.println("export: wrote " + out + " (" + meta.get("architecture") + " network, " + meta.get("steps") + " steps)");
        o.println("in Python: from kumite.torch_agents import load_kumite_export, save_torchscript; m = load_kumite_export(\"" + out
                + "\"); save_torchscript(m, \"agent.pt\", m.kumite_meta[\"env\"], m.kumite_meta[\"observation\"][\"shape\"])");
        return 0;
    }
}
