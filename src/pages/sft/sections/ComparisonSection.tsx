import { formatNumber, useConfigStore } from '../../../store/config';
import { Section } from '../../../components/page/Section';

/** Pretraining vs SFT, with this configuration's steps and learning rates. */
export function ComparisonSection() {
  const { pretrain, sft } = useConfigStore((state) => state.config);
  const rows: [string, string, string][] = [
    ['Data', 'Unlabelled text (the corpus)', 'Expert (instruction, response) pairs'],
    ['Objective', 'Predict every next token', 'Predict the expert response, token by token'],
    ['Loss counted on', 'Every token', 'Response tokens only (instruction masked)'],
    ['Starts from', 'Random weights', 'The pretrained base model'],
    ['Steps (this configuration)', String(pretrain.steps), String(sft.steps)],
    [
      'Peak learning rate (this configuration)',
      formatNumber(pretrain.learningRate),
      formatNumber(sft.learningRate),
    ],
    ['Result', 'A model that continues text', 'A model that answers in the experts’ format'],
    [
      'Limitation',
      'Does not follow instructions',
      'Copies its demonstrations; cannot rank two answers',
    ],
  ];
  return (
    <Section id="comparison" title="Pretraining vs SFT">
      <div className="table-scroll">
        <table className="data-table">
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
