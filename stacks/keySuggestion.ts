/**
 * "Did you mean …?" for a misspelt configuration key: the known key at the smallest
 * Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbours), when it is close enough to be a typo rather than a different word.
 */

/** Edits between `a` and `b`, a swap of two adjacent letters counting as one (case-insensitive). */
export function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
        Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[s.length][t.length];
}

/**
 * The known key closest to `key`, or undefined when none is within a third of the key's length
 * (at least 2 edits): `instanceClas` → `instanceClass`, `nodez` → `nodes`, but `colour` suggests
 * nothing among database keys. Ties go to the first key in `known`.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
    const limit = Math.max(2, Math.floor(key.length / 3));
    let best: { key: string; distance: number } | undefined;
    for (const candidate of known) {
        const distance = editDistance(key, candidate);
        if (distance <= limit && (!best || distance < best.distance)) {
            best = { key: candidate, distance };
        }
    }
    return best?.key;
}
