-- The text Scale sent for the columns of a row whose stored copy differs from it (U+FFFD for
-- U+0000 and unpaired surrogates, indexed copies cut to 512 characters): a JSON object, column
-- name to text, with such characters as \u escapes. Null on nearly every row. Answers read it so
-- they give text exactly as sent; filters and indexes keep using the copies (infra/OriginalText).
alter table task add column original_text text;
alter table thread add column original_text text;
alter table turn add column original_text text;
alter table message add column original_text text;
alter table annotation add column original_text text;
