// The tables of earlier schema versions, exactly as their code declared them: what a database left by
// that version looks like. Only the upgrade tests and the upgrade bench use these, to build such a
// database and open it with today's schema.

/** Version 1's tables; later versions only add to them until version 5 moved the log. */
export const V1_STORES = {
	cards: 'id, deckId, due',
	reviewLog: '++id, cardId, reviewedAt, day',
	days: 'day',
	settings: 'id'
};

/** Version 4's tables: the last with the log in `reviewLog`, keyed by a per-browser counter. */
export const V4_STORES = {
	...V1_STORES,
	reviewLog: '++id, cardId',
	quizAttempts: 'id, startedAt, finishedAt',
	interviews: 'id, startedAt, finishedAt',
	deckTotals: 'deckId'
};

/** Version 6's tables: the log in `log` by UUIDv7, with sync's tables, and no statistics tally yet. */
export const V6_STORES = {
	cards: 'id, deckId, due',
	days: 'day',
	settings: 'id',
	quizAttempts: 'id, startedAt, finishedAt',
	interviews: 'id, startedAt, finishedAt',
	deckTotals: 'deckId',
	log: 'id, cardId',
	removed: 'id',
	outbox: '++seq',
	syncMeta: 'key',
	inbox: 'id, cardId'
};

/** Version 7's tables: the statistics tally, keyed by day and deck only, and no packed decks yet. */
export const V7_STORES = { ...V6_STORES, dayDecks: '[day+deckId]' };

/** Version 8's tables: packed decks and the tally's index by deck, and no own decks yet. */
export const V8_STORES = { ...V7_STORES, deckMemory: 'deckId', dayDecks: '[day+deckId], deckId' };

/** Version 9's tables: own decks, and no copies of shipped items yet. */
export const V9_STORES = { ...V8_STORES, ownDecks: 'id', ownDeckFiles: 'id' };

/** Version 11's tables: card events and marks, and the log stored loose only (no packs yet). */
export const V11_STORES = {
	...V9_STORES,
	itemCopies: 'id, deckId',
	cardEvents: 'id, cardId',
	cardMarks: 'id, deckId'
};

/** Version 12's tables: the log's packs one record per card, before they went into buckets. */
export const V12_STORES = { ...V11_STORES, packs: 'cardId, *ids' };

/** Version 13's tables: the packs in buckets, indexed by every row id. */
export const V13_STORES = {
	...V12_STORES,
	packs: null,
	buckets: 'bucket, *ids, *cardIds',
	inbox: 'id, [bucket+cardId]'
};
