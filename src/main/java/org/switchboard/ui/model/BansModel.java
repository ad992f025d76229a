package org.switchboard.ui.model;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.switchboard.auth.Ban;
import org.switchboard.control.Moderation;
import org.switchboard.control.Reply;
import org.switchboard.protocol.Durations;
import org.switchboard.server.ServerView;

/**
 * The Bans tab: the bans and mutes in force as the server's view lists them, refreshed with the
 * panel's once-a-second poll and after each change, the clock their time left counts down to, and
 * the actions (ban, mute, lift), which go through the operator's {@link Moderation} on the panel's
 * worker. State on the FX thread.
 */
public final class BansModel {
    private final ObservableList<Ban> bans = FXCollections.observableArrayList();
    private final ObservableList<Ban> readOnly = FXCollections.unmodifiableObservableList(bans);
    private final ReadOnlyObjectWrapper<Instant> now;
    private final Moderation moderation;
    private final ServerView server;
    private final PanelWorker worker;
    private final Consumer<Reply> report;

    BansModel(Moderation moderation, ServerView server, PanelWorker worker, Consumer<Reply> report) {
        this.moderation = moderation;
        this.server = server;
        this.worker = worker;
        this.report = report;
        this.now = new ReadOnlyObjectWrapper<>(server.clock().instant());
    }

    public ObservableList<Ban> bans() {
        return readOnly;
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** Bans {@code target} (a name, an address or a range) for the preset's time, with a reason (may be blank). */
    public void ban(String target, BanPreset preset, String reason) {
        change(() -> moderation.ban(target, preset.duration(), reason.strip()));
    }

    /** Mutes {@code name} for the preset's time. */
    public void mute(String name, BanPreset preset, String reason) {
        change(() -> moderation.mute(name, preset.duration(), reason.strip()));
    }

    /** Lifts a ban or a mute (the Remove button). */
    public void lift(Ban ban) {
        change(() -> ban.kind() == Ban.Kind.BAN ? moderation.unban(ban.target().text())
                : moderation.unmute(ban.target().text()));
    }

    /** The list as the server has it now, and the time its countdowns count to. FX thread. */
    void refresh(List<Ban> inForce, Instant instant) {
        if (!bans.equals(inForce)) {
            bans.setAll(inForce);
        }
        now.set(instant);
    }

    /** "9m 58s", "6d 23h", or "until lifted". */
    public static String timeLeft(Ban ban, Instant now) {
        return ban.left(now).map(Durations::shortText).orElse("until lifted");
    }

    private void change(Supplier<Reply> action) {
        worker.call(action, reply -> {
            report.accept(reply);
            worker.runThen(() -> server.bans(), list -> refresh(list, server.clock().instant()));
        });
    }
}
