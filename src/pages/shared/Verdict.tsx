/** A pass/fail mark that reads without colour: a symbol and a word. */
export function Verdict({
  ok,
  yes = 'correct',
  no = 'wrong',
}: {
  ok: boolean;
  yes?: string;
  no?: string;
}) {
  return (
    <span className={ok ? 'verdict verdict--ok' : 'verdict verdict--bad'}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      {ok ? yes : no}
    </span>
  );
}
