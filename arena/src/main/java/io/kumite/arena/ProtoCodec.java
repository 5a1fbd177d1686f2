package io.kumite.arena;

import io.kumite.engine.EngineVersion;
import io.kumite.engine.action.Actions;
import io.kumite.engine.env.EnvConfig;
import io.kumite.engine.env.FrameStackCodec;
import io.kumite.engine.env.Info;
import io.kumite.engine.env.StateVector;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.Roster;
import io.kumite.engine.fighter.SpecialDef;
import io.kumite.proto.v1.Character;
import io.kumite.proto.v1.CreateArenasResponse;
import io.kumite.proto.v1.Limits;
import io.kumite.proto.v1.ServerInfo;
import io.kumite.proto.v1.Space;
import java.util.List;

/** Translates between protocol messages and engine types (step answers: {@link StepAnswerMarshaller}). Stateless. */
final class ProtoCodec {
    private ProtoCodec() {}

    static ServerInfo serverInfo(Roster roster, ArenaServerConfig config) {
        ServerInfo.Builder b = ServerInfo.newBuilder()
                .setVersion(EngineVersion.NAME)
                .setSimulationVersion(EngineVersion.SIMULATION)
                .setRosterHash(roster.contentHash())
                .addAllPresets(EnvConfig.PRESETS)
                .putAllDefaultSettings(EnvConfig.preset("default").toMap())
                .setLimits(Limits.newBuilder()
                        .setMaxArenas(config.maxArenas())
                        .setMaxArenasPerClient(config.maxArenasPerClient())
                        .setMaxBatch(config.maxBatch())
                        .setMaxMessageBytes(config.maxMessageBytes())
                        .setIdleTimeoutMs(config.idleTimeoutMillis()));
        for (CharacterDef c : roster.characters()) {
            Character.Builder cb = Character.newBuilder().setName(c.name).setArchetype(c.archetype).setHealth(c.health);
            for (SpecialDef sd : c.specials()) {
                cb.addSpecials(sd.name() + " (" + sd.notation() + ")");
            }
            b.addCharacters(cb);
        }
        return b.build();
    }

    static CreateArenasResponse created(List<Long> ids, Arena.Group group) {
        EnvConfig c = group.config;
        Space.Builder obs = Space.newBuilder().setDtype("uint8").setKind("box");
        for (int d : c.observationShape()) {
            obs.addShape(d);
        }
        boolean discrete = c.actions() == EnvConfig.ActionType.DISCRETE;
        Space action = Space.newBuilder().setDtype("int32").setKind(discrete ? "discrete" : "multi_binary")
                .setN(discrete ? Actions.DISCRETE_COUNT : Actions.MULTI_BINARY_BITS).build();
        return CreateArenasResponse.newBuilder()
                .addAllArenaIds(ids)
                .setObservation(obs)
                .setAction(action)
                .setAgentsPerArena(c.agents())
                .addAllInfoFields(Info.NAMES)
                .setStateVectorLength(c.stateVector() ? StateVector.LENGTH : 0)
                .putAllConfig(c.toMap())
                .setNewestFrameAllowed(FrameStackCodec.newestFrameAllowed(c))
                .build();
    }
}
