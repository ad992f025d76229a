package org.switchboard.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.switchboard.protocol.Names;
import org.switchboard.protocol.TextFiles;

/**
 * The format of the identity file ({@code users.txt}), and nothing else: reading its lines into
 * {@link UserRecord}s, with an error that names the line, and rendering them back. What a change means,
 * and how it reaches the disk, is {@link IdentityStore}'s.
 */
final class IdentityFile {
    /** Marks a password hash as the operator's one-time password (reset-password). */
    static final String ONE_TIME = "once:";

    static final String HEADER = """
            # Switchboard identity file: one user a line, five fields separated by spaces:
            #   NAME PASSWORD-HASH TOKEN-HASHES REGISTERED LAST-SEEN
            # PASSWORD-HASH is pbkdf2-sha256:ITERATIONS:SALT:HASH (Base64): no password is stored in clear;
            # with once: in front it is a one-time password from the operator, good only to choose a new one.
            # TOKEN-HASHES is '-' or a comma-separated list of sha256:HASH, one per remembered client.
            # REGISTERED and LAST-SEEN are UTC times (2026-12-01T23:59:59Z), or '-' when not known.
            # Lines starting with # are comments. The server rewrites this file whole on every change:
            # edit it only while the server is stopped.
            """;

    private IdentityFile() {
    }

    /** Reads an identity file (or a backup of one); keyed by {@link Names#key}, in the file's order. */
    static Map<String, UserRecord> read(Path file) throws IdentityFileException {
        Map<String, UserRecord> users = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = TextFiles.readLines(file);
        } catch (IOException e) {
            throw new IdentityFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            UserRecord user = parse(file, i + 1, line);
            if (users.putIfAbsent(Names.key(user.name()), user) != null) {
                throw new IdentityFileException(file, i + 1, "the name '" + user.name() + "' is there twice");
            }
        }
        return users;
    }

    private static UserRecord parse(Path file, int number, String line) throws IdentityFileException {
        String[] fields = line.split(" +");
        // three fields: a file from before the times were kept, read as it is and upgraded on the next write
        if (fields.length != 5 && fields.length != 3) {
            throw new IdentityFileException(file, number,
                    "expected 5 fields (NAME PASSWORD-HASH TOKEN-HASHES REGISTERED LAST-SEEN), found " + fields.length);
        }
        // A reserved name cannot be registered, but one the operator wrote into the file is theirs to keep.
        Optional<Names.Problem> nameProblem = Names.check(fields[0]).filter(p -> p != Names.Problem.RESERVED);
        if (nameProblem.isPresent()) {
            throw new IdentityFileException(file, number,
                    "bad name '" + fields[0] + "': " + nameProblem.get().message(fields[0]));
        }
        boolean oneTime = fields[1].startsWith(ONE_TIME);
        String hash = oneTime ? fields[1].substring(ONE_TIME.length()) : fields[1];
        if (!PasswordHasher.isWellFormed(hash)) {
            throw new IdentityFileException(file, number,
                    "the password hash is not of the form pbkdf2-sha256:ITERATIONS:SALT:HASH");
        }
        List<String> tokens = new ArrayList<>();
        if (!"-".equals(fields[2])) {
            for (String token : fields[2].split(",")) {
                if (!Tokens.isWellFormedHash(token)) {
                    throw new IdentityFileException(file, number, "a token hash is not of the form sha256:HASH");
                }
                tokens.add(token);
            }
        }
        Instant registered = fields.length == 5 ? time(file, number, fields[3]) : null;
        Instant lastSeen = fields.length == 5 ? time(file, number, fields[4]) : null;
        return new UserRecord(fields[0], hash, tokens, registered, lastSeen, oneTime);
    }

    private static Instant time(Path file, int number, String field) throws IdentityFileException {
        if ("-".equals(field)) {
            return null;
        }
        try {
            return Instant.parse(field);
        } catch (DateTimeParseException e) {
            throw new IdentityFileException(file, number, "a time is not of the form 2026-12-01T23:59:59Z: " + field);
        }
    }

    /** The whole file for these users: the header, then one line each. */
    static byte[] render(Map<String, UserRecord> users) {
        StringBuilder text = new StringBuilder(HEADER);
        for (UserRecord user : users.values()) {
            text.append(user.name()).append(' ').append(user.oneTimePassword() ? ONE_TIME : "")
                    .append(user.passwordHash()).append(' ')
                    .append(user.tokenHashes().isEmpty() ? "-" : String.join(",", user.tokenHashes())).append(' ')
                    .append(user.registered() == null ? "-" : user.registered().toString()).append(' ')
                    .append(user.lastSeen() == null ? "-" : user.lastSeen().toString())
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
