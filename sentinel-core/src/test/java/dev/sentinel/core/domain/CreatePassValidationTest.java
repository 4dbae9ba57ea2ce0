package dev.sentinel.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.NewPass;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreatePassValidationTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-26");

    private static CreatePassCommand.Builder minimal() {
        return CreatePassCommand.builder("demo").agentName("My Security Agent").agentType("Sourcing Agent");
    }

    private static List<FieldViolation> violationsOf(CreatePassCommand command) {
        try {
            command.validate(TODAY);
        } catch (ValidationException failure) {
            return failure.violations();
        }
        throw new AssertionError("expected a validation failure");
    }

    @Test
    void appliesEveryDefaultOfTheReferenceTable() {
        NewPass pass = minimal().build().validate(TODAY);

        assertThat(pass.passId()).isEmpty();
        assertThat(pass.accessLevel()).isEqualTo(AccessLevel.STANDARD);
        assertThat(pass.usageType()).isEqualTo(UsageType.AUTOMATION_TOOL);
        assertThat(pass.validity().validFrom()).isEqualTo(TODAY);
        assertThat(pass.validity().validUntil()).isEqualTo(LocalDate.parse("2027-11-26"));
        assertThat(pass.permissions().asString()).isEqualTo("read,write");
        assertThat(pass.credentialType()).isEqualTo(CredentialType.API_KEY);
        assertThat(pass.visibility()).isEqualTo(Visibility.PRIVATELY_VISIBLE);
        assertThat(pass.organization()).isEmpty();
        assertThat(pass.integrationNotes()).isEmpty();
        assertThat(pass.description()).isEmpty();
        assertThat(pass.scopes().isEmpty()).isTrue();
    }

    @Test
    void keepsEveryFieldGiven() {
        NewPass pass = minimal().description("Finds suppliers").passId("sp-2026-a1b2c3").accessLevel("Premium")
                .organization("Acme Corp").usageType("mcp_server").validFrom("2026-12-01").validUntil("2027-06-30")
                .permissions("read:data, admin:users").scopes("orders.read https://api.example.com/x")
                .credentialType("oauth_client").visibility("project_visible").integrationNotes("Rotate monthly.")
                .build().validate(TODAY);

        assertThat(pass.project().value()).isEqualTo("demo");
        assertThat(pass.agentName().value()).isEqualTo("My Security Agent");
        assertThat(pass.agentType().value()).isEqualTo("sourcing_agent");
        assertThat(pass.description()).contains("Finds suppliers");
        assertThat(pass.passId()).contains(new PassId("SP-2026-A1B2C3"));
        assertThat(pass.accessLevel()).isEqualTo(AccessLevel.PREMIUM);
        assertThat(pass.organization()).contains("Acme Corp");
        assertThat(pass.usageType()).isEqualTo(UsageType.MCP_SERVER);
        assertThat(pass.validity()).isEqualTo(new ValidityPeriod(LocalDate.parse("2026-12-01"), LocalDate.parse("2027-06-30")));
        assertThat(pass.permissions().asString()).isEqualTo("read:data,admin:users");
        assertThat(pass.scopes().values()).containsExactly("orders.read", "https://api.example.com/x");
        assertThat(pass.credentialType()).isEqualTo(CredentialType.OAUTH_CLIENT);
        assertThat(pass.visibility()).isEqualTo(Visibility.PROJECT_VISIBLE);
        assertThat(pass.integrationNotes()).contains("Rotate monthly.");
    }

    @Test
    void validUntilDefaultsToOneYearAfterAGivenValidFrom() {
        NewPass pass = minimal().validFrom("2027-01-15").build().validate(TODAY);

        assertThat(pass.validity().validUntil()).isEqualTo(LocalDate.parse("2028-01-15"));
    }

    @Test
    void reportsEveryBrokenFieldAtOnce() {
        List<FieldViolation> violations = violationsOf(CreatePassCommand.builder("bad project!").agentName("Agent#1")
                .agentType("  ").passId("SP-26-X").accessLevel("gold").usageType("robot").validFrom("tomorrow")
                .permissions("read,,write").credentialType("password").visibility("public").build());

        assertThat(violations).extracting(FieldViolation::field).containsExactlyInAnyOrder("project", "agent_name",
                "agent_type", "pass_id", "access_level", "usage_type", "valid_from", "permissions", "credential_type",
                "visibility");
    }

    @Test
    void allowedIpsAreValidatedWithTheOtherFieldsAndDefaultToAnyAddress() {
        assertThat(minimal().build().validate(java.time.LocalDate.parse("2026-11-26")).allowedNetworks().isUnrestricted())
                .isTrue();
        assertThat(minimal().allowedIps(List.of("10.0.0.0/8", "::1")).build()
                .validate(java.time.LocalDate.parse("2026-11-26")).allowedNetworks().texts())
                .containsExactly("10.0.0.0/8", "::1/128");
        assertThat(violationsOf(minimal().agentName("Agent#1").allowedIps(List.of("10.0.0.0/33")).build()))
                .contains(new FieldViolation("allowed_ips", "10.0.0.0/33: prefix length must be 0-32"))
                .extracting(FieldViolation::field).containsExactlyInAnyOrder("agent_name", "allowed_ips");
    }

    @Test
    void unknownAccessLevelListsTheAllowedValues() {
        assertThat(violationsOf(minimal().accessLevel("gold").build()))
                .containsExactly(new FieldViolation("access_level",
                        "must be one of basic, standard, premium, enterprise (got 'gold')"));
    }

    @Test
    void unknownUsageTypeListsTheAllowedValues() {
        assertThat(violationsOf(minimal().usageType("robot").build()).get(0).rule())
                .isEqualTo("must be one of ai_assistant, automation_tool, integration_service, mcp_server, api_client, "
                        + "data_processor, monitoring_system, other (got 'robot')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Agent_1", "Agent-1", "Agent!", "Ágent\u0000", "<script>"})
    void agentNameAllowsOnlyLettersDigitsAndSpaces(String name) {
        assertThat(violationsOf(minimal().agentName(name).build())).extracting(FieldViolation::field).containsExactly("agent_name");
    }

    @Test
    void agentNameIsRequiredAndBounded() {
        assertThat(violationsOf(minimal().agentName(null).build())).containsExactly(new FieldViolation("agent_name", "is required"));
        assertThat(violationsOf(minimal().agentName("a".repeat(101)).build()).get(0).rule()).contains("at most 100");
        assertThat(AgentName.of("  Agent   Smith 2 ").value()).isEqualTo("Agent Smith 2");
    }

    @ParameterizedTest
    @CsvSource({"Sourcing Agent,sourcing_agent", "sourcing-agent,sourcing_agent", "SourcingAgent,sourcing_agent",
            "  MCP Server v2 ,mcp_server_v2", "HTTPClient,http_client", "data.processor,data_processor"})
    void agentTypeIsFormattedToLowerSnakeCase(String raw, String expected) {
        assertThat(AgentType.of(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "---", "agent/type", "ag€nt"})
    void agentTypeRejectsInputWithoutAUsableName(String raw) {
        assertThat(violationsOf(minimal().agentType(raw).build())).extracting(FieldViolation::field).containsExactly("agent_type");
    }

    @Test
    void validUntilMustComeAfterValidFrom() {
        assertThat(violationsOf(minimal().validFrom("2027-01-01").validUntil("2027-01-01").build()))
                .containsExactly(new FieldViolation("valid_until", "must be after valid_from (2027-01-01)"));
        assertThat(violationsOf(minimal().validFrom("2027-01-01").validUntil("2026-01-01").build()))
                .extracting(FieldViolation::field).containsExactly("valid_until");
    }

    @Test
    void validityIsBoundedToTenYears() {
        assertThat(violationsOf(minimal().validUntil("2040-01-01").build()).get(0).rule()).contains("at most 10 years");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01", "26-11-2026", "2026/11/26", "now"})
    void datesMustBeIso(String raw) {
        assertThat(violationsOf(minimal().validUntil(raw).build()).get(0))
                .satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("valid_until");
                    assertThat(violation.rule()).startsWith("must be a date as YYYY-MM-DD");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999989-12-31", "+999999995-01-01", "+10000-01-01", "1969-12-31", "-0001-01-01"})
    void datesOutsideTheYears1970To9999AreRefusedNamingTheFieldAndTheRange(String raw) {
        assertThat(violationsOf(minimal().validFrom(raw).build())).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("valid_from");
            assertThat(violation.rule()).isEqualTo("must be from 1970-01-01 to 9999-12-31 (years 1970-9999, UTC) (got '"
                    + raw + "')");
        });
        assertThat(violationsOf(minimal().validFrom("2026-11-26").validUntil(raw).build()))
                .extracting(FieldViolation::field).containsExactly("valid_until");
    }

    @Test
    void theFirstAndLastAcceptedDaysAreAcceptedAndTheDefaultEndStopsAtTheLastDay() {
        NewPass first = minimal().validFrom("1970-01-01").validUntil("1970-01-02").build().validate(TODAY);
        NewPass last = minimal().validFrom("9999-06-01").build().validate(TODAY);

        assertThat(first.validity().validFrom()).isEqualTo(LocalDate.of(1970, 1, 1));
        assertThat(last.validity().validUntil()).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {"read,,write", "read,", ",read", "read,read", "Read", "read data", "read:", ":data",
            "read:data:", "read;write", "admin:*x"})
    void permissionsMustBeWellFormedWithoutEmptiesOrDuplicates(String raw) {
        assertThat(violationsOf(minimal().permissions(raw).build())).extracting(FieldViolation::field).containsExactly("permissions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"read", "read:data", "admin:users", "read,write,delete:files", "contacts:discover,admin:*"})
    void permissionsAcceptTheDocumentedSyntax(String raw) {
        assertThat(minimal().permissions(raw).build().validate(TODAY).permissions().values()).isNotEmpty();
    }

    @Test
    void permissionsAreBoundedInCountAndLength() {
        String many = String.join(",", java.util.stream.IntStream.range(0, 51).mapToObj(i -> "p" + i).toList());
        assertThat(violationsOf(minimal().permissions(many).build()).get(0).rule()).contains("at most 50");
        assertThat(violationsOf(minimal().permissions("a" + "b".repeat(64)).build()).get(0).rule()).contains("at most 64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SP-2026-ABC", "SP-2026-ABCDEFG", "XP-2026-ABCDEF", "SP-26-ABCDEF", "SP-2026-ABC!EF"})
    void userSuppliedPassIdsMustMatchTheFormat(String raw) {
        assertThat(violationsOf(minimal().passId(raw).build())).extracting(FieldViolation::field).containsExactly("pass_id");
    }

    @Test
    void freeTextFieldsAreBounded() {
        assertThat(violationsOf(minimal().description("d".repeat(1001)).organization("o".repeat(201))
                .integrationNotes("n".repeat(4001)).build()))
                .extracting(FieldViolation::field).containsExactlyInAnyOrder("description", "organization", "integration_notes");
    }

    @Test
    void freeTextRejectsControlCharacters() {
        assertThat(violationsOf(minimal().organization("Acme\u0007").build()))
                .containsExactly(new FieldViolation("organization", "must not contain control characters"));
    }

    @Test
    void scopesAreCheckedForSyntaxDuplicatesAndCount() {
        assertThat(violationsOf(minimal().scopes("a a").build()).get(0).rule()).contains("more than once");
        assertThat(violationsOf(minimal().scopes("bad\"quote").build())).extracting(FieldViolation::field).containsExactly("scopes");
        String many = String.join(" ", java.util.stream.IntStream.range(0, 51).mapToObj(i -> "s" + i).toList());
        assertThat(violationsOf(minimal().scopes(many).build()).get(0).rule()).contains("at most 50");
    }

    @Test
    void allowedAudiencesAreKeptInOrderAndDefaultToNone() {
        assertThat(minimal().build().validate(TODAY).allowedAudiences().isEmpty()).isTrue();
        assertThat(minimal().allowedAudiences(List.of("https://orders.example.com", "urn:example:billing")).build()
                .validate(TODAY).allowedAudiences().values())
                .containsExactly("https://orders.example.com", "urn:example:billing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders.example.com", "/api", "https://api.example.com/#frag", "https://api.example.com/ x",
            "https://exa mple.com", "", "https://caf\u00e9.example"})
    void eachAllowedAudienceMustBeAnAbsoluteUriWithoutFragment(String raw) {
        assertThat(violationsOf(minimal().allowedAudiences(List.of(raw)).build()))
                .singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("allowed_audiences");
                    assertThat(violation.rule()).startsWith("each audience must");
                });
    }

    @Test
    void allowedAudiencesAreBoundedAndDistinct() {
        List<String> many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "https://api" + i + ".example.com").toList();
        assertThat(violationsOf(minimal().allowedAudiences(many).build()))
                .containsExactly(new FieldViolation("allowed_audiences", "must name at most 20 audiences (got 21)"));
        assertThat(violationsOf(minimal().allowedAudiences(List.of("https://a.example", "https://a.example")).build())
                .get(0).rule()).contains("more than once");
        assertThat(violationsOf(minimal().allowedAudiences(List.of("https://a.example/" + "x".repeat(2000))).build())
                .get(0).rule()).contains("1-2000 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-demo", "a b", "demo/x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void projectMustBeASafeIdentifier(String raw) {
        assertThat(violationsOf(CreatePassCommand.builder(raw).agentName("A").agentType("b").build()))
                .extracting(FieldViolation::field).containsExactly("project");
    }

    @Test
    void validationExceptionMessageNamesFieldAndRule() {
        assertThatThrownBy(() -> minimal().accessLevel("gold").build().validate(TODAY))
                .isInstanceOf(ValidationException.class)
                .hasMessage("access_level: must be one of basic, standard, premium, enterprise (got 'gold')");
    }
}
