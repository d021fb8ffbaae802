package dev.sluice.source.pcap;

/** A capture file whose framing is broken: one line naming the file, the place and what is accepted. */
final class CaptureFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    CaptureFormatException(String message) {
        super(message);
    }
}
