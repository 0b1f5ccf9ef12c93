package net.parallax.workspace.tour;

/**
 * One step of a tour: its title, the text shown to the class (Markdown-ish, see {@link Markup}), an
 * optional question with its answer (revealed on demand), and what the workbench shows.
 */
public record TourStep(String title, String text, String question, String answer, TourView view) {
    public TourStep {
        title = title == null ? "" : title.strip();
        text = text == null ? "" : text;
        question = blankToNull(question);
        answer = blankToNull(answer);
        view = view == null ? TourView.ALL : view;
        if (title.isEmpty()) {
            throw new IllegalArgumentException("a step needs a title");
        }
        if (title.length() > Tour.MAX_TITLE) {
            throw new IllegalArgumentException("title is longer than " + Tour.MAX_TITLE + " characters");
        }
        for (String s : new String[] {text, question, answer}) {
            if (s != null && s.length() > Tour.MAX_TEXT) {
                throw new IllegalArgumentException("text is longer than " + Tour.MAX_TEXT + " characters");
            }
        }
        if (answer != null && question == null) {
            throw new IllegalArgumentException("an answer needs a question");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public TourStep withText(String t) {
        return new TourStep(title, t, question, answer, view);
    }

    public TourStep withTitle(String t) {
        return new TourStep(t, text, question, answer, view);
    }

    public TourStep withQuestion(String q, String a) {
        return new TourStep(title, text, q, a, view);
    }
}
