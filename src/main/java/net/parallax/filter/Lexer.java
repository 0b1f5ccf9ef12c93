package net.parallax.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a display filter into tokens, in Wireshark 4.0's lexical style. */
final class Lexer {
    private final String s;
    private int p;

    private Lexer(String s) {
        this.s = s;
    }

    static List<Token> tokenize(String text) throws FilterSyntaxException {
        Lexer lx = new Lexer(text);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lx.next();
            out.add(t);
        } while (t.type() != Token.Type.END);
        return out;
    }

    private Token next() throws FilterSyntaxException {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        int start = p;
        if (p >= s.length()) {
            return new Token(Token.Type.END, "", s.length());
        }
        char c = s.charAt(p);
        switch (c) {
            case '(' -> { p++; return new Token(Token.Type.LPAREN, "(", start); }
            case ')' -> { p++; return new Token(Token.Type.RPAREN, ")", start); }
            case '{' -> { p++; return new Token(Token.Type.LBRACE, "{", start); }
            case '}' -> { p++; return new Token(Token.Type.RBRACE, "}", start); }
            case ',' -> { p++; return new Token(Token.Type.COMMA, ",", start); }
            case '"' -> { return string(); }
            default -> { }
        }
        for (String op : new String[] {"!==", "===", "==", "!=", ">=", "<=", "~=", "&&", "||", "..", "^^"}) {
            if (s.startsWith(op, p)) {
                p += op.length();
                return switch (op) {
                    case "&&" -> new Token(Token.Type.AND, op, start);
                    case "||" -> new Token(Token.Type.OR, op, start);
                    case ".." -> new Token(Token.Type.DOTDOT, op, start);
                    case "^^" -> new Token(Token.Type.UNSUPPORTED, op, start);
                    default -> new Token(Token.Type.RELOP, op, start);
                };
            }
        }
        switch (c) {
            case '>', '<' -> { p++; return new Token(Token.Type.RELOP, String.valueOf(c), start); }
            case '!' -> { p++; return new Token(Token.Type.NOT, "!", start); }
            case '=' -> throw new FilterSyntaxException("'=' is not an operator; use '==' to compare", start + 1, 1);
            case '~', '&', '|', '[', ']', '$', '@', '*', '+', '#', '\'', ';', '%', '\\' -> {
                p++;
                return new Token(Token.Type.UNSUPPORTED, String.valueOf(c), start);
            }
            default -> { }
        }
        if (wordChar(c)) {
            while (p < s.length() && wordChar(s.charAt(p)) && !s.startsWith("..", p)) {
                p++;
            }
            String w = s.substring(start, p);
            return switch (w.toLowerCase(Locale.ROOT)) {
                case "and" -> new Token(Token.Type.AND, w, start);
                case "or" -> new Token(Token.Type.OR, w, start);
                case "not" -> new Token(Token.Type.NOT, w, start);
                case "in" -> new Token(Token.Type.IN, w, start);
                case "eq", "ne", "gt", "lt", "ge", "le", "any_eq", "all_ne", "any_ne", "all_eq" -> new Token(Token.Type.RELOP, w, start);
                case "contains", "matches", "xor", "bitand" -> new Token(Token.Type.UNSUPPORTED, w, start);
                default -> new Token(Token.Type.WORD, w, start);
            };
        }
        p++;
        throw new FilterSyntaxException("unexpected character '" + c + "'", start + 1, 1);
    }

    private Token string() throws FilterSyntaxException {
        int start = p;
        p++;
        while (p < s.length() && s.charAt(p) != '"') {
            p += s.charAt(p) == '\\' ? 2 : 1;
        }
        if (p >= s.length()) {
            throw new FilterSyntaxException("missing '\"' to close the string", start + 1, s.length() - start);
        }
        p++;
        // The token keeps its quotes so that positions stay exact; unquote() gives the value.
        return new Token(Token.Type.STRING, s.substring(start, p), start);
    }

    static String unquote(Token t) {
        String raw = t.text();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() - 1) {
                c = raw.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '/' || c == '-';
    }
}
