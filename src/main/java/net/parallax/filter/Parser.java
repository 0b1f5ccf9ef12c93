package net.parallax.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.parallax.capture.IpAddress;
import net.parallax.filter.FieldInfo.Kind;
import net.parallax.filter.Node.Relation;
import net.parallax.filter.Token.Type;

/**
 * Recursive-descent parser for the Wireshark 4.0 display-filter subset:
 * <pre>
 * filter  := [ or ]
 * or      := and { ("||" | "or") and }
 * and     := unary { ("&amp;&amp;" | "and") unary }
 * unary   := ("!" | "not") unary | primary
 * primary := "(" or ")" | FIELD [ RELOP value | "in" "{" item { [","] item } "}" ]
 * item    := value [ ".." value ]
 * </pre>
 * "&amp;&amp;" binds tighter than "||", as in Wireshark 4.0. Values are converted for the field's kind
 * while parsing, so every error carries the column of the text at fault.
 */
final class Parser {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,3}))?");
    private static final Pattern IPV6 = Pattern.compile("([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/(\\d{1,3}))?");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");

    private final String text;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    private Parser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    static Node parse(String text) throws FilterSyntaxException {
        Parser p = new Parser(text, Lexer.tokenize(text));
        if (p.peek().type() == Type.END) {
            return new Node.All();
        }
        Node n = p.or();
        Token t = p.peek();
        if (t.type() != Type.END) {
            throw p.afterTerm(t);
        }
        return n;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token previous() {
        return tokens.get(pos - 1);
    }

    private Token advance() {
        return tokens.get(pos++);
    }

    private FilterSyntaxException error(String reason, Token at) {
        return new FilterSyntaxException(reason, at.column(), at.type() == Type.END ? 1 : at.text().length());
    }

    private Node or() throws FilterSyntaxException {
        List<Node> terms = new ArrayList<>();
        terms.add(and());
        while (peek().type() == Type.OR) {
            advance();
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new Node.Or(List.copyOf(terms));
    }

    private Node and() throws FilterSyntaxException {
        List<Node> terms = new ArrayList<>();
        terms.add(unary());
        while (peek().type() == Type.AND) {
            advance();
            terms.add(unary());
        }
        return terms.size() == 1 ? terms.get(0) : new Node.And(List.copyOf(terms));
    }

    private Node unary() throws FilterSyntaxException {
        if (peek().type() == Type.NOT) {
            advance();
            return new Node.Not(unary());
        }
        return primary();
    }

    private Node primary() throws FilterSyntaxException {
        Token t = peek();
        switch (t.type()) {
            case LPAREN -> {
                advance();
                depth++;
                Node inner = or();
                Token close = peek();
                if (close.type() == Type.END) {
                    throw error("'(' is never closed", t);
                }
                if (close.type() != Type.RPAREN) {
                    throw afterTerm(close);
                }
                advance();
                depth--;
                return inner;
            }
            case WORD -> {
                advance();
                return fieldTest(t);
            }
            case UNSUPPORTED -> throw unsupported(t);
            default -> {
                String where = pos == 0 ? "" : " after " + previous().describe();
                String found = t.type() == Type.END ? "" : ", found " + t.describe();
                throw error("expected a field name" + where + found, t);
            }
        }
    }

    private FilterSyntaxException unsupported(Token t) {
        return error(t.describe() + " is not supported in Parallax filters (they know == != > < >= <= & in && || ! and parentheses)", t);
    }

    /** The token after a complete term is none of what may follow it. */
    private FilterSyntaxException afterTerm(Token t) {
        if (t.type() == Type.RPAREN && depth == 0) {
            return error("')' without a matching '('", t);
        }
        if (t.type() == Type.UNSUPPORTED) {
            return unsupported(t);
        }
        String expected = depth > 0 ? "'&&', '||' or ')'" : "'&&' or '||'";
        return error("expected " + expected + " after " + previous().describe() + ", found " + t.describe(), t);
    }

    private Node fieldTest(Token name) throws FilterSyntaxException {
        Fields.Def field = Fields.lookup(name.text());
        if (field == null) {
            String suggestion = Fields.suggest(name.text());
            String reason = isNumberLike(name.text())
                    ? "expected a field name, found " + name.describe()
                    : "unknown field " + name.describe() + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)");
            throw error(reason, name);
        }
        Token op = peek();
        if (op.type() == Type.NOT && tokens.get(pos + 1).type() == Type.IN) {
            // "f not in {…}" is "!(f in {…})", as in Wireshark 4.0.
            advance();
            Token in = advance();
            checkComparable(field, name, in);
            return new Node.Not(set(field, in));
        }
        if (op.type() == Type.UNSUPPORTED && op.text().equalsIgnoreCase("contains") && field.kind() == Kind.STRING) {
            // substring test, case-sensitive as in Wireshark; only string fields have it here
            advance();
            Token v = peek();
            if (v.type() != Type.WORD && v.type() != Type.STRING) {
                throw error("expected a value after " + op.describe(), v);
            }
            advance();
            return new Node.Compare(field, "contains", false, List.of(new Node.Item(Relation.CONTAINS, value(field, v), null)));
        }
        if (op.type() == Type.UNSUPPORTED && (op.text().equalsIgnoreCase("matches") || op.text().equals("~"))) {
            return matches(field, name, op);
        }
        if (op.type() == Type.UNSUPPORTED && op.text().equals("&")
                && (field.kind() == Kind.UNSIGNED || field.kind() == Kind.SIGNED)) {
            // bitwise and, as in Wireshark: true when the field has any of the value's bits ("tcp.completeness & 32")
            advance();
            Token v = peek();
            if (v.type() != Type.WORD) {
                throw error("expected a number after " + op.describe(), v);
            }
            advance();
            return new Node.Compare(field, "&", false, List.of(new Node.Item(Relation.BITAND, value(field, v), null)));
        }
        if (op.type() == Type.UNSUPPORTED && op.text().equals("&")) {
            throw error(op.describe() + " tests the bits of a number; " + name.text() + " is not a number field", op);
        }
        if (op.type() == Type.UNSUPPORTED) {
            throw unsupported(op);
        }
        if (op.type() != Type.RELOP && op.type() != Type.IN) {
            if (op.type() == Type.WORD || op.type() == Type.STRING) {
                throw error("expected an operator after " + name.describe() + ", found " + op.describe(), op);
            }
            return new Node.Presence(field);
        }
        advance();
        checkComparable(field, name, op);
        if (op.type() == Type.IN) {
            return set(field, op);
        }
        String o = op.text().toLowerCase(Locale.ROOT);
        Relation relation;
        boolean all = false;
        switch (o) {
            case "==", "eq", "any_eq" -> relation = Relation.EQ;
            // Wireshark 4.0: "a != b" is "!(a == b)" when a is present: every value differs.
            case "!=", "ne", "all_ne" -> {
                relation = Relation.NE;
                all = true;
            }
            case "~=", "!==", "any_ne" -> relation = Relation.NE;
            case "===", "all_eq" -> {
                relation = Relation.EQ;
                all = true;
            }
            case ">", "gt" -> relation = Relation.GT;
            case "<", "lt" -> relation = Relation.LT;
            case ">=", "ge" -> relation = Relation.GE;
            case "<=", "le" -> relation = Relation.LE;
            default -> throw error("unknown operator " + op.describe(), op);
        }
        Token v = peek();
        if (v.type() != Type.WORD && v.type() != Type.STRING) {
            throw error("expected a value after " + op.describe(), v);
        }
        advance();
        Value value = value(field, v);
        if (value instanceof Value.Address a && a.isBlock() && relation != Relation.EQ && relation != Relation.NE) {
            throw error("a CIDR block can only be compared with == or !=", v);
        }
        return new Node.Compare(field, op.text(), all, List.of(new Node.Item(relation, value, null)));
    }

    /**
     * {@code field matches "regex"} ({@code ~}): a regular expression searched in each value of a string field, as in
     * Wireshark 4 (case-insensitive unless "(?-i)"); the string's escapes are decoded first, so a filter's "\\." is
     * the expression {@code \.}. See {@link Regexes}.
     */
    private Node matches(Fields.Def field, Token name, Token op) throws FilterSyntaxException {
        if (field.kind() != Kind.STRING) {
            throw error(op.describe() + " needs a string field; " + name.text() + " is not one", op);
        }
        advance();
        Token v = peek();
        if (v.type() != Type.STRING) {
            throw error(op.describe() + " needs a regular expression in double quotes"
                    + (v.type() == Type.END ? "" : ", found " + v.describe()), v);
        }
        advance();
        Regexes.Compiled regex;
        try {
            regex = Regexes.compile(Lexer.unquote(v));
        } catch (IllegalArgumentException e) {
            throw error("invalid regular expression: " + e.getMessage(), v);
        }
        return new Node.Compare(field, op.text(), false, List.of(new Node.Item(Relation.MATCHES, new Value.Regex(regex, v.text()), null)));
    }

    private void checkComparable(Fields.Def field, Token name, Token op) throws FilterSyntaxException {
        if (field.kind() == Kind.PROTOCOL || field.kind() == Kind.LABEL) {
            throw error(name.text() + " has no value to compare; test it alone for presence", op);
        }
    }

    private Node set(Fields.Def field, Token in) throws FilterSyntaxException {
        Token open = peek();
        if (open.type() != Type.LBRACE) {
            throw error("expected '{' after 'in'", open);
        }
        advance();
        List<Node.Item> items = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.type() == Type.RBRACE) {
                if (items.isEmpty()) {
                    throw error("the set is empty", t);
                }
                advance();
                break;
            }
            if (t.type() == Type.END) {
                throw error("'{' is never closed", open);
            }
            if (!items.isEmpty() && t.type() == Type.COMMA) {
                advance();
                t = peek();
            }
            if (t.type() != Type.WORD && t.type() != Type.STRING) {
                throw error("expected a value in the set after " + previous().describe()
                        + (t.type() == Type.END ? "" : ", found " + t.describe()), t);
            }
            advance();
            Value low = value(field, t);
            Value high = null;
            if (peek().type() == Type.DOTDOT) {
                Token dots = advance();
                Token h = peek();
                if (h.type() != Type.WORD && h.type() != Type.STRING) {
                    throw error("expected a value after '..'", h);
                }
                advance();
                high = value(field, h);
                if (isBlock(low) || isBlock(high)) {
                    throw error("a range cannot have a CIDR block as an end", dots);
                }
            }
            items.add(new Node.Item(Relation.EQ, low, high));
        }
        return new Node.Compare(field, in.text(), false, List.copyOf(items));
    }

    private static boolean isBlock(Value v) {
        return v instanceof Value.Address a && a.isBlock();
    }

    // ---- literals ------------------------------------------------------------------------------

    private Value value(Fields.Def field, Token t) throws FilterSyntaxException {
        String s = t.type() == Type.STRING ? Lexer.unquote(t) : t.text();
        if (field.kind() == Kind.STRING) {
            if (t.type() == Type.WORD && Fields.lookup(s) != null) {
                throw error("comparing with another field (" + s + ") is not supported", t);
            }
            return new Value.Text(s, t.type() == Type.STRING ? t.text() : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        Value v = switch (field.kind()) {
            case UNSIGNED -> unsigned(field, s, t);
            case SIGNED -> signed(field, s, t);
            case BOOLEAN -> bool(s);
            case CHECKSUM_STATUS -> checksumStatus(s);
            case SECONDS -> seconds(s);
            case IPV4 -> ipv4(s, t);
            case IPV6 -> ipv6(s, t);
            default -> null;
        };
        if (v != null) {
            return v;
        }
        if (t.type() == Type.WORD && Fields.lookup(s) != null) {
            throw error("comparing with another field (" + s + ") is not supported", t);
        }
        String needs = switch (field.kind()) {
            case UNSIGNED -> "an unsigned integer";
            case BOOLEAN -> "0, 1, True or False";
            case CHECKSUM_STATUS -> "Bad, Good, Unverified, \"Not present\", Illegal or a number 0-4";
            case SECONDS -> "a number of seconds";
            case IPV4 -> "an IPv4 address or CIDR block (names are not resolved)";
            case IPV6 -> "an IPv6 address or CIDR block (names are not resolved)";
            default -> "no value";
        };
        throw error(field.name() + " needs " + needs + ", not " + t.describe(), t);
    }

    /** Integers as Wireshark reads them (strtoul base 0): decimal, 0x hex, or octal with a leading 0. */
    private static BigInteger integer(String s) {
        String d = s;
        boolean negative = d.startsWith("-");
        if (negative) {
            d = d.substring(1);
        }
        int radix = 10;
        if (d.length() > 2 && (d.startsWith("0x") || d.startsWith("0X"))) {
            radix = 16;
            d = d.substring(2);
        } else if (d.length() > 1 && d.startsWith("0")) {
            radix = 8;
            d = d.substring(1);
        }
        if (d.isEmpty() || !d.chars().allMatch(c -> Character.digit(c, 16) >= 0) || d.startsWith("-") || d.startsWith("+")) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(d, radix);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Value unsigned(Fields.Def field, String s, Token t) throws FilterSyntaxException {
        BigInteger v = integer(s);
        if (v == null) {
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(field.max())) > 0) {
            throw error(t.describe() + " is too big for " + field.name() + " (maximum " + field.max() + ")", t);
        }
        // A negative number is accepted, as by Wireshark 4.0, and matches nothing.
        return new Value.Number(v.max(BigInteger.valueOf(-1)).longValue(), s);
    }

    private Value signed(Fields.Def field, String s, Token t) throws FilterSyntaxException {
        BigInteger v = integer(s);
        if (v == null) {
            return null;
        }
        if (v.bitLength() > 31) {
            throw error(t.describe() + " is out of range for " + field.name() + " (" + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE + ")", t);
        }
        return new Value.Number(v.longValue(), s);
    }

    private static Value bool(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (l.equals("true")) {
            return new Value.Number(1, "True");
        }
        if (l.equals("false")) {
            return new Value.Number(0, "False");
        }
        BigInteger v = integer(s);
        // Any non-zero number means set, as Wireshark treats a boolean literal.
        return v == null ? null : new Value.Number(v.signum() == 0 ? 0 : 1, s);
    }

    private static Value checksumStatus(String s) {
        int code = WiresharkChecksum.byLabel(s);
        if (code >= 0) {
            String label = WiresharkChecksum.label(code);
            return new Value.Number(code, label.contains(" ") ? "\"" + label + "\"" : label);
        }
        BigInteger v = integer(s);
        if (v == null || v.signum() < 0 || v.compareTo(BigInteger.valueOf(Fields.U8)) > 0) {
            return null;
        }
        return new Value.Number(v.longValue(), s);
    }

    private static Value seconds(String s) {
        if (!DECIMAL.matcher(s).matches()) {
            return null;
        }
        BigDecimal ns = new BigDecimal(s).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN);
        if (ns.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return null;
        }
        return new Value.Number(ns.longValueExact(), s);
    }

    private Value ipv4(String s, Token t) throws FilterSyntaxException {
        Matcher m = IPV4.matcher(s);
        if (!m.matches()) {
            return null;
        }
        byte[] b = new byte[4];
        for (int k = 0; k < 4; k++) {
            int octet = Integer.parseInt(m.group(k + 1));
            if (octet > 255) {
                throw error(t.describe() + " is not a valid IPv4 address", t);
            }
            b[k] = (byte) octet;
        }
        int prefix = prefix(m.group(5), 32, t);
        return new Value.Address(IpAddress.of(b), prefix, s);
    }

    private Value ipv6(String s, Token t) throws FilterSyntaxException {
        Matcher m = IPV6.matcher(s);
        // The JDK treats text starting with a hex digit or ':' as a literal and never resolves it.
        if (!m.matches() || !(Character.digit(s.charAt(0), 16) >= 0 || s.charAt(0) == ':')) {
            return null;
        }
        byte[] b;
        try {
            // The literal contains ':' so the JDK parses it as an IPv6 literal and never looks up a name.
            b = InetAddress.getByName(m.group(1)).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw error(t.describe() + " is not a valid IPv6 address", t);
        }
        if (b.length == 4) {
            // The JDK turns IPv4-mapped addresses (::ffff:a.b.c.d) into IPv4 ones; keep the 16 bytes.
            b = new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, b[0], b[1], b[2], b[3]};
        }
        int prefix = prefix(m.group(2), 128, t);
        return new Value.Address(IpAddress.of(b), prefix, s);
    }

    private int prefix(String digits, int bits, Token t) throws FilterSyntaxException {
        if (digits == null) {
            return bits;
        }
        int p = Integer.parseInt(digits);
        if (p > bits) {
            throw error("the prefix length /" + p + " is longer than " + bits + " bits", t);
        }
        return p;
    }

    private static boolean isNumberLike(String s) {
        return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-');
    }
}
