package dev.fanout.bootstrap.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Small helpers for building the command line with picocli's programmatic API. The commands are not
 * annotated: reading annotations makes the JDK generate a proxy class per annotation type at every start,
 * which was ~60 ms of a one-second replay (docs/performance.md). The specs below say the same thing in code.
 */
final class CommandSpecs {

    private CommandSpecs() {
    }

    /**
     * {@code -h, --help} and {@code -V, --version}, as picocli's standard help options print them
     * ({@code mixinStandardHelpOptions(true)} would read them from an annotated mixin class).
     */
    static CommandSpec withStandardHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** An option taking one value of {@code type}. */
    static OptionSpec.Builder option(String name, String paramLabel, Class<?> type, String description) {
        return OptionSpec.builder(name).paramLabel(paramLabel).type(type).arity("1").description(description);
    }

    /** The value of option {@code name} after parsing: what was given, else its default, else null. */
    @SuppressWarnings("unchecked")
    static <T> T value(CommandSpec spec, String name) {
        return (T) find(spec, name).getValue();
    }

    /**
     * Like {@link #value}, for an option of an argument group: picocli leaves the options of a matched group
     * that were not given without their defaults, so the default text is converted here, as picocli would.
     */
    @SuppressWarnings("unchecked")
    static <T> T valueOrDefault(CommandSpec spec, String name) {
        OptionSpec option = find(spec, name);
        Object value = option.getValue();
        if (value != null || option.defaultValue() == null) {
            return (T) value;
        }
        try {
            ITypeConverter<?>[] converters = option.converters();
            if (converters.length > 0) {
                return (T) converters[0].convert(option.defaultValue());
            }
            if (option.type() == Integer.class || option.type() == int.class) {
                return (T) Integer.valueOf(option.defaultValue());
            }
            return (T) option.defaultValue();
        } catch (Exception e) {
            throw new IllegalStateException("default of " + name + " does not parse: " + option.defaultValue(), e);
        }
    }

    private static OptionSpec find(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        if (option == null) {
            throw new IllegalStateException("no option " + name);
        }
        return option;
    }
}
