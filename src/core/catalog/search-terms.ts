/**
 * The character n-gram index for Chinese search. Neither FTS5's unicode61 tokenizer nor
 * PostgreSQL text search segments Chinese, and trigram indexes cannot serve the two-character
 * words that matter most (低保, 户籍). So both dialects store the same terms: every character
 * (for one-character queries) and every adjacent pair within a run of word characters.
 */
const WORD_RUN = /[\p{L}\p{N}]+/gu;

export function normaliseSearchText(text: string): string {
  // NFKC folds full-width Latin letters and digits, which Chinese input methods produce.
  return text.normalize('NFKC').toLowerCase();
}

function runsOf(text: string): string[][] {
  return (normaliseSearchText(text).match(WORD_RUN) ?? []).map((run) => Array.from(run));
}

/** All unigrams and bigrams of a text, deduplicated. */
export function indexTerms(...texts: string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const characters of runsOf(text)) {
      characters.forEach((character, index) => {
        terms.add(character);
        const next = characters[index + 1];
        if (next !== undefined) terms.add(character + next);
      });
    }
  }
  return [...terms];
}

/**
 * The terms a query must all match: its bigrams, or the single character of a one-character
 * run. Matching every bigram is necessary, not sufficient, so the caller confirms the phrase.
 */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const characters of runsOf(query)) {
    if (characters.length === 1) terms.add(characters[0]!);
    for (let index = 0; index + 1 < characters.length; index++) terms.add(characters[index]! + characters[index + 1]!);
  }
  return [...terms];
}

/** The phrases a match must contain, for the confirming check after the index lookup. */
export function queryPhrases(query: string): string[] {
  return runsOf(query).map((characters) => characters.join(''));
}
