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
