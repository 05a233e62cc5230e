package io.hailctl.fidelity;

import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.TestTools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of a shipped template as CloudFormation hands it to the service, for given parameter
 * values (scripts/lib/render-template-node.py: Ref, Fn::Sub, Fn::FindInMap, Fn::Base64 ...).
 */
final class TemplateNode {
    private TemplateNode() {
    }

    static Object render(String template, String pointer, Map<String, String> params) {
        Path project = TestTools.projectDir();
        List<String> cmd = new ArrayList<>(List.of(TestTools.venvBin("python").toString(),
                project.resolve("scripts/lib/render-template-node.py").toString(),
                project.resolve(template).toString(), pointer));
        params.forEach((k, v) -> cmd.add(k + "=" + v));
        try {
            Path out = Files.createTempFile("template-node", ".json");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new AssertionError("cannot render " + template + pointer + ":\n"
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
                return JsonDoc.parse(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String text(String template, String pointer, Map<String, String> params) {
        return (String) render(template, pointer, params);
    }
}
