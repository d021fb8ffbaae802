package dev.sluice.profile;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One TLS handshake to a Flight endpoint with the JDK's TLS, verifying the certificate chain against
 * the trusted-certificates file (or the JDK's trust store) and the host name, offering {@code h2}
 * as gRPC does. The JDK names the reason of a refusal (untrusted, wrong name, expired), which a
 * gRPC call would flatten into UNAVAILABLE.
 */
final class TlsProbe {

    /** Why a handshake failed, in words, and what to change. */
    record Refusal(String detail, String fix) { }

    private TlsProbe() {
    }

    /** Null when the handshake verified, else why not. */
    static Refusal handshake(String host, int port, Path trusted, int timeoutMillis) {
        SSLContext context;
        Capturing tm;
        try {
            tm = new Capturing(trustManager(trusted));
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {tm}, null);
        } catch (IOException | GeneralSecurityException e) {
            return new Refusal("cannot read the trusted certificates " + trusted + ": " + e.getMessage(),
                    "point flight.trusted-certificates at a PEM file of CA certificates");
        }
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                SSLParameters p = tls.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                p.setApplicationProtocols(new String[] {"h2"});
                tls.setSSLParameters(p);
                tls.startHandshake();
                return null;
            }
        } catch (SSLException e) {
            return refusal(e, tm.subject, trusted);
        } catch (IOException e) {
            return new Refusal("TLS handshake with " + host + ":" + port + " failed: " + e.getMessage(),
                    "check that the endpoint is up and speaks TLS (grpc+tls://)");
        }
    }

    private static Refusal refusal(SSLException e, String subject, Path trusted) {
        String all = messages(e).toLowerCase(Locale.ROOT);
        String who = subject == null ? "the server's certificate" : "certificate '" + subject + "'";
        String store = trusted == null ? "the JDK's trust store" : trusted.toString();
        if (all.contains("no subject alternative") || all.contains("no name matching")) {
            return new Refusal(who + " does not name this host", "use the host name the certificate names in"
                    + " flight.endpoints, or have the server's certificate name this host");
        }
        if (all.contains("expired") || all.contains("not yet valid")) {
            return new Refusal(who + " is expired or not yet valid", "renew the server's certificate");
        }
        if (all.contains("pkix") || all.contains("certification path") || all.contains("unable to find valid")) {
            return new Refusal("untrusted certificate: " + who + " is not signed by a CA in " + store,
                    "set flight.trusted-certificates to the PEM file of the CA that signed it");
        }
        if (all.contains("unrecognized ssl message") || all.contains("plaintext")) {
            return new Refusal("the endpoint does not speak TLS", "use grpc+tcp:// for it, or the server's TLS port");
        }
        return new Refusal("TLS handshake failed: " + e.getMessage(), "check flight.trusted-certificates and the port");
    }

    private static String messages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append(' ');
        }
        return out.toString();
    }

    private static X509ExtendedTrustManager trustManager(Path trusted) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trusted == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            try (InputStream in = Files.newInputStream(trusted)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca-" + i++, c);
                }
            }
            if (i == 0) {
                throw new CertificateException("no certificate in the file");
            }
            tmf.init(ks);
        }
        for (TrustManager m : tmf.getTrustManagers()) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    /** Delegates every decision and keeps the server's subject, so a refusal can name the certificate. */
    private static final class Capturing extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private volatile String subject;

        Capturing(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        private void keep(X509Certificate[] chain) {
            if (chain != null && chain.length > 0) {
                subject = chain[0].getSubjectX500Principal().getName();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            keep(chain);
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            keep(chain);
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            keep(chain);
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
