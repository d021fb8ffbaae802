package dev.sluice.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.sluice.scenario.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line-level view of a profile file: where each table and key stands (TOML parsers keep no
 * lines, and every error must name one), and the secret check, done on the raw text so that a
 * secret is refused wherever it was typed — a value, a comment, a key of any name. Also writes a
 * profile back in the same layout.
 */
final class TomlLines {

    private static final TomlMapper TOML = new TomlMapper();

    /** A file read and parsed: its lines (for errors) and its TOML tree. */
    record Parsed(TomlLines lines, JsonNode root) { }

    /**
     * Reads, scans (secrets refused with {@code namesOnly} saying what belongs there) and parses
     * {@code file}; null when there is no file.
     */
    static Parsed read(Path file, String namesOnly) throws ProfileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ProfileException(file, 0, "cannot be read: " + e.getMessage(), e);
        }
        TomlLines lines = scan(file, text, namesOnly);
        try {
            return new Parsed(lines, TOML.readTree(text));
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new ProfileException(file, at == null ? 0 : at.getLineNr(), "not valid TOML: " + e.getOriginalMessage(), e);
        }
    }

    private final Map<String, Integer> lineByPath = new HashMap<>();

    private TomlLines() {
    }

    /** Maps tables and keys to lines; refuses the first line that holds something secret-looking. */
    static TomlLines scan(Path file, String text) throws ProfileException {
        return scan(file, text, HOLDS_NAMES_ONLY);
    }

    /** {@link #scan(Path, String)}, with {@code namesOnly} saying what the file holds instead of a secret. */
    static TomlLines scan(Path file, String text, String namesOnly) throws ProfileException {
        TomlLines out = new TomlLines();
        String table = "";
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            String raw = lines.get(i);
            if (Secrets.looksLikeCredential(raw)) {
                throw new ProfileException(file, line, "this line looks like it holds a secret; " + namesOnly);
            }
            String content = stripComment(raw).trim();
            if (content.startsWith("[")) {
                table = unquote(content.replaceAll("^\\[+|\\]+$", "")).replace(" ", "");
                out.lineByPath.putIfAbsent(table, line);
                continue;
            }
            int eq = content.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = unquote(content.substring(0, eq).trim()).replace(" ", "");
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            if (Secrets.isSecretKey(leaf)) {
                throw new ProfileException(file, line, "'" + key + "' names a secret; " + namesOnly);
            }
            out.lineByPath.putIfAbsent(table.isEmpty() ? key : table + "." + key, line);
        }
        return out;
    }

    static final String HOLDS_NAMES_ONLY = "a profile holds names only — the AWS profile to use (aws-profile) or the"
            + " environment variable that holds a token (auth-env) — so remove it and keep the secret there";

    /**
     * The line of a table or key; else of its first sub-table (a table defined only through
     * {@code [a.b.c]} has no line of its own); else of its nearest enclosing table; else 0.
     */
    int lineOf(String path) {
        int first = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> e : lineByPath.entrySet()) {
            if (e.getKey().startsWith(path + ".")) {
                first = Math.min(first, e.getValue());
            }
        }
        if (!lineByPath.containsKey(path) && first != Integer.MAX_VALUE) {
            return first;
        }
        String p = path;
        while (true) {
            Integer line = lineByPath.get(p);
            if (line != null) {
                return line;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return 0;
            }
            p = p.substring(0, dot);
        }
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String key) {
        return key.replace("\"", "").replace("'", "");
    }

    /** Appends {@code p} as its tables: description first, then one table per part that has values. */
    static void write(StringBuilder out, Profile p) {
        out.append("\n[profiles.").append(p.name()).append("]\n");
        if (!p.description().isEmpty()) {
            out.append("description = ").append(quote(p.description())).append('\n');
        }
        for (ProfileField.Part part : ProfileField.Part.values()) {
            boolean opened = false;
            for (Map.Entry<ProfileField, String> e : p.values().entrySet()) {
                if (e.getKey().part() != part) {
                    continue;
                }
                if (!opened) {
                    out.append("[profiles.").append(p.name()).append('.').append(part.id()).append("]\n");
                    opened = true;
                }
                out.append(e.getKey().key()).append(" = ").append(value(e.getKey(), e.getValue())).append('\n');
            }
        }
    }

    private static String value(ProfileField field, String text) {
        if (field == ProfileField.S3_PATH_STYLE) {
            return Boolean.toString(Boolean.parseBoolean(text.trim()));
        }
        if (field == ProfileField.FLIGHT_ENDPOINTS) {
            StringBuilder array = new StringBuilder("[");
            for (String item : text.split(",", -1)) {
                if (item.isBlank()) {
                    continue; // "a,,b" or a trailing comma names no endpoint
                }
                if (array.length() > 1) {
                    array.append(", ");
                }
                array.append(quote(item.trim()));
            }
            return array.append(']').toString();
        }
        return quote(text);
    }

    /** A TOML basic string. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
