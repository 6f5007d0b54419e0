import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * The benchmark's Scale: GET /v2/task?task_id=X answers a fixture with its task id replaced by X,
 * after a fixed delay. A virtual thread per request keeps the stand-in's own CPU cost small, so
 * the two shared cores go to the service and PostgreSQL (WireMock's response templating cost
 * about as much CPU as the service's store path).
 *
 * <p>java bench/ingest/ScaleStandIn.java PORT DELAY_MS FIXTURE_JSON (needs Java 21+)
 */
public class ScaleStandIn {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delayMs = Long.parseLong(args[1]);
        String fixture = Files.readString(Path.of(args[2]));
        String placeholderId = "task_123";
        String[] parts = fixture.split(placeholderId, -1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v2/task", exchange -> {
            try (exchange) {
                String taskId = taskId(exchange);
                if (taskId == null || exchange.getRequestHeaders().getFirst("Authorization") == null) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                Thread.sleep(delayMs);
                byte[] body = String.join(taskId, parts).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        System.out.println("Scale stand-in on 127.0.0.1:" + port + ", " + delayMs + " ms per task");
    }

    private static String taskId(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("task_id=")) {
                return URLDecoder.decode(pair.substring("task_id=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
