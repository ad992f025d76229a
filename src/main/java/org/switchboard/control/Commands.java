package org.switchboard.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operator's command names: the aliases (the assignment's names among them) and the help text. */
final class Commands {
    /** The assignment's command names, and the other aliases, mapped to ours. */
    private static final Map<String, String> ALIASES = Map.of(
            "turnoffserver", "stop",
            "pause", "pause",
            "removepause", "resume",
            "logs", "logs",
            "deletelogs", "clear-logs",
            "deleteusers", "clear-users",
            "quit", "stop",
            "exit", "stop",
            "who", "users",
            "tell", "msg");

    private static final List<String> HELP_FIRST = List.of(
            "Commands:",
            "  status              state, every port and its protocol, the TLS certificate, uptime, clients, messages",
            "  users               who is signed in, with what, from where (who works too)",
            "  pause               stop listening (new connections are refused; users keep chatting)",
            "  resume              listen again on the same port");
    private static final String HELP_START =
            "  start [PORT]        start a stopped server (on PORT if given; 0 takes a free one)";
    private static final List<String> HELP_REST = List.of(
            "  logs [N]            the last N lines of the activity log (default " + Operator.DEFAULT_LOG_LINES + ")",
            "  clear-logs          empty the activity log (server.log)",
            "  accounts [FILTER]   registered names: registered, last seen, live tokens, online, banned",
            "  delete-user NAME [REASON]     delete an account (disconnects them; the name is free again)",
            "  reset-password NAME [REASON]  a one-time password in place of theirs (disconnects them)",
            "  clear-users         empty the identity file, keeping a backup: everyone registers again, tokens die",
            "  restore-users       put the newest backup back (names registered since keep their password)",
            "  kick NAME [REASON]  disconnect a user",
            "  ban TARGET [DURATION] [REASON]",
            "                      keep TARGET out, a name or an address or CIDR range (10.0.0.5, 10.0.0.0/8,",
            "                      ::1), for DURATION (30s, 10m, 2h, 1d, 1w; none: until unban); whoever it",
            "                      covers is disconnected",
            "  unban TARGET        lift a ban",
            "  bans                the bans and mutes in force, the time left and the reason",
            "  mute NAME [DURATION] [REASON]",
            "                      the user stays and reads, but their lines are refused",
            "  unmute NAME         lift a mute",
            "  say TEXT            announce TEXT to everyone",
            "  msg NAME TEXT       a private line from the server to one user (tell works too)",
            "  limits              the limits in force (line length, flood, wrong passwords, caps...)",
            "  tls                 the TLS port and the certificate's SHA-256 fingerprint",
            "  reload-tls          read the TLS certificate's files again (the old one stays if the new is bad)");
    private static final String HELP_STOP_AND_EXIT =
            "  stop                tell everyone, close everything and exit (quit and exit work too)";
    private static final String HELP_STOP =
            "  stop                tell everyone and close everything; start starts it again (quit and exit work too)";
    private static final List<String> HELP_LAST = List.of(
            "  help                this list (? works too)",
            "The assignment's names work too: TurnOffServer, Pause, RemovePause, Logs, DeleteLogs, DeleteUsers.");

    private Commands() {
    }

    /** The command a typed line runs, its aliases resolved; "" for a blank line. */
    static String name(String commandLine) {
        String line = commandLine.strip();
        if (line.isEmpty()) {
            return "";
        }
        String word = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(word, word);
    }

    /** The list {@code help} answers with; {@code stopEndsProgram} (serve) leaves out start. */
    static List<String> help(boolean stopEndsProgram) {
        List<String> lines = new ArrayList<>(HELP_FIRST);
        if (!stopEndsProgram) {
            lines.add(HELP_START);
        }
        lines.addAll(HELP_REST);
        lines.add(stopEndsProgram ? HELP_STOP_AND_EXIT : HELP_STOP);
        lines.addAll(HELP_LAST);
        return lines;
    }
}
