package dev.sluice.agent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agent's options, from {@code -javaagent:sluice-agent.jar=OPTIONS}: comma-separated
 * {@code key=value} pairs (see agent.md). At least one of {@code record} and {@code listen} is given.
 *
 * @param record    the trace file to write (null: none)
 * @param listen    where to serve the events live to a console (null: nowhere); port 0 picks a free one
 * @param tokenEnv  the environment variable holding the token a console must present (null: none; required
 *                  for a listen address that is not loopback). Only its name is ever an option or recorded.
 * @param failProbe a probe that throws on its first call, to test that a failing probe harms nothing
 *                  (null: none)
 */
public record AgentOptions(Path record, InetSocketAddress listen, String tokenEnv, String failProbe) {

    static final String RECORD = "record";
    static final String LISTEN = "listen";
    static final String TOKEN_ENV = "token.env";
    static final String FAIL_PROBE = "test.failProbe";
    private static final Set<String> KEYS = Set.of(RECORD, LISTEN, TOKEN_ENV, FAIL_PROBE);
    private static final String ACCEPTED =
            "accepted: record=FILE and/or listen=HOST:PORT[,token.env=NAME][,test.failProbe=PROBE]";

    /** Parses the option string; a bad one is refused in one line naming what is accepted. */
    public static AgentOptions parse(String options) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : options == null ? new String[0] : options.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("sluice agent: option '" + pair + "' is not known; " + ACCEPTED);
            }
            if (values.put(key, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("sluice agent: option " + key + " is given twice; " + ACCEPTED);
            }
        }
        String record = values.get(RECORD);
        String listen = values.get(LISTEN);
        if ((record == null || record.isEmpty()) && (listen == null || listen.isEmpty())) {
            throw new IllegalArgumentException("sluice agent: no trace file and no listen address given; " + ACCEPTED);
        }
        String failProbe = values.get(FAIL_PROBE);
        if (failProbe != null && ProbeName.byId(failProbe) == null) {
            throw new IllegalArgumentException("sluice agent: test.failProbe=" + failProbe + " names no probe; accepted: "
                    + ProbeName.ids());
        }
        String tokenEnv = values.get(TOKEN_ENV);
        if (tokenEnv != null && !tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("sluice agent: token.env=" + tokenEnv + " is not an environment variable"
                    + " name; accepted: letters, digits and _ (the variable holds the token, never the option)");
        }
        InetSocketAddress address = listen == null || listen.isEmpty() ? null : address(listen);
        if (address != null && !address.getAddress().isLoopbackAddress() && tokenEnv == null) {
            throw new IllegalArgumentException("sluice agent: listen=" + listen + " is not a loopback address, so a"
                    + " console must present a token: add token.env=NAME, NAME being an environment variable that holds it");
        }
        return new AgentOptions(record == null || record.isEmpty() ? null : Path.of(record).toAbsolutePath(), address,
                tokenEnv, failProbe);
    }

    /** HOST:PORT (an IPv6 host in brackets); the host is resolved here, so a bad one is refused at start. */
    static InetSocketAddress address(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon <= 0 ? "" : value.substring(0, colon);
        String port = colon < 0 ? "" : value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("sluice agent: listen=" + value + " is not HOST:PORT; accepted: e.g."
                    + " listen=127.0.0.1:7000 (port 0: any free port)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("sluice agent: listen=" + value + ": unknown host " + host
                    + "; accepted: an address or a name this machine resolves", e);
        }
    }
}
