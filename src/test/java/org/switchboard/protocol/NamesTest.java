package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void lettersOfAnyScriptDigitsAndSomePunctuationAreValid() {
        assertThat(Names.problem("alice")).isEmpty();
        assertThat(Names.problem("Дина_2.0-x")).isEmpty();
        assertThat(Names.problem("李雷")).isEmpty();
    }

    @Test
    void spacesSymbolsAndEmptyNamesAreRefused() {
        assertThat(Names.problem("two words")).isPresent();
        assertThat(Names.problem("a:b")).isPresent();
        assertThat(Names.problem("")).isPresent();
    }

    @Test
    void namesLongerThan32CharactersAreRefused() {
        assertThat(Names.problem("a".repeat(32))).isEmpty();
        assertThat(Names.problem("a".repeat(33))).contains("A name has at most 32 characters.");
    }

    @Test
    void reservedNamesAreRefusedInAnyCase() {
        assertThat(Names.problem("Server")).contains("The name 'Server' is reserved.");
        assertThat(Names.problem("ADMIN")).isPresent();
    }

    @Test
    void eachProblemHasItsKindAndItsMessage() {
        assertThat(Names.check("")).contains(Names.Problem.EMPTY);
        assertThat(Names.check("a".repeat(33))).contains(Names.Problem.TOO_LONG);
        assertThat(Names.check("two words")).contains(Names.Problem.BAD_CHARACTER);
        assertThat(Names.check("Root")).contains(Names.Problem.RESERVED);
        assertThat(Names.check("alice")).isEmpty();
        assertThat(Names.problem("two words")).contains(Names.Problem.BAD_CHARACTER.message("two words"));
    }

    @Test
    void theKeyIgnoresCase() {
        assertThat(Names.key("Alice")).isEqualTo(Names.key("aLICE"));
    }
}
