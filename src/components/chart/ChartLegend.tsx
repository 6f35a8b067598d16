/**
 * The chart's legend, in HTML: each series' swatch (colour, dash, marker shape or bar
 * pattern: never colour alone) and name. Hovering or focusing an entry highlights the
 * series (and any formula term linked to it); clicking hides or shows it, as Plotly's
 * own legend did. Swatches are SVG with presentation attributes, so the strict CSP
 * (no inline styles) holds.
 */
import type { LegendEntry } from './figure';

const W = 40;
const H = 18;
const MID = H / 2;

/** The marker shape at (cx, cy), radius r, as SVG. */
function Marker({ symbol, color }: { symbol: LegendEntry['symbol']; color: string }) {
  const cx = W / 2;
  const r = 5.5;
  switch (symbol) {
    case 'circle':
      return <circle cx={cx} cy={MID} r={r} fill={color} />;
    case 'square':
      return <rect x={cx - r} y={MID - r} width={2 * r} height={2 * r} fill={color} />;
    case 'diamond':
      return (
        <polygon
          points={`${cx},${MID - r - 1} ${cx + r + 1},${MID} ${cx},${MID + r + 1} ${cx - r - 1},${MID}`}
          fill={color}
        />
      );
    case 'triangle-up':
      return (
        <polygon
          points={`${cx},${MID - r} ${cx + r},${MID + r} ${cx - r},${MID + r}`}
          fill={color}
        />
      );
    case 'triangle-down':
      return (
        <polygon
          points={`${cx - r},${MID - r} ${cx + r},${MID - r} ${cx},${MID + r}`}
          fill={color}
        />
      );
    case 'x':
      return (
        <path
          d={`M${cx - r},${MID - r}L${cx + r},${MID + r}M${cx + r},${MID - r}L${cx - r},${MID + r}`}
          stroke={color}
          strokeWidth={3}
        />
      );
    case 'cross':
      return (
        <path
          d={`M${cx - r},${MID}L${cx + r},${MID}M${cx},${MID - r}L${cx},${MID + r}`}
          stroke={color}
          strokeWidth={3.5}
        />
      );
  }
}

/** Hatching over a bar swatch, like Plotly's marker.pattern shapes. */
function Hatch({ pattern, stroke }: { pattern: LegendEntry['pattern']; stroke: string }) {
  const lines: string[] = [];
  const diagonal = (dir: 1 | -1) => {
    for (let x = -H; x < W; x += 7) {
      lines.push(dir === 1 ? `M${x},${H}L${x + H},0` : `M${x},0L${x + H},${H}`);
    }
  };
  if (pattern === '/' || pattern === 'x') diagonal(1);
  if (pattern === '\\' || pattern === 'x') diagonal(-1);
  if (pattern === '-' || pattern === '+')
    for (let y = 4; y < H; y += 5) lines.push(`M0,${y}L${W},${y}`);
  if (pattern === '+') for (let x = 4; x < W; x += 6) lines.push(`M${x},0L${x},${H}`);
  if (pattern === '.') {
    return (
      <g fill={stroke}>
        {[5, 13, 21, 29, 37].flatMap((x) =>
          [5, 13].map((y) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.6} />),
        )}
      </g>
    );
  }
  return lines.length > 0 ? <path d={lines.join('')} stroke={stroke} strokeWidth={2} /> : null;
}

function Swatch({ entry, background }: { entry: LegendEntry; background: string }) {
  return (
    <svg
      className="chart-legend-swatch"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      aria-hidden="true"
    >
      {entry.kind === 'bar' ? (
        <>
          <rect x={1} y={1} width={W - 2} height={H - 2} fill={entry.color} />
          <Hatch pattern={entry.pattern} stroke={background} />
        </>
      ) : (
        <>
          <line
            x1={0}
            y1={MID}
            x2={W}
            y2={MID}
            stroke={entry.color}
            strokeWidth={3}
            strokeDasharray={entry.dashed ? '7 4' : undefined}
          />
          <Marker symbol={entry.symbol} color={entry.color} />
        </>
      )}
    </svg>
  );
}

export interface ChartLegendProps {
  entries: readonly LegendEntry[];
  /** The theme's background (bar hatching is drawn in it, as on the plot). */
  background: string;
  highlighted: string | undefined;
  onHover(key: string | null): void;
  onToggle(key: string): void;
}

export function ChartLegend({
  entries,
  background,
  highlighted,
  onHover,
  onToggle,
}: ChartLegendProps) {
  if (entries.length === 0) return null;
  return (
    <ul className="chart-legend" aria-label="Series (click to hide or show)">
      {entries.map((entry) => (
        <li key={entry.key}>
          <button
            type="button"
            className={`chart-legend-item${highlighted === entry.key ? ' chart-legend-item--active' : ''}`}
            aria-pressed={!entry.hidden}
            onMouseEnter={() => onHover(entry.key)}
            onMouseLeave={() => onHover(null)}
            onFocus={() => onHover(entry.key)}
            onBlur={() => onHover(null)}
            onClick={() => onToggle(entry.key)}
          >
            <Swatch entry={entry} background={background} />
            <span className="chart-legend-name">{entry.name}</span>
            {entry.hidden && <span className="chart-legend-state">(hidden)</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
