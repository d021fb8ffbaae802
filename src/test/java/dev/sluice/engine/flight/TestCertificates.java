package dev.sluice.engine.flight;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * A throw-away certificate for {@code 127.0.0.1} made by the JDK's keytool: its PEM (what a client
 * trusts) and a gRPC server context serving it.
 */
public record TestCertificates(Path caPem, SslContext serverTls) {

    public static TestCertificates create(Path dir) throws Exception {
        // a random store password that lives only in this process
        char[] pass = UUID.randomUUID().toString().toCharArray();
        Path store = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "flight", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(pass), "-keypass", new String(pass));
        keytool("-exportcert", "-rfc", "-alias", "flight", "-keystore", store.toString(), "-storepass", new String(pass),
                "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        return new TestCertificates(pem, GrpcSslContexts.configure(SslContextBuilder.forServer(kmf)).build());
    }

    private static void keytool(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), Charset.defaultCharset()); // the child writes in the platform charset
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
    }
}
