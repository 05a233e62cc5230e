package io.hailctl.local.standin.emr;

import io.hailctl.progress.Json;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EMR's JSON protocol bodies as plain maps and lists (JSON is YAML 1.2), and back. */
public final class JsonBody {
    private JsonBody() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        Object v = new Load(LoadSettings.builder().setCodePointLimit(16 * 1024 * 1024).build()).loadFromString(text);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    public static String write(Object value) {
        return Json.write(plain(value));
    }

    /** Doubles as plain decimals: EMR's epoch-second timestamps must not be written as 1.7E9. */
    private static Object plain(Object value) {
        if (value instanceof Double d) {
            return java.math.BigDecimal.valueOf(d);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(JsonBody::plain).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    public static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
