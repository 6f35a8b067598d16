import { Section } from '../../../components/page/Section';
import { formatNumber, useConfigStore } from '../../../store/config';
import { matchingPreset, PRESETS, presetQuery, type Preset } from '../presets';

function changesText(preset: Preset): string {
  const changes = Object.entries(preset.changes);
  return changes.length === 0
    ? 'no changes'
    : changes.map(([path, value]) => `${path} = ${formatNumber(value)}`).join(', ');
}

/** The scenario presets: one press sets the defaults plus the scenario's changes. */
export function PresetsSection() {
  const current = useConfigStore((state) => matchingPreset(state.config)?.id ?? null);
  const apply = (preset: Preset) => useConfigStore.getState().applyQuery(presetQuery(preset));
  return (
    <Section id="scenarios" title="Scenarios">
      <p>
        A scenario sets every knob to its default, then makes its few changes; you can change any
        knob yourself under <a href="#settings">Every setting</a>. The page address holds the
        settings: copy it to share them.
      </p>
      <ul className="sim-presets">
        {PRESETS.map((preset) => {
          const isCurrent = current === preset.id;
          const aboutId = `preset-${preset.id}-about`;
          return (
            <li key={preset.id} className="sim-preset" data-current={isCurrent}>
              <button
                type="button"
                className={`button${isCurrent ? ' button--primary' : ''}`}
                aria-pressed={isCurrent}
                aria-describedby={aboutId}
                onClick={() => apply(preset)}
              >
                {preset.title}
              </button>
              {isCurrent && <span className="tag sim-current-tag">current settings</span>}
              <p id={aboutId} className="sim-preset-about">
                {preset.explanation}{' '}
                <span className="sim-preset-changes">({changesText(preset)})</span>
              </p>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
