package io.jenkins.plugins.tiers.render;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Parses rendered output as XML (it must be well-formed XHTML) and walks its elements. */
final class Xhtml {

    private Xhtml() {}

    /** Parses a fragment (wrapped in a root element) or a whole page (starting with a doctype). */
    static Document parse(String markup) {
        String xml = markup.startsWith("<!DOCTYPE") ? markup : "<fragment>" + markup + "</fragment>";
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    static List<Element> elements(Document doc) {
        List<Element> out = new ArrayList<>();
        collect(doc.getDocumentElement(), out);
        return out;
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                collect(child, out);
            }
        }
    }

    static List<Attr> attributes(Document doc) {
        List<Attr> out = new ArrayList<>();
        for (Element e : elements(doc)) {
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                out.add((Attr) attrs.item(i));
            }
        }
        return out;
    }

    static List<Element> select(Document doc, Predicate<Element> test) {
        return elements(doc).stream().filter(test).toList();
    }

    static boolean hasClass(Element e, String cls) {
        for (String c : e.getAttribute("class").split(" ")) {
            if (c.equals(cls)) {
                return true;
            }
        }
        return false;
    }

    /** Elements with a local name inside any element carrying the class. */
    static List<Element> inside(Document doc, String containerClass, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element container : select(doc, e -> hasClass(e, containerClass))) {
            List<Element> all = new ArrayList<>();
            collect(container, all);
            for (Element e : all) {
                if (e != container && localName.equals(e.getLocalName())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    static String text(Node n) {
        return n.getTextContent();
    }
}
