import type { ReactNode } from 'react';
import { Section } from '../../../components/page/Section';
import { finalTrainLoss, fmt, fmtPercent, lastHeldOut } from '../../../components/run/metrics';
import { formatNumber, useConfigStore } from '../../../store/config';
import { useStageRun } from '../../shared/useStageRun';
import type { HeldOutAnswers } from '../useHeldOutAnswers';

function formatCount(
  list: readonly ({ followsFormat: boolean } | undefined)[],
  done: boolean,
): string {
  if (list.length === 0) return '—';
  if (!done || list.some((a) => a === undefined)) return 'measuring…';
  const ok = list.filter((a) => a?.followsFormat).length;
  return `${ok} of ${list.length} (${fmtPercent(ok / list.length)})`;
}

/** Pretraining vs SFT: what each does (text), this configuration, and this run's numbers. */
export function ComparisonSection({ answers }: { answers: HeldOutAnswers }) {
  const { pretrain, sft } = useConfigStore((state) => state.config);
  const preRun = useStageRun('pretrain');
  const sftRun = useStageRun('sft');
  const sftAnswers = sftRun.summary?.answers ?? [];

  const rows: [string, ReactNode, ReactNode][] = [
    ['Data', 'Unlabelled text (the corpus)', 'Expert (instruction, response) pairs'],
    ['Objective', 'Predict every next token', 'Predict the expert response, token by token'],
    ['Loss counted on', 'Every token', 'Response tokens only (instruction masked)'],
    ['Starts from', 'Random weights', 'The pretrained base model'],
    [
      'What it learns',
      'The vocabulary, facts and style of the corpus',
      'To answer in the experts’ format, and to stop',
    ],
    [
      'What it cannot do',
      'Follow an instruction: it continues the text instead',
      'Judge which of two answers is better; add facts pretraining never stored. It copies its demonstrations, errors included',
    ],
    ['Steps (this configuration)', String(pretrain.steps), String(sft.steps)],
    [
      'Peak learning rate (this configuration)',
      formatNumber(pretrain.learningRate),
      formatNumber(sft.learningRate),
    ],
    [
      'Final training loss, nats (run shown)',
      fmt(finalTrainLoss(preRun.metrics)),
      `${fmt(finalTrainLoss(sftRun.metrics))} (masked)`,
    ],
    [
      'Held-out loss, nats (run shown)',
      fmt(lastHeldOut(preRun.metrics)?.loss),
      `${fmt(lastHeldOut(sftRun.metrics)?.loss)} (masked)`,
    ],
    [
      'Held-out answers in the expert format (run shown)',
      answers.ready ? formatCount(answers.base, answers.done) : '—',
      sftAnswers.length > 0 ? formatCount(sftAnswers, true) : '—',
    ],
  ];
  return (
    <Section id="comparison" title="Pretraining vs SFT">
      <p>
        The losses are not directly comparable: pretraining averages over every token of the corpus,
        SFT only over response tokens, which follow a fixed format and are easier to predict.
      </p>
      <div className="table-scroll">
        <table className="data-table comparison-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Aspect</span>
              </th>
              <th scope="col">Pretraining</th>
              <th scope="col">SFT</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([aspect, pre, post]) => (
              <tr key={aspect}>
                <th scope="row">{aspect}</th>
                <td>{pre}</td>
                <td>{post}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
