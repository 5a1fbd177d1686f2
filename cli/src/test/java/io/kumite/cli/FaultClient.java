package io.kumite.cli;

import io.kumite.policies.env.RemoteVecEnv;
import java.util.List;
import java.util.Map;

/** A client process for the fault tests: creates arenas on a server and steps them until killed. */
public final class FaultClient {
    private FaultClient() {}

    public static void main(String[] args) {
        String endpoint = args[0];
        try (RemoteVecEnv env = new RemoteVecEnv(List.of(endpoint), "atari84", Map.of("width", "32", "height", "32"), 4, null)) {
            env.reset(1);
            System.out.println("stepping");
            System.out.flush();
            int[] actions = new int[4];
            for (long t = 0; ; t++) {
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = (int) ((t + i) % 22);
                }
                env.step(actions);
            }
        }
    }
}
