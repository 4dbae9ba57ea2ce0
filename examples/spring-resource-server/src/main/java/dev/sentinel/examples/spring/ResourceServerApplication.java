package dev.sentinel.examples.spring;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A resource server with one route, {@code GET /hello}, that needs a Sentinel token with the {@code read:data} scope. */
@SpringBootApplication
@RestController
public class ResourceServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ResourceServerApplication.class, args);
    }

    @GetMapping("/hello")
    Map<String, String> hello(@AuthenticationPrincipal Jwt token) {
        return Map.of("hello", token.getClaimAsString("client_id"), "pass_id", token.getClaimAsString("pass_id"));
    }
}
