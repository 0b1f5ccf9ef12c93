package net.parallax.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import net.parallax.report.timeline.Gfx;
import net.parallax.report.timeline.Rgb;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgGfxTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hostileTextAndTooltipsComeBackAsTextNotMarkup() throws Exception {
        SvgGfx g = new SvgGfx(200, 100);
        String evil = "</text><script>alert(1)</script>\"'&\u0001";
        g.beginItem("tip " + evil);
        g.setFill(Rgb.of(0x112233));
        g.text(evil, 10, 20, 12, true, Gfx.Align.CENTER);
        g.endItem();
        String svg = g.toSvg();
        assertThat(svg).doesNotContain("<script");
        Document d = parse(svg);
        assertThat(d.getElementsByTagName("script").getLength()).isZero();
        Element text = (Element) d.getElementsByTagName("text").item(0);
        assertThat(text.getTextContent()).isEqualTo("</text><script>alert(1)</script>\"'&\ufffd");
        assertThat(text.getAttribute("text-anchor")).isEqualTo("middle");
        assertThat(text.getAttribute("fill")).isEqualTo("#112233");
        assertThat(d.getElementsByTagName("title").item(0).getTextContent()).startsWith("tip </text>");
    }

    @Test
    void clipsNestAndTheDocumentIsBalanced() throws Exception {
        SvgGfx g = new SvgGfx(300, 100, "x", "timeline", true);
        g.pushClip(0, 0, 100, 50);
        g.setStroke(Rgb.of(0xff0000).withAlpha(0.5), 2);
        g.setDashes(3, 3);
        g.line(0, 0, 10.25, 10);
        g.popClip();
        g.fillPolygon(new double[] {0, 5, 10}, new double[] {0, 5, 0}, 3);
        Document d = parse(g.toSvg());
        Element line = (Element) d.getElementsByTagName("line").item(0);
        assertThat(line.getAttribute("stroke-opacity")).isEqualTo("0.5");
        assertThat(line.getAttribute("stroke-dasharray")).isEqualTo("3 3");
        assertThat(line.getAttribute("x2")).isEqualTo("10.25");
        assertThat(((Element) line.getParentNode()).getAttribute("clip-path")).isEqualTo("url(#x-clip0)");
        assertThat(d.getElementsByTagName("polygon").item(0).getParentNode().getNodeName()).isEqualTo("svg");
    }

    @Test
    void inlineSvgHasNoNamespaceUrl() {
        assertThat(new SvgGfx(10, 10, "i", "t", false).toSvg()).doesNotContain("http");
    }
}
