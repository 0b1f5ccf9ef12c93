package net.parallax.filter;

import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;
import net.parallax.capture.IpAddress;

/** The compiled filter: a tree whose every node computes the set of matching frames at once. */
sealed interface Node {
    /** Bit i set = frame i + 1 matches. */
    BitSet eval(EvalState s);

    /** The node as filter text, fully parenthesised (for tests and logs). */
    String canonical();

    record All() implements Node {
        @Override
        public BitSet eval(EvalState s) {
            s.poll();
            BitSet b = new BitSet(s.n);
            b.set(0, s.n);
            return b;
        }

        @Override
        public String canonical() {
            return "";
        }
    }

    record Or(List<Node> terms) implements Node {
        @Override
        public BitSet eval(EvalState s) {
            BitSet r = terms.get(0).eval(s);
            for (int t = 1; t < terms.size() && r.cardinality() < s.n; t++) {
                r.or(terms.get(t).eval(s));
            }
            return r;
        }

        @Override
        public String canonical() {
            return terms.stream().map(Node::canonical).collect(Collectors.joining(" || ", "(", ")"));
        }
    }

    record And(List<Node> terms) implements Node {
        @Override
        public BitSet eval(EvalState s) {
            BitSet r = terms.get(0).eval(s);
            for (int t = 1; t < terms.size() && !r.isEmpty(); t++) {
                r.and(terms.get(t).eval(s));
            }
            return r;
        }

        @Override
        public String canonical() {
            return terms.stream().map(Node::canonical).collect(Collectors.joining(" && ", "(", ")"));
        }
    }

    record Not(Node term) implements Node {
        @Override
        public BitSet eval(EvalState s) {
            BitSet r = term.eval(s);
            r.flip(0, s.n);
            return r;
        }

        @Override
        public String canonical() {
            return "!" + term.canonical();
        }
    }

    record Presence(Fields.Def field) implements Node {
        @Override
        public BitSet eval(EvalState s) {
            Column c = field.column().apply(s);
            long[] words = new long[(s.n + 63) >>> 6];
            for (int i = 0; i < s.n; i++) {
                s.poll(i);
                if (c.count(i) > 0) {
                    words[i >>> 6] |= 1L << i;
                }
            }
            return BitSet.valueOf(words);
        }

        @Override
        public String canonical() {
            return field.name();
        }
    }

    /** Relations of Wireshark 4.0; {@code all} says whether every value of a multi-valued field must pass. */
    enum Relation { EQ, NE, GT, LT, GE, LE, CONTAINS, MATCHES, BITAND }

    /** One element of a comparison: a value, or an inclusive range {@code low..high} when high is set. */
    record Item(Relation relation, Value value, Value high) {
        boolean testNumber(long v) {
            long x = ((Value.Number) value).value();
            if (high != null) {
                return v >= x && v <= ((Value.Number) high).value();
            }
            return switch (relation) {
                case EQ -> v == x;
                case NE -> v != x;
                case GT -> v > x;
                case LT -> v < x;
                case GE -> v >= x;
                case LE -> v <= x;
                case BITAND -> (v & x) != 0;
                case CONTAINS, MATCHES -> throw new IllegalStateException(relation + " on a number");
            };
        }

        boolean testString(String v) {
            if (relation == Relation.MATCHES) {
                return ((Value.Regex) value).regex().find(v);
            }
            String x = ((Value.Text) value).value();
            if (high != null) {
                return v.compareTo(x) >= 0 && v.compareTo(((Value.Text) high).value()) <= 0;
            }
            if (relation == Relation.CONTAINS) {
                return v.contains(x);
            }
            int c = v.compareTo(x);
            return switch (relation) {
                case CONTAINS, MATCHES, BITAND -> throw new IllegalStateException();
                case EQ -> c == 0;
                case NE -> c != 0;
                case GT -> c > 0;
                case LT -> c < 0;
                case GE -> c >= 0;
                case LE -> c <= 0;
            };
        }

        boolean testAddress(IpAddress a) {
            Value.Address x = (Value.Address) value;
            if (high != null) {
                Value.Address h = (Value.Address) high;
                return a.length() == x.address().length() && a.compareTo(x.address()) >= 0 && a.compareTo(h.address()) <= 0;
            }
            if (relation == Relation.EQ) {
                return x.contains(a);
            }
            if (relation == Relation.NE) {
                return !x.contains(a);
            }
            if (a.length() != x.address().length()) {
                return false;
            }
            int c = a.compareTo(x.address());
            return switch (relation) {
                case GT -> c > 0;
                case LT -> c < 0;
                case GE -> c >= 0;
                case LE -> c <= 0;
                default -> throw new IllegalStateException();
            };
        }

        String canonical() {
            return high == null ? value.text() : value.text() + ".." + high.text();
        }
    }

    /**
     * A comparison of a field with one value ({@code items} of size 1, written with {@code op}) or with a
     * set ({@code op} "in"). A frame passes when any value of the field passes ({@code all} false) or when
     * the field is present and every value passes ({@code all} true: Wireshark 4.0's "!=").
     */
    record Compare(Fields.Def field, String op, boolean all, List<Item> items) implements Node {
        @Override
        public BitSet eval(EvalState s) {
            Column c = field.column().apply(s);
            boolean address = field.kind() == FieldInfo.Kind.IPV4 || field.kind() == FieldInfo.Kind.IPV6;
            if (address && c.byConversation()) {
                return evalByConversation(s, c);
            }
            boolean string = field.kind() == FieldInfo.Kind.STRING;
            long[] words = new long[(s.n + 63) >>> 6];
            for (int i = 0; i < s.n; i++) {
                s.poll(i);
                int count = c.count(i);
                if (count == 0) {
                    continue;
                }
                boolean pass = all;
                for (int k = 0; k < count; k++) {
                    boolean t = address ? testAddress(c.address(i, k)) : string ? testString(c.string(i, k)) : testNumber(c.value(i, k));
                    if (t != all) {
                        pass = t;
                        break;
                    }
                }
                if (pass) {
                    words[i >>> 6] |= 1L << i;
                }
            }
            return BitSet.valueOf(words);
        }

        /**
         * Addresses depend only on a frame's conversation and direction: test each (conversation, direction)
         * once, on its first frame, and reuse the answer.
         */
        private BitSet evalByConversation(EvalState s, Column c) {
            byte[] known = new byte[s.capture.conversations().size() * 2];
            long[] words = new long[(s.n + 63) >>> 6];
            for (int i = 0; i < s.n; i++) {
                s.poll(i);
                int count = c.count(i);
                if (count == 0) {
                    continue;
                }
                int key = s.capture.conversationId(i) * 2 + (s.capture.fromB(i) ? 1 : 0);
                byte v = known[key];
                if (v == 0) {
                    boolean pass = all;
                    for (int k = 0; k < count; k++) {
                        boolean t = testAddress(c.address(i, k));
                        if (t != all) {
                            pass = t;
                            break;
                        }
                    }
                    v = pass ? (byte) 2 : (byte) 1;
                    known[key] = v;
                }
                if (v == 2) {
                    words[i >>> 6] |= 1L << i;
                }
            }
            return BitSet.valueOf(words);
        }

        private boolean testNumber(long v) {
            for (Item item : items) {
                if (item.testNumber(v)) {
                    return true;
                }
            }
            return false;
        }

        private boolean testString(String v) {
            for (Item item : items) {
                if (item.testString(v)) {
                    return true;
                }
            }
            return false;
        }

        private boolean testAddress(IpAddress a) {
            for (Item item : items) {
                if (item.testAddress(a)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String canonical() {
            if (op.equals("in")) {
                return field.name() + " in " + items.stream().map(Item::canonical).collect(Collectors.joining(", ", "{", "}"));
            }
            return field.name() + " " + op + " " + items.get(0).canonical();
        }
    }
}
