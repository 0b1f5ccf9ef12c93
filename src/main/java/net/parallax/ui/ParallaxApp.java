package net.parallax.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The workbench's composition root (placeholder until the GUI lands). */
public class ParallaxApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(ParallaxApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Parallax");
        stage.setScene(new Scene(new Label("Parallax"), 800, 600));
        stage.show();
    }
}
