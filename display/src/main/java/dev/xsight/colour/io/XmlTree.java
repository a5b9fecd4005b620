package dev.xsight.colour.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A small immutable element tree read with a hardened SAX parser: DOCTYPE declarations are refused, so no
 * external entity, external DTD or entity expansion is ever processed (OWASP XXE prevention). Each element keeps
 * its line number for error messages. Element names are local names (namespaces ignored).
 */
record XmlTree(String name, Map<String, String> attributes, String text, List<XmlTree> children, int line) {

    /** The most elements a colour XML file may hold (a 65³ CLF LUT is one element; this bounds abuse). */
    static final int MAX_ELEMENTS = 1_000_000;

    static XmlTree parse(InputStream in, String file) throws IOException {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser p = f.newSAXParser();
            Builder h = new Builder(file);
            p.parse(in, h);
            return h.root;
        } catch (SAXParseException e) {
            throw new ColourFileException(file, Math.max(e.getLineNumber(), 0), "malformed XML: " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            if (e.getCause() instanceof ColourFileException c) {
                throw c;
            }
            throw new ColourFileException(file, 0, "malformed XML: " + e.getMessage(), e);
        }
    }

    Optional<XmlTree> child(String n) {
        for (XmlTree c : children) {
            if (c.name.equals(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    List<XmlTree> all(String n) {
        List<XmlTree> out = new ArrayList<>();
        for (XmlTree c : children) {
            if (c.name.equals(n)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Depth-first search for the first element named {@code n}. */
    Optional<XmlTree> find(String n) {
        if (name.equals(n)) {
            return Optional.of(this);
        }
        for (XmlTree c : children) {
            Optional<XmlTree> f = c.find(n);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    String attr(String n) {
        return attributes.get(n);
    }

    private static final class Builder extends DefaultHandler {
        private final String file;
        private final Deque<Object[]> stack = new ArrayDeque<>();
        private Locator locator;
        private XmlTree root;
        private int count;

        Builder(String file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator l) {
            this.locator = l;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            if (++count > MAX_ELEMENTS) {
                throw new SAXException(new ColourFileException(file, line(), "more than " + MAX_ELEMENTS + " elements"));
            }
            Map<String, String> a = new LinkedHashMap<>();
            for (int i = 0; i < atts.getLength(); i++) {
                String n = atts.getLocalName(i).isEmpty() ? atts.getQName(i) : atts.getLocalName(i);
                a.put(n, atts.getValue(i));
            }
            String n = local == null || local.isEmpty() ? qName : local;
            stack.push(new Object[] {n, a, new StringBuilder(), new ArrayList<XmlTree>(), line()});
        }

        private int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!stack.isEmpty()) {
                ((StringBuilder) stack.peek()[2]).append(ch, start, length);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void endElement(String uri, String local, String qName) {
            Object[] e = stack.pop();
            XmlTree t = new XmlTree((String) e[0], Map.copyOf((Map<String, String>) e[1]), e[2].toString().strip(),
                    List.copyOf((List<XmlTree>) e[3]), (Integer) e[4]);
            if (stack.isEmpty()) {
                root = t;
            } else {
                ((List<XmlTree>) stack.peek()[3]).add(t);
            }
        }
    }
}
