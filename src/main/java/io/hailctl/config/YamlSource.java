package io.hailctl.config;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reading {@code hailctl.yaml} into a node tree. The node (compose) level keeps line numbers for every
 * value, which is what lets each problem name its line; failures become one-line {@link HailctlException}s.
 */
final class YamlSource {
    static final char BYTE_ORDER_MARK = '\uFEFF';
    /** A real hailctl.yaml is a few KB; anything this large is the wrong file, and parsing it takes seconds. */
    static final long MAX_BYTES = 1024 * 1024;

    private YamlSource() {
    }

    static String read(Path file) {
        if (Files.isDirectory(file)) {
            throw new HailctlException(ExitCode.USAGE,
                    file.toAbsolutePath().normalize() + " is a directory, not a hailctl.yaml file",
                    "pass the file itself with --config FILE");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new HailctlException(ExitCode.USAGE, file.toAbsolutePath().normalize() + " is " + size
                        + " bytes; a hailctl.yaml is a few KB (at most " + MAX_BYTES + " bytes): is it the right file?");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw notFound(file);
        } catch (CharacterCodingException e) {
            throw new HailctlException(ExitCode.USAGE, file + " is not UTF-8 text", null, e);
        } catch (IOException e) {
            throw new HailctlException(ExitCode.USAGE, "cannot read " + file.toAbsolutePath().normalize() + ": "
                    + e.getMessage(), null, e);
        }
    }

    static HailctlException notFound(Path file) {
        return new HailctlException(ExitCode.USAGE, "hailctl.yaml not found at " + file.toAbsolutePath().normalize()
                + ": run 'hailctl init' to create one, or pass --config FILE");
    }

    /** The document's root node; empty for a file with nothing but comments. */
    static Optional<Node> compose(String text, String fileName) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                // YAML 1.2 core schema: true/false/null/numbers as people expect; "yes" stays text.
                .setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false)
                .build();
        try {
            return new Compose(settings).composeString(withoutByteOrderMark(text));
        } catch (MarkedYamlEngineException e) {
            throw new HailctlException(ExitCode.USAGE, syntaxError(fileName, e), null, e);
        } catch (YamlEngineException e) {
            throw new HailctlException(ExitCode.USAGE,
                    fileName + ": YAML syntax error: " + oneLine(String.valueOf(e.getMessage())), null, e);
        } catch (StackOverflowError e) {
            // snakeyaml-engine parses nested collections recursively and has no depth limit: thousands of
            // "[" would otherwise end the run with a JVM stack trace. The parse holds no lock or resource.
            throw new HailctlException(ExitCode.USAGE, fileName + ": YAML nested too deeply to read"
                    + " (hailctl.yaml needs three levels)");
        }
    }

    static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /** {@code hailctl.yaml:3:8: YAML syntax error: mapping values are not allowed here}. */
    private static String syntaxError(String fileName, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        String where = mark.map(m -> fileName + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                .orElse(fileName);
        String problem = e.getProblem() != null ? e.getProblem() : String.valueOf(e.getContext());
        String context = "";
        if (e.getProblem() != null && e.getContext() != null) {
            context = " (" + e.getContext()
                    + e.getContextMark().map(m -> " at " + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("")
                    + ")";
        }
        return where + ": YAML syntax error: " + oneLine(problem + context);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
