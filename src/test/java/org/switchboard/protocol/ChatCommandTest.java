package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ChatCommandTest {
    @Test
    void plainTextIsSaid() {
        assertThat(ChatCommand.parse("hello /there")).isEqualTo(new ChatCommand.Say("hello /there"));
    }

    @Test
    void aDoubleSlashSendsALineStartingWithSlash() {
        assertThat(ChatCommand.parse("//shrug")).isEqualTo(new ChatCommand.Say("/shrug"));
    }

    @Test
    void commandsAndTheirAliasesAreRecognisedInAnyCase() {
        assertThat(ChatCommand.parse("/HELP")).isInstanceOf(ChatCommand.Help.class);
        assertThat(ChatCommand.parse("/who")).isInstanceOf(ChatCommand.Users.class);
        assertThat(ChatCommand.parse("/users")).isInstanceOf(ChatCommand.Users.class);
        assertThat(ChatCommand.parse("/quit")).isInstanceOf(ChatCommand.Quit.class);
        assertThat(ChatCommand.parse("/token")).isInstanceOf(ChatCommand.Token.class);
    }

    @Test
    void historyTakesAnOptionalPositiveCount() {
        assertThat(ChatCommand.parse("/history")).isEqualTo(new ChatCommand.History(OptionalInt.empty()));
        assertThat(ChatCommand.parse("/history 5")).isEqualTo(new ChatCommand.History(OptionalInt.of(5)));
        assertThat(ChatCommand.parse("/history -1")).isInstanceOf(ChatCommand.Invalid.class);
        assertThat(ChatCommand.parse("/history many")).isInstanceOf(ChatCommand.Invalid.class);
    }

    @Test
    void msgNeedsANameAndText() {
        assertThat(ChatCommand.parse("/msg bob hi there")).isEqualTo(new ChatCommand.Private("bob", "hi there"));
        assertThat(ChatCommand.parse("/msg bob")).isEqualTo(new ChatCommand.Invalid("Usage: /msg NAME TEXT"));
    }

    @Test
    void meKeepsTheRestOfTheLine() {
        assertThat(ChatCommand.parse("/me  waves  hello")).isEqualTo(new ChatCommand.Action("waves  hello"));
        assertThat(ChatCommand.parse("/me")).isInstanceOf(ChatCommand.Invalid.class);
    }

    @Test
    void anUnknownCommandNamesHelp() {
        assertThat(ChatCommand.parse("/dance")).isEqualTo(
                new ChatCommand.Invalid("Unknown command /dance. Type /help for the list."));
        assertThat(ChatCommand.parse("/")).isInstanceOf(ChatCommand.Invalid.class);
    }
}
