package io.jenkins.plugins.tiers.render;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Loads the rendered page in headless Chromium under a strict Content-Security-Policy header and
 * reads the browser's console log: any CSP violation or script error shows up there. A control
 * page that does violate the policy proves the log is being read. Skipped without Chromium.
 */
public class PromotionPageBrowserTest {

    static final String CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String CONTROL = "<!DOCTYPE html><html><head><title>control</title></head><body>"
            + "<script>document.title = 'ran';</script><p>control</p></body></html>";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private HttpServer server;

    @Before
    public void serve() throws IOException {
        Assume.assumeTrue("Chromium not installed", Files.isExecutable(CHROMIUM));
        Map<String, String> pages =
                Map.of("/index.html", new PromotionPageRenderer().render(SampleViews.demo()), "/control.html", CONTROL);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Content-Security-Policy", CSP);
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @After
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The dumped DOM and the browser's console lines for one page. */
    private record Load(String dom, List<String> console) {}

    private Load load(String path) throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        Path out = tmp.newFile().toPath();
        Path err = tmp.newFile().toPath();
        Process p = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + tmp.newFolder(),
                        "--enable-logging=stderr",
                        "--v=0",
                        "--dump-dom",
                        url)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish loading " + url + " within 90 s");
        }
        List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(":CONSOLE") || line.contains("Content Security Policy"))
                .toList();
        return new Load(Files.readString(out, StandardCharsets.UTF_8), console);
    }

    @Test
    public void pageLoadsUnderAStrictPolicyWithoutViolationsOrConsoleErrors() throws Exception {
        Load control = load("/control.html");
        assertThat(
                "the console log is read: the control page's inline script is reported",
                control.console().stream().anyMatch(l -> l.contains("Content Security Policy")),
                is(true));
        assertThat("the control page's script was blocked", control.dom().contains("<title>ran</title>"), is(false));

        Load page = load("/index.html");
        assertThat(page.dom(), containsString("What is live where"));
        assertThat(page.dom(), containsString("tiers-mk-deployed"));
        assertThat(page.console(), is(empty()));
    }
}
