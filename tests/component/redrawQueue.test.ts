/**
 * The chart redraw queue: charts updated together are redrawn one per task, in order,
 * and a chart queued twice is redrawn once, with its latest figure.
 */
import { describe, expect, it } from 'vitest';
import { cancelRedraw, queueRedraw } from '../../src/components/chart/redrawQueue';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('redrawQueue', () => {
  it('runs one redraw per task, in the order queued; a re-queued chart keeps one entry', async () => {
    const ran: string[] = [];
    const a = {};
    const b = {};
    const c = {};
    queueRedraw(a, () => ran.push('a1'));
    queueRedraw(b, () => ran.push('b'));
    queueRedraw(a, () => ran.push('a2')); // replaces a1, keeps a's place
    queueRedraw(c, () => ran.push('c'));
    cancelRedraw(c); // unmounted before its turn
    expect(ran).toEqual([]);
    await nextTask();
    expect(ran).toEqual(['a2']);
    await nextTask();
    expect(ran).toEqual(['a2', 'b']);
    await nextTask();
    await nextTask();
    expect(ran).toEqual(['a2', 'b']);
  });
});
