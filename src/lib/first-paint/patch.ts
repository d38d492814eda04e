import { answerBucket } from '$lib/db/reviews';
import { applyAnswers, applySettings, type Answer } from './apply';
import type { Snapshot } from './format';
import type { Writes } from './watch';

/** The snapshot after these writes, or null when they are not ones it can follow exactly. */
export function patched(s: Snapshot, w: Writes): Snapshot | null {
	if (w.other) return null;
	if (w.log.length === 0) {
		const only = w.settings.length === 1 && w.cards.length + w.days.length + w.deckTotals.length === 0;
		return only ? applySettings(s, w.settings[0]!) : null;
	}
	if (w.settings.length > 0 || !answersOnly(w)) return null;
	const answers: Answer[] = w.log.map((e) => ({
		before: e.before,
		after: e.after,
		day: e.day,
		bucket: e.source === 'review' ? answerBucket(e.before) : null
	}));
	return applyAnswers(s, answers);
}

/**
 * Whether the writes are answers and what goes with them: one card state per log entry (its `after`,
 * each card once), day totals of the answers' days, and deck totals of decks with a card met first.
 */
function answersOnly(w: Writes): boolean {
	const ids = new Set(w.log.map((e) => e.cardId));
	if (ids.size !== w.log.length || w.cards.length !== w.log.length) return false;
	const after = new Map(w.log.map((e) => [e.cardId, e.after]));
	if (!w.cards.every((c) => after.get(c.id)?.rev === c.rev && after.get(c.id)?.due === c.due)) return false;
	const days = new Set(w.log.map((e) => e.day));
	const met = new Set(w.log.filter((e) => !e.before).map((e) => e.deckId));
	return w.days.every((d) => days.has(d)) && w.deckTotals.every((d) => met.has(d));
}
