package io.annotationstore.infra;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * Reads a request record strictly: an unknown field or a number where text belongs is a 400,
 * not ignored or converted. The global mapper stays lenient, because Scale's documents gain
 * fields; a request of ours that is misspelt would otherwise do more than was asked (a
 * backfill of a whole project instead of one batch). Use with {@code @CustomDeserialization}.
 */
public class StrictJsonRequest implements BiFunction<ObjectMapper, Type, ObjectReader> {

    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        ObjectMapper strict = mapper.copy();
        for (CoercionInputShape scalar : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            strict.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        return strict.readerFor(strict.constructType(type)).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
