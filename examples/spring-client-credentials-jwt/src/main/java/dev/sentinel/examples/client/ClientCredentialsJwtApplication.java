package dev.sentinel.examples.client;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Gets a Sentinel access token with the client credentials grant, the client authenticated by a private_key_jwt
 * assertion, prints it, and calls {@code sentinel.resource-url} with it when one is set. Exit status 0 on success.
 */
@SpringBootApplication
public class ClientCredentialsJwtApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(ClientCredentialsJwtApplication.class, args)));
    }
}
