package dev.sentinel.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void dropsEscapeSequencesBellsC1ControlsAndBidiOverrides() {
        String hostile = "/v1/x\u001b]0;pwned\u0007\u001b[2J\u009b31m\r\u202eevil\u2066.txt\u2069";

        assertThat(TerminalText.safe(hostile)).isEqualTo("/v1/x]0;pwned[2J31m evil.txt");
        assertThat(TerminalText.safe(hostile)).doesNotContain("\u001b", "\u0007", "\u009b", "\r", "\u202e", "\u2066");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Sourcing Agent – read:data, €5, 中文";
        assertThat(TerminalText.safe(text)).isSameAs(text);
    }

    @Test
    void tablesAndFieldsPrintOnlySafeText() {
        String rendered = Table.withHeader("ENDPOINT").row("/a\u001b[2Jb").render()
                + Fields.create().add("user agent", "x\u0007y").render();

        assertThat(rendered).doesNotContain("\u001b", "\u0007").contains("/a[2Jb", "xy");
    }
}
