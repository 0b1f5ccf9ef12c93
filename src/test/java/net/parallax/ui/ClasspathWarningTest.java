package net.parallax.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** JavaFX's start-up warning about classes on the class path is dropped; its other messages are not. */
class ClasspathWarningTest {
    @Test
    void onlyTheClasspathWarningIsDropped() {
        ParallaxApp.quietClasspathWarning();
        Logger fx = Logger.getLogger("javafx");
        List<String> seen = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        fx.addHandler(h);
        boolean parents = fx.getUseParentHandlers();
        fx.setUseParentHandlers(false);
        try {
            // through System.Logger, as JavaFX's own logging goes
            System.Logger logger = System.getLogger("javafx");
            logger.log(System.Logger.Level.WARNING, "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @1'");
            logger.log(System.Logger.Level.WARNING, "CSS Error parsing file:x.css");
        } finally {
            fx.removeHandler(h);
            fx.setUseParentHandlers(parents);
        }
        assertThat(seen).containsExactly("CSS Error parsing file:x.css");
    }
}
