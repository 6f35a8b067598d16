import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataSection } from '../../src/pages/simulator/sections/DataSection';
import { DEFAULT_CONFIG } from '../../src/sim/config';
import {
  BUILT_IN_DATASETS,
  DATASETS_KEY,
  readStoredDatasets,
  stageDatasets,
  useDatasetsStore,
} from '../../src/store/datasets';
import { stageKey } from '../../src/store/runs';
import { sessionDatasetsHandler } from '../../src/export/sessionFile';

const sftLines = (n: number) =>
  Array.from({ length: n }, (_, k) =>
    JSON.stringify({ instruction: `Tea question ${k}?`, response: `Steep ${k + 2} minutes.` }),
  ).join('\n');

function choose(label: string, name: string, text: string) {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
}

afterEach(() => {
  useDatasetsStore.setState({ ...BUILT_IN_DATASETS, notice: null });
});

describe('Your own data', () => {
  it('lists every problem of a malformed file with its line and changes nothing', async () => {
    render(<DataSection />);
    const keyBefore = stageKey('sft', DEFAULT_CONFIG);
    const bad = [sftLines(8), '{"instruction": "No answer?"}', 'oops'].join('\n');
    choose('Import SFT pairs (.jsonl or .csv)', 'mine.jsonl', bad);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not imported: mine.jsonl has 2 problems.');
    expect(alert.textContent).toContain('Nothing was changed.');
    const items = within(alert)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Line 9: is missing the field "response".',
      'Line 10: is not valid JSON (one object per line).',
    ]);
    expect(useDatasetsStore.getState().sft).toBeNull();
    expect(stageKey('sft', DEFAULT_CONFIG)).toBe(keyBefore);
    expect(localStorage.getItem(DATASETS_KEY)).toBeNull();
  });

  it('imports a valid file: runs are keyed by it, it is stored, and the built-in data can be restored', async () => {
    render(<DataSection />);
    const builtInKey = stageKey('reward', DEFAULT_CONFIG);
    choose('Import SFT pairs (.jsonl or .csv)', 'tea.jsonl', sftLines(10));
    await screen.findByText(/Imported 10 pairs from tea\.jsonl\./);
    const imported = useDatasetsStore.getState().sft;
    expect(imported?.items).toHaveLength(10);
    expect(screen.getByText(/Yours:/).parentElement?.textContent).toContain('tea.jsonl, 10 pairs');
    // SFT and every later stage now belong to this data; pretraining does not.
    expect(stageKey('reward', DEFAULT_CONFIG)).not.toBe(builtInKey);
    expect(stageKey('pretrain', DEFAULT_CONFIG)).toBe(
      stageKey('pretrain', DEFAULT_CONFIG, BUILT_IN_DATASETS),
    );
    // Only SFT trains on the pairs itself; later stages get them through its checkpoint.
    expect(stageDatasets('sft', useDatasetsStore.getState())?.sft).toHaveLength(10);
    expect(stageDatasets('reward', useDatasetsStore.getState())).toBeUndefined();
    expect(readStoredDatasets(localStorage.getItem(DATASETS_KEY)).datasets.sft?.items).toHaveLength(
      10,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Restore the built-in data' }));
    await waitFor(() => expect(useDatasetsStore.getState().sft).toBeNull());
    expect(stageKey('reward', DEFAULT_CONFIG)).toBe(builtInKey);
    expect(localStorage.getItem(DATASETS_KEY)).toBeNull();
  });

  it('drops corrupted or foreign stored data with a notice instead of failing', () => {
    expect(readStoredDatasets('{not json').problem).toMatch(/could not be read/);
    expect(readStoredDatasets('{"version": 99, "datasets": {}}').problem).toMatch(
      /format this version does not know/,
    );
    const damaged = JSON.stringify({
      version: 1,
      datasets: { sft: { fileName: 'x.jsonl', items: [{ id: 1, instruction: 'a' }] } },
    });
    const read = readStoredDatasets(damaged);
    expect(read.problem).toBe(
      'Some saved data was damaged and was reset to the built-in data: sft.',
    );
    expect(read.datasets).toEqual(BUILT_IN_DATASETS);
  });

  it('travels in a session file: collected, checked and restored like storage', async () => {
    const handler = sessionDatasetsHandler();
    expect(handler).not.toBeNull();
    expect(handler?.collect()).toBeUndefined(); // built-in data: nothing to carry
    render(<DataSection />);
    choose('Import SFT pairs (.jsonl or .csv)', 'tea.jsonl', sftLines(10));
    await screen.findByText(/Imported 10 pairs/);
    const carried = JSON.parse(JSON.stringify(handler?.collect())) as unknown;
    expect(handler?.check(carried)).toEqual([]);
    expect(handler?.check({ version: 1, datasets: { sft: { fileName: 'x', items: [] } } })).toEqual(
      ['Some saved data was damaged and was reset to the built-in data: sft.'],
    );
    useDatasetsStore.getState().restore('sft');
    handler?.restore(carried);
    expect(useDatasetsStore.getState().sft?.items).toHaveLength(10);
    expect(useDatasetsStore.getState().sft?.fileName).toBe('tea.jsonl');
  });
});
