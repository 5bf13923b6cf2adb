package io.jenkins.plugins.tiers.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the Surefire-style JUnit XML reports of the demo application's test runs: the same test
 * classes and methods for every candidate, so that a test failing in one candidate is a new
 * failure against the one before it, exactly as with a real build.
 */
final class DemoReports {

    /** Which suites run before which tier: unit tests always, integration from testing, smoke from staging. */
    enum Stage {
        UNIT,
        INTEGRATION,
        SMOKE
    }

    /** One test class: its name, the stage that runs it, its test methods. */
    record Suite(String className, Stage stage, List<String> tests) {}

    /** A test that fails in a run: which one, and what the report says. */
    record Failure(String className, String test, String type, String message) {}

    private static final String[] VERBS = {
        "applies", "rejects", "calculates", "keeps", "returns", "updates", "refunds", "reserves", "validates", "maps"
    };
    private static final String[] OBJECTS = {
        "Discount", "EmptyCart", "VatForGermany", "ShippingCost", "ExpiredCoupon", "SavedCard", "GuestCheckout",
        "StockLevel", "Currency", "PartialRefund", "OrderNumber", "GiftCard", "Locale", "BackorderedItem"
    };
    private static final String[] CONDITIONS = {
        "", "WhenCartIsEmpty", "ForReturningCustomer", "AfterTimeout", "WithTwoItems", "OnRetry", "InEuro", "ForBundle"
    };

    static final List<Suite> SUITES = List.of(
            suite("com.shop.cart.CartServiceTest", Stage.UNIT, 34),
            suite("com.shop.cart.PriceCalculatorTest", Stage.UNIT, 41),
            suite("com.shop.catalog.ProductSearchTest", Stage.UNIT, 28),
            suite("com.shop.checkout.CheckoutValidatorTest", Stage.UNIT, 37),
            suite("com.shop.payment.PaymentMapperTest", Stage.UNIT, 22),
            suite("com.shop.user.PasswordPolicyTest", Stage.UNIT, 19),
            suite("com.shop.inventory.StockReservationTest", Stage.UNIT, 31),
            suite("com.shop.shipping.ShippingRateTest", Stage.UNIT, 26),
            suite("com.shop.checkout.CheckoutFlowIT", Stage.INTEGRATION, 44),
            suite("com.shop.payment.PaymentGatewayIT", Stage.INTEGRATION, 38),
            suite("com.shop.inventory.WarehouseSyncIT", Stage.INTEGRATION, 29),
            suite("com.shop.catalog.SearchIndexIT", Stage.INTEGRATION, 33),
            suite("com.shop.smoke.CheckoutSmokeTest", Stage.SMOKE, 12));

    private DemoReports() {}

    private static Suite suite(String className, Stage stage, int count) {
        List<String> names = new ArrayList<>();
        int h = (className.hashCode() & 0x7fffffff);
        for (int i = 0; names.size() < count; i++) {
            String name = VERBS[(h + i) % VERBS.length]
                    + OBJECTS[(h / 7 + i * 3) % OBJECTS.length]
                    + CONDITIONS[(h / 13 + i * 5) % CONDITIONS.length];
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return new Suite(className, stage, List.copyOf(names));
    }

    /** The suites run before entering a tier at position {@code tierIndex} (0 = development). */
    static List<Suite> suitesFor(int tierIndex) {
        Stage upTo = tierIndex == 0 ? Stage.UNIT : tierIndex == 1 ? Stage.INTEGRATION : Stage.SMOKE;
        return SUITES.stream().filter(s -> s.stage().compareTo(upTo) <= 0).toList();
    }

    /**
     * Writes one report file per suite into {@code dir}, dated {@code writtenAt}.
     *
     * @param failures the tests that fail in this run (others pass)
     */
    static void write(Path dir, List<Suite> suites, Map<String, Failure> failures, Instant writtenAt, Random random)
            throws IOException {
        Files.createDirectories(dir);
        XMLOutputFactory factory = XMLOutputFactory.newFactory();
        for (Suite suite : suites) {
            Path file = dir.resolve("TEST-" + suite.className() + ".xml");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                XMLStreamWriter xml = factory.createXMLStreamWriter(out);
                writeSuite(xml, suite, failures, writtenAt, random);
                xml.close();
            } catch (XMLStreamException e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            Files.setLastModifiedTime(file, FileTime.from(writtenAt));
        }
    }

    private static void writeSuite(
            XMLStreamWriter xml, Suite suite, Map<String, Failure> failures, Instant writtenAt, Random random)
            throws XMLStreamException {
        boolean integration = suite.stage() != Stage.UNIT;
        double[] times = new double[suite.tests().size()];
        double total = 0;
        int failed = 0;
        int errors = 0;
        int skipped = 0;
        for (int i = 0; i < times.length; i++) {
            times[i] = integration ? 0.2 + random.nextDouble() * 3 : 0.001 + random.nextDouble() * 0.08;
            total += times[i];
            Failure f = failures.get(suite.className() + "." + suite.tests().get(i));
            if (f != null) {
                if (f.type().endsWith("AssertionError") || f.type().endsWith("AssertionFailedError")) {
                    failed++;
                } else {
                    errors++;
                }
            } else if (skipped(suite, i)) {
                skipped++;
            }
        }
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", suite.className());
        xml.writeAttribute("time", seconds(total));
        xml.writeAttribute("tests", Integer.toString(times.length));
        xml.writeAttribute("errors", Integer.toString(errors));
        xml.writeAttribute("skipped", Integer.toString(skipped));
        xml.writeAttribute("failures", Integer.toString(failed));
        xml.writeAttribute("timestamp", writtenAt.toString().replace("Z", ""));
        xml.writeAttribute("hostname", "ci-agent-" + (1 + (suite.className().hashCode() & 0x7fffffff) % 4));
        xml.writeCharacters("\n");
        for (int i = 0; i < times.length; i++) {
            String test = suite.tests().get(i);
            xml.writeCharacters("  ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", test);
            xml.writeAttribute("classname", suite.className());
            xml.writeAttribute("time", seconds(times[i]));
            Failure f = failures.get(suite.className() + "." + test);
            if (f != null) {
                boolean assertion =
                        f.type().endsWith("AssertionError") || f.type().endsWith("AssertionFailedError");
                xml.writeStartElement(assertion ? "failure" : "error");
                xml.writeAttribute("message", f.message());
                xml.writeAttribute("type", f.type());
                xml.writeCharacters(f.type() + ": " + f.message() + "\n\tat " + suite.className() + "." + test + "("
                        + simpleName(suite.className()) + ".java:" + (40 + (test.hashCode() & 0x7fffffff) % 300)
                        + ")\n");
                xml.writeEndElement();
            } else if (skipped(suite, i)) {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", "needs the payment sandbox credentials");
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    /** Two gateway tests are skipped in every run, as they need credentials CI does not have. */
    private static boolean skipped(Suite suite, int index) {
        return suite.className().endsWith("PaymentGatewayIT")
                && index >= suite.tests().size() - 2;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
