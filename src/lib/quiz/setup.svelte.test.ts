import { describe, expect, it } from 'vitest';
import { QuizSetupChoices } from './setup.svelte';

// B13: the preset was read once on mount and copied over the person's choices on every remount.
describe('QuizSetupChoices', () => {
	it('applies a new preset and leaves the person’s choices alone when the same one comes again', () => {
		const choices = new QuizSetupChoices();
		choices.applyPreset({ topic: 'databases', deck: null });
		expect(choices.topics).toEqual(['databases']);
		choices.topics = ['databases', 'networking'];
		choices.mode = 'exam';
		choices.applyPreset({ topic: 'databases', deck: null });
		expect(choices.topics).toEqual(['databases', 'networking']);
		choices.applyPreset({ topic: null, deck: 'dsa-graphs' });
		expect(choices).toMatchObject({ scope: 'deck', deck: 'dsa-graphs', mode: 'exam' });
		choices.applyPreset({ topic: 'security', deck: null });
		expect(choices).toMatchObject({ scope: 'topics', topics: ['security'] });
	});

	it('a link without a preset changes nothing', () => {
		const choices = new QuizSetupChoices();
		choices.applyPreset({ topic: null, deck: null });
		expect(choices).toMatchObject({ scope: 'topics', topics: [], deck: '' });
	});
});
