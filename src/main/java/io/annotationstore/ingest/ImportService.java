package io.annotationstore.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.annotationstore.infra.LimitsConfig;
import io.annotationstore.infra.ProblemException;
import io.annotationstore.infra.StrictUtf8;
import io.annotationstore.scale.InvalidTaskDocumentException;
import io.annotationstore.scale.ScaleDocumentParser;
import io.annotationstore.scale.ScaleJson;
import io.annotationstore.scale.ScaleTask;
import io.annotationstore.scale.TaskIds;
import io.annotationstore.task.StoreOutcome;
import io.annotationstore.task.TaskStoreService;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores task documents given directly (a Scale export, or the demo's fixtures). The whole body
 * is split into items first, so a malformed body or one over the item limit stores nothing;
 * then each item is stored in its own transaction and reported.
 */
@ApplicationScoped
public class ImportService {

    private final ScaleJson json;
    private final TaskStoreService store;
    private final LimitsConfig limits;

    ImportService(ScaleJson json, TaskStoreService store, LimitsConfig limits) {
        this.json = json;
        this.store = store;
        this.limits = limits;
    }

    /** The report of api.md §4. */
    public record ImportResponse(int stored, int skipped, int rejected, List<ItemResult> results) {}

    public record ItemResult(int index, String taskId, String outcome, String reason) {}

    /** An item as read from the body: compact JSON text (smaller than a tree while waiting). */
    private record Item(String text) {}

    /**
     * Imports one JSON object or an array of them.
     *
     * @throws ProblemException 400 when the body is not UTF-8 JSON or not an object/array; 413 over the item limit
     */
    public ImportResponse importJson(InputStream body) {
        List<Item> items = new ArrayList<>();
        try (JsonParser parser = json.mapper().createParser(StrictUtf8.reader(body))) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                items.add(new Item(json.write(json.readValue(parser))));
            } else if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    checkCount(items.size() + 1);
                    items.add(new Item(json.write(json.readValue(parser))));
                }
            } else {
                throw ProblemException.badRequest("the body must be a task object or an array of task objects", null);
            }
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("the body has content after its JSON value", null);
            }
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not valid JSON: " + ScaleJson.describe(e), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return storeAll(items);
    }

    /** Imports JSON Lines: one task per line; a bad line is rejected on its own. */
    public ImportResponse importJsonLines(InputStream body) {
        List<Item> items = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                checkCount(items.size() + 1);
                items.add(new Item(line));
            }
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the body is not valid UTF-8", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return storeAll(items);
    }

    private void checkCount(int count) {
        if (count > limits.importItems()) {
            throw ProblemException.tooLarge("an import holds at most " + limits.importItems() + " tasks");
        }
    }

    private ImportResponse storeAll(List<Item> items) {
        if (items.isEmpty()) {
            throw ProblemException.badRequest("the body holds no task", null);
        }
        List<ItemResult> results = new ArrayList<>(items.size());
        int stored = 0;
        int skipped = 0;
        int rejected = 0;
        for (int i = 0; i < items.size(); i++) {
            ItemResult result = storeOne(i, items.get(i));
            results.add(result);
            switch (result.outcome()) {
                case "stored" -> stored++;
                case "skipped" -> skipped++;
                default -> rejected++;
            }
            items.set(i, null);
        }
        return new ImportResponse(stored, skipped, rejected, results);
    }

    private ItemResult storeOne(int index, Item item) {
        JsonNode document;
        try {
            document = json.read(item.text());
        } catch (JsonProcessingException e) {
            return new ItemResult(index, null, "rejected", ScaleJson.describe(e));
        }
        String given = document.path("task_id").asText(null);
        String taskId = TaskIds.isValid(given) ? given : null;
        ScaleTask task;
        try {
            task = ScaleDocumentParser.parse(document);
        } catch (InvalidTaskDocumentException e) {
            return new ItemResult(index, taskId, "rejected", e.getMessage());
        }
        StoreOutcome outcome = store.store(task, json.write(document), json.contentHash(document));
        return switch (outcome) {
            case CREATED -> new ItemResult(index, taskId, "stored", "created");
            case UPDATED -> new ItemResult(index, taskId, "stored", "replaced an older or different copy");
            case STATUS_UPDATED -> new ItemResult(index, taskId, "stored", "status changed; annotations kept");
            case UNCHANGED -> new ItemResult(index, taskId, "skipped", "identical to the stored copy");
            case STALE -> new ItemResult(index, taskId, "skipped", "older than the stored copy");
        };
    }
}
