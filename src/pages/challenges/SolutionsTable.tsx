import type { ReactNode } from 'react';

export interface Solution {
  /** The solution, as the seeds name it. */
  name: string;
  /** What the seeds claim for it, quoted or summarised (a claim, not a measurement). */
  claim: string;
  /** What the study on this page measured about it, or why it does not measure it. */
  measured: ReactNode;
}

/**
 * The seeds' solutions to one challenge next to what this page measured: the claims
 * are labelled as claims (the seeds' percentages were never measured).
 */
export function SolutionsTable({ caption, rows }: { caption: string; rows: readonly Solution[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table solutions-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Solution the seeds propose</th>
            <th scope="col">The seeds’ claim</th>
            <th scope="col">Measured here</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              <td>
                <span className="claim-tag">Claim</span> {row.claim}
              </td>
              <td>{row.measured}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
