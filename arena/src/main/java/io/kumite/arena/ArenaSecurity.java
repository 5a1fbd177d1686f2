package io.kumite.arena;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may call the server and how: bearer tokens (each naming a principal that owns the arenas it
 * creates) and optional TLS. Without tokens every connection is its own principal.
 *
 * @param tokens  token to principal; empty = authentication off
 * @param tlsCert PEM certificate chain, or null for plaintext
 * @param tlsKey  PEM private key (PKCS#8), or null
 */
public record ArenaSecurity(Map<String, String> tokens, Path tlsCert, Path tlsKey) {
    public ArenaSecurity {
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key (--tls-cert and --tls-key)");
        }
    }

    public static ArenaSecurity none() {
        return new ArenaSecurity(Map.of(), null, null);
    }

    public boolean authenticates() {
        return !tokens.isEmpty();
    }

    public boolean tls() {
        return tlsCert != null;
    }

    /**
     * Tokens from a file: one per line, either {@code name:token} or just {@code token} (the principal
     * is then named after the token's hash); blank lines and lines starting with # are skipped.
     */
    public static Map<String, String> readTokens(Path file) throws IOException {
        Map<String, String> tokens = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).trim() : null;
            String token = colon > 0 ? line.substring(colon + 1).trim() : line;
            if (token.length() < 16) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": a token must have at least 16 characters");
            }
            if (tokens.put(token, name != null ? name : principalOf(token)) != null) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": the same token appears twice");
            }
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException(file + ": no tokens in the file (one per line, optionally name:token)");
        }
        return tokens;
    }

    /** A stable principal name for an anonymous token: "client-" and 8 hex digits of its SHA-256. */
    public static String principalOf(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return String.format("client-%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
