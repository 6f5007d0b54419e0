package io.annotationstore.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One compared turn. {@code prompt} is the conversation up to and including the turn's user
 * message; {@code candidates} are the responses in the order shown (the first is likert's "A").
 * {@code choice} is the turn-level choice as given; {@code winner_source_id} is null when it
 * names no candidate (a tie). {@code likert_value} is as Scale sent it.
 */
public record PreferenceRow(
        String taskId,
        String project,
        String projectName,
        String batch,
        String batchName,
        String threadId,
        String turnId,
        List<ChatMessageRow> prompt,
        List<CandidateRow> candidates,
        String choice,
        String winnerSourceId,
        BigDecimal likertValue,
        String justification,
        Instant completedAt) {}
