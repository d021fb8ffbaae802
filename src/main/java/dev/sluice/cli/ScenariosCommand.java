package dev.sluice.cli;

import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.Setting;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "scenarios", mixinStandardHelpOptions = true, description = "List the built-in scenarios, one line each.")
final class ScenariosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Also list each scenario's settings: default, help and what is accepted.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Scenario s : ScenarioRegistry.all()) {
            out.printf("%-28s %-6s %s%n", s.name(), s.engine().id(), s.summary());
            if (verbose) {
                for (Setting<?> setting : s.settings()) {
                    out.printf("    %s=%s    %s%n", setting.key(), setting.required() ? "(required)" : setting.defaultValue(),
                            setting.description());
                    out.printf("        accepts %s%n", setting.type().accepted());
                }
            }
        }
        out.flush();
        return 0;
    }
}
