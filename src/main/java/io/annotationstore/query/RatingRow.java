package io.annotationstore.query;

/**
 * A source's Bradley–Terry rating on the Elo scale (400 points = 10:1 odds; 1000 is the
 * reference every source draws once), with the 95 % bootstrap percentile interval.
 */
public record RatingRow(String sourceId, double rating, Double ciLow, Double ciHigh) {}
