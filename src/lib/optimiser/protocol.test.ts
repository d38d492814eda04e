import { describe, expect, it } from 'vitest';
import { parseEpoch } from './protocol';

describe('parseEpoch', () => {
	it('reads the epoch and loss fsrs-rs logs, and nothing else', () => {
		expect(parseEpoch('epoch: 3 loss: 0.21503128450025')).toEqual({ epoch: 3, loss: 0.21503128450025 });
		expect(parseEpoch('best_loss: 0.2149')).toBeNull();
		expect(parseEpoch(42)).toBeNull();
	});
});
