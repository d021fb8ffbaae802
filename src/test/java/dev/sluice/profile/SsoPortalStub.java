package dev.sluice.profile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one stand-in of the SSO tests: IAM Identity Center's portal has no local server, so this
 * answers its {@code GetRoleCredentials} ({@code GET /federation/credentials?account_id&role_name},
 * the bearer token in {@code x-amz-sso_bearer_token}) on 127.0.0.1 as the service does. A known
 * token and the {@code allowed} role get {@code keys} (which the real S3Proxy of the test accepts);
 * another token gets 401 {@code UnauthorizedException}, another role 403 {@code ForbiddenException}.
 */
final class SsoPortalStub implements AutoCloseable {

    /** One request as the portal saw it. */
    record Call(String account, String role, String token) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private SsoPortalStub(HttpServer server) {
        this.server = server;
    }

    /** Serves role credentials {@code keys} (access key id, secret, session token) to {@code token} for {@code allowed}. */
    static SsoPortalStub start(String token, String account, String allowed, List<String> keys) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SsoPortalStub stub = new SsoPortalStub(http);
        http.createContext("/federation/credentials", exchange -> {
            try (exchange) {
                Map<String, String> query = query(exchange.getRequestURI());
                Call call = new Call(query.getOrDefault("account_id", ""), query.getOrDefault("role_name", ""),
                        String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token")));
                stub.calls.add(call);
                if (!"GET".equals(exchange.getRequestMethod())) {
                    answer(exchange, 405, "MethodNotAllowedException", "{\"message\":\"GET only\"}");
                } else if (!token.equals(call.token())) {
                    answer(exchange, 401, "UnauthorizedException", "{\"message\":\"Session token not found or invalid\"}");
                } else if (!account.equals(call.account()) || !allowed.equals(call.role())) {
                    answer(exchange, 403, "ForbiddenException", "{\"message\":\"No access\"}");
                } else {
                    answer(exchange, 200, "", """
                            {"roleCredentials":{"accessKeyId":"%s","secretAccessKey":"%s","sessionToken":"%s",\
                            "expiration":%d}}""".formatted(keys.get(0), keys.get(1), keys.get(2),
                            Instant.now().plusSeconds(3600).toEpochMilli()));
                }
            }
        });
        http.start();
        return stub;
    }

    private static Map<String, String> query(URI uri) {
        String q = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return Stream.of(q.split("&")).map(kv -> kv.split("=", 2)).filter(kv -> kv.length == 2)
                .collect(Collectors.toMap(kv -> kv[0], kv -> java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8),
                        (a, b) -> b));
    }

    private static void answer(HttpExchange exchange, int status, String errorType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (!errorType.isEmpty()) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
