package dev.sluice.source.pcap;

import io.netty.handler.codec.http2.Http2Settings;
import java.util.Base64;

/**
 * The head of an HTTP/1.1 request that upgrades to h2c (RFC 7540 §3.2): its path and host become
 * stream 1, its {@code HTTP2-Settings} header (base64url SETTINGS payload) the client's first SETTINGS.
 *
 * @param settings null when the header is missing or not base64url
 */
record H2cUpgrade(String path, String authority, Http2Settings settings) {

    static H2cUpgrade parse(String head) {
        String[] lines = head.split("\r\n", -1);
        String[] request = lines[0].split(" ", 3); // method, path, version
        String authority = "";
        Http2Settings settings = null;
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Host")) {
                authority = value;
            } else if (name.equalsIgnoreCase("HTTP2-Settings")) {
                settings = settings(value);
            }
        }
        return new H2cUpgrade(request.length > 1 ? request[1] : "", authority, settings);
    }

    private static Http2Settings settings(String base64) {
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null; // not base64url: the upgrade's settings stay unknown, the defaults apply
        }
        Http2Settings settings = new Http2Settings();
        for (int i = 0; i + 6 <= payload.length; i += 6) {
            char id = (char) (((payload[i] & 0xFF) << 8) | (payload[i + 1] & 0xFF));
            long v = ((payload[i + 2] & 0xFFL) << 24) | ((payload[i + 3] & 0xFFL) << 16)
                    | ((payload[i + 4] & 0xFFL) << 8) | (payload[i + 5] & 0xFFL);
            try {
                settings.put(id, Long.valueOf(v));
            } catch (IllegalArgumentException e) {
                return null; // a value out of its range: not settings Netty (or a peer) would accept
            }
        }
        return settings;
    }
}
