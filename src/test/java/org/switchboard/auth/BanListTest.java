package org.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.support.ManualClock;

class BanListTest {
    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();

    private Ban ban(String target, Duration duration, String reason) {
        Instant now = clock.instant();
        return new Ban(Ban.Kind.BAN, BanTarget.parse(target), now, duration == null ? null : now.plus(duration), reason);
    }

    @Test
    void bansAndMutesAreReadBackFromTheFileAfterAReopen() throws Exception {
        Path file = dir.resolve("bans.txt");
        BanList bans = BanList.open(file, clock);
        bans.add(ban("Dina", Duration.ofHours(2), "spamming the room"));
        bans.add(ban("10.1.2.3/8", null, ""));
        Instant now = clock.instant();
        bans.add(new Ban(Ban.Kind.MUTE, BanTarget.parse("bob"), now, null, "shouting"));

        BanList again = BanList.open(file, clock);
        assertThat(again.active()).containsExactlyElementsOf(bans.active());
        assertThat(again.nameBan("DINA")).map(Ban::reason).contains("spamming the room");
        assertThat(again.addressBan(InetAddress.getByName("10.200.0.1"))).map(b -> b.target().text())
                .contains("10.0.0.0/8");
        assertThat(again.mute("Bob")).isPresent();
        assertThat(again.nameBan("bob")).isEmpty();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aBanWhoseTimeIsUpStopsApplyingAndIsDroppedFromTheFileAtTheNextWrite() throws Exception {
        Path file = dir.resolve("bans.txt");
        BanList bans = BanList.open(file, clock);
        bans.add(ban("erin", Duration.ofMinutes(10), "cool off"));
        assertThat(bans.nameBan("erin")).isPresent();

        clock.advance(Duration.ofMinutes(10));
        assertThat(bans.nameBan("erin")).isEmpty();
        assertThat(bans.active()).isEmpty();
        assertThat(Files.readString(file)).contains("ban erin ");

        bans.add(ban("frank", null, "for good"));
        assertThat(Files.readString(file)).doesNotContain("erin").contains("ban frank ");
    }

    @Test
    void theSweepDropsExpiredEntriesAndWritesOnlyWhenThereAreSome() throws Exception {
        Path file = dir.resolve("bans.txt");
        BanList bans = BanList.open(file, clock);
        assertThat(bans.dropExpired()).isEmpty();
        assertThat(file).doesNotExist();
        bans.add(ban("erin", Duration.ofSeconds(30), ""));
        clock.advance(Duration.ofSeconds(31));
        assertThat(bans.dropExpired()).extracting(b -> b.target().text()).containsExactly("erin");
        assertThat(Files.readString(file)).doesNotContain("erin");
    }

    @Test
    void aMalformedLineStopsTheOpeningWithTheFileAndLineAndLeavesTheFileAsItIs() throws Exception {
        Path file = dir.resolve("bans.txt");
        String text = "# bans\nban dina 2026-12-01T12:00:00Z - spam\nban 300.1.1.1 2026-12-01T12:00:00Z -\n";
        Files.writeString(file, text);
        assertThatThrownBy(() -> BanList.open(file, clock)).isInstanceOf(BanFileException.class)
                .hasMessage(file + ":3: '300.1.1.1' is not an address: 300 is over 255");
        Files.writeString(file, "mute 10.0.0.1 2026-12-01T12:00:00Z -\n");
        assertThatThrownBy(() -> BanList.open(file, clock)).hasMessage(file + ":1: only a name can be muted, not 10.0.0.1");
        Files.writeString(file, "ban dina yesterday -\n");
        assertThatThrownBy(() -> BanList.open(file, clock)).hasMessageStartingWith(file + ":1: SINCE is not a UTC time");
        Files.writeString(file, "kick dina 2026-12-01T12:00:00Z -\n");
        assertThatThrownBy(() -> BanList.open(file, clock)).hasMessage(file + ":1: the kind is ban or mute, not 'kick'");
        Files.writeString(file, text);
        assertThatThrownBy(() -> BanList.open(file, clock)).isInstanceOf(BanFileException.class);
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aRangeMatchesItsAddressesOnlyAndAnIpv4AddressIsNeverInAnIpv6Range() throws Exception {
        BanTarget.Network range = (BanTarget.Network) BanTarget.parse("127.0.1.77/24");
        assertThat(range.text()).isEqualTo("127.0.1.0/24");
        assertThat(range.matches(InetAddress.getByName("127.0.1.9"))).isTrue();
        assertThat(range.matches(InetAddress.getByName("127.0.2.9"))).isFalse();
        BanTarget.Network v6 = (BanTarget.Network) BanTarget.parse("2001:db8::1/32");
        assertThat(v6.text()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        assertThat(v6.matches(InetAddress.getByName("2001:db8:ffff::5"))).isTrue();
        assertThat(v6.matches(InetAddress.getByName("2001:db9::5"))).isFalse();
        assertThat(((BanTarget.Network) BanTarget.parse("::/0")).matches(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThat(BanTarget.parse("Dina")).isEqualTo(BanTarget.parse("dINA"));
        assertThatThrownBy(() -> BanTarget.parse("10.0.0.0/33")).hasMessageContaining("BITS from 0 to 32");
        assertThatThrownBy(() -> BanTarget.parse("example.org:80")).hasMessageContaining("is not an address");
        assertThatThrownBy(() -> BanTarget.parse("two words")).hasMessageContaining("neither a name nor an address");
    }
}
