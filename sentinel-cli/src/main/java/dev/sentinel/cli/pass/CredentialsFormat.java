package dev.sentinel.cli.pass;

/** How freshly issued credentials are printed: a JSON document, or bash {@code export} lines to source. */
enum CredentialsFormat {
    json, env
}
