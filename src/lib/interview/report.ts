import type { InterviewQuestion } from '$lib/decks/types';
import type { InterviewAnswer, InterviewRecord } from './types';

export interface PointResult {
	text: string;
	/** Covered: found by the checker, or the person says they said it. */
	covered: boolean;
	overridden: boolean;
	/** The wrong claims the checker found for this point (the person may still override). */
	contradicted: string[];
	links: string[];
}

export interface QuestionReport {
	ref: string;
	topic: string;
	prompt: string;
	points: PointResult[];
	covered: number;
	usedMs: number;
	allowedMs: number;
	timedOut: boolean;
	empty: boolean;
	selfRating: number | null;
	followUps: number;
}

export interface TopicCoverage {
	topic: string;
	covered: number;
	total: number;
	pct: number;
}

export interface SessionReport {
	questions: QuestionReport[];
	topics: TopicCoverage[];
	/** Topics below the session's own average coverage, weakest first (at most three). */
	weakest: string[];
	/** Decks whose flashcards teach the missed points, most missed first. */
	decksToReview: string[];
	covered: number;
	total: number;
	durationMs: number;
}

/** The result of one answered question: which key points count as covered, and the time used. */
export function questionReport(answer: InterviewAnswer, question: InterviewQuestion): QuestionReport {
	const points = question.keyPoints.map((k, i) => {
		const overridden = !answer.covered[i] && Boolean(answer.overrides[i]);
		return {
			text: k.text,
			covered: Boolean(answer.covered[i]) || overridden,
			overridden,
			contradicted: answer.contradicted?.[i] ?? [],
			links: k.links
		};
	});
	const allowedMs = answer.minutes * 60_000;
	const used =
		answer.startedAt !== null && answer.submittedAt !== null ? answer.submittedAt - answer.startedAt : 0;
	return {
		ref: answer.ref,
		topic: answer.topic,
		prompt: question.promptText,
		points,
		covered: points.filter((p) => p.covered).length,
		usedMs: answer.timedOut ? allowedMs : Math.max(0, used),
		allowedMs,
		timedOut: answer.timedOut,
		empty: answer.text.trim() === '',
		selfRating: answer.selfRating,
		followUps: answer.followUps.length
	};
}

/**
 * The session report: per question, per topic, the weakest topics and the decks to review next.
 * Questions whose deck no longer has them are left out (their answers stay stored).
 */
export function buildReport(
	session: InterviewRecord,
	questions: ReadonlyMap<string, InterviewQuestion>
): SessionReport {
	const reports = session.questions.flatMap((a) => {
		const q = questions.get(a.ref);
		return q && a.submittedAt !== null ? [questionReport(a, q)] : [];
	});
	const byTopic = new Map<string, TopicCoverage>();
	for (const r of reports) {
		const t = byTopic.get(r.topic) ?? { topic: r.topic, covered: 0, total: 0, pct: 0 };
		t.covered += r.covered;
		t.total += r.points.length;
		byTopic.set(r.topic, t);
	}
	const topics = [...byTopic.values()].map((t) => ({
		...t,
		pct: t.total ? Math.round((100 * t.covered) / t.total) : 0
	}));
	const covered = reports.reduce((n, r) => n + r.covered, 0);
	const total = reports.reduce((n, r) => n + r.points.length, 0);
	const average = total ? (100 * covered) / total : 0;
	const weakest = topics
		.filter((t) => t.pct < average || topics.length === 1)
		.filter((t) => t.pct < 100)
		.sort((a, b) => a.pct - b.pct)
		.slice(0, 3)
		.map((t) => t.topic);
	const deckMisses = new Map<string, number>();
	for (const card of missedCards(reports)) {
		const deck = card.split('/')[0] ?? '';
		deckMisses.set(deck, (deckMisses.get(deck) ?? 0) + 1);
	}
	const decksToReview = [...deckMisses.entries()].sort((a, b) => b[1] - a[1]).map(([d]) => d);
	const ends = session.questions.map((q) => q.submittedAt ?? 0);
	const durationMs = Math.max(session.finishedAt ?? 0, ...ends) - session.startedAt;
	return {
		questions: reports,
		topics,
		weakest,
		decksToReview,
		covered,
		total,
		durationMs: Math.max(0, durationMs)
	};
}

/** The flashcards behind every key point that was missed (and not overridden). */
export function missedCards(reports: readonly QuestionReport[]): string[] {
	return [...new Set(reports.flatMap((r) => r.points.filter((p) => !p.covered).flatMap((p) => p.links)))];
}

/**
 * Coverage per topic for each finished session, oldest first: the trend on the history page. Uses
 * only what the session stored (checker results and overrides), so it works for removed questions too.
 */
export function coverageTrend(sessions: readonly InterviewRecord[]): Map<string, number[]> {
	const out = new Map<string, number[]>();
	for (const s of [...sessions]
		.filter((x) => x.finishedAt !== null)
		.sort((a, b) => a.startedAt - b.startedAt)) {
		const perTopic = new Map<string, [number, number]>();
		for (const a of s.questions) {
			if (a.submittedAt === null) continue;
			const [c, t] = perTopic.get(a.topic) ?? [0, 0];
			const covered = a.covered.filter((x, i) => x || a.overrides[i]).length;
			perTopic.set(a.topic, [c + covered, t + a.covered.length]);
		}
		for (const [topic, [c, t]] of perTopic)
			if (t) out.set(topic, [...(out.get(topic) ?? []), Math.round((100 * c) / t)]);
	}
	return out;
}

function minutes(ms: number): string {
	const s = Math.round(ms / 1000);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** How the Markdown report names topics and decks (their titles, not their ids). */
export interface ReportNames {
	topic: (slug: string) => string;
	deck: (id: string) => string;
}

/** The report as Markdown, for copying into notes. */
export function reportMarkdown(report: SessionReport, session: InterviewRecord, names: ReportNames): string {
	const topicTitle = names.topic;
	const lines = [
		`# Mock interview — ${new Date(session.startedAt).toLocaleString()}`,
		'',
		`Level: ${session.level} · Mode: ${session.mode} · Key points covered: ${report.covered}/${report.total}`,
		'',
		'## By topic',
		'',
		...report.topics.map((t) => `- ${topicTitle(t.topic)}: ${t.covered}/${t.total} (${t.pct}%)`),
		''
	];
	if (report.weakest.length) lines.push(`Weakest: ${report.weakest.map(topicTitle).join(', ')}`, '');
	if (report.decksToReview.length)
		lines.push(`Decks to review next: ${report.decksToReview.map(names.deck).join(', ')}`, '');
	lines.push('## Questions', '');
	report.questions.forEach((q, i) => {
		lines.push(`### ${i + 1}. ${q.prompt}`, '');
		lines.push(
			`Covered ${q.covered}/${q.points.length} · time ${minutes(q.usedMs)} of ${minutes(q.allowedMs)}${q.timedOut ? ' (timed out)' : ''}` +
				`${q.selfRating ? ` · self-rating ${q.selfRating}/5` : ''}${q.followUps ? ` · follow-ups taken: ${q.followUps}` : ''}`,
			''
		);
		for (const p of q.points)
			lines.push(`- [${p.covered ? 'x' : ' '}] ${p.text}${p.overridden ? ' (marked as said)' : ''}`);
		lines.push('');
	});
	return lines.join('\n');
}
