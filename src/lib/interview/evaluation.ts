// How well the key-point checker judges answers, measured on answers written and labelled by people who
// never saw the match phrases (tests/interview-eval/). Pure: the caller gives the questions, the labelled
// answers and the checker; this only counts.

/** The kinds of answers in the set: a wrong one uses the right words for false claims; an off-topic one
 * answers another question; a short one is a sentence or two. */
export const ANSWER_KINDS = ['strong', 'partial', 'wrong', 'offtopic', 'short'] as const;

/** One labelled answer: which key points (1-based) it states and which it contradicts. */
export interface LabelledAnswer {
	kind: (typeof ANSWER_KINDS)[number];
	text: string;
	said: number[];
	contradicted: number[];
}

export interface LabelledQuestion {
	question: string;
	answers: LabelledAnswer[];
}

/** What the checker credited: one boolean per key point, in order. */
export type Checker = (questionId: string, answer: string) => boolean[];

export interface KindFigures {
	answers: number;
	/** Mean over the answers of the share of their question's key points the checker credited. */
	meanCredited: number;
	/** Mean over the answers of the share of key points the labels say they stated. */
	meanSaid: number;
	/** Mean over the answers of the share of key points credited that they did not state (false credit). */
	meanFalseCredit: number;
}

export interface Evaluation {
	questions: number;
	answers: number;
	/** Of the points credited, the share the answer really stated. */
	precision: number;
	/** Of the points stated, the share credited. */
	recall: number;
	byKind: Record<LabelledAnswer['kind'], KindFigures>;
	/** Wrong answers credited with at least one point they did not state. */
	wrongWithFalseCredit: number;
	/** Points credited although the answer contradicts them. */
	contradictionsCredited: number;
	contradictions: number;
	/** Every (answer, point) the checker got wrong, for reading. */
	mistakes: { question: string; kind: LabelledAnswer['kind']; point: number; credited: boolean }[];
}

export function evaluate(set: readonly LabelledQuestion[], check: Checker): Evaluation {
	let tp = 0;
	let fp = 0;
	let fn = 0;
	let wrongWithFalseCredit = 0;
	let contradictions = 0;
	let contradictionsCredited = 0;
	const kinds = new Map(ANSWER_KINDS.map((k) => [k, { n: 0, credited: 0, said: 0, falseCredit: 0 }]));
	const mistakes: Evaluation['mistakes'] = [];
	let answers = 0;
	for (const q of set) {
		for (const a of q.answers) {
			answers++;
			const credited = check(q.question, a.text);
			for (const point of [...a.said, ...a.contradicted])
				if (!Number.isInteger(point) || point < 1 || point > credited.length)
					throw new Error(
						`${q.question} (${a.kind}): key point ${point} does not exist (1–${credited.length})`
					);
			const said = new Set(a.said);
			let falseCredit = false;
			credited.forEach((c, i) => {
				const point = i + 1;
				if (c && said.has(point)) tp++;
				else if (c) {
					fp++;
					falseCredit = true;
				} else if (said.has(point)) fn++;
				if (c !== said.has(point)) mistakes.push({ question: q.question, kind: a.kind, point, credited: c });
			});
			for (const point of a.contradicted) {
				contradictions++;
				if (credited[point - 1]) contradictionsCredited++;
			}
			if (a.kind === 'wrong' && falseCredit) wrongWithFalseCredit++;
			const k = kinds.get(a.kind);
			if (!k) throw new Error(`${q.question}: unknown answer kind "${a.kind}"`);
			k.n++;
			k.credited += credited.filter(Boolean).length / credited.length;
			k.said += said.size / credited.length;
			k.falseCredit += credited.filter((c, i) => c && !said.has(i + 1)).length / credited.length;
		}
	}
	const figures = (kind: LabelledAnswer['kind']): KindFigures => {
		const { n, credited, said, falseCredit } = kinds.get(kind)!;
		return {
			answers: n,
			meanCredited: n ? credited / n : 0,
			meanSaid: n ? said / n : 0,
			meanFalseCredit: n ? falseCredit / n : 0
		};
	};
	return {
		questions: set.length,
		answers,
		precision: tp + fp ? tp / (tp + fp) : 1,
		recall: tp + fn ? tp / (tp + fn) : 1,
		byKind: Object.fromEntries(ANSWER_KINDS.map((k) => [k, figures(k)])) as Evaluation['byKind'],
		wrongWithFalseCredit,
		contradictionsCredited,
		contradictions,
		mistakes
	};
}
