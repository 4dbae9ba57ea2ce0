package dev.sentinel.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsAndPrintsMissingCellsAsDashes() {
        String table = Table.withHeader("ID", "NAME", "NOTE").row("SP-1", "Agent", null).row("SP-22", "A", "x").render();

        assertThat(table).isEqualTo("""
                ID     NAME   NOTE
                SP-1   Agent  -
                SP-22  A      x
                """);
    }

    @Test
    void fieldsAlignLabels() {
        assertThat(Fields.create().add("Pass ID", "SP-1").add("Organization", "").render())
                .isEqualTo("Pass ID       SP-1\nOrganization  -\n");
    }
}
