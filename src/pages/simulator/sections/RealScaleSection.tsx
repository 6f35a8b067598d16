import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { Chart, type ChartSeries } from '../../../components/chart';
import { Section } from '../../../components/page/Section';
import { chinchillaLoss, parameterCount } from '../../../sim';
import { useConfigStore } from '../../../store/config';
import {
  DEFAULT_REAL_SCALE,
  parseScaleValue,
  realScale,
  shortScale,
  type RealScaleInput,
} from '../realScale';

const FIELDS: { key: keyof RealScaleInput; label: string; hint: string }[] = [
  { key: 'params', label: 'Parameters N', hint: '1e6 to 1e13 (70e9 = 70B)' },
  { key: 'tokens', label: 'Training tokens D', hint: '1e6 to 1e15 (1.4e12 = 1.4T)' },
  { key: 'peakFlops', label: 'GPU peak FLOP/s', hint: 'default: H100 dense BF16, 989e12' },
  { key: 'utilisation', label: 'Utilisation (MFU)', hint: '0.01 to 1; 0.3–0.5 is typical' },
];

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/**
 * What the tiny run would mean at real scale: the Chinchilla law's projected loss for
 * N parameters and D tokens, the compute-optimal split of the same compute, and the
 * GPU-hours it takes. Labelled as a projection of a published law.
 */
export function RealScaleSection() {
  const id = useId();
  const ours = parameterCount(useConfigStore((state) => state.config.model));
  const [input, setInput] = useState<RealScaleInput>(DEFAULT_REAL_SCALE);
  const [texts, setTexts] = useState<Record<keyof RealScaleInput, string>>({
    params: '70e9',
    tokens: '1.4e12',
    peakFlops: '989e12',
    utilisation: '0.4',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof RealScaleInput, string>>>({});
  const figures = useMemo(() => realScale(input), [input]);

  const onChange = (key: keyof RealScaleInput) => (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value;
    setTexts((t) => ({ ...t, [key]: text }));
    const parsed = parseScaleValue(key, text);
    if ('error' in parsed) {
      setErrors((e) => ({ ...e, [key]: `Not applied: ${parsed.error}` }));
    } else {
      setErrors((e) => ({ ...e, [key]: undefined }));
      setInput((i) => ({ ...i, [key]: parsed.value }));
    }
  };

  // Loss against tokens for this N (log-spaced), and the compute-optimal point.
  const series = useMemo<ChartSeries[]>(() => {
    const xs = Array.from({ length: 41 }, (_, i) => 10 ** (8 + (i * 7) / 40));
    return [
      {
        name: `N = ${shortScale(input.params)}`,
        x: xs,
        y: xs.map((d) => chinchillaLoss(input.params, d)),
        paletteIndex: 0,
      },
      {
        name: 'your D',
        x: [input.tokens],
        y: [figures.loss],
        paletteIndex: 1,
      },
      {
        name: 'compute-optimal (same FLOPs)',
        x: [figures.optimal.tokens],
        y: [figures.optimal.loss],
        paletteIndex: 2,
      },
    ];
  }, [input.params, input.tokens, figures]);

  const days = figures.gpuHours / 24;
  return (
    <Section id="real-scale" title="At real scale: a projection (Chinchilla)">
      <p>
        The model configured here has {shortScale(ours)} parameters. What would the same recipe cost
        at real scale? This panel does not simulate anything: it evaluates the scaling law that
        Hoffmann et al. (2022) fitted to hundreds of real training runs, L(N, D) = E + A/N
        <sup>α</sup> + B/D<sup>β</sup>, with compute C ≈ 6·N·D.
      </p>
      <div className="sim-group sim-real-scale-fields" role="group" aria-label="Scale">
        {FIELDS.map((f) => (
          <div key={f.key} className="sim-field" data-invalid={errors[f.key] ? true : undefined}>
            <label className="sim-field-label" htmlFor={`${id}-${f.key}`}>
              {f.label}
            </label>
            <input
              id={`${id}-${f.key}`}
              className="text-input sim-input"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={texts[f.key]}
              aria-invalid={Boolean(errors[f.key])}
              aria-describedby={`${id}-${f.key}-hint ${id}-${f.key}-error`}
              onChange={onChange(f.key)}
            />
            <p className="sim-hint" id={`${id}-${f.key}-hint`}>
              {f.hint}
            </p>
            <p className="sim-error" id={`${id}-${f.key}-error`} aria-live="polite">
              {errors[f.key] ?? ''}
            </p>
          </div>
        ))}
      </div>
      <p className="sim-real-scale-reading" data-testid="real-scale-reading">
        <strong>Projection:</strong> {shortScale(input.params)} parameters on{' '}
        {shortScale(input.tokens)} tokens ({figures.tokensPerParam.toFixed(1)} tokens per parameter)
        take {figures.flops.toExponential(2)} FLOPs and reach a loss of about{' '}
        {figures.loss.toFixed(3)} nats per token. The compute-optimal split of the same compute is{' '}
        {shortScale(figures.optimal.params)} parameters on {shortScale(figures.optimal.tokens)}{' '}
        tokens (about 20 per parameter, the paper&rsquo;s Table 3), loss{' '}
        {figures.optimal.loss.toFixed(3)}. At {(input.utilisation * 100).toFixed(0)}% of{' '}
        {input.peakFlops.toExponential(2)} FLOP/s that is {integer.format(figures.gpuHours)}{' '}
        GPU-hours ({integer.format(days)} GPU-days).
      </p>
      <Chart
        title="Projected loss against training tokens"
        description={`Chinchilla projection for N = ${shortScale(input.params)}: loss ${chinchillaLoss(input.params, 1e8).toFixed(2)} at 100M tokens falling towards the law's floor E = 1.69; your D gives ${figures.loss.toFixed(3)}, the compute-optimal split ${figures.optimal.loss.toFixed(3)}.`}
        series={series}
        xTitle="training tokens D (log scale)"
        yTitle="projected loss (nats/token)"
        logX
        size="short"
      />
    </Section>
  );
}
