package net.parallax.filter;

/** One lexical token; {@code start} is the 0-based offset in the filter text. */
record Token(Type type, String text, int start) {
    enum Type { LPAREN, RPAREN, LBRACE, RBRACE, COMMA, DOTDOT, RELOP, AND, OR, NOT, IN, STRING, WORD, UNSUPPORTED, END }

    int column() {
        return start + 1;
    }

    int end() {
        return start + text.length();
    }

    /** How the token reads in a message: quoted text, or "the end of the filter". */
    String describe() {
        return type == Type.END ? "the end of the filter" : "'" + text + "'";
    }
}
