package net.parallax.workspace.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.parallax.workspace.tour.Markup.Block;
import net.parallax.workspace.tour.Markup.Span;
import net.parallax.workspace.tour.Markup.Style;
import org.junit.jupiter.api.Test;

class MarkupTest {
    @Test
    void paragraphsAndBulletsAreSeparated() {
        List<Block> b = Markup.parse("First line\ncontinues.\n\n- one\n- two\n  wraps\n\nLast.");
        assertThat(b).hasSize(3);
        assertThat(b.get(0).bullets()).isFalse();
        assertThat(b.get(0).items().get(0)).containsExactly(new Span("First line continues.", Style.PLAIN));
        assertThat(b.get(1).bullets()).isTrue();
        assertThat(b.get(1).items()).hasSize(2);
        assertThat(b.get(1).items().get(1)).containsExactly(new Span("two wraps", Style.PLAIN));
        assertThat(b.get(2).items().get(0)).containsExactly(new Span("Last.", Style.PLAIN));
    }

    @Test
    void inlineStylesAreRecognised() {
        assertThat(Markup.inline("a *em* b **strong** c `x*y*`")).containsExactly(
                new Span("a ", Style.PLAIN), new Span("em", Style.EMPHASIS), new Span(" b ", Style.PLAIN),
                new Span("strong", Style.STRONG), new Span(" c ", Style.PLAIN), new Span("x*y*", Style.CODE));
    }

    @Test
    void unclosedMarkersStayPlainAndHtmlIsJustText() {
        assertThat(Markup.inline("3 * 4 = 12 and <b>`")).containsExactly(new Span("3 * 4 = 12 and <b>`", Style.PLAIN));
        assertThat(Markup.plain("- **a**\n- b")).isEqualTo("• a\n• b");
    }
}
