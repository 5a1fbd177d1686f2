package io.kumite.engine.fighter;

import io.kumite.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The characters of a game, in arcade-ladder order, with a content hash of all their data (it goes
 * into every replay header, so a replay made with other data is recognised). Immutable, thread-safe.
 *
 * <p>A roster is a folder with {@code roster.json} ({@code {"characters": ["file-a.json", ...]}}, in
 * ladder order) and one JSON file per character; the built-in one ships in the engine jar.
 */
public final class Roster {
    private static final String BUILT_IN = "/io/kumite/engine/characters/";
    private static final Roster BUILT_IN_ROSTER = loadBuiltIn();

    private final List<CharacterDef> characters;
    private final String contentHash;

    private Roster(List<CharacterDef> characters, String contentHash) {
        this.characters = List.copyOf(characters);
        this.contentHash = contentHash;
    }

    /** The 12 built-in characters (loaded once; immutable). */
    public static Roster builtIn() {
        return BUILT_IN_ROSTER;
    }

    /** Loads a roster folder; throws {@link CharacterDataException} naming the file and field on bad data. */
    public static Roster load(Path dir) {
        return build(name -> {
            try {
                return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CharacterDataException(dir.resolve(name) + ": file not found");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Roster loadBuiltIn() {
        return build(name -> {
            try (InputStream in = Roster.class.getResourceAsStream(BUILT_IN + name)) {
                if (in == null) {
                    throw new CharacterDataException("built-in character data " + name + " is missing from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private interface Source {
        String read(String name);
    }

    @SuppressWarnings("unchecked")
    private static Roster build(Source source) {
        String index = source.read("roster.json");
        Object parsed;
        try {
            parsed = Json.parse(index, "roster.json");
        } catch (Json.ParseException e) {
            throw new CharacterDataException(e.getMessage());
        }
        if (!(parsed instanceof Map) || !(((Map<String, Object>) parsed).get("characters") instanceof List)) {
            throw new CharacterDataException("roster.json: field characters: must be an array of file names");
        }
        List<Object> files = (List<Object>) ((Map<String, Object>) parsed).get("characters");
        if (files.isEmpty() || files.size() > 64) {
            throw new CharacterDataException("roster.json: field characters: must list 1..64 files, got " + files.size());
        }
        MessageDigest sha = sha256();
        List<CharacterDef> defs = new ArrayList<>();
        for (Object f : files) {
            if (!(f instanceof String) || !((String) f).matches("[A-Za-z0-9_.-]+\\.json")) {
                throw new CharacterDataException("roster.json: field characters: entries must be plain .json file names, got " + f);
            }
            String text = source.read((String) f);
            CharacterDef def = CharacterLoader.parse(text, (String) f);
            for (CharacterDef d : defs) {
                if (d.name.equals(def.name)) {
                    throw new CharacterDataException(f + ": field name: \"" + def.name + "\" is already used by another character");
                }
            }
            defs.add(def);
            sha.update(((String) f).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            // Hash the text with normalised line endings so a checkout on Windows hashes the same.
            sha.update(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : sha.digest()) {
            hex.append(String.format("%02x", b));
        }
        return new Roster(defs, hex.toString());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All characters in arcade-ladder order. */
    public List<CharacterDef> characters() {
        return characters;
    }

    public int size() {
        return characters.size();
    }

    public CharacterDef get(int index) {
        return characters.get(index);
    }

    /** SHA-256 (hex) over every data file, in roster order. */
    public String contentHash() {
        return contentHash;
    }

    /** Index of a character by name (case-insensitive); throws with the list of valid names. */
    public int indexOf(String name) {
        for (int i = 0; i < characters.size(); i++) {
            if (characters.get(i).name.equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown character " + io.kumite.engine.Clip.quoted(name) + "; expected one of " + names());
    }

    public List<String> names() {
        List<String> n = new ArrayList<>();
        for (CharacterDef c : characters) {
            n.add(c.name);
        }
        return n;
    }
}
