package io.annotationstore.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void quotesOnlyFieldsThatNeedItAndDoublesTheirQuotes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter csv = new CsvWriter(out);
        csv.field("plain")
                .field(null)
                .field("a,b")
                .field("say \"hi\"")
                .field("two\nlines")
                .field("cr\r")
                .field(7);
        csv.endRecord();
        csv.field(null).field("漢字 🎉").endRecord();
        csv.flush();
        assertEquals(
                "plain,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",7\r\n,漢字 🎉\r\n",
                out.toString(StandardCharsets.UTF_8));
    }
}
