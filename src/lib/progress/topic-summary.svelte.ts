import { now as clock } from '$lib/clock';
import type { DeckIndex } from '$lib/decks/types';
import { LiveQuery } from '$lib/db/live.svelte';
import { readOverview } from '$lib/db/overview';
import type { RehearseDB } from '$lib/db/schema';
import { countsFromOverview, deckCounts, dueToday } from '$lib/stats/home';
import { QuizRecords } from '$lib/quiz/history.svelte';
import type { TopicQuizStats } from '$lib/stats/quiz';
import { dayEndsAt } from '$lib/scheduling/day';

function topicOfDeck(index: DeckIndex): ReadonlyMap<string, string> {
	return new Map(index.decks.map((d) => [d.id, d.topic]));
}

interface Source {
	/** Null until the database is open. */
	db: () => RehearseDB | null;
	index: () => DeckIndex;
	topic: () => string;
	now?: () => number;
}

/**
 * One topic's figures for its page: what is due today, what was never studied, and the quiz scores,
 * kept up to date as cards are answered and quizzes taken, and read again at each review day's start
 * while the page stays open. Create it while a component initialises.
 */
export class TopicSummary {
	#overview;
	/**
	 * The quiz page's view of the stored attempts, once the database is open (so an exam whose time
	 * ran out is scored here as it is there).
	 */
	#attempts = $state.raw<QuizRecords | null>(null);
	#index: () => DeckIndex;
	#topic: () => string;
	/** Bumped at each day start, so the live read runs again with the new day. */
	#day = $state(0);

	constructor({ db, index, topic, now = clock }: Source) {
		this.#index = index;
		this.#topic = topic;
		this.#overview = new LiveQuery(
			([db]) => readOverview(db, now()),
			() => {
				const open = db();
				return open && ([open, this.#day] as const);
			}
		);
		$effect(() => {
			const live = this.#overview.current;
			if (!live) return;
			const t = now();
			const timer = setTimeout(() => this.#day++, dayEndsAt(t, live.settings.dayStartHour) - t);
			return () => clearTimeout(timer);
		});
		$effect(() => {
			const open = db();
			if (!open) return;
			const attempts = new QuizRecords(open, now);
			this.#attempts = attempts;
			return attempts.watch();
		});
	}

	/**
	 * What "Review this topic" will show today (all of the topic's decks, switched off or not: naming
	 * a topic includes them, see scopeDecks) and every card of the topic never studied; null until read.
	 */
	readonly cards = $derived.by(() => {
		const overview = this.#overview.current;
		if (!overview) return null;
		const index = this.#index();
		const topic = this.#topic();
		const counts = countsFromOverview(index, overview);
		const of = index.decks.filter((d) => d.topic === topic).map((d) => deckCounts(counts, d.id));
		return { due: dueToday(of, counts.reviewRoom), unseen: of.reduce((n, d) => n + d.unseen, 0) };
	});

	/** Last, best and trend of this topic's quiz scores; undefined before the first quiz. */
	readonly quiz: TopicQuizStats | undefined = $derived.by(() => {
		return this.#attempts?.topicStats(topicOfDeck(this.#index())).get(this.#topic());
	});
}
