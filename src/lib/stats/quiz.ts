import type { QuestionHistory } from '$lib/quiz/select';
import type { QuizRecord } from '$lib/quiz/types';
import { deckOf } from '$lib/scheduling/card';

export interface Score {
	correct: number;
	/** Questions that count: all but those removed from their deck. */
	total: number;
	answered: number;
}

export function attemptScore(attempt: QuizRecord, onlyRefs?: (ref: string) => boolean): Score {
	let correct = 0;
	let total = 0;
	let answered = 0;
	attempt.questions.forEach((q, i) => {
		const a = attempt.answers[i];
		if (a === 'removed' || (onlyRefs && !onlyRefs(q.ref))) return;
		total++;
		if (a) {
			answered++;
			if (a.verdict === 'correct') correct++;
		}
	});
	return { correct, total, answered };
}

/** Per question: when it was last answered and whether that answer was right. */
export function questionHistory(attempts: readonly QuizRecord[]): Map<string, QuestionHistory> {
	const out = new Map<string, QuestionHistory>();
	for (const attempt of attempts) {
		attempt.questions.forEach((q, i) => {
			const a = attempt.answers[i];
			if (!a || a === 'removed') return;
			const prev = out.get(q.ref);
			if (!prev?.lastAnsweredAt || prev.lastAnsweredAt <= a.answeredAt) {
				out.set(q.ref, { lastAnsweredAt: a.answeredAt, lastCorrect: a.verdict === 'correct' });
			}
		});
	}
	return out;
}

export interface TopicQuizStats {
	/** Percent scores of finished attempts that included this topic, oldest first. */
	trend: number[];
	last: number | null;
	best: number | null;
}

/**
 * Quiz results per topic: each finished attempt scores the topic on its own questions from that
 * topic, so a mixed quiz counts toward each topic it covered.
 */
export function topicQuizStats(
	attempts: readonly QuizRecord[],
	topicOfDeck: ReadonlyMap<string, string>
): Map<string, TopicQuizStats> {
	const out = new Map<string, TopicQuizStats>();
	const finished = attempts.filter((a) => a.finishedAt !== null).sort((a, b) => a.startedAt - b.startedAt);
	for (const attempt of finished) {
		const topics = new Set(attempt.questions.map((q) => topicOfDeck.get(deckOf(q.ref)) ?? ''));
		for (const topic of topics) {
			if (!topic) continue;
			const s = attemptScore(attempt, (ref) => topicOfDeck.get(deckOf(ref)) === topic);
			if (s.total === 0) continue;
			const pct = Math.round((100 * s.correct) / s.total);
			const entry = out.get(topic) ?? { trend: [], last: null, best: null };
			entry.trend.push(pct);
			entry.last = pct;
			entry.best = Math.max(entry.best ?? 0, pct);
			out.set(topic, entry);
		}
	}
	return out;
}
