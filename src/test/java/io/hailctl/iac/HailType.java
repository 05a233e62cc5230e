package io.hailctl.iac;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reader for Hail's type strings, as in the {@code vep_json_schema} of an {@code hl.vep} config
 * ({@code Struct{a:String,b:Array[Struct{c:Int32}]}}): Hail parses that string into the type of the
 * {@code vep} field, and fails the whole {@code hl.vep} call on a malformed one. Covers the types
 * VEP's JSON maps to: Struct, Array, Set, Dict, String, Int32, Int64, Float32, Float64, Boolean.
 */
sealed interface HailType {
    record Primitive(String name) implements HailType {
    }

    record Container(String kind, List<HailType> elements) implements HailType {
    }

    record Struct(Map<String, HailType> fields) implements HailType {
    }

    Set<String> PRIMITIVES = Set.of("String", "Int32", "Int64", "Float32", "Float64", "Boolean", "Bool");

    static HailType parse(String text) {
        Reader r = new Reader(text);
        HailType t = r.type();
        if (r.pos != text.length()) {
            throw r.error("text after the type");
        }
        return t;
    }

    final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        HailType type() {
            String name = identifier();
            switch (name) {
                case "Struct" -> {
                    expect('{');
                    Map<String, HailType> fields = new LinkedHashMap<>();
                    if (peek() != '}') {
                        do {
                            String field = identifier();
                            expect(':');
                            if (fields.put(field, type()) != null) {
                                throw error("field " + field + " twice");
                            }
                        } while (accept(','));
                    }
                    expect('}');
                    return new Struct(fields);
                }
                case "Array", "Set" -> {
                    expect('[');
                    HailType element = type();
                    expect(']');
                    return new Container(name, List.of(element));
                }
                case "Dict" -> {
                    expect('[');
                    HailType key = type();
                    expect(',');
                    HailType value = type();
                    expect(']');
                    return new Container(name, List.of(key, value));
                }
                default -> {
                    if (!PRIMITIVES.contains(name)) {
                        throw error("unknown type " + name);
                    }
                    return new Primitive(name);
                }
            }
        }

        private String identifier() {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("a name");
            }
            return s.substring(start, pos);
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private boolean accept(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("'" + c + "'");
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("not a Hail type: expected " + expected + " at " + pos + " in "
                    + s.substring(Math.max(0, pos - 30), Math.min(s.length(), pos + 30)));
        }
    }
}
