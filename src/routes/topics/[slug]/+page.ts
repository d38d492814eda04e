import { error } from '@sveltejs/kit';
import { loadIndex } from '$lib/catalog';
import type { EntryGenerator, PageLoad } from './$types';
import { TOPICS } from '$lib/decks/types';

export const entries: EntryGenerator = () => TOPICS.map((t) => ({ slug: t.slug }));

export const load: PageLoad = async ({ params, fetch }) => {
	const index = await loadIndex(fetch);
	const topic = index.topics.find((t) => t.slug === params.slug);
	if (!topic) error(404, `There is no topic called '${params.slug}'.`);
	return { index, topic, decks: index.decks.filter((d) => d.topic === topic.slug) };
};
