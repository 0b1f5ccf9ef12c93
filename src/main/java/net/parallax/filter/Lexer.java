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
        decode(s.substring(start, p), start);
        // The token keeps its quotes so that positions stay exact; unquote() gives the value.
        return new Token(Token.Type.STRING, s.substring(start, p), start);
    }

    /** The value of a string token: its text between the quotes with Wireshark 4.0's escapes decoded. */
    static String unquote(Token t) {
        try {
            return decode(t.text(), t.start());
        } catch (FilterSyntaxException e) {
            throw new IllegalStateException("the lexer let an invalid string through: " + t.text(), e);
        }
    }

    /**
     * Decodes the escapes of a quoted string as Wireshark 4.0 does: {@code \\ \" \' \a \b \f \n \r \t \v},
     * {@code \x} with one or two hex digits, one to three octal digits, backslash-u with four and backslash-U with eight
     * hex digits (a universal character name: not below U+00A0 but $ @ `, not a surrogate). Any other escape is an error,
     * as in tshark ("\\." in a filter is the two characters {@code \.}). {@code start}: the opening quote's offset.
     */
    private static String decode(String raw, int start) throws FilterSyntaxException {
        StringBuilder sb = new StringBuilder(raw.length());
        int end = raw.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            int at = i;
            char e = i + 1 < end ? raw.charAt(i + 1) : '\\';
            i++;
            switch (e) {
                case '\\', '"', '\'' -> sb.append(e);
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'x' -> {
                    int n = digits(raw, i + 1, end, 16, 2);
                    if (n == 0) {
                        throw new FilterSyntaxException("\\x is not a valid character escape sequence", start + at + 1, 2);
                    }
                    sb.append((char) Integer.parseInt(raw.substring(i + 1, i + 1 + n), 16));
                    i += n;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int n = digits(raw, i, end, 8, 3);
                    sb.append((char) (Integer.parseInt(raw.substring(i, i + n), 8) & 0xff));
                    i += n - 1;
                }
                case 'u', 'U' -> {
                    int want = e == 'u' ? 4 : 8;
                    int n = digits(raw, i + 1, end, 16, want);
                    String name = raw.substring(at, i + 1 + n);
                    long cp = n == want ? Long.parseLong(raw.substring(i + 1, i + 1 + n), 16) : -1;
                    boolean valid = cp >= 0xa0 || cp == '$' || cp == '@' || cp == '`';
                    if (!valid || (cp >= 0xd800 && cp <= 0xdfff) || cp > Character.MAX_CODE_POINT) {
                        throw new FilterSyntaxException(name + " is not a valid universal character name", start + at + 1, name.length());
                    }
                    sb.appendCodePoint((int) cp);
                    i += n;
                }
                default -> throw new FilterSyntaxException("\\" + e + " is not a valid character escape sequence", start + at + 1, 2);
            }
        }
        return sb.toString();
    }

    /** How many digits of {@code radix} (at most {@code max}) start at {@code from}, before {@code end}. */
    private static int digits(String raw, int from, int end, int radix, int max) {
        int n = 0;
        while (n < max && from + n < end && Character.digit(raw.charAt(from + n), radix) >= 0 && raw.charAt(from + n) < 128) {
            n++;
        }
        return n;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '/' || c == '-';
    }
}
