package dev.sluice.profile;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/** The first check of every endpoint: one TCP connection opened and closed, or why it cannot be. */
final class TcpReach {

    private TcpReach() {
    }

    /** {@code port} is the endpoint's; {@code setting} the one to correct ({@code s3.endpoint}). */
    static CheckResult check(CheckResult.Check check, URI endpoint, int port, String setting, Duration timeout) {
        String where = endpoint.getHost() + ":" + port;
        String subject = endpoint.toString();
        String fix = "correct " + setting + ", or start the server it names";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), Math.toIntExact(timeout.toMillis()));
            return CheckResult.pass(check, subject, "took a connection at " + where);
        } catch (ConnectException e) {
            return CheckResult.fail(check, subject, "connection refused at " + where, fix);
        } catch (UnknownHostException e) {
            return CheckResult.fail(check, subject, "unknown host " + endpoint.getHost(), fix);
        } catch (SocketTimeoutException e) {
            return CheckResult.fail(check, subject, "no answer from " + where + " within " + timeout.toMillis() + " ms",
                    fix + " (or check the network path: VPN, proxy, firewall)");
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.fail(check, subject, where + ": " + e.getMessage(), fix);
        }
    }
}
