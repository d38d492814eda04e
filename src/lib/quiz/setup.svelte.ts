import type { QuizMode } from './types';

/** What the quiz link asks for: `/quiz?topic=…` or `/quiz?deck=…`. */
export interface QuizPreset {
	topic: string | null;
	deck: string | null;
}

/**
 * The choices on the quiz setup form. They belong to the page, not to the form, so they survive the
 * form going away while a quiz runs; a link's preset is applied when the link changes, never again
 * over what the person chose since.
 */
export class QuizSetupChoices {
	scope = $state<'topics' | 'deck'>('topics');
	topics = $state<string[]>([]);
	deck = $state('');
	length = $state<'5' | '10' | '20' | 'all'>('10');
	mode = $state<QuizMode>('practice');
	limit = $state('0');
	#applied: string | null = null;

	/** Applies a link's preset, once per distinct preset. */
	applyPreset(preset: QuizPreset): void {
		const key = `${preset.topic ?? ''}\u0000${preset.deck ?? ''}`;
		if (key === this.#applied) return;
		this.#applied = key;
		if (preset.deck) {
			this.scope = 'deck';
			this.deck = preset.deck;
		} else if (preset.topic) {
			this.scope = 'topics';
			this.topics = [preset.topic];
		}
	}
}
