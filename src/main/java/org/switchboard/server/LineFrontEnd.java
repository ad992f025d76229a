package org.switchboard.server;

import java.util.BitSet;
import java.util.Optional;
import org.switchboard.auth.Ban;
import org.switchboard.chat.Format;
import org.switchboard.protocol.LineReader;
import org.switchboard.protocol.Protocol;
import org.switchboard.protocol.Sanitizer;

/**
 * The line protocol, as telnet, nc and the console client speak it: the {@link SignIn} dialogue, then
 * the {@link ChatSession}. Also the telnet courtesies a line protocol owes a telnet program: the
 * password is typed without echo (IAC WILL ECHO around the password prompts, only to a client that has
 * shown it speaks telnet, so that {@code nc} never sees stray bytes), and every other option it asks
 * for is refused once.
 *
 * <p>Threads: the reader thread of its connection (a {@link FrontEnd}); {@link #negotiated} comes from
 * the framing, on that thread too.
 */
final class LineFrontEnd implements FrontEnd, SignIn.Peer {
    private final Link link;
    private final Services services;
    private final Format format;
    private final SignIn signIn;
    private ChatSession session;
    /** A telnet client was told the server echoes (so it does not) and the password is still to come. */
    private boolean echoHidden;
    /** Telnet options the client asked for and was refused, each once. */
    private final BitSet refused = new BitSet(512);

    LineFrontEnd(Link link, Services services, Format format) {
        this.link = link;
        this.services = services;
        this.format = format;
        this.signIn = new SignIn(services.authenticator(), services.log(), services.config().minPasswordLength(), this,
                taken -> services.room().find(taken).isPresent(), services.bans()::nameBan);
    }

    @Override
    public Format format() {
        return format;
    }

    @Override
    public void begin() {
        signIn.begin(link.transportNotice("switchboard client --tls"));
    }

    @Override
    public boolean onLine(String raw) {
        String line = Sanitizer.clean(raw);
        showEcho();
        if (session != null) {
            return session.onLine(line);
        }
        return switch (signIn.onLine(line)) {
            case SignIn.Outcome.Pending pending -> true;
            case SignIn.Outcome.Rejected rejected -> {
                link.close(new CloseCause.SignInRejected());
                yield false;
            }
            case SignIn.Outcome.SignedIn signedIn -> enter(signedIn);
        };
    }

    /**
     * Signed in: the welcome, a fresh token, the room with its history, the greeting; false when a ban
     * on the name came while its password was being checked. The name is the connection's before the
     * ban is looked at again, so a ban made at any moment either finds it online or is found here.
     */
    private boolean enter(SignIn.Outcome.SignedIn signedIn) {
        link.signedIn(signedIn.name());
        Optional<Ban> ban = services.bans().nameBan(signedIn.name());
        if (ban.isPresent()) {
            link.close(new CloseCause.Told(ban.get().banned(services.log().zone())));
            return false;
        }
        line(Protocol.welcome(signedIn.name()));
        signedIn.freshToken().ifPresent(token -> line(Protocol.TOKEN_PREFIX + token));
        services.room().join(link.member(), services.config().historyReplay());
        session = new ChatSession(services, link.member(), this);
        session.greet();
        return true;
    }

    @Override
    public void line(String text) {
        link.send(Protocol.lineBytes(text));
    }

    /**
     * A password prompt to a client that speaks telnet comes after IAC WILL ECHO, so that telnet stops
     * echoing what is typed (the server does not echo it either). A client that never sent telnet
     * negotiation gets no such bytes: {@code nc} would print them.
     */
    @Override
    public void prompt(String prompt) {
        if (Protocol.isSecretPrompt(prompt) && link.speaksTelnet() && !echoHidden) {
            link.send(Protocol.telnetWillEcho());
            echoHidden = true;
        }
        link.send(Protocol.promptBytes(prompt));
    }

    @Override
    public String address() {
        return link.address();
    }

    /**
     * Answers a telnet client's requests: every option but ECHO (the server's own, for passwords) is
     * refused, once, as RFC 854 asks. Unanswered, inetutils telnet waits for SUPPRESS-GO-AHEAD and, at
     * the first ECHO change, leaves its line mode: CR then shows as ^M and the line does not end.
     */
    @Override
    public LineReader.Negotiation negotiation() {
        return this::negotiated;
    }

    private void negotiated(int command, int option) {
        if (option == LineReader.TELNET_ECHO) {
            return;
        }
        boolean asksUs = command == LineReader.TELNET_DO;
        if ((asksUs || command == LineReader.TELNET_WILL) && !refused.get((asksUs ? 256 : 0) + option)) {
            refused.set((asksUs ? 256 : 0) + option);
            link.send(new byte[] {(byte) 255, (byte) (asksUs ? LineReader.TELNET_WONT : LineReader.TELNET_DONT),
                (byte) option});
        }
    }

    /**
     * After a hidden password: the line break the user's Enter did not show, and echo back on. Before
     * the answer of the sign-in (or of {@code /passwd}), which may be another password prompt that hides
     * it again.
     */
    private void showEcho() {
        if (echoHidden) {
            echoHidden = false;
            link.send(Protocol.lineBytes(""));
            link.send(Protocol.telnetWontEcho());
        }
    }
}
