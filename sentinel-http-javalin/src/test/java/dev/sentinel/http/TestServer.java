package dev.sentinel.http;

import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.core.jose.AccessTokenType;
import dev.sentinel.core.port.in.ActivityRecorder;
import dev.sentinel.http.throttle.Bucket4jThrottleBuckets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Tests start a server the way {@code sentinel serve} does — node settings, a node with Bucket4j's buckets, the HTTP
 * server over it — with one chain of settings: {@code TestServer.builder(sentinel).port(0).build().start()}.
 */
public final class TestServer {

    private TestServer() {
    }

    public static Builder builder(Sentinel sentinel) {
        return new Builder(sentinel);
    }

    /** The node's settings and ports; {@link #build()} starts the node and returns its server, not yet listening. */
    public static final class Builder {
        private final Sentinel sentinel;
        private final NodeSettings.Builder settings = NodeSettings.builder();
        private ActivityRecorder recorder;

        private Builder(Sentinel sentinel) {
            this.sentinel = sentinel;
        }

        public Builder host(String value) {
            settings.host(value);
            return this;
        }

        public Builder port(int value) {
            settings.port(value);
            return this;
        }

        public Builder issuer(String value) {
            settings.issuer(value);
            return this;
        }

        public Builder audience(String value) {
            settings.audience(value);
            return this;
        }

        public Builder tokenLifetime(Duration value) {
            settings.tokenLifetime(value);
            return this;
        }

        public Builder signingAlgorithm(String value) {
            settings.signingAlgorithm(value);
            return this;
        }

        public Builder accessTokenType(AccessTokenType value) {
            settings.accessTokenType(value);
            return this;
        }

        public Builder scopesSupported(List<String> value) {
            settings.scopesSupported(value);
            return this;
        }

        public Builder keyEncryptionKey(byte[] value) {
            settings.keyEncryptionKey(value);
            return this;
        }

        public Builder stopTimeout(Duration value) {
            settings.stopTimeout(value);
            return this;
        }

        public Builder adminToken(String value) {
            settings.adminToken(value);
            return this;
        }

        public Builder ingestToken(String value) {
            settings.ingestToken(value);
            return this;
        }

        public Builder metricsToken(String value) {
            settings.metricsToken(value);
            return this;
        }

        public Builder activityRetention(Duration value) {
            settings.activityRetention(value);
            return this;
        }

        public Builder throttling(Throttling value) {
            settings.throttling(value);
            return this;
        }

        public Builder trustedProxies(Collection<String> cidrs) {
            settings.trustedProxies(cidrs);
            return this;
        }

        public Builder tls(Path certificateChainPem, Path privateKeyPem) {
            settings.tls(certificateChainPem, privateKeyPem);
            return this;
        }

        public Builder tlsReloadInterval(Duration value) {
            settings.tlsReloadInterval(value);
            return this;
        }

        public Builder oidc(String issuer, String clientId, String clientSecret) {
            settings.oidc(issuer, clientId, clientSecret);
            return this;
        }

        public Builder oidcName(String value) {
            settings.oidcName(value);
            return this;
        }

        public Builder oidcRolesClaim(String value) {
            settings.oidcRolesClaim(value);
            return this;
        }

        public Builder sessionIdle(Duration value) {
            settings.sessionIdle(value);
            return this;
        }

        public Builder sessionMax(Duration value) {
            settings.sessionMax(value);
            return this;
        }

        public Builder twoFactor(dev.sentinel.core.application.access.TwoFactorRequirement value) {
            settings.twoFactor(value);
            return this;
        }

        /** Any other node setting, e.g. {@code settings -> settings.allowPrivateTargets(true)}. */
        public Builder node(java.util.function.UnaryOperator<NodeSettings.Builder> more) {
            more.apply(settings);
            return this;
        }

        public Builder activityRecorder(ActivityRecorder value) {
            this.recorder = value;
            return this;
        }

        /** Starts the node (signing key, admin token, housekeeping) and returns its server, which owns it. */
        public SentinelServer build() {
            SentinelNode.Builder node = SentinelNode.builder(sentinel, settings.build())
                    .throttleBuckets(Bucket4jThrottleBuckets.create());
            if (recorder != null) {
                node.activityRecorder(recorder);
            }
            return SentinelServer.of(node.build());
        }
    }
}
