import { describe, expect, it } from 'vitest';
import { mistakeReportUrl } from './mistake-report';

const deck = { id: 'git-basics', file: 'decks/git/git-basics.md' };
const item = { id: 'head-meaning', line: 42, promptText: 'What does `HEAD` normally point to? (& why #1)' };

describe('mistakeReportUrl', () => {
	it("opens GitHub's new-issue page with the title and body encoded", () => {
		const url = mistakeReportUrl('https://github.com/someone/rehearse', deck, item)!;
		expect(url.startsWith('https://github.com/someone/rehearse/issues/new?title=')).toBe(true);
		expect(url).toContain('title=Mistake%20in%20git-basics%2Fhead-meaning&body=');
		// Nothing in the query is left for the browser to guess: no raw space, &, #, ? or newline.
		const query = url.slice(url.indexOf('?') + 1);
		expect(query.split('&')).toHaveLength(2);
		expect(query).not.toMatch(/[ #?\n`]/);
		const params = new URL(url).searchParams;
		expect(params.get('title')).toBe('Mistake in git-basics/head-meaning');
		expect(params.get('body')).toBe(
			[
				'Where: `decks/git/git-basics.md:42`',
				'',
				'> What does `HEAD` normally point to? (& why #1)',
				'',
				'What is wrong (and what it should say, with a source if you have one):',
				'',
				''
			].join('\n')
		);
	});

	it('takes the repository with a trailing slash or .git', () => {
		const plain = mistakeReportUrl('https://github.com/someone/rehearse', deck, item);
		expect(mistakeReportUrl('https://github.com/someone/rehearse/', deck, item)).toBe(plain);
		expect(mistakeReportUrl(' https://github.com/someone/rehearse.git ', deck, item)).toBe(plain);
	});

	it('gives no address without a repository, or with one that is not a web address', () => {
		expect(mistakeReportUrl('', deck, item)).toBeNull();
		expect(mistakeReportUrl('   ', deck, item)).toBeNull();
		expect(mistakeReportUrl('github.com/someone/rehearse', deck, item)).toBeNull();
		expect(mistakeReportUrl('javascript:alert(1)//x/y', deck, item)).toBeNull();
		expect(mistakeReportUrl('https://github.com', deck, item)).toBeNull();
	});
});
