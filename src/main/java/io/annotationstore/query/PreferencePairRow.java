package io.annotationstore.query;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One line of the preference export, in TRL's conversational preference format: {@code prompt},
 * {@code chosen} and {@code rejected} are lists of {role, content} messages.
 */
@RegisterForReflection
public record PreferencePairRow(
        List<ChatMessageRow> prompt,
        List<ChatMessageRow> chosen,
        List<ChatMessageRow> rejected,
        String chosenSourceId,
        String rejectedSourceId,
        BigDecimal likertValue,
        String justification,
        String taskId,
        String threadId,
        String turnId) {

    private static final String ASSISTANT = "assistant";

    /**
     * The pairs of a compared turn: its winner against each candidate of another source. A tie
     * gives none. Missing text becomes "" since chat templates expect strings.
     */
    static List<PreferencePairRow> of(PreferenceRow turn) {
        String winner = turn.winnerSourceId();
        if (winner == null) {
            return List.of();
        }
        CandidateRow chosen = turn.candidates().stream()
                .filter(c -> winner.equals(c.sourceId()))
                .findFirst()
                .orElseThrow();
        List<ChatMessageRow> prompt = turn.prompt().stream()
                .map(m -> new ChatMessageRow(m.role(), Objects.requireNonNullElse(m.content(), "")))
                .toList();
        return turn.candidates().stream()
                .filter(c -> !winner.equals(c.sourceId()))
                .map(rejected -> new PreferencePairRow(
                        prompt,
                        answer(chosen),
                        answer(rejected),
                        winner,
                        rejected.sourceId(),
                        turn.likertValue(),
                        turn.justification(),
                        turn.taskId(),
                        turn.threadId(),
                        turn.turnId()))
                .toList();
    }

    private static List<ChatMessageRow> answer(CandidateRow candidate) {
        return List.of(new ChatMessageRow(ASSISTANT, Objects.requireNonNullElse(candidate.text(), "")));
    }
}
