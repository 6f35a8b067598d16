import { Section } from '../../../components/page/Section';
import { CONFIG_FIELDS, getConfigValue } from '../../../sim';
import { useConfigStore } from '../../../store/config';
import { NumberField } from '../NumberField';

/** The knobs worth turning on this page, with their steps (ranges from CONFIG_FIELDS). */
const KNOBS: readonly { path: string; label: string; symbol: string; step: number }[] = [
  { path: 'ppo.klCoef', label: 'KL coefficient β', symbol: 'β', step: 0.01 },
  { path: 'ppo.klTarget', label: 'KL target (0 = fixed β)', symbol: 'KL target', step: 0.5 },
  { path: 'ppo.cliprange', label: 'Clip range ε', symbol: 'ε', step: 0.01 },
  { path: 'ppo.iterations', label: 'Iterations', symbol: 'Iterations', step: 1 },
  {
    path: 'ppo.rolloutsPerIteration',
    label: 'Rollouts per iteration',
    symbol: 'Rollouts',
    step: 1,
  },
];

/** Change PPO's settings for the next run (the URL keeps them; the run panel trains them). */
export function PpoSettingsSection() {
  const config = useConfigStore((state) => state.config);
  const setField = useConfigStore((state) => state.setField);
  return (
    <Section id="ppo-settings" title="Try another β or ε">
      <p>
        The KL coefficient β sets the price of moving away from the SFT model: a smaller β lets the
        reward rise faster and the KL grow further. Change a setting, then press “Train it” in the
        run panel above; the earlier stages are reused, so only PPO trains again. The settings go
        into the page&apos;s address, so the run can be shared as a link.
      </p>
      <div
        className="controls ppo-settings"
        role="group"
        aria-label="PPO settings for the next run"
      >
        {KNOBS.map((knob) => {
          const field = CONFIG_FIELDS.find((f) => f.path === knob.path);
          if (!field) return null;
          return (
            <NumberField
              key={knob.path}
              label={knob.label}
              symbol={knob.symbol}
              value={getConfigValue(config, knob.path) as number}
              min={field.min}
              max={field.max}
              step={knob.step}
              integer={field.integer}
              onApply={(value) => setField(knob.path, value)}
            />
          );
        })}
      </div>
    </Section>
  );
}
