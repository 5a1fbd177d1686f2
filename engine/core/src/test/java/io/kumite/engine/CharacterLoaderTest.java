package io.kumite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kumite.engine.fighter.CharacterDataException;
import io.kumite.engine.fighter.CharacterDef;
import io.kumite.engine.fighter.CharacterLoader;
import io.kumite.engine.fighter.Roster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Character files are validated: a malformed one is rejected naming the file, the field and the reason. */
class CharacterLoaderTest {
    static String kenta() throws IOException {
        try (InputStream in = Roster.class.getResourceAsStream("/io/kumite/engine/characters/kenta.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void builtInRosterHasTwelveDistinctArchetypesWithTwoSpecialsEach() {
        Roster r = Roster.builtIn();
        assertEquals(12, r.size());
        Set<String> archetypes = new HashSet<>();
        for (CharacterDef c : r.characters()) {
            archetypes.add(c.archetype);
            assertTrue(c.specials().size() >= 2, c.name + " has fewer than two specials");
        }
        assertEquals(12, archetypes.size(), "archetypes must be distinct: " + archetypes);
        assertEquals(64, r.contentHash().length());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "misspelt field      | \"health\": | \"healthx\":         | field health: is required but missing",
        "out of range        | \"startup\": 3, | \"startup\": 0, \"zz\": 1, | field normals.standing.LP.zz: is not a known field",
        "wrong type          | \"walkForward\": 3.0 | \"walkForward\": \"fast\" | field walkForward: must be a number",
        "bad motion          | \"motion\": \"qcf\" | \"motion\": \"qcff\" | field specials[0].motion: must be one of",
        "bad guard           | \"guard\": \"low\" | \"guard\": \"sideways\" | must be high, mid or low",
        "frames past the end | \"recovery\": 6, | \"recovery\": 6, \"invincible\": [1, 99], | field normals.standing.LP.invincible: must satisfy",
        "bad colour          | \"#e8b88a\" | \"orange\" | field palette.skin: must be a colour",
    })
    void rejectsMalformedFilesNamingFileFieldAndReason(String name, String from, String to, String expected) throws IOException {
        String text = kenta().replaceFirst(java.util.regex.Pattern.quote(from.trim()), java.util.regex.Matcher.quoteReplacement(to.trim()));
        assertNotEquals(kenta(), text, "test setup: pattern not found");
        CharacterDataException e = assertThrows(CharacterDataException.class, () -> CharacterLoader.parse(text, "kenta.json"));
        assertTrue(e.getMessage().startsWith("kenta.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected.trim()), "message was: " + e.getMessage());
    }

    @Test
    void missingRequiredFieldIsNamed() throws IOException {
        String text = kenta().replaceFirst("\"health\": \\d+,", "");
        CharacterDataException e = assertThrows(CharacterDataException.class, () -> CharacterLoader.parse(text, "kenta.json"));
        assertEquals("kenta.json: field health: is required but missing", e.getMessage());
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        CharacterDataException e = assertThrows(CharacterDataException.class,
                () -> CharacterLoader.parse("{\n  \"name\": \"x\",\n  oops\n}", "x.json"));
        assertTrue(e.getMessage().startsWith("x.json:3:3: invalid JSON"), e.getMessage());
    }

    @Test
    void aUserRosterFolderLoadsAndItsHashChangesWithTheData(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kenta.json"), kenta());
        Files.writeString(dir.resolve("kenta2.json"), kenta().replace("\"name\": \"kenta\"", "\"name\": \"kenta2\""));
        Files.writeString(dir.resolve("roster.json"), "{\"characters\": [\"kenta.json\", \"kenta2.json\"]}");
        Roster r = Roster.load(dir);
        assertEquals(2, r.size());
        assertEquals(1, r.indexOf("KENTA2"));
        String hash = r.contentHash();
        Files.writeString(dir.resolve("kenta2.json"), kenta().replace("\"name\": \"kenta\"", "\"name\": \"kenta2\"").replace("\"damage\": 30", "\"damage\": 31"));
        assertNotEquals(hash, Roster.load(dir).contentHash());
    }

    @Test
    void duplicateNamesAndMissingFilesAreRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.json"), kenta());
        Files.writeString(dir.resolve("b.json"), kenta());
        Files.writeString(dir.resolve("roster.json"), "{\"characters\": [\"a.json\", \"b.json\"]}");
        CharacterDataException dup = assertThrows(CharacterDataException.class, () -> Roster.load(dir));
        assertTrue(dup.getMessage().startsWith("b.json: field name: \"kenta\" is already used"), dup.getMessage());
        Files.writeString(dir.resolve("roster.json"), "{\"characters\": [\"a.json\", \"c.json\"]}");
        CharacterDataException missing = assertThrows(CharacterDataException.class, () -> Roster.load(dir));
        assertTrue(missing.getMessage().endsWith("c.json: file not found"), missing.getMessage());
    }
}
