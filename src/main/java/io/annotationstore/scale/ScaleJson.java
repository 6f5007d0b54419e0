package io.annotationstore.scale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.annotationstore.infra.LimitsConfig;
import io.annotationstore.infra.PgText;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * JSON handling for Scale documents: exact numbers (no double rounding of values Scale sent),
 * bounded nesting, and a key-order-independent content hash to tell a changed task from a
 * re-delivery of the same one.
 */
@ApplicationScoped
public class ScaleJson {

    private final ObjectMapper mapper;
    private final ObjectWriter canonicalWriter;
    private final ObjectReader streamReader;

    public ScaleJson(LimitsConfig limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.jsonNestingDepth())
                        .build())
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
        this.streamReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.canonicalWriter = mapper.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
    }

    public JsonNode read(String json) throws JsonProcessingException {
        return mapper.readTree(json);
    }

    /** Reads the value at the parser's current token, leaving the rest of the stream to the caller. */
    public JsonNode readValue(JsonParser parser) throws IOException {
        return streamReader.readTree(parser);
    }

    /** Where a parse failed, for messages: never Jackson's own text, which names Java types. */
    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null ? "invalid JSON" : "invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The tree as JSON text; unpaired surrogates are escaped, so the text survives UTF-8 and PostgreSQL. */
    public String write(JsonNode node) {
        try {
            return PgText.escapeUnpairedSurrogates(mapper.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** SHA-256 of the document with object keys sorted: equal for JSON-equal documents. */
    public String contentHash(JsonNode node) {
        try {
            byte[] canonical = PgText.escapeUnpairedSurrogates(canonicalWriter.writeValueAsString(node))
                    .getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a content hash could not be computed", e);
        }
    }
}
