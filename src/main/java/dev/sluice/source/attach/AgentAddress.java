package dev.sluice.source.attach;

/** Where an agent listens, HOST:PORT, as a user types it (the console's Attach) or the agent prints it. */
public record AgentAddress(String host, int port) {

    /**
     * {@code text} as HOST:PORT (blanks around it ignored).
     *
     * @throws IllegalArgumentException in one line: what was given, what is accepted
     */
    public static AgentAddress parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        int port = colon > 0 ? port(t.substring(colon + 1)) : -1;
        if (port < 0) {
            throw new IllegalArgumentException("'" + t + "' is not HOST:PORT; accepted: the address an agent listens on,"
                    + " like 127.0.0.1:7000");
        }
        return new AgentAddress(t.substring(0, colon), port);
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            return p >= 1 && p <= 65_535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the host is written as this machine's loopback (an agent there needs no token); no name is resolved. */
    public boolean loopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
