package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.Candidates;
import dev.sentinel.cli.options.HasherOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentinel pass create}: the agent user and its pass in one step; prints the secret this once. */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create an agent user and its Sentinel Pass together, and print the credentials.",
            "The client secret is shown only this once: store it right away.",
            "With --generate-key, the key pair is made here and only its public key is stored;",
            "the private key is shown only this once."})
final class PassCreateCommand implements Callable<Integer> {

    private static final String PRIVATE_KEY_JWT = "private_key_jwt";

    @Spec
    private CommandSpec spec;

    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "Project the pass belongs to.")
    String project;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Agent name: letters, digits and spaces, e.g. \"My Security Agent\".")
    String name;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "Agent type, formatted to lower_snake_case (\"Sourcing Agent\" -> sourcing_agent).")
    String type;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the agent does.")
    String description;

    @Option(names = "--pass-id", paramLabel = "ID", description = "Pass id like SP-2026-A1B2C3. Default: generated.")
    String passId;

    @Option(names = "--access-level", paramLabel = "LEVEL", completionCandidates = Candidates.AccessLevels.class,
            description = "basic, standard, premium or enterprise. Default: standard.")
    String accessLevel;

    @Option(names = "--organization", paramLabel = "NAME", description = "Organization shown with the pass.")
    String organization;

    @Option(names = "--usage-type", paramLabel = "TYPE", completionCandidates = Candidates.UsageTypes.class,
            description = "ai_assistant, automation_tool, "
            + "integration_service, mcp_server, api_client, data_processor, monitoring_system or other. "
            + "Default: automation_tool.")
    String usageType;

    @Option(names = "--valid-from", paramLabel = "YYYY-MM-DD", description = "First valid day (UTC). Default: today.")
    String validFrom;

    @Option(names = "--valid-until", paramLabel = "YYYY-MM-DD",
            description = "Last valid day (UTC). Default: one year after --valid-from.")
    String validUntil;

    @Option(names = "--permissions", paramLabel = "LIST",
            description = "Comma-separated permissions, e.g. read,write,read:data. Default: read,write.")
    String permissions;

    @Option(names = "--scopes", paramLabel = "LIST", description = "Optional scopes, separated by spaces or commas.")
    String scopes;

    @Option(names = "--audience", paramLabel = "URI",
            description = "An audience (absolute URI of a resource server) its tokens may carry; repeat for several, "
                    + "at most " + dev.sentinel.core.domain.Audiences.MAX_COUNT + ". Default: the server's --audience.")
    java.util.List<String> audiences;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Integration notes.")
    String notes;

    @Option(names = "--allowed-ips", paramLabel = "CIDR[,CIDR...]",
            description = "Networks the pass may be used from, e.g. 10.0.0.0/8,2001:db8::/32 (at most 50; a bare "
                    + "address is one host). Default: any address.")
    String allowedIps;

    @Option(names = "--credential-type", paramLabel = "TYPE",
            description = "api_key, oauth_client (both: a client secret) or private_key_jwt (public keys, no secret). "
                    + "Default: private_key_jwt with --jwks-file, --jwks-uri or --generate-key, otherwise api_key.")
    String credentialType;

    @Mixin
    KeyMaterialOptions keys;

    @Option(names = "--jwks-uri", paramLabel = "URL",
            description = "private_key_jwt: the https address of the agent's JWK set; Sentinel fetches the keys there.")
    String jwksUri;

    @Option(names = "--accept-token-endpoint-audience",
            description = "private_key_jwt: also accept assertions whose aud is the token endpoint URL (Spring "
                    + "Security's client sends it) besides the issuer.")
    boolean acceptTokenEndpointAudience;

    @Mixin
    CredentialsFormatOption format;

    @Mixin
    HasherOption hasher;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        keys.check(spec.commandLine(), jwksUri != null);
        Optional<GeneratedKey> generated = keys.generate();
        boolean keysGiven = keys.given() || jwksUri != null;
        CreatePassCommand command = CreatePassCommand.builder(project)
                .agentName(name).agentType(type).description(description).passId(passId)
                .accessLevel(accessLevel).organization(organization).usageType(usageType)
                .validFrom(validFrom).validUntil(validUntil).permissions(permissions).scopes(scopes)
                .integrationNotes(notes).allowedAudiences(audiences).allowedIps(blocks(allowedIps))
                .credentialType(credentialType != null ? credentialType : keysGiven ? PRIVATE_KEY_JWT : null)
                .jwks(keys.jwks(generated).orElse(null)).jwksUri(jwksUri)
                .acceptTokenEndpointAudience(acceptTokenEndpointAudience ? Boolean.TRUE : null)
                .build();
        // every rule checked before the store is opened: bad input makes no new store (nor says it made one)
        command.validate(LocalDate.now(ZoneOffset.UTC));
        try (Store store = Store.openOrCreate(storeOptions, hasher.hasher())) {
            if (store.created()) {
                spec.commandLine().getErr().println(store.createdNote());
            }
            CreatedPass created = store.passes().create(command);
            print(created, generated, store.sentinel().clock().instant());
        }
        return 0;
    }

    /** The blocks of a comma- or space-separated list, as typed; validated with every other field. */
    static List<String> blocks(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.strip().split("[\\s,]+")).filter(block -> !block.isEmpty()).toList();
    }

    private void print(CreatedPass created, Optional<GeneratedKey> generated, java.time.Instant now) {
        PrintWriter out = spec.commandLine().getOut();
        if (format.env()) {
            out.print(created.credentials().toBashExport());
            generated.ifPresent(key -> out.print(PrivateKeyViews.bashExport(key)));
        } else {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pass", PassViews.json(created.pass(), now));
            Map<String, Object> credentials = new LinkedHashMap<>(PassViews.credentialsJson(created.credentials()));
            generated.ifPresent(key -> credentials.putAll(PrivateKeyViews.json(key)));
            json.put("credentials", credentials);
            out.println(Json.write(json));
        }
        out.flush();
        spec.commandLine().getErr().println("Created pass " + created.pass().passId() + ". " + note(created, generated));
        spec.commandLine().getErr().flush();
    }

    private static String note(CreatedPass created, Optional<GeneratedKey> generated) {
        if (generated.isPresent()) {
            return PrivateKeyViews.SHOWN_ONCE;
        }
        if (created.credentials().secret().isEmpty()) {
            return "It authenticates with its keys (private_key_jwt): no client secret was issued.";
        }
        return "The client secret is shown only this once: store it now.";
    }
}
