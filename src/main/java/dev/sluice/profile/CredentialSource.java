package dev.sluice.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the AWS SDK found credentials, from {@code AwsCredentialsIdentity.providerName()}: the SDK
 * (2.30 and later) reports the provider as its user-agent feature codes ({@code n} = a profile,
 * {@code r} = a profile's SSO session, ...; {@code BusinessMetricFeatureId}), older versions as a
 * class name. Earlier entries win when a name holds several codes (an SSO profile reports both).
 */
enum CredentialSource {
    EMBEDDED(Set.of(), "", "generated for the embedded S3Proxy, in memory only"),
    SSO(Set.of("r", "s", "t", "u"), "sso", "an SSO session"),
    LOGIN(Set.of("AC", "AD"), "login", "an 'aws login' session"),
    WEB_IDENTITY(Set.of("h", "k", "q"), "webidentity", "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)"),
    PROCESS(Set.of("v", "w"), "process", "a credential_process"),
    ASSUMED_ROLE(Set.of("i", "j", "l", "m", "o"), "assumerole", "an assumed role (STS)"),
    SYSTEM_PROPERTIES(Set.of("f"), "systemproperty", "Java system properties (aws.accessKeyId)"),
    ENVIRONMENT(Set.of("g"), "environmentvariable", "the environment (AWS_ACCESS_KEY_ID)"),
    PROFILE(Set.of("n", "p"), "profile", "a profile of the AWS config or credentials file"),
    CONTAINER(Set.of("z"), "container", "the container's role (ECS/EKS)"),
    INSTANCE_ROLE(Set.of("0"), "instanceprofile", "the instance role (EC2 metadata)"),
    OTHER(Set.of(), "", "a provider of the default chain");

    private final Set<String> codes;
    private final String className;
    private final String words;

    CredentialSource(Set<String> codes, String className, String words) {
        this.codes = codes;
        this.className = className;
        this.words = words;
    }

    /** The source a provider name stands for; {@link #OTHER} when none matches. */
    static CredentialSource of(String providerName) {
        String name = providerName == null ? "" : providerName.trim();
        List<String> given = Arrays.stream(name.split("[,\\s]+")).toList();
        String lower = name.toLowerCase(Locale.ROOT);
        for (CredentialSource s : values()) {
            if (given.stream().anyMatch(s.codes::contains) || (!s.className.isEmpty() && lower.contains(s.className))) {
                return s;
            }
        }
        return OTHER;
    }

    String words() {
        return words;
    }
}
