package dev.sluice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One `sluice …` command line run in-process as a user's shell runs it: exit code, stdout, stderr. */
record CliRun(int code, String out, String err) {

    static CliRun sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
